"""The claims table's first rows as the page shows them, built column by column.

The same frame as :meth:`geo.claims.view.View.table_head` put in words by the page
(``ui.tables``: the ``since`` text, :func:`~geo.claims.table.display_dates`, the labels of
``ui.tables.readable``, the columns of :data:`~geo.claims.table.TABLE_COLUMNS`), but each
column taken once from the claims at the head's rows (the text columns in one pyarrow
take), and one frame made at the end: the other way made a frame per step (a dozen takes,
renames and assigns of pandas frames, ~10 ms a view whatever its size).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from geo.claims.table import TABLE_COLUMNS, table_order
from geo.vocab import SIDE_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from geo.claims.view import View

#: The claims' columns the table takes as they are (text), in one pyarrow take.
TEXT = ("id", "settlement_id", "claimant", "side", "status", "extent", "part", "summary",
        "source", "source_url")
#: What the table calls the encirclement flag.
ENCIRCLED = {True: "says encircled", False: "denies encirclement"}


def shown_head(view: View, limit: int, labels: dict[str, str]
               ) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows of the view's claims table in words, and how many claims
    the table has (``labels``: claimant → short label). Needs the view's index."""
    index, on = view.index, view.state.date
    assert index is not None and isinstance(on, dt.date)
    rows, where = view._rows_in_view
    order, _ = table_order(view.shown, None, index.dated(rows, on)[0], view_rows=where,
                           rank=view._id_rank())
    top = order[:limit]
    at, place = rows[top], where[top]
    claims = index.claims
    text = index.memoized("table text", claims, lambda: pa.table(
        {c: pa.array(claims[c].array) for c in TEXT}))
    taken = text.take(pa.array(at, type=pa.int64()))

    def column(name: str) -> pd.Series:
        return pd.Series(pd.array(taken.column(name), dtype=claims[name].dtype))

    dates, since = index.dated(at, on)
    shown = pd.Series(dates.astype("datetime64[ns]"))
    first = pd.Series(since.astype("datetime64[ns]"))
    source_date = pd.Series(claims["source_date"].to_numpy()[at])
    encircled = pd.Series(claims["encircled"].array.take(at))
    claimant = column("claimant")
    out = {
        "claim": column("id"),
        "settlement": column("settlement_id"),
        "settlement_name": pd.Series(view.shown["name"].array.take(place)),
        "disputed": pd.Series(view.shown["disputed"].to_numpy(dtype=bool)[place]),
        "claimant": claimant,
        "claimant_name": claimant.map(labels),
        "side": column("side").map(SIDE_LABELS),
        "date": shown.dt.date,
        "age_days": pd.Series(pd.array((pd.Timestamp(on) - shown).dt.days, dtype="Int64")),
        "since": first.dt.strftime("%Y-%m-%d").fillna("—"),
        "status": column("status").map(STATUS_LABELS),
        "extent": column("extent"),
        "part": column("part"),
        "encircled": encircled.map(ENCIRCLED).fillna("").astype(str),
        "summary": column("summary"),
        "source": column("source"),
        "source_url": column("source_url"),
        "source_date": source_date.dt.date,
    }
    assert tuple(out) == TABLE_COLUMNS
    return pd.DataFrame(out, copy=False), len(order)
