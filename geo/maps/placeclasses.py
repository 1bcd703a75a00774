"""Every populated place's class on a stored map, computed once at import and stored.

For each place of the bundled places table (``data/places.parquet``) a map gives one
class code (:data:`CODES`): inside the Russian-held areas held since 2022 (``occupied``) or
before 2022 (``pre2022``), the grey zone (``grey``), an area marked liberated
(``liberated``), none of them but inside Ukraine (``none``: Ukrainian-held), or outside
Ukraine (``outside``: the map says nothing about it).

Rules (tested in ``tests/maps/test_placeclasses.py``):

* a place on a polygon's edge counts as inside it (the predicate is ``covers``: the edge
  is part of the shaded area); a place in a hole of a polygon is not in that polygon;
* where classes overlap, the stronger wins: ``pre2022`` > ``occupied`` > ``grey`` >
  ``liberated`` (the order the page's derived claims already used);
* "outside Ukraine" is :data:`geo.vocab.UKRAINE_BBOX` (borders included), not the map's own
  extent: a map covers only the front, so a place far from it is still Ukrainian-held;
  the box is the one the importer uses to drop DeepState's decorative polygons abroad,
  so a place and a polygon are judged by the same test. Places without coordinates are
  ``outside`` too.

Stored beside each snapshot as ``<YYYY-MM-DD>.places.parquet``: ``place`` (the place id,
dictionary-encoded), ``class`` (uint8 code) and ``since`` (date32: the first stored map of
the unbroken run of maps that gave the place its current *status*, russian / contested /
ukrainian, up to this one). The file's metadata records the format version and a
fingerprint of the places table it was derived from, so a reader can tell a stale file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from geo.errors import StoreError
from geo.io.atomic import atomic_write
from geo.vocab import UKRAINE_BBOX

#: Class codes (uint8) stored per place.
CODES: Final = {"none": 0, "occupied": 1, "pre2022": 2, "grey": 3, "liberated": 4,
                "outside": 255}
#: Classes in the order they are applied: a later one overwrites an earlier one.
PRIORITY: Final = ("liberated", "grey", "occupied", "pre2022")
#: Each code's claimed status (``outside``: no status).
STATUS_OF: Final = {"none": "ukrainian", "liberated": "ukrainian", "grey": "contested",
                    "occupied": "russian", "pre2022": "russian", "outside": None}
NAME_OF: Final = {code: name for name, code in CODES.items()}
#: Bumped whenever the stored columns or the rules change (``python -m geo maps rederive``).
FORMAT_VERSION: Final = "1"
SUFFIX: Final = ".places.parquet"

# status index per code (0 none / outside, 1 ukrainian, 2 contested, 3 russian), for `since`
_STATUS_INDEX = np.zeros(256, dtype=np.uint8)
for _name, _code in CODES.items():
    _STATUS_INDEX[_code] = {None: 0, "ukrainian": 1, "contested": 2, "russian": 3}[
        STATUS_OF[_name]]
_EPOCH = np.datetime64("1970-01-01", "D")


def classes_path(map_path: Path) -> Path:
    """The sidecar of a stored map file (``2025-11-15.parquet`` → ``2025-11-15.places.parquet``)."""
    return map_path.with_name(map_path.stem + SUFFIX)


def fingerprint(places: pd.DataFrame) -> str:
    """A short hash of the places table's ids and coordinates (what classes depend on)."""
    digest = hashlib.sha256()
    digest.update("\x00".join(places["id"].astype(str)).encode())
    digest.update(np.ascontiguousarray(places["lat"].to_numpy(dtype=float)).tobytes())
    digest.update(np.ascontiguousarray(places["lon"].to_numpy(dtype=float)).tobytes())
    return digest.hexdigest()[:16]


def classify_places(lon: np.ndarray, lat: np.ndarray, polygons: gpd.GeoDataFrame) -> np.ndarray:
    """The class code of every point on one map (see the module's rules), vectorized.

    ``polygons``: a snapshot's class polygons (column ``class``, one row per class or more).
    One STRtree over the points; each class's polygon parts query it with ``covers``.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    codes = np.zeros(len(lon), dtype=np.uint8)
    box = UKRAINE_BBOX
    with np.errstate(invalid="ignore"):
        inside = ((lat >= box["lat_min"]) & (lat <= box["lat_max"])
                  & (lon >= box["lon_min"]) & (lon <= box["lon_max"]))
    points: np.ndarray = np.asarray(shapely.points(lon[inside], lat[inside]), dtype=object)
    tree = shapely.STRtree(points)
    where = np.flatnonzero(inside)
    classes = polygons["class"].astype(str).to_numpy()
    geoms = polygons.geometry.to_numpy()
    for cls in PRIORITY:
        chosen = geoms[(classes == cls) & ~shapely.is_missing(geoms)]
        parts = shapely.get_parts(chosen)
        parts = parts[shapely.get_type_id(parts) == 3]  # polygons only
        if not len(parts):
            continue
        hit = tree.query(parts, predicate="covers")[1]
        codes[where[hit]] = CODES[cls]
    codes[~inside] = CODES["outside"]
    return codes


@dataclass(frozen=True)
class PlaceClasses:
    """One map's stored classes: place ids, codes, ``since`` dates (numpy datetime64[D])."""

    day: dt.date
    ids: np.ndarray
    codes: np.ndarray
    since: np.ndarray
    fingerprint: str
    version: str

    def statuses(self) -> np.ndarray:
        """Each place's status (``ukrainian``/``contested``/``russian``, None outside)."""
        lookup = np.array([STATUS_OF[NAME_OF[c]] if c in NAME_OF else None
                           for c in range(256)], dtype=object)
        return lookup[self.codes]

    def frame(self) -> pd.DataFrame:
        """``place``, ``class`` (name), ``status``, ``since`` (date), one row per place."""
        names = np.array([NAME_OF.get(c, "outside") for c in range(256)], dtype=object)
        return pd.DataFrame({"place": self.ids, "class": names[self.codes],
                             "status": self.statuses(),
                             "since": pd.to_datetime(self.since)})


