"""The claim index and resolution by date: what each side claims for each settlement.

Semantics (documented in data/README.md and tested):

* For a date ``D`` and a set of selected claimants, each (settlement, claimant)
  pair's claim is its latest claim dated on or before ``D``.
* A side's claim for a settlement is the latest claim among that side's
  selected claimants. **Ties** (same date) go to the row that comes later in
  ``claims.csv``: the file is kept in order of entry, so the later row is the
  newer information.
* Disputes and ages: :mod:`geo.claims.filters`.

All work is vectorized. :func:`build_index` sorts the claims once by
(settlement, claimant, date, row) into one int64 key per claim; resolving a date is
then one ``searchsorted`` per (settlement, selected claimant) pair, no matter how
many claims there are, followed by a max per (settlement, side) over those few rows.
The straightforward versions (:mod:`geo.claims.reference`) are the reference the fast
ones are tested and benchmarked against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pandas as pd

from geo import vocab
from geo.claims.filters import SIDE_FIELDS
from geo.claims.wide import side_sources, wide

T = TypeVar("T")


@dataclass(frozen=True)
class ClaimIndex:
    """Claims sorted by (settlement, claimant, date, row) as one int64 key each."""

    claims: pd.DataFrame          #: the indexed claims, sorted by (date, row)
    settlements: pd.Index         #: settlement id of each code
    claimants: pd.Index           #: claimant id of each code
    keys: np.ndarray              #: sorted (group << 32) | (day - day0 + 1)
    order: np.ndarray             #: position in ``claims`` of each key
    side_codes: np.ndarray        #: side code (index into vocab.SIDES) of each claim
    settlement_codes: np.ndarray  #: settlement code of each claim
    day0: int
    claimant_sides: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: side code of each claimant code
    claim_days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: day (day - day0 + 1) of each claim, in ``claims`` order (non-decreasing)
    key_of_claim: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: position in ``keys`` of each claim (the inverse of ``order``)
    checkpoint_days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: days at which the latest claim of every pair is stored ...
    checkpoints: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int32))
    #: ... as (checkpoint × settlement·claimant) positions in ``keys`` (-1: none yet)
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    map_days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: days (day - day0 + 1) of the stored control maps, ascending: a map claim (a claim
    #: whose ``row`` is at least :data:`geo.vocab.MAP_FIRST_ROW`) is dated by the map in
    #: force (the latest of these on or before the selected date), not by its own date
    map_claim: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    #: whether each claim (in ``claims`` order) is such a map claim

    def in_force(self, day: int) -> int:
        """The day of the map in force on ``day`` (relative days; 0: no map)."""
        at = int(np.searchsorted(self.map_days, day, side="right")) - 1
        return int(self.map_days[at]) if at >= 0 else 0

    def dated(self, rows: np.ndarray, on: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """(date shown, ``since``) of the claims at ``rows`` on ``on``, as datetime64[D]:
        a map claim's date is the map in force and its ``since`` its own date (the first map
        of the run showing that status); other claims keep their date and have no since."""
        since = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[D]")
        if not len(self.claims):
            return since.copy(), since
        dates = self.claim_dates()[rows]
        if not len(self.map_days) or not len(rows):
            return dates, since
        is_map = self.map_claim[rows]
        force = self.in_force(int(np.datetime64(on, "D").astype(np.int64)) - self.day0 + 1)
        if force:
            since[is_map] = dates[is_map]
            dates = dates.copy()
            dates[is_map] = np.datetime64(force + self.day0 - 1, "D")
        return dates, since

    def positions(self, settlements: pd.DataFrame) -> np.ndarray:
        """Row in ``settlements`` of each settlement code (-1: unknown), memoized."""
        return self.memoized("positions", settlements, lambda: pd.Index(
            settlements["id"]).get_indexer(self.settlements))

    def memoized(self, kind: str, of: object, compute: Callable[[], T]) -> T:
        """``compute()``, kept per (``kind``, object ``of``) while ``of`` is the same object
        (the last few such values: sessions share this index, so it is never cleared under
        them, only its oldest entries dropped)."""
        key = (kind, id(of))
        found = self.memo.get(key)
        if found is None or found[0] is not of:
            found = (of, compute())
            while len(self.memo) >= MEMO_ENTRIES:
                self.memo.pop(next(iter(self.memo), None), None)
            self.memo[key] = found
        return found[1]

    def claim_dates(self) -> np.ndarray:
        """The claims' dates as datetime64[D], in ``claims`` order (memoized)."""
        return self.memoized("dates", self.claims, lambda: self.claims["date"].to_numpy()
                             .astype("datetime64[D]"))


