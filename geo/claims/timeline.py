"""A place's timeline: every claim about one settlement up to a date, one lane per claimant.

Each claim opens a segment that runs until the same claimant's next claim about the place
(or the selected date, for its latest claim), so a lane reads as "what this claimant said
the place's status was, over time". Two claims by one claimant on one day: the later row
wins, as in :mod:`geo.claims.index` resolution; the earlier one keeps its mark (it was
said) but its segment is empty (``wins`` False, ``end`` equal to ``start``).

Built from the :class:`~geo.claims.index.ClaimIndex`: the index's keys are sorted by
(settlement, claimant, date, row), so one settlement's claims are one contiguous range
found by two ``searchsorted`` calls, already in lane order; nothing scans the other
claims. :func:`timeline_naive` is the straightforward boolean-filter version the fast one
is tested and benchmarked against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo import vocab
from geo.claims.index import ClaimIndex

#: The claim fields each segment carries (besides ``claimant``, ``side`` and the dates).
CLAIM_FIELDS = ("id", "status", "extent", "part", "encircled", "summary", "source",
                "source_url")

#: The columns of :attr:`Timeline.segments`, in order.
SEGMENT_COLUMNS = ("claimant", "side", "start", "end", "days", "wins", *CLAIM_FIELDS)


@dataclass(frozen=True)
class Timeline:
    """One settlement's claims up to ``on``, as segments grouped in lanes."""

    settlement: str
    on: dt.date
    #: one row per claim, lane by lane (claimants in :attr:`lanes` order), then by date
    #: and row: ``start`` (the claim's date), ``end`` (the claimant's next claim's date, or
    #: ``on``), ``days``, ``wins`` (False: a later row of the same claimant and day
    #: replaces it), and the claim's :data:`CLAIM_FIELDS`
    segments: pd.DataFrame
    lanes: tuple[str, ...]   #: claimants that spoke about the place by ``on``, by side

    @property
    def empty(self) -> bool:
        """No claim about the place on or before ``on``."""
        return self.segments.empty


def _empty_segments(claims: pd.DataFrame) -> pd.DataFrame:
    out = claims.iloc[:0].reindex(columns=[c for c in SEGMENT_COLUMNS if c in claims])
    return out.assign(start=pd.Series(dtype="datetime64[ns]"),
                      end=pd.Series(dtype="datetime64[ns]"),
                      days=pd.Series(dtype="int64"), wins=pd.Series(dtype="bool")
                      )[list(SEGMENT_COLUMNS)]


def _lane_order(claimants: np.ndarray, sides: np.ndarray, start: np.ndarray
                ) -> tuple[np.ndarray, tuple[str, ...]]:
    """Claimants by side (Russian, Ukrainian, independent), then by their first claim; and
    the stable order of the rows (``claimants``, ``sides``, ``start``: one per row, in date
    order within each claimant) that puts the lanes in that order, dates kept. A few lanes
    at most: sorted in Python, not by pandas (~3 ms of a selection's server CPU)."""
    codes, first = np.unique(claimants, return_index=True)
    side_rank: dict[object, int] = {s: k for k, s in enumerate(vocab.SIDES)}
    lanes = sorted(range(len(codes)), key=lambda k: (
        side_rank.get(sides[first[k]], -1), start[first[k]], str(codes[k])))
    rank = np.empty(len(codes), dtype=np.int64)
    rank[lanes] = np.arange(len(codes))
    lane_of_row = rank[np.searchsorted(codes, claimants)]
    return (np.argsort(lane_of_row, kind="stable"),
            tuple(str(codes[k]) for k in lanes))


