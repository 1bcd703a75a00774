"""The database's control maps in the map store's file format (:mod:`geo.maps.store`):
``maps/<claimant>/<YYYY-MM-DD>.parquet`` (one row per class, the stored figures and the
map's metadata in columns) and its place classes beside it (``.places.parquet``, with the
fingerprint of the places table the same dump writes).

Value-comparable with the files, not byte-comparable: a map read back
(:func:`geo.maps.store.read_map`) has the same columns, classes, figures and the very
same polygons (the WKB goes in and comes out unchanged), and its place classes the same
class and ``since`` per place; the Parquet bytes differ (writer metadata, and the places
in GeoNames id order, the order of a dumped ``places.parquet``).

With a ``cache`` folder, each map's two files are written once per (id, ``revision``) and
linked into every dump that needs them. The page's mirrors share one map store per state
of the maps (:func:`shared_store`, linked from each mirror as ``maps``): a mirror of a new
version whose maps did not change costs one link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely

from geo.io.atomic import atomic_directory, atomic_write_parquet
from geo.maps.placeclasses import (
    FORMAT_VERSION,
    SUFFIX,
    PlaceClasses,
    fingerprint,
    write_classes,
)
from geo.maps.store import FIGURE_COLUMNS
from geo.vocab import CLASSES

_COMPLETE = ".complete"
_MAPS = ("SELECT id, revision, claimant, date, kind, source, imported_at, "  # noqa: S608
         + ", ".join(FIGURE_COLUMNS) + " FROM map_snapshots ORDER BY claimant, date")
_ORDER = "array_position(ARRAY[" + ", ".join(f"'{c}'" for c in CLASSES) + "], class)"
_POLYGONS = ("SELECT class, ST_AsBinary(geom) FROM map_polygons WHERE snapshot = %s "  # noqa: S608
             f"ORDER BY {_ORDER}, class")
_CLASSES = ("SELECT c.place, c.class, c.since - DATE '1970-01-01' FROM map_place_classes c "
            "JOIN places p "
            "ON p.id = c.place WHERE c.snapshot = %s ORDER BY p.geonameid")


def _map_frame(conn: psycopg.Connection, row: tuple) -> gpd.GeoDataFrame:
    """One stored map as :func:`geo.maps.store.save_snapshot` writes it."""
    snap, _, claimant, day, kind, source, imported_at, *figures = row
    polygons = conn.execute(_POLYGONS, (snap,)).fetchall()
    frame = gpd.GeoDataFrame({"class": [p[0] for p in polygons]},
                             geometry=shapely.from_wkb([bytes(p[1]) for p in polygons]),
                             crs="EPSG:4326")
    for column, value in zip(FIGURE_COLUMNS, figures, strict=True):
        frame[column] = value
    frame["date"] = day.isoformat()
    frame["kind"] = kind
    frame["source"] = source
    frame["claimant"] = claimant
    frame["imported_at"] = imported_at
    return frame


def _classes(conn: psycopg.Connection, snap: int, day: dt.date, print_: str
             ) -> PlaceClasses | None:
    rows = conn.execute(_CLASSES, (snap,)).fetchall()
    if not rows:
        return None
    return PlaceClasses(day, np.array([r[0] for r in rows], dtype=object),
                        np.array([r[1] for r in rows], dtype=np.uint8),
                        np.array([r[2] for r in rows], dtype=np.int64).astype("datetime64[D]"),
                        print_, FORMAT_VERSION)


def dump_maps(conn: psycopg.Connection, out: Path, places: pd.DataFrame | None,
              cache: Path | None = None) -> list[str]:
    """Write every stored map (and its place classes) under ``out/maps/``, in the caller's
    transaction; ``places``: the places table the same dump writes (its fingerprint goes
    into the classes files). Map files of ``out`` the database no longer holds are removed.
    Returns the files written, relative to ``out``."""
    print_ = fingerprint(places) if places is not None else ""
    written: list[str] = []
    keep: set[Path] = set()
    for row in conn.execute(_MAPS).fetchall():
        snap, revision, claimant, day = row[:4]
        folder = out / "maps" / claimant
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{day.isoformat()}.parquet"
        sidecar = folder / f"{day.isoformat()}{SUFFIX}"
        keep |= {target, sidecar}
        if cache is None:
            atomic_write_parquet(_map_frame(conn, row), target)
            classes = _classes(conn, snap, day, print_)
            sidecar.unlink(missing_ok=True)
            if classes is not None:
                write_classes(classes, sidecar)
        else:
            stem = cache / f"{snap}-r{revision}-{print_ or 'none'}"
            cached, cached_classes = stem.with_suffix(".parquet"), Path(f"{stem}{SUFFIX}")
            if not cached.is_file():
                cache.mkdir(parents=True, exist_ok=True)
                classes = _classes(conn, snap, day, print_)
                if classes is not None:
                    write_classes(classes, cached_classes)
                atomic_write_parquet(_map_frame(conn, row), cached)  # last: marks it whole
            _link(cached, target)
            if cached_classes.is_file():
                _link(cached_classes, sidecar)
        written += [str(p.relative_to(out)) for p in (target, sidecar) if p.is_file()]
    for old in (out / "maps").glob("*/*.parquet") if (out / "maps").is_dir() else []:
        if old not in keep:
            old.unlink()
    return written


def prune_cache(conn: psycopg.Connection, cache: Path) -> None:
    """Remove the cached files of map revisions the database no longer holds (the mirrors
    that linked them keep their own links)."""
    if not cache.is_dir():
        return
    held = {f"{r[0]}-r{r[1]}" for r in conn.execute("SELECT id, revision FROM map_snapshots")}
    for path in cache.iterdir():  # names: <id>-r<revision>-<places fingerprint>...
        if "-".join(path.name.split("-")[:2]) not in held:
            path.unlink(missing_ok=True)


def _link(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)  # read only: a link will do
    except OSError:
        shutil.copyfile(source, target)


def maps_state(conn: psycopg.Connection) -> str:
    """A short name of the database's maps as they stand: every map's id and revision and
    the places table's size (one small query; a new, replaced or re-classified map, or a
    new places table, gives another)."""
    row = conn.execute("SELECT coalesce(string_agg(id || ':' || revision, ',' ORDER BY id), ''),"
                       " (SELECT count(*) || ':' || coalesce(max(geonameid), 0) FROM places) "
                       "FROM map_snapshots").fetchone()
    assert row is not None
    return hashlib.sha256(f"{row[0]}|{row[1]}".encode()).hexdigest()[:16]


def shared_store(conn: psycopg.Connection, root: Path,
                 places: Callable[[], pd.DataFrame | None]) -> Path | None:
    """The database's maps as a map store under ``root`` (``maps-<state>/``, written once
    per :func:`maps_state` from the per-revision cache ``root/maps``): the same folder for
    every version whose maps are the same, so a server's map caches (keyed by the store's
    path) outlive an accept. None when the database holds no map. ``places``: the places
    table a dump writes, asked for only when the store is written. In the caller's
    transaction and lock."""
    if conn.execute("SELECT NOT EXISTS (SELECT FROM map_snapshots)").fetchone() == (True,):
        return None
    store = root / f"maps-{maps_state(conn)}"
    if not (store / _COMPLETE).is_file():
        with atomic_directory(store) as tmp:
            dump_maps(conn, tmp, places(), cache=root / "maps")
            (tmp / _COMPLETE).write_text("maps\n", encoding="utf-8")
    return store


def prune_stores(root: Path, used: set[Path]) -> None:
    """Remove the map stores under ``root`` that no mirror in ``used`` links to."""
    for store in root.glob("maps-*"):
        if store.is_dir() and store.resolve() not in used:
            shutil.rmtree(store, ignore_errors=True)


def link_store(store: Path | None, mirror: Path) -> None:
    """``mirror/maps`` made a relative link to ``store``'s maps (nothing without one)."""
    if store is not None:
        (mirror / "maps").symlink_to(os.path.relpath(store / "maps", mirror))


def store_of_mirror(mirror: Path) -> Path | None:
    """The map store a mirror links to (None: the database held no map)."""
    link = mirror / "maps"
    return link.resolve().parent if link.is_symlink() else None


def relink(previous: Path, target: Path) -> None:
    """The map store of mirror ``previous`` linked from mirror ``target`` too (a new
    version whose maps did not change)."""
    link_store(store_of_mirror(previous), target)
