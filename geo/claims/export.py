"""Downloads of the current view: CSV (spreadsheet-safe) and GeoJSON."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from geo.claims.resolve import SIDE_FIELDS
from geo.vocab import SIDES

#: Columns of the claims table shown under the map and offered as CSV.
TABLE_COLUMNS = (
    "claim", "settlement", "settlement_name", "disputed", "claimant", "claimant_name", "side",
    "date", "age_days", "status", "extent", "part", "encircled", "summary", "source",
    "source_url", "source_date",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_order(view: pd.DataFrame, settlement_ids: pd.Series | np.ndarray | None,
                dates: pd.Series | np.ndarray,
                view_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Which claims belong in the claims table of ``view``, newest first.

    Returns positions into the given claim arrays (claims of settlements not in
    ``view`` left out), ordered by date descending then settlement id, ties kept in
    the given order; and for each, the row of its settlement in ``view``. Pass
    ``view_rows`` (each claim's settlement row in ``view``, -1 when absent) instead
    of ``settlement_ids`` when you have it.
    """
    ids = view["settlement"].to_numpy()
    pos = view_rows if view_rows is not None else pd.Index(ids).get_indexer(settlement_ids)
    keep = np.flatnonzero(pos >= 0)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(len(ids))
    days = np.asarray(dates)[keep].astype("datetime64[D]").astype(np.int64)
    order = keep[np.lexsort((rank[pos[keep]], -days))]
    return order, pos[order]


def claims_table(
    view: pd.DataFrame, latest: pd.DataFrame, claimant_names: dict[str, str]
) -> pd.DataFrame:
    """Each selected claimant's latest claim for each settlement in ``view``, newest first.

    Ties in date are ordered by settlement id. ``date`` and ``source_date`` stay
    datetimes (midnight), which CSV writes as plain ISO dates; convert the rows you
    display with :func:`display_dates`.
    """
    order, where = table_order(view, latest["settlement_id"], latest["date"].to_numpy())
    rows = latest.iloc[order].rename(columns={"settlement_id": "settlement", "id": "claim"})
    rows = rows.assign(
        disputed=view["disputed"].to_numpy()[where],
        settlement_name=view["name"].to_numpy()[where],
        claimant_name=rows["claimant"].map(claimant_names),
    )
    return rows.loc[:, list(TABLE_COLUMNS)].reset_index(drop=True)


def display_dates(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``date`` and ``source_date`` as plain dates (for a few displayed rows)."""
    return table.assign(**{c: table[c].dt.date for c in ("date", "source_date")
                           if c in table and pd.api.types.is_datetime64_any_dtype(table[c])})


def neutralize(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, for spreadsheets) whose text cells cannot run as formulas."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(neutralize)
    return safe.to_csv(index=False).encode("utf-8-sig")


def plain_values(column: pd.Series) -> list[Any]:
    """The column as JSON-ready Python values: missing or empty text → ``None``, dates →
    ISO ``YYYY-MM-DD``, numbers and flags as Python ``int``/``float``/``bool``."""
    missing = column.isna().to_numpy(dtype=bool).copy()
    if pd.api.types.is_datetime64_any_dtype(column):
        values = column.dt.strftime("%Y-%m-%d").astype(object)
    else:
        values = column.astype(object)
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            missing = missing | (values == "").to_numpy(dtype=bool)
    out = values.to_numpy(dtype=object, copy=True)
    out[missing] = None
    return [v.item() if hasattr(v, "item") else v for v in out.tolist()]


def side_records(resolved: pd.DataFrame, side: str,
                 fields: tuple[str, ...] = SIDE_FIELDS) -> list[dict[str, Any] | None]:
    """Each row's claim from ``side`` as a plain dict of ``fields`` (``None``: no claim).

    Built column by column (one conversion per field), not row by row.
    """
    present = resolved[f"{side}_status"].notna().to_numpy(dtype=bool).tolist()
    columns = [plain_values(resolved[f"{side}_{name}"]) for name in fields]
    return [dict(zip(fields, values, strict=True)) if ok else None
            for ok, *values in zip(present, *columns, strict=True)]


def to_geojson_bytes(view: pd.DataFrame, date: str, claimants: list[str]) -> bytes:
    """A FeatureCollection: one Point per settlement with each side's claim as properties."""
    sides = {side: side_records(view, side) for side in SIDES}
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"settlement": settlement, "name": name, "disputed": disputed,
                       "sides": {side: sides[side][i] for side in SIDES}},
    } for i, (settlement, name, disputed, lat, lon) in enumerate(zip(
        view["settlement"].tolist(), view["name"].tolist(),
        view["disputed"].astype(bool).tolist(), view["lat"].astype(float).tolist(),
        view["lon"].astype(float).tolist(), strict=True))]
    doc = {
        "type": "FeatureCollection",
        "properties": {"date": date, "claimants": claimants,
                       "note": "Claims attributed to their claimants, not verified facts."},
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