def _segments(claims: pd.DataFrame, rows: np.ndarray, lane: np.ndarray, day: np.ndarray,
              on: dt.date, settlement: str) -> Timeline:
    """The timeline of claim positions ``rows`` sorted by (lane, day, row), its lanes in
    :func:`_lane_order`. Each column is taken from the claims' own arrays at the rows
    (not ``claims.iloc[rows]``, which copies every column of the claims, ~5 ms)."""
    same_next = np.zeros(len(rows), dtype=bool)
    same_next[:-1] = lane[1:] == lane[:-1]
    later_same_day = same_next.copy()
    later_same_day[:-1] &= day[1:] == day[:-1]
    start = claims["date"].to_numpy()[rows].astype("datetime64[D]")
    end = np.full(len(rows), np.datetime64(on, "D"))
    end[:-1] = np.where(same_next[:-1], start[1:], end[:-1])
    end = np.where(later_same_day, start, end)    # replaced the same day: an empty segment
    claimant = np.asarray(claims["claimant"].array.take(rows), dtype=object)
    side = np.asarray(claims["side"].array.take(rows), dtype=object)
    order, lanes = _lane_order(claimant, side, start)
    columns = {
        "claimant": claimant[order], "side": side[order],
        "start": start[order].astype("datetime64[ns]"),
        "end": end[order].astype("datetime64[ns]"),
        "days": (end - start).astype(np.int64)[order], "wins": ~later_same_day[order],
    }
    taken = rows[order]
    for name in CLAIM_FIELDS:
        columns[name] = claims[name].array.take(taken)
    return Timeline(settlement, on, pd.DataFrame(columns), lanes)


def _code(index: ClaimIndex, settlement: str) -> int:
    """The settlement's code in ``index`` (-1: none), from a dict of the codes made once
    per index (the index's own ``get_indexer`` converts its 33,680 ids on every call)."""
    codes = index.memoized("timeline codes", index.settlements, lambda: {
        s: k for k, s in enumerate(index.settlements.tolist())})
    return codes.get(settlement, -1)


def timeline(index: ClaimIndex, settlement: str, on: dt.date,
             claimants: Iterable[str] | None = None) -> Timeline:
    """Every claim about ``settlement`` on or before ``on`` (from ``claimants``; None: all),
    as :class:`Timeline` segments. Two ``searchsorted`` calls on the index keys, then work
    proportional to the place's own claims."""
    claims = index.claims
    code = _code(index, settlement)
    day = int(np.datetime64(on, "D").astype(np.int64)) - index.day0 + 1
    if code < 0 or day < 1 or not len(index.keys):
        return Timeline(settlement, on, _empty_segments(claims), ())
    nc = max(len(index.claimants), 1)
    lo, hi = np.searchsorted(index.keys, [(code * nc) << 32, ((code + 1) * nc) << 32])
    keys = index.keys[lo:hi]
    keep = (keys & 0xFFFFFFFF) <= day
    if claimants is not None:
        wanted = index.claimants.get_indexer(pd.Index(list(set(claimants))))
        keep &= np.isin((keys >> 32) - code * nc, wanted[wanted >= 0])
    keys = keys[keep]
    rows = index.order[lo:hi][keep]
    if not len(rows):
        return Timeline(settlement, on, _empty_segments(claims), ())
    return _segments(claims, rows, keys >> 32, keys & 0xFFFFFFFF, on, settlement)


def timeline_naive(claims: pd.DataFrame, settlement: str, on: dt.date,
                   claimants: Iterable[str] | None = None) -> Timeline:
    """:func:`timeline` by a boolean filter over every claim (the reference and baseline).

    ``claims``: sorted by (date, row) as loaded, with a ``side`` column.
    """
    mask = (claims["settlement_id"] == settlement) & (claims["date"] <= pd.Timestamp(on))
    if claimants is not None:
        mask &= claims["claimant"].isin(set(claimants))
    rows = np.flatnonzero(mask.to_numpy())
    if not len(rows):
        return Timeline(settlement, on, _empty_segments(claims), ())
    lane = pd.factorize(claims["claimant"].to_numpy()[rows])[0]
    order = np.argsort(lane, kind="stable")       # by claimant, keeping (date, row) order
    rows, lane = rows[order], lane[order]
    day = claims["date"].to_numpy()[rows].astype("datetime64[D]").astype(np.int64)
    return _segments(claims, rows, lane, day, on, settlement)