#: How many memoized values an index keeps (:meth:`ClaimIndex.memoized`).
MEMO_ENTRIES = 16

#: How many checkpoints the index stores at most (see :func:`build_index`).
CHECKPOINTS = 48


def build_index(claims: pd.DataFrame, checkpoints: int = CHECKPOINTS,
                map_dates: Iterable[dt.date] = ()) -> ClaimIndex:
    """Index claims (sorted by (date, row), as loaded) for :func:`resolve`. O(n log n), once.

    Besides the sorted keys, the index stores up to ``checkpoints`` checkpoints: the
    latest claim of every (settlement, claimant) pair as of a day. They are placed at
    equal numbers of claims (not of days, so a stray old date costs nothing), so
    resolving a date starts from the checkpoint before it and applies at most
    ``len(claims) / checkpoints`` claims made since, instead of searching every pair.
    Memory: ``checkpoints`` × settlements × claimants × 4 bytes.

    ``map_dates``: the stored control maps' dates; with them, map claims are dated by the
    map in force (:meth:`ClaimIndex.dated`), in the age limit and between a side's
    claimants too.
    """
    s_codes, s_ids = pd.factorize(claims["settlement_id"], sort=False)
    c_codes, c_ids = pd.factorize(claims["claimant"], sort=False)
    days = claims["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    day0 = int(days.min()) if len(days) else 0
    group = s_codes.astype(np.int64) * max(len(c_ids), 1) + c_codes
    order = np.argsort(group, kind="stable")  # stable: keeps (date, row) order in a group
    keys = (group[order] << 32) | (days[order] - day0 + 1)
    sides = np.asarray(pd.Categorical(claims["side"], categories=list(vocab.SIDES)).codes,
                       dtype=np.int64)
    claimant_sides = np.zeros(len(c_ids), dtype=np.int64)
    claimant_sides[c_codes] = sides          # a claimant speaks for one side
    key_of_claim = np.empty(len(order), dtype=np.int64)
    key_of_claim[order] = np.arange(len(order))
    claim_days = days - day0 + 1
    at = np.linspace(0, len(claim_days) - 1, max(min(int(checkpoints), len(claim_days)), 0))
    checkpoint_days = np.unique(claim_days[at.astype(np.int64)])   # the first is day 1
    pairs = np.arange(len(s_ids) * max(len(c_ids), 1), dtype=np.int64)
    stored = np.empty((len(checkpoint_days), len(pairs)), dtype=np.int32)
    for k, day in enumerate(checkpoint_days):
        stored[k] = _search_latest(keys, pairs, int(day))
    map_days = np.unique(np.array([np.datetime64(d, "D") for d in map_dates],
                                  dtype="datetime64[D]").astype(np.int64)) - day0 + 1
    map_claim = (claims["row"].to_numpy() >= vocab.MAP_FIRST_ROW if len(map_days)
                 else np.zeros(len(claims), dtype=bool))
    return ClaimIndex(claims, pd.Index(s_ids), pd.Index(c_ids), keys, order, sides,
                      s_codes.astype(np.int64), day0, claimant_sides, claim_days,
                      key_of_claim, checkpoint_days, stored, map_days=map_days,
                      map_claim=map_claim)



@dataclass(frozen=True)
class PairMatrix:
    """Each (settlement, selected claimant)'s latest claim on a date, as positions in
    ``index.keys`` (-1: no claim), computed once and shared by the steps of one view."""

    on: dt.date
    claimants: frozenset[str] | None
    max_age_days: int | None
    positions: np.ndarray   #: settlements × selected claimants
    chosen: np.ndarray      #: the selected claimant codes (columns of ``positions``)
    keys: np.ndarray = field(repr=False)   #: the keys of the index it was computed from

    def answers(self, index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None,
                max_age_days: int | None) -> bool:
        """Whether this matrix is the one of ``index`` for these arguments."""
        wanted = None if claimants is None else frozenset(claimants)
        return (self.keys is index.keys and
                (self.on, self.claimants, self.max_age_days) == (on, wanted, max_age_days))


def pair_matrix(index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None = None,
                max_age_days: int | None = None) -> PairMatrix:
    """The :class:`PairMatrix` of ``on``: pass it to :func:`resolve` and :func:`latest_rows`
    so that one view searches the index once."""
    chosen_ids = None if claimants is None else frozenset(claimants)
    positions, chosen = _pair_matrix(index, on, chosen_ids, max_age_days)
    return PairMatrix(on, chosen_ids, max_age_days, positions, chosen, index.keys)


def _pairs(index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None,
           max_age_days: int | None, pairs: PairMatrix | None) -> tuple[np.ndarray, np.ndarray]:
    if pairs is not None and pairs.answers(index, on, claimants, max_age_days):
        return pairs.positions, pairs.chosen
    return _pair_matrix(index, on, claimants, max_age_days)



def _search_latest(keys: np.ndarray, groups: np.ndarray, day: int) -> np.ndarray:
    """Position in ``keys`` of each group's latest claim on or before ``day`` (-1: none)."""
    pos = np.searchsorted(keys, (groups << 32) | day, side="right") - 1
    found = pos >= 0
    found[found] = (keys[pos[found]] >> 32) == groups[found]
    pos[~found] = -1
    return pos


def _pair_matrix(index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None,
                 max_age_days: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Position in ``index.keys`` of each (settlement, selected claimant)'s latest claim.

    Returns a (settlements × selected claimants) matrix, -1 where the pair has no claim
    on or before ``on`` (or none recent enough), and the selected claimant codes.
    Starts from the last checkpoint on or before ``on`` and applies the claims since:
    within a pair, a later claim has a larger key position, so a max updates it.
    """
    chosen = (np.arange(len(index.claimants)) if claimants is None
              else index.claimants.get_indexer(pd.Index(list(set(claimants)))))
    chosen = np.sort(chosen[chosen >= 0])
    n, nc = len(index.settlements), max(len(index.claimants), 1)
    day = int(np.datetime64(on, "D").astype(np.int64)) - index.day0 + 1
    if day < 1 or not len(chosen) or not len(index.keys):
        return np.full((n, 0), -1, dtype=np.int64), chosen[:0]
    k = int(np.searchsorted(index.checkpoint_days, day, side="right")) - 1
    latest = index.checkpoints[k].astype(np.int64)
    start = np.searchsorted(index.claim_days, index.checkpoint_days[k], side="right")
    end = np.searchsorted(index.claim_days, day, side="right")
    since = index.key_of_claim[start:end]
    np.maximum.at(latest, index.keys[since] >> 32, since)
    pos = latest.reshape(n, nc)[:, chosen]
    if max_age_days is not None:  # a claimant's latest claim too old: no claim from it
        found = pos >= 0
        dated = _claim_days(index, pos[found], day)
        found[found] = dated >= day - max_age_days
        pos = np.where(found, pos, -1)
    return pos, chosen


def _claim_days(index: ClaimIndex, key_pos: np.ndarray, day: int) -> np.ndarray:
    """The day each claim at ``key_pos`` (positions in ``index.keys``) is dated by on ``day``:
    its own, or for a map claim the map in force."""
    days = index.keys[key_pos] & 0xFFFFFFFF
    if len(index.map_days):
        force = index.in_force(day)
        days = np.where(index.map_claim[index.order[key_pos]] & (force > 0), force, days)
    return days


def _latest_keys(index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None,
                 max_age_days: int | None, pairs: PairMatrix | None = None) -> np.ndarray:
    """Position in ``index.keys`` of each selected (settlement, claimant)'s latest claim."""
    flat = _pairs(index, on, claimants, max_age_days, pairs)[0].ravel()
    return flat[flat >= 0]


def _chosen_rows(index: ClaimIndex, on: dt.date,
                 claimants: Iterable[str] | None = None,
                 max_age_days: int | None = None,
                 pairs: PairMatrix | None = None) -> np.ndarray:
    """Positions in ``index.claims`` of each (settlement, side)'s claim on ``on``.

    A side's claim is the latest (largest position: later date, then later row) of its
    selected claimants' latest claims: one max along the claimant axis per side.
    """
    found_pairs, chosen = _pairs(index, on, claimants, max_age_days, pairs)
    rows = index.order.take(np.maximum(found_pairs, 0))
    rows[found_pairs < 0] = -1
    rank = rows
    if len(index.map_days) and index.map_claim.any():
        # map claims rank by the map in force (after the file's claims of that day)
        day = int(np.datetime64(on, "D").astype(np.int64)) - index.day0 + 1
        ok = found_pairs >= 0
        days = np.zeros(found_pairs.shape, dtype=np.int64)
        days[ok] = _claim_days(index, found_pairs[ok], day)
        is_map = np.zeros(found_pairs.shape, dtype=bool)
        is_map[ok] = index.map_claim[rows[ok]]
        rank = np.where(ok, (days << 34) | (is_map.astype(np.int64) << 33) | rows, -1)
    found = []
    for code in range(len(vocab.SIDES)):
        cols = np.flatnonzero(index.claimant_sides[chosen] == code)
        if len(cols):
            pick = rank[:, cols].argmax(axis=1)
            best = rows[:, cols][np.arange(len(rows)), pick]
            found.append(best[best >= 0])
    return np.sort(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def latest_rows(index: ClaimIndex, on: dt.date, claimants: Iterable[str] | None = None,
                max_age_days: int | None = None, pairs: PairMatrix | None = None) -> np.ndarray:
    """Positions in ``index.claims`` (ascending) of every claim of each pair's latest day.

    ``pairs``: the :func:`pair_matrix` of the same arguments, if already computed.
    """
    last = _latest_keys(index, on, claimants, max_age_days, pairs)
    # the same (pair, day) key starts where searchsorted-left of the latest key lands
    first = np.searchsorted(index.keys, index.keys[last], side="left")
    lengths = last - first + 1
    starts = np.repeat(first - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    key_pos = starts + np.arange(int(lengths.sum()))
    return np.sort(index.order[key_pos])


def resolve(
    settlements: pd.DataFrame,
    claims: pd.DataFrame,
    on: dt.date,
    claimants: Iterable[str] | None = None,
    index: ClaimIndex | None = None,
    max_age_days: int | None = None,
    pairs: PairMatrix | None = None,
    fields: tuple[str, ...] = SIDE_FIELDS,
) -> pd.DataFrame:
    """One row per settlement with each side's claimed status on ``on``.

    Returns
    -------
    DataFrame
        ``settlement``, ``name``, ``lat``, ``lon``, ``population``, ``oblast``,
        then for each side in ``ru``, ``ua``, ``independent`` the columns
        ``<side>_<field>`` for field in :data:`SIDE_FIELDS` (missing when the
        side has no claim), then ``disputed`` (bool). Rows keep settlements.csv order.
        Pass ``index`` (from :func:`build_index` of the same ``claims``) to reuse it.
        ``max_age_days``: a claim made more than that many days before ``on`` counts as
        no claim (so a years-old claim does not make a dispute).
        ``pairs``: the :func:`pair_matrix` of the same index and arguments, if computed.
        ``fields``: only these of :data:`SIDE_FIELDS` (with ``date``, ``since`` too), in
        that order (at least :data:`STATUS_FIELDS`, which the disputes read).
    """
    if index is None or index.claims is not claims:   # one date: checkpoints would not pay
        index = build_index(claims, checkpoints=1)
    rows = _chosen_rows(index, on, claimants, max_age_days, pairs)
    return wide(settlements, index, side_sources(settlements, index, rows), on, fields)


def chosen_sources(settlements: pd.DataFrame, index: ClaimIndex, on: dt.date,
                   claimants: Iterable[str] | None = None, max_age_days: int | None = None,
                   pairs: PairMatrix | None = None) -> np.ndarray:
    """:func:`side_sources` of the claims :func:`resolve` picks (same arguments): pass them
    to :func:`wide` for all or some side fields, of all or some settlements."""
    return side_sources(settlements, index,
                        _chosen_rows(index, on, claimants, max_age_days, pairs))
