"""Downloads of the current view: CSV (spreadsheet-safe) and GeoJSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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


def json_text_lengths(column: pd.Series) -> np.ndarray:
    """Bytes of each value of a text column in :func:`_json` (compact UTF-8 JSON, as
    :func:`plain_values` gives them: missing or empty text is ``null``), column-wise
    (pyarrow): the UTF-8 bytes, two quotes, one backslash more for each quote, backslash
    and ``\\b \\f \\n \\r \\t``, five more for any other control character (``\\u00XX``)."""
    text = pa.array(column.array if _arrow_text(column) else column.astype(object),
                    type=pa.string(), from_pandas=True)
    size = pc.add(pc.binary_length(text), 2)
    for escaped, extra in (('"', 1), ("\\", 1)):
        size = pc.add(size, pc.multiply(pc.count_substring(text, escaped), extra))
    size = pc.add(size, pc.count_substring_regex(text, "[\\x08\\x09\\x0a\\x0c\\x0d]"))
    size = pc.add(size, pc.multiply(pc.count_substring_regex(
        text, "[\\x00-\\x07\\x0b\\x0e-\\x1f]"), 5))
    out = pc.fill_null(size, 0).to_numpy(zero_copy_only=False).astype(np.int64, copy=True)
    empty = pc.fill_null(pc.equal(text, ""), True)     # missing or empty: null
    out[empty.to_numpy(zero_copy_only=False)] = len("null")
    return out


def _arrow_text(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def place_lengths(places: pd.DataFrame) -> np.ndarray:
    """Per row of ``places`` (a resolved frame, or the settlements with ``id``), the bytes
    its id, name and coordinates take in its GeoJSON feature: what differs between two
    places without a claim (:func:`geojson_sizes`). The same for every view of one set of
    places, so computed once per set (the coordinates' ``repr`` in one pass over them)."""
    ids = places["settlement"] if "settlement" in places else places["id"]
    lengths = json_text_lengths(ids) + json_text_lengths(places["name"])
    for axis in ("lon", "lat"):   # json writes a float as its repr
        lengths += np.fromiter(map(len, map(repr, places[axis].astype(float).tolist())),
                               dtype=np.int64, count=len(places))
    return lengths


def geojson_sizes(view: pd.DataFrame, date: str, claimants: list[str],
                  sample: int = 200,
                  details: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
                  lengths: np.ndarray | None = None) -> tuple[int, int]:
    """How many bytes :func:`to_geojson_bytes` writes for the places of ``view`` with a
    claim (:func:`with_claims`) and for all of them, without writing them.

    The places with a claim: exact up to ``sample`` of them, else estimated from an even
    sample of ``sample``. The places without one: exact, as such a place differs from
    another only in id, name and coordinates: one feature written, and each place's
    :func:`place_lengths` (``lengths``: per row of ``view``, computed here when not given)
    added. ``details``: what gives rows every column the file has, when ``view`` lacks some
    (:meth:`geo.claims.view.View.with_details`)."""
    claimed = _claimed(view)
    groups = [np.flatnonzero(claimed), np.flatnonzero(~claimed)]
    pick = groups[0]
    if len(pick) > sample:
        pick = pick[np.linspace(0, len(pick) - 1, sample, dtype=np.int64)]
    one = groups[1][:1]   # one place without a claim: the constant part of every such one
    sampled = view.iloc[np.concatenate([pick, one])]
    lengths_of = [len(_json(f)) for f in _features(sampled if details is None
                                                    else details(sampled))]
    head = len(_json(_document([], date, claimants)))
    claim_bytes = round(sum(lengths_of[:len(pick)]) * len(groups[0]) / len(pick)) \
        if len(pick) else 0
    other_bytes = 0
    if len(one):
        if lengths is None:
            lengths = place_lengths(view)
        fixed = lengths_of[-1] - int(lengths[one[0]])
        other_bytes = fixed * len(groups[1]) + int(lengths[groups[1]].sum())

    def size(bytes_: int, count: int) -> int:  # a comma between features
        return head + bytes_ + max(count - 1, 0)

    return (size(claim_bytes, len(groups[0])),
            size(claim_bytes + other_bytes, len(groups[0]) + len(groups[1])))


def to_geojson_bytes(view: pd.DataFrame, date: str, claimants: list[str]) -> bytes:
    """A FeatureCollection: one Point per settlement, each side's claim as flat properties
    (:func:`flat_properties`); compact JSON."""
    return _json(_document(_features(view), date, claimants))
