"""Everything the page shows for one set of filters, computed once per rerun."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from geo.claims.filters import SIDE_FIELDS, filter_view
from geo.claims.index import (
    ClaimIndex,
    PairMatrix,
    chosen_sources,
    latest_rows,
    pair_matrix,
    resolve,
)
from geo.claims.latest import latest_claims
from geo.claims.state import PageState
from geo.claims.table import claims_table, id_rank, table_order
from geo.claims.territory import SideDifference, figures_on
from geo.claims.wide import wide
from geo.dataset.load import Dataset


@dataclass
class View:
    """Resolved claims and territory figures for a :class:`PageState`.

    ``latest`` and ``table`` (each claimant's latest claims, over every settlement) are
    computed when first read, so a page that does not need them does not pay for them.
    With the index, the date's pair matrix (:func:`geo.claims.index.pair_matrix`) is
    searched once and shared by the resolution, ``latest`` and the table, and
    ``resolved`` and ``shown`` hold only the side fields the page reads on every rerun
    (:data:`VIEW_FIELDS`: the map, the filters, the tables' order); the others (claimant,
    source, summary...) are taken for the rows that need them by :meth:`with_details`
    (a download, a small map's popups).
    """

    resolved: pd.DataFrame        #: every settlement, each side's claim
    shown: pd.DataFrame           #: the settlements passing the status/disputed filters
    #: (``resolved`` itself when every one does; both are read-only)
    territory: pd.DataFrame       #: each claimant's current territory figure
    territory_series: pd.DataFrame
    difference: SideDifference | None
    claimant_names: dict[str, str]
    ds: Dataset = field(repr=False)
    state: PageState = field(repr=False)
    index: ClaimIndex | None = field(default=None, repr=False)
    pairs: PairMatrix | None = field(default=None, repr=False)
    #: each side's claim per row of ``ds.settlements`` (:func:`geo.claims.index.side_sources`)
    #: when ``resolved`` has only :data:`VIEW_FIELDS`; None: it has every field
    sources: np.ndarray | None = field(default=None, repr=False)

    def with_details(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (rows of :attr:`resolved`, e.g. of :attr:`shown`) with every column of
        :func:`geo.claims.index.resolve`, in its order: taken for those rows only."""
        if self.sources is None or self.index is None:
            return frame
        labels = frame.index.to_numpy(dtype=np.int64)
        full = wide(self.ds.settlements.iloc[labels], self.index, self.sources[:, labels],
                    self.state.date)
        full.index = frame.index
        return full

    @cached_property
    def latest(self) -> pd.DataFrame:
        """Each (shown settlement, selected claimant)'s latest claim(s) on the date.

        Only the shown settlements' claims: the popups and the claims table need no
        others (with a handful of places shown, the country's claims are never read).
        """
        if self.index is None:
            latest = latest_claims(self.ds.claims, self.state.date, self.state.claimants,
                                   self.state.max_age_days)
            return latest[latest["settlement_id"].isin(self.shown["settlement"])]
        rows, _ = self._rows_in_view
        return _dated(self.index, rows, self.state.date)

    @cached_property
    def _rows_in_view(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions in the claims of the shown settlements' latest claims (ascending),
        and each one's row in :attr:`shown`. Needs the index."""
        assert self.index is not None
        rows = latest_rows(self.index, self.state.date, self.state.claimants,
                           self.state.max_age_days, self.pairs)
        where = self._shown_rows()[self.index.settlement_codes[rows]]
        keep = where >= 0
        return rows[keep], where[keep]

    def _shown_rows(self) -> np.ndarray:
        """Row in :attr:`shown` of each settlement code of the index (-1: not shown).

        :attr:`resolved` has the dataset's settlements in order, labelled 0..n-1, and
        :attr:`shown` keeps its labels: the codes' rows in the settlements (memoized by the
        index) give their rows in :attr:`shown` with no search of the ids."""
        assert self.index is not None
        settlements, labels = self.ds.settlements, self.resolved.index
        if not _labelled_by_row(labels, settlements):   # not resolve()'s: search the ids
            return pd.Index(self.shown["settlement"]).get_indexer(self.index.settlements)
        row = np.full(len(settlements) + 1, -1, dtype=np.int64)   # [-1]: unknown codes
        row[self.shown.index.to_numpy(dtype=np.int64)] = np.arange(len(self.shown))
        return row[self.index.positions(settlements)]

    @cached_property
    def table(self) -> pd.DataFrame:
        """Claims of the shown settlements, newest first, for the table and CSV."""
        return claims_table(self.shown, self.latest, self.claimant_names)

    def table_head(self, limit: int) -> tuple[pd.DataFrame, int]:
        """The first ``limit`` rows of :attr:`table` and its length, without building it all.

        With the claim index, only the two columns that order the table are read for
        every claim in view; the other columns only for the rows returned, which are put in
        table form with only their own settlements. Kept per ``limit`` (a selection or a
        second session shows the same view): treat the frame as read-only.
        """
        kept = self._heads.get(limit)
        if kept is None:
            kept = self._heads[limit] = self._table_head(limit)
        return kept

    @cached_property
    def _heads(self) -> dict[int, tuple[pd.DataFrame, int]]:
        return {}

    def _id_rank(self) -> np.ndarray | None:
        """:func:`geo.claims.table.id_rank` of :attr:`shown`'s settlements, from the one
        of the dataset's settlements kept by the index (the same for every view of the
        dataset); None when :attr:`shown`'s labels are not rows of those settlements."""
        settlements, labels = self.ds.settlements, self.resolved.index
        if self.index is None or not _labelled_by_row(labels, settlements):
            return None
        whole = self.index.memoized("id_rank", settlements,
                                    lambda: id_rank(settlements["id"].to_numpy()))
        return whole[self.shown.index.to_numpy(dtype=np.int64)]

    def _table_head(self, limit: int) -> tuple[pd.DataFrame, int]:
        if "table" in self.__dict__ or self.index is None:
            return self.table.head(limit), len(self.table)
        rows, where = self._rows_in_view
        order, _ = table_order(self.shown, None, self.index.dated(rows, self.state.date)[0],
                               view_rows=where, rank=self._id_rank())
        top = order[:limit]
        head = _dated(self.index, rows[top], self.state.date)
        # the head is in table order already: its own settlements order it the same way
        places = self.shown.iloc[np.unique(where[top])]
        return claims_table(places, head, self.claimant_names), len(order)


def _labelled_by_row(labels: pd.Index, settlements: pd.DataFrame) -> bool:
    """Whether ``labels`` (a resolved frame's) are the rows of ``settlements``, 0..n-1."""
    return (isinstance(labels, pd.RangeIndex) and labels.start == 0 and labels.step == 1
            and len(labels) == len(settlements))


def _dated(index: ClaimIndex, rows: np.ndarray, on: object) -> pd.DataFrame:
    """The claims at ``rows`` with the date they are shown with (a map claim: the map in
    force), ``since`` (a map claim's first map of that status) and ``age_days``."""
    assert isinstance(on, dt.date)
    dates, since = index.dated(rows, on)
    shown = pd.Series(dates.astype("datetime64[ns]"))
    out = index.claims.iloc[rows].assign(
        date=shown.to_numpy(),
        age_days=pd.array((pd.Timestamp(on) - shown).dt.days, dtype="Int64"))
    if len(index.map_days):   # only map claims have a since
        out = out.assign(since=since.astype("datetime64[ns]"))
    return out


def build_view(ds: Dataset, state: PageState, index: ClaimIndex | None = None) -> View:
    """Resolve claims and figures for ``state``'s date and claimants, then apply its filters.

    ``index``: :func:`geo.claims.index.build_index` of ``ds.claims``, built once and reused.
    """
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    if index is not None and index.claims is not ds.claims:
        index = None
    pairs = (None if index is None else
             pair_matrix(index, state.date, state.claimants, state.max_age_days))
    sources = None
    if index is None:
        resolved = resolve(ds.settlements, ds.claims, state.date, state.claimants,
                           max_age_days=state.max_age_days)
    else:
        sources = chosen_sources(ds.settlements, index, state.date, state.claimants,
                                 state.max_age_days, pairs)
        resolved = wide(ds.settlements, index, sources, state.date, VIEW_FIELDS)
    shown = filter_view(resolved, state.statuses, state.disputed_only)
    if len(shown) == len(resolved):   # nothing filtered out: the same frame, not a copy
        shown = resolved
    current, series, difference = figures_on(ds.territory, state.date, state.claimants)
    return View(
        resolved=resolved,
        shown=shown,
        territory=current,
        territory_series=series,
        difference=difference,
        claimant_names=names,
        ds=ds,
        state=state,
        index=index,
        pairs=pairs,
        sources=sources,
    )


#: The side fields of a view's frames (with the index): what the page reads of every place
#: on every rerun (the canvas's codes, ages and part texts; the filters; the disputes).
VIEW_FIELDS: tuple[str, ...] = tuple(f for f in SIDE_FIELDS if f in (
    "status", "extent", "part", "encircled", "date", "age_days"))
