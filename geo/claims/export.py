"""Downloads of the current view: CSV (spreadsheet-safe) and GeoJSON."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from geo.claims.filters import SIDE_FIELDS, old_disputes
from geo.vocab import SIDES

#: What a spreadsheet would run as a formula when a cell starts with it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


#: Each side's claim fields in the GeoJSON download, one flat property per side and field
#: (``ru_status``, ``ua_date``...), as GIS and charting tools read properties.
GEOJSON_SIDE_FIELDS: tuple[str, ...] = (
    "status", "extent", "part", "encircled", "date", "age_days", "claimant", "source",
    "source_url",
)


def flat_properties(view: pd.DataFrame) -> list[dict[str, Any]]:
    """Each row's GeoJSON properties: settlement id and name, ``disputed``, ``old_dispute``
    (:func:`geo.claims.filters.old_disputes`), then
    ``<side>_<field>`` for every side and field of :data:`GEOJSON_SIDE_FIELDS` (``None``
    where that side has no claim). Built column by column."""
    columns = {"settlement": plain_values(view["settlement"]),
               "name": plain_values(view["name"]),
               "disputed": view["disputed"].astype(bool).tolist(),
               # a disagreement whose newest claim is over 90 days old: not a current one
               "old_dispute": old_disputes(view).tolist()}
    for side in SIDES:
        for name in GEOJSON_SIDE_FIELDS:
            columns[f"{side}_{name}"] = plain_values(view[f"{side}_{name}"])
    keys = list(columns)
    return [dict(zip(keys, values, strict=True))
            for values in zip(*columns.values(), strict=True)]


def with_claims(view: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``view`` where at least one side has a claim (the selected claimants'
    claims, as :func:`geo.claims.index.resolve` gave them): the GeoJSON download's default,
    where every place of the national table is mostly empty rows."""
    claimed = view[[f"{side}_status" for side in SIDES]].notna().any(axis=1)
    return view if bool(claimed.all()) else view[claimed.to_numpy(dtype=bool)]


def geojson_size(view: pd.DataFrame, sample: int = 200) -> int:
    """About how many bytes :func:`to_geojson_bytes` writes for ``view``, without writing
    them all: the places with a claim exactly, the others from an even sample of ``sample``
    of them (their features differ only in id, name and coordinates)."""
    claimed = with_claims(view)
    others = view.drop(index=claimed.index) if len(claimed) < len(view) else view.iloc[:0]
    size = len(to_geojson_bytes(claimed, "0000-00-00", []))
    if len(others):
        picks = others.iloc[np.linspace(0, len(others) - 1, min(sample, len(others)),
                                        dtype=np.int64)]
        empty = len(to_geojson_bytes(picks.iloc[:0], "0000-00-00", []))
        # each feature with the comma before it (the first feature has none)
        each = (len(to_geojson_bytes(picks, "0000-00-00", [])) - empty + 1) / len(picks)
        size += round(each * len(others)) - (0 if len(claimed) else 1)
    return size


def to_geojson_bytes(view: pd.DataFrame, date: str, claimants: list[str]) -> bytes:
    """A FeatureCollection: one Point per settlement, each side's claim as flat properties
    (:func:`flat_properties`); compact JSON (without indentation a national file is a
    quarter smaller)."""
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    } for properties, lat, lon in zip(
        flat_properties(view), view["lat"].astype(float).tolist(),
        view["lon"].astype(float).tolist(), strict=True)]
    doc = {
        "type": "FeatureCollection",
        "properties": {"date": date, "claimants": claimants,
                       "note": "Claims attributed to their claimants, not verified facts."},
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
