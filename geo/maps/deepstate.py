"""Parse DeepState map snapshots (every known format) into classified control polygons.

Formats (engineering notes §7, ``../shared/data/README.md`` §1):

* the live API response ``{"id": <unix s>, "datetime": ..., "map": FeatureCollection}``;
* a bare raw FeatureCollection: names ``"<uk> /// <en> /// geoJSON.<key>"`` (2024 on),
  ``"<uk> /// <en>"`` (late 2022) or Ukrainian only (early 2022); 3-D coordinates,
  GeometryCollections, Points (map icons), decorative polygons outside Ukraine;
* a processed file (cyterat/deepstate-map-data): one MultiPolygon, empty properties,
  Russian-held territory including Crimea and the areas held before 2022, no grey zone.

Classes: ``occupied`` (Russian-held since 2022; in processed files: all Russian-held),
``pre2022`` (Crimea, the parts of Donetsk and Luhansk held since 2014, Tuzla),
``grey`` (status unknown / contested), ``liberated``.

Coordinates must be WGS 84 longitude/latitude (RFC 7946): checked by :mod:`geo.maps.crs`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import InputError
from geo.maps.crs import check_crs_members, check_lonlat
from geo.vocab import CLASSES, UKRAINE_BBOX

#: Largest map accepted (DeepState's own daily maps have tens of thousands of vertices).
MAX_VERTICES = 2_000_000
#: Largest map file read, in bytes: 2,000,000 vertices take about 80 MB of GeoJSON, and a
#: DeepState map is a few MB. Checked before the JSON is decoded.
MAX_MAP_BYTES = 100 * 1024 * 1024
#: Earliest snapshot date believed (DeepState's maps begin in 2022; 2014 leaves room for
#: maps of the areas held since then). Later than today is refused as well.
EARLIEST = dt.date(2014, 1, 1)
_GIVE_DATE = "Fix: pass --date YYYY-MM-DD (on the page: the map date box)"
_REEXPORT = ("Fix: export the map again as RFC 7946 GeoJSON (plain numbers, lon/lat), "
             "or use a map from deepstatemap.live")

_KEYS = {
    "geojson.status.occupied": "occupied",
    "geojson.territories.crimea": "pre2022",
    "geojson.territories.ordlo": "pre2022",
    "geojson.territories.tuzla": "pre2022",
    "geojson.status.unknown": "grey",
}
_ENGLISH = {
    "occupied": "occupied",
    "cadr and calr": "pre2022",
    "occupied crimea": "pre2022",
    "occupied tuzla island": "pre2022",
    "unknown status": "grey",
}
#: Ukrainian names of polygons that are not part of Ukraine's front (dropped by name).
_OUTSIDE_UK = ("придністров", "абхаз", "карел", "прусс", "курил", "цхінвал", "петсамо",
               "салла", "естон", "латв", "ічкер", "печор", "зміїн")
_PRE2022_UK = ("ордло", "крим", "тузла")
_FILL = {"#a52714": "occupied", "#000000": "pre2022", "#880e4f": "pre2022",
         "#bcaaa4": "grey", "#bdbdbd": "grey", "#0f9d58": "liberated",
         "#0288d1": "liberated", "#01579b": "liberated"}
_SPACE = re.compile(r"\s+")



def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def classify(name: Any, fill: Any = None) -> str | None:
    """The control class of a raw DeepState polygon, or ``None`` to drop it.

    By the trailing ``geoJSON.<key>`` where present, else the English part, else the
    Ukrainian name and the fill colour (early 2022 files).
    """
    parts = [_clean(p) for p in str(name or "").split("///")]
    if len(parts) >= 3 and parts[2].lower().startswith("geojson."):
        key = parts[2].lower().split(" ")[0]
        if key.startswith("geojson.status.dismissed"):
            return "liberated"
        return _KEYS.get(key)
    if len(parts) >= 2 and parts[1]:
        english = parts[1].lower()
        if english.startswith("liberated"):
            return "liberated"
        return _ENGLISH.get(english)
    uk = parts[0].lower()
    if any(word in uk for word in _OUTSIDE_UK):
        return None
    if any(uk.startswith(word) for word in _PRE2022_UK):
        return "pre2022"
    by_fill = _FILL.get(str(fill or "").lower())
    if by_fill:
        return by_fill
    if "звільн" in uk:
        return "liberated"
    if "окуп" in uk or "зайнят" in uk:
        return "occupied"
    if "під питанням" in uk or "невідом" in uk:
        return "grey"
    return None


@dataclass(frozen=True)
class Snapshot:
    """One classified map: a row per class (dissolved), plus what happened on the way."""

    date: dt.date
    date_from: str            #: which rule gave the date (--date, API id, file name)
    kind: str                 #: "raw" or "processed"
    polygons: gpd.GeoDataFrame  #: columns class, geometry (EPSG:4326), one row per class
    features: int             #: features read
    dropped_points: int
    dropped_outside: int      #: polygons dropped by key/name or location (outside Ukraine)
    dropped_unknown: int      #: polygons of no control class
    repaired: int             #: invalid geometries repaired with make_valid
    repaired_km2: float       #: area changed by the repair (absolute, km²)
    source: str


def snapshot_date(
    doc: Any, name: str, given: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, str]:
    """The snapshot's date: ``--date``, then the API ``id``/``datetime``, then the file name.

    A date the map states that is no date (``2025-02-30``, an ``id`` of ``1e12``) or lies
    outside 2014-01-01 … ``today`` is refused with :class:`~geo.errors.InputError`.
    """
    day, date_from = _stated_date(doc, name, given)
    last = today or dt.date.today()
    if not EARLIEST <= day <= last:
        when = "in the future" if day > last else f"before {EARLIEST}"
        raise InputError(f"{name}: snapshot date {day} (from {date_from}) is {when}. "
                         f"{_GIVE_DATE} with the day the map shows")
    return day, date_from


def _api_id_date(value: Any, name: str) -> dt.date | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise InputError(f"{name}: the API response's id {_shown(value)} is not a Unix time in "
                         f"seconds. {_GIVE_DATE}") from None


def _stated_date(doc: Any, name: str, given: dt.date | None) -> tuple[dt.date, str]:
    if given is not None:
        return given, "--date"
    if isinstance(doc, dict) and "map" in doc:
        by_id = _api_id_date(doc.get("id"), name)
        if by_id is not None:
            return by_id, "the API response's id"
        text = str(doc.get("datetime") or "")
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text[:10]), "the API response's datetime"
            except ValueError:
                raise InputError(f"{name}: the API response's datetime {_shown(text)} is not "
                                 f"a valid date. {_GIVE_DATE}") from None
    stem = name.rsplit("/", 1)[-1]
    for match in re.finditer(r"(?<!\d)(\d{8})(?!\d)", stem):
        try:
            return dt.datetime.strptime(match.group(1), "%Y%m%d").date(), "the file name"
        except ValueError:
            continue
    history_id = re.search(r"(?<!\d)(1[4-9]\d{8})(?!\d)", stem)
    if history_id:
        stamp = dt.datetime.fromtimestamp(int(history_id.group(1)), tz=dt.UTC)
        return stamp.date(), "the DeepState history id in the file name"
    raise InputError(f"cannot tell the date of {name}. {_GIVE_DATE}")


def _shown(value: Any) -> str:
    """A value from the file, for a message: its repr, at most 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _no_constant(token: str) -> Any:
    raise InputError(f"{token} is not a number JSON allows")


