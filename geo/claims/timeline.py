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


def _lane_order(segments: pd.DataFrame) -> tuple[str, ...]:
    """Claimants by side (Russian, Ukrainian, independent), then by their first claim."""
    first = segments.drop_duplicates("claimant")[["claimant", "side", "start"]]
    side = pd.Categorical(first["side"], categories=list(vocab.SIDES)).codes
    ordered = first.assign(side_code=side).sort_values(["side_code", "start", "claimant"],
                                                      kind="stable")
    return tuple(ordered["claimant"])


def _segments(claims: pd.DataFrame, rows: np.ndarray, lane: np.ndarray, day: np.ndarray,
              on: dt.date) -> pd.DataFrame:
    """Segments from claim positions ``rows`` sorted by (lane, day, row)."""
    same_next = np.zeros(len(rows), dtype=bool)
    same_next[:-1] = lane[1:] == lane[:-1]
    later_same_day = same_next.copy()
    later_same_day[:-1] &= day[1:] == day[:-1]
    start = claims["date"].to_numpy()[rows].astype("datetime64[D]")
    end = np.full(len(rows), np.datetime64(on, "D"))
    end[:-1] = np.where(same_next[:-1], start[1:], end[:-1])
    end = np.where(later_same_day, start, end)    # replaced the same day: an empty segment
    picked = claims.iloc[rows]
    out = pd.DataFrame({
        "claimant": picked["claimant"].to_numpy(), "side": picked["side"].to_numpy(),
        "start": start.astype("datetime64[ns]"), "end": end.astype("datetime64[ns]"),
        "days": (end - start).astype(np.int64), "wins": ~later_same_day,
    })
    for name in CLAIM_FIELDS:
        out[name] = picked[name].array
    return out


def _ordered(segments: pd.DataFrame, settlement: str, on: dt.date) -> Timeline:
    lanes = _lane_order(segments)
    rank = pd.Categorical(segments["claimant"], categories=list(lanes)).codes
    order = np.argsort(rank, kind="stable")       # lanes in side order, dates kept
    return Timeline(settlement, on, segments.iloc[order].reset_index(drop=True), lanes)


def timeline(index: ClaimIndex, settlement: str, on: dt.date,
             claimants: Iterable[str] | None = None) -> Timeline:
    """Every claim about ``settlement`` on or before ``on`` (from ``claimants``; None: all),
    as :class:`Timeline` segments. Two ``searchsorted`` calls on the index keys, then work
    proportional to the place's own claims."""
    claims = index.claims
    code = int(index.settlements.get_indexer(pd.Index([settlement]))[0])
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
    segments = _segments(claims, rows, keys >> 32, keys & 0xFFFFFFFF, on)
    return _ordered(segments, settlement, on)


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
    return _ordered(_segments(claims, rows, lane, day, on), settlement, on)
