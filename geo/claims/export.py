"""Downloads of the current view: CSV (spreadsheet-safe) and GeoJSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

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
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        # the page's text columns: one conversion by pyarrow (pandas' astype(object) of an
        # Arrow string column costs ~0.5 ms per call, whatever its length)
        return [value or None for value in pa.array(column.array).to_pylist()]
    missing = column.isna().to_numpy(dtype=bool).copy()
    if isinstance(column.dtype, np.dtype) and column.dtype.kind == "M":
        # naive dates (any unit): numpy's ISO text (pandas' strftime is ~1 ms a call)
        days = np.datetime_as_string(column.to_numpy(), unit="D").astype(object)
        days[missing] = None
        return days.tolist()
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


def _claimed(view: pd.DataFrame) -> np.ndarray:
    """Whether each row of ``view`` has a claim from at least one side."""
    return view[[f"{side}_status" for side in SIDES]].notna().any(axis=1).to_numpy(dtype=bool)


def with_claims(view: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``view`` where at least one side has a claim (the selected claimants'
    claims, as :func:`geo.claims.index.resolve` gave them): the GeoJSON download's default,
    where every place of the national table is mostly empty rows."""
    claimed = _claimed(view)
    return view if bool(claimed.all()) else view[claimed]


def _features(view: pd.DataFrame) -> list[dict[str, Any]]:
    """One GeoJSON Point feature per row (:func:`flat_properties`)."""
    return [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    } for properties, lat, lon in zip(
        flat_properties(view), view["lat"].astype(float).tolist(),
        view["lon"].astype(float).tolist(), strict=True)]


def _json(doc: Any) -> bytes:
    """Compact UTF-8 JSON (without indentation a national file is a quarter smaller)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _document(features: list[dict[str, Any]], date: str, claimants: list[str]
              ) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "properties": {"date": date, "claimants": claimants,
                       "note": "Claims attributed to their claimants, not verified facts."},
        "features": features,
    }


def geojson_sizes(view: pd.DataFrame, date: str, claimants: list[str],
                  sample: int = 200,
                  details: Callable[[pd.DataFrame], pd.DataFrame] | None = None
                  ) -> tuple[int, int]:
    """About how many bytes :func:`to_geojson_bytes` writes for the places of ``view`` with
    a claim (:func:`with_claims`) and for all of them, without writing them: each kind of
    place from an even sample of up to ``sample`` of them (exact when there are no more;
    a place without a claim differs from another only in id, name and coordinates). One
    pass over the sampled rows, however many places there are. ``details``: what gives
    the sampled rows every column the file has, when ``view`` lacks some
    (:meth:`geo.claims.view.View.with_details`)."""
    claimed = _claimed(view)
    groups = [np.flatnonzero(claimed), np.flatnonzero(~claimed)]
    picks = [g[np.linspace(0, len(g) - 1, min(sample, len(g)), dtype=np.int64)]
             if len(g) else g for g in groups]
    sampled = view.iloc[np.concatenate(picks)]
    lengths = [len(_json(f)) for f in _features(sampled if details is None
                                                else details(sampled))]
    head = len(_json(_document([], date, claimants)))
    parts, at = [], 0
    for group, pick in zip(groups, picks, strict=True):
        mean = sum(lengths[at:at + len(pick)]) / len(pick) if len(pick) else 0.0
        parts.append(round(mean * len(group)))
        at += len(pick)

    def size(bytes_: int, count: int) -> int:  # a comma between features
        return head + bytes_ + max(count - 1, 0)

    return (size(parts[0], len(groups[0])),
            size(parts[0] + parts[1], len(groups[0]) + len(groups[1])))


def to_geojson_bytes(view: pd.DataFrame, date: str, claimants: list[str]) -> bytes:
    """A FeatureCollection: one Point per settlement, each side's claim as flat properties
    (:func:`flat_properties`); compact JSON."""
    return _json(_document(_features(view), date, claimants))