def parse_json(raw: bytes, name: str) -> Any:
    """Decode a JSON document, with a clear one-line error naming the file.

    Refused: a file over :data:`MAX_MAP_BYTES`, text that is not UTF-8 or not JSON,
    ``NaN``/``Infinity`` (not JSON), numbers too long to read and nesting too deep to read.
    """
    if len(raw) > MAX_MAP_BYTES:
        raise InputError(f"{name}: {len(raw):,} bytes, more than the {MAX_MAP_BYTES:,} a "
                         "front-line map needs. Fix: simplify it first (e.g. "
                         "`ogr2ogr -simplify 0.0001 small.geojson big.geojson`)")
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start}). {_REEXPORT}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg}). {_REEXPORT}") from None
    except InputError as exc:
        raise InputError(f"{name}: not valid JSON ({exc}). {_REEXPORT}") from None
    except RecursionError:
        raise InputError(f"{name}: not a map: its JSON is nested too deeply to read. "
                         f"{_REEXPORT}") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"{name}: not a map: a value cannot be read "
                         f"({str(exc)[:60]}). {_REEXPORT}") from None


def _features(doc: Any, name: str) -> list[dict]:
    fc = doc["map"] if isinstance(doc, dict) and "map" in doc else doc
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection" or not isinstance(
            fc.get("features"), list):
        raise InputError(f"{name}: not a DeepState map (expected a GeoJSON FeatureCollection "
                         "or an API response with a 'map' FeatureCollection)")
    count = [0]
    features = [{**f, "geometry": _geometry_2d(f.get("geometry"), name, count)}
                for f in fc["features"] if isinstance(f, dict)]
    if count[0] > MAX_VERTICES:
        raise InputError(f"{name}: {count[0]:,} vertices, more than the {MAX_VERTICES:,} a "
                         "front-line map needs. Fix: simplify it first (e.g. "
                         "`ogr2ogr -simplify 0.0001 small.geojson big.geojson`)")
    return features


