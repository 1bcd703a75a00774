"""The claims table under the map: which claims, in which order, with readable dates."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns of the claims table shown under the map and offered as CSV.
TABLE_COLUMNS = (
    "claim", "settlement", "settlement_name", "disputed", "claimant", "claimant_name", "side",
    "date", "age_days", "since", "status", "extent", "part", "encircled", "summary", "source",
    "source_url", "source_date",
)


def table_order(view: pd.DataFrame, settlement_ids: pd.Series | np.ndarray | None,
                dates: pd.Series | np.ndarray,
                view_rows: np.ndarray | None = None, rank: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """Which claims belong in the claims table of ``view``, newest first.

    Returns positions into the given claim arrays (claims of settlements not in
    ``view`` left out), ordered by date descending then settlement id, ties kept in
    the given order; and for each, the row of its settlement in ``view``. Pass
    ``view_rows`` (each claim's settlement row in ``view``, -1 when absent) instead
    of ``settlement_ids`` when you have it, and ``rank`` (:func:`id_rank` of ``view``'s
    settlement ids, or any numbers in the same order) when you have that.
    """
    if view_rows is not None:
        pos = view_rows
    else:
        pos = pd.Index(view["settlement"].to_numpy()).get_indexer(settlement_ids)
    keep = np.flatnonzero(pos >= 0)
    if rank is None:
        rank = id_rank(view["settlement"].to_numpy())
    days = np.asarray(dates)[keep].astype("datetime64[D]").astype(np.int64)
    order = keep[np.lexsort((rank[pos[keep]], -days))]
    return order, pos[order]


def id_rank(ids: np.ndarray) -> np.ndarray:
    """Each id's rank in the ids sorted as text (ties in their given order)."""
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(len(ids))
    return rank


def claims_table(
    view: pd.DataFrame, latest: pd.DataFrame, claimant_names: dict[str, str]
) -> pd.DataFrame:
    """Each selected claimant's latest claim for each settlement in ``view``, newest first.

    Ties in date are ordered by settlement id. ``date`` and ``source_date`` stay
    datetimes (midnight), which CSV writes as plain ISO dates; convert the rows you
    display with :func:`display_dates`.
    """
    order, where = table_order(view, latest["settlement_id"], latest["date"].to_numpy())
    if "since" not in latest:
        latest = latest.assign(since=pd.Series(pd.NaT, index=latest.index, dtype="datetime64[ns]"))
    rows = latest.iloc[order].rename(columns={"settlement_id": "settlement", "id": "claim"})
    rows = rows.assign(
        disputed=view["disputed"].to_numpy()[where],
        settlement_name=view["name"].to_numpy()[where],
        claimant_name=rows["claimant"].map(claimant_names),
    )
    return rows.loc[:, list(TABLE_COLUMNS)].reset_index(drop=True)


def display_dates(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``date`` and ``source_date`` as plain dates (for a few displayed rows)."""
    return table.assign(**{c: table[c].dt.date for c in ("date", "since", "source_date")
                           if c in table and pd.api.types.is_datetime64_any_dtype(table[c])})
