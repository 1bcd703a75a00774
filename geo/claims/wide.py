"""A resolution's frame: one row per settlement, each side's claim as columns.

:func:`geo.claims.index.resolve` picks each (settlement, side)'s claim; this module turns
those picks (:func:`side_sources`) into the table, all of its side fields or some
(:data:`geo.claims.view.VIEW_FIELDS`: what the page reads on every rerun), for all
settlements or a few rows (:meth:`geo.claims.view.View.with_details`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from geo import vocab
from geo.claims.filters import SIDE_FIELDS, disputed

if TYPE_CHECKING:   # the index imports this module
    from geo.claims.index import ClaimIndex


#: The side fields every resolved frame has: the disputes are read off them.
STATUS_FIELDS: tuple[str, ...] = ("status", "encircled")

_SOURCE = {"claim": "id"}


def side_sources(settlements: pd.DataFrame, index: ClaimIndex, rows: np.ndarray
                 ) -> np.ndarray:
    """Each side's claim (a position in ``index.claims``, -1: none) per row of
    ``settlements``: a (sides × settlements) array, from :func:`_chosen_rows`' ``rows``."""
    n = len(settlements)
    pos = index.positions(settlements)[index.settlement_codes[rows]]
    side = index.side_codes[rows]
    sources = np.full((len(vocab.SIDES), n), -1, dtype=np.int64)
    for code in range(len(vocab.SIDES)):
        mask = (side == code) & (pos >= 0)
        sources[code, pos[mask]] = rows[mask]
    return sources


def wide(settlements: pd.DataFrame, index: ClaimIndex, sources: np.ndarray, on: dt.date,
         fields: tuple[str, ...] = SIDE_FIELDS) -> pd.DataFrame:
    """:func:`geo.claims.reference.resolve_naive`'s table, but from each side's claim per
    settlement (:func:`side_sources`, one column per row of ``settlements``), column by
    column (no joins); only ``fields`` of the side fields.

    Each output column is one ``take`` from the claims column with one index per
    settlement (-1 = no claim → missing), so nothing is converted to Python objects.
    """
    missing = [f for f in STATUS_FIELDS if f not in fields]
    if missing:
        raise ValueError(f"resolve: fields must include {', '.join(missing)}")
    claims = index.claims
    columns: dict[str, object] = {
        c: settlements[c].array for c in ("id", "name", "oblast", "lat", "lon", "population")
    }
    columns = {"settlement": columns.pop("id"), **columns}
    today = np.datetime64(on, "D")
    taken = [f for f in SIDE_FIELDS if f in fields and f not in ("age_days", "date")]
    source = {f: claims[_SOURCE.get(f, f)] for f in taken}    # one lookup each
    text = [f for f in taken if _is_arrow_text(source[f])]
    names = tuple(_SOURCE.get(f, f) for f in text)
    table = index.memoized("text:" + ",".join(names), index.claims,
                           lambda: pa.table({c: pa.array(claims[c].array) for c in names}))
    for code, name in enumerate(vocab.SIDES):
        src = sources[code]
        # the text columns in one pyarrow take (a pandas take per column costs ~0.15 ms
        # of overhead each, more than the take itself for a few hundred rows)
        texts = table.take(pa.array(src, mask=src < 0)) if text else None
        for field_name in SIDE_FIELDS:
            if field_name == "age_days" or field_name not in fields:
                continue
            if field_name == "date":    # its place in the order; the dates come below
                columns[f"{name}_date"] = None
                continue
            column = source[field_name]
            if texts is not None and field_name in text:
                columns[f"{name}_{field_name}"] = pd.array(
                    texts.column(text.index(field_name)), dtype=column.dtype)
            else:
                columns[f"{name}_{field_name}"] = column.array.take(src, allow_fill=True)
        if "date" not in fields and "age_days" not in fields:
            continue
        dated, first = index.dated(np.maximum(src, 0), on)
        dated[src < 0] = np.datetime64("NaT")
        first[src < 0] = np.datetime64("NaT")
        if "date" in fields:
            columns[f"{name}_date"] = pd.array(dated.astype("datetime64[ns]"))
            columns[f"{name}_since"] = pd.array(first.astype("datetime64[ns]"))
        if "age_days" in fields:
            since: np.ndarray = today - dated
            age = since / np.timedelta64(1, "D")       # NaT → nan
            columns[f"{name}_age_days"] = pd.array(age, dtype="Float64").astype("Int64")
    # not copied: the settlements' columns and the takes above are shared, read-only
    # (copy-on-write), as copying them was half of this function's time
    out = pd.DataFrame(columns, copy=False)
    out["disputed"] = disputed(out)
    return out


def _is_arrow_text(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"