#: Deepest GeoJSON coordinates (a MultiPolygon's: polygons > rings > positions > numbers)
#: and GeometryCollections inside one another that a map may hold.
_COORD_DEPTH, _COLLECTION_DEPTH = 4, 8


def _flat(coords: Any, name: str, count: list[int], depth: int = 1) -> Any:
    """Coordinates cut to (lon, lat): 3-D and 4-D positions become 2-D (a position is a list
    whose first item is a number); ``count[0]`` counts the positions."""
    if isinstance(coords, list) and coords and isinstance(coords[0], int | float):
        count[0] += 1
        return coords[:2]
    if isinstance(coords, list):
        if depth >= _COORD_DEPTH:
            raise InputError(f"{name}: coordinates nested {depth + 1} deep, deeper than any "
                             f"GeoJSON geometry's. {_REEXPORT}")
        return [_flat(c, name, count, depth + 1) for c in coords]
    return coords


def _geometry_2d(geometry: Any, name: str, count: list[int], depth: int = 0) -> Any:
    if not isinstance(geometry, dict):
        return geometry
    if depth > _COLLECTION_DEPTH:
        raise InputError(f"{name}: GeometryCollections nested more than {_COLLECTION_DEPTH} "
                         f"deep. {_REEXPORT}")
    out = dict(geometry)
    if "coordinates" in out:
        out["coordinates"] = _flat(out["coordinates"], name, count)
    if isinstance(out.get("geometries"), list):
        out["geometries"] = [_geometry_2d(g, name, count, depth + 1)
                             for g in out["geometries"]]
    return out


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Polygon/MultiPolygon parts of each geometry (GeometryCollections opened), 2-D."""
    geoms = shapely.force_2d(geoms)
    out = np.empty(len(geoms), dtype=object)
    for i, g in enumerate(geoms):  # GeometryCollections are rare: a handful per file
        if g is None:
            out[i] = None
        elif g.geom_type == "GeometryCollection":
            parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon",
                                                                          "MultiPolygon")]
            out[i] = shapely.union_all(parts) if parts else None
        else:
            out[i] = g if g.geom_type in ("Polygon", "MultiPolygon") else None
    return out


def _inside_ukraine(geoms: gpd.GeoSeries) -> np.ndarray:
    points = geoms.representative_point()
    box = UKRAINE_BBOX
    return ((points.y >= box["lat_min"]) & (points.y <= box["lat_max"])
            & (points.x >= box["lon_min"]) & (points.x <= box["lon_max"])).to_numpy()


def parse_snapshot(
    raw: bytes, name: str, date: dt.date | None = None, source: str | None = None,
    today: dt.date | None = None,
) -> Snapshot:
    """Parse and classify one DeepState snapshot from its bytes (dated no later than
    ``today``, by default the current date).

    Raises :class:`~geo.errors.InputError` with a one-line reason for anything unusable;
    a value that still trips the geometry libraries (the last resort) is reported the same
    way, never as a traceback.
    """
    try:
        return _parse_snapshot(raw, name, date, source, today)
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError,
            shapely.errors.ShapelyError) as exc:
        raise InputError(f"{name}: unreadable map ({exc.__class__.__name__}: "
                         f"{str(exc)[:80]}). {_REEXPORT}") from None


def _parse_snapshot(raw: bytes, name: str, date: dt.date | None, source: str | None,
                    today: dt.date | None) -> Snapshot:
    doc = parse_json(raw, name)
    features = _features(doc, name)
    check_crs_members(doc, name)
    day, date_from = snapshot_date(doc, name, date, today)
    if not features:
        raise InputError(f"{name}: the map has no features")
    try:
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    except Exception as exc:  # shapely/geopandas raise several types on bad geometry
        raise InputError(f"{name}: unreadable geometry ({exc})") from None
    if "geometry" not in frame or frame.geometry.isna().all():
        raise InputError(f"{name}: no geometry in the map")
    fc = doc["map"] if isinstance(doc, dict) and "map" in doc else doc
    check_lonlat(frame.geometry.to_numpy(),
                  [i for i, f in enumerate(fc["features"]) if isinstance(f, dict)], name)
    is_point = frame.geom_type.isin(["Point", "MultiPoint"]).to_numpy()
    frame = frame.loc[~is_point].copy()
    props = {c: frame[c] if c in frame else pd.Series(None, index=frame.index, dtype=object)
             for c in ("name", "fill")}
    processed = bool(len(frame) and props["name"].isna().all())
    if processed:
        classes = pd.Series("occupied", index=frame.index)
    else:
        classes = pd.Series([classify(n, f) for n, f in zip(props["name"], props["fill"],
                                                             strict=True)],
                            index=frame.index, dtype=object)
    names = props["name"].fillna("").astype(str).str.lower()
    outside_by_key = classes.isna() & names.str.contains(
        "territories|" + "|".join(_OUTSIDE_UK), regex=True)
    geoms = gpd.GeoSeries(_polygonal(frame.geometry.to_numpy()), index=frame.index,
                          crs="EPSG:4326")
    classes_all = classes
    keep = classes.notna() & geoms.notna() & ~geoms.is_empty
    outside_by_place = keep & ~pd.Series(_inside_ukraine(geoms.where(keep).fillna(
        shapely.Point(0, 0))), index=frame.index)
    keep &= ~outside_by_place
    geoms, classes = geoms[keep], classes[keep]
    invalid = ~geoms.is_valid
    repaired_km2 = 0.0
    if invalid.any():
        from geo.maps.area import km2  # local import: area depends on nothing here

        before = km2(geoms[invalid])
        geoms = geoms.where(~invalid, shapely.make_valid(geoms[invalid].to_numpy()))
        geoms = gpd.GeoSeries(_polygonal(geoms.to_numpy()), index=geoms.index, crs="EPSG:4326")
        repaired_km2 = float(np.abs(km2(geoms[invalid].fillna(shapely.Polygon())) - before).sum())
    polys = gpd.GeoDataFrame({"class": classes.to_numpy()}, geometry=geoms.to_numpy(),
                             crs="EPSG:4326")
    polys = polys[polys.geometry.notna() & ~polys.geometry.is_empty]
    if polys.empty:
        raise InputError(f"{name}: no control polygon inside Ukraine in this map")
    dissolved = polys.dissolve(by="class", as_index=False)
    dissolved["class"] = pd.Categorical(dissolved["class"], categories=CLASSES)
    dissolved = dissolved.sort_values("class").reset_index(drop=True)
    dissolved["class"] = dissolved["class"].astype(str)
    return Snapshot(
        date=day, date_from=date_from, kind="processed" if processed else "raw",
        polygons=dissolved, features=len(features), dropped_points=int(is_point.sum()),
        dropped_outside=int(outside_by_key.sum() + outside_by_place.sum()),
        dropped_unknown=int((classes_all.isna() & ~outside_by_key).sum()),
        repaired=int(invalid.sum()),
        repaired_km2=repaired_km2, source=source or name,
    )