def since_dates(ids: np.ndarray, codes: np.ndarray, day: dt.date,
                previous: PlaceClasses | None) -> np.ndarray:
    """``since`` for one map: the previous map's ``since`` where the place had the same
    status there, else this map's date (places matched by id)."""
    today = np.datetime64(day, "D")
    since = np.full(len(ids), today, dtype="datetime64[D]")
    if previous is None:
        return since
    at = pd.Index(previous.ids).get_indexer(ids)
    found = at >= 0
    status = _STATUS_INDEX[codes]
    same = found.copy()
    same[found] = _STATUS_INDEX[previous.codes[at[found]]] == status[found]
    since[same] = previous.since[at[same]]
    return since


def _table(result: PlaceClasses) -> pa.Table:
    days = (result.since - _EPOCH).astype(np.int32)
    table = pa.table({
        "place": pa.array(result.ids.astype(str)).dictionary_encode(),
        "class": pa.array(result.codes, type=pa.uint8()),
        "since": pa.array(days, type=pa.int32()).cast(pa.date32()),
    })
    return table.replace_schema_metadata({
        "frontline.places_format": result.version, "frontline.places": result.fingerprint,
        "frontline.map_date": result.day.isoformat()})


def write_classes(result: PlaceClasses, path: Path) -> None:
    """Write one map's classes atomically (zstd Parquet)."""
    table = _table(result)
    write: Callable[..., object] = pq.write_table
    atomic_write(path, lambda handle: write(table, handle, compression="zstd"))


def read_classes(path: Path) -> PlaceClasses:
    """Read a stored classes file; a damaged or foreign one raises StoreError naming it."""
    fix = "Fix: python -m geo maps rederive"
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise StoreError(f"{path}: stored place classes unreadable "
                         f"({exc.__class__.__name__}). {fix}") from None
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    if not {"place", "class", "since"} <= set(table.column_names) or \
            "frontline.map_date" not in meta:
        raise StoreError(f"{path}: not a stored place-classes file. {fix}")
    return PlaceClasses(
        day=dt.date.fromisoformat(meta["frontline.map_date"]),
        ids=np.asarray(table.column("place").cast(pa.string()).to_numpy(zero_copy_only=False),
                       dtype=object),
        codes=table.column("class").to_numpy().astype(np.uint8),
        since=table.column("since").cast(pa.int32()).to_numpy().astype("datetime64[D]"),
        fingerprint=meta.get("frontline.places", ""),
        version=meta.get("frontline.places_format", ""))


def derive(places: pd.DataFrame, polygons: gpd.GeoDataFrame, day: dt.date,
           previous: PlaceClasses | None) -> PlaceClasses:
    """One map's classes for every place of ``places`` (columns ``id``, ``lat``, ``lon``)."""
    ids = places["id"].astype(str).to_numpy(dtype=object)
    codes = classify_places(places["lon"].to_numpy(dtype=float),
                            places["lat"].to_numpy(dtype=float), polygons)
    return PlaceClasses(day, ids, codes, since_dates(ids, codes, day, previous),
                        fingerprint(places), FORMAT_VERSION)


def chain_since(first: PlaceClasses, later: list[Path]) -> int:
    """Recompute ``since`` of the stored classes after ``first`` (oldest first), rewriting
    each file whose dates change; stops at the first unchanged one. Returns files rewritten."""
    previous, rewritten = first, 0
    for path in later:
        stored = read_classes(path)
        since = since_dates(stored.ids, stored.codes, stored.day, previous)
        if np.array_equal(since, stored.since):
            break
        previous = PlaceClasses(stored.day, stored.ids, stored.codes, since,
                                stored.fingerprint, stored.version)
        write_classes(previous, path)
        rewritten += 1
    return rewritten
