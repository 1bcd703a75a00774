"""The local store of imported control maps: GeoParquet files written atomically.

Layout: ``<store>/maps/<claimant>/<YYYY-MM-DD>.parquet``, one row per class
(dissolved), with the snapshot's metadata in columns. Default store:
``data/local/`` (ignored by git); ``--store DIR`` or ``$FRONTLINE_STORE``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import StoreError
from geo.io.atomic import atomic_write_parquet
from geo.io.locking import locked
from geo.maps.area import Figures
from geo.maps.deepstate import Snapshot
from geo.maps.placeclasses import (
    FORMAT_VERSION,
    PlaceClasses,
    chain_since,
    classes_path,
    derive,
    fingerprint,
    read_classes,
    write_classes,
)
from geo.maps.placeclasses import SUFFIX as PLACES_SUFFIX

MAP_CLAIMANT = "deepstate"


def _maps_dir(store: Path, claimant: str = MAP_CLAIMANT) -> Path:
    return store / "maps" / claimant


#: Figures stored with each snapshot (computed once at import, read without geometry).
FIGURE_COLUMNS = ("occupied_km2", "occupied_pct", "grey_km2", "occupied_with_grey_km2",
                  "occupied_with_grey_pct", "pre2022_km2", "since2022_km2", "since2022_pct",
                  "liberated_km2", "denominator_km2")


def save_snapshot(
    snapshot: Snapshot, store: Path, figures: Figures, claimant: str = MAP_CLAIMANT,
    places: pd.DataFrame | None = None,
) -> Path:
    """Store a snapshot with its figures; re-importing the same date replaces it.

    With ``places`` (the bundled places table), every place's class on this map is derived
    and stored beside it (:mod:`geo.maps.placeclasses`), and ``since`` of the later stored
    maps is brought up to date. Without, a stale classes file of the same date is removed.
    """
    frame = snapshot.polygons.copy()
    for column in FIGURE_COLUMNS:
        frame[column] = getattr(figures, column)
    frame["date"] = snapshot.date.isoformat()
    frame["kind"] = snapshot.kind
    frame["source"] = snapshot.source
    frame["claimant"] = claimant
    frame["imported_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    path = _maps_dir(store, claimant) / f"{snapshot.date.isoformat()}.parquet"
    with locked(store):
        atomic_write_parquet(frame, path)
        sidecar = classes_path(path)
        if places is None:
            sidecar.unlink(missing_ok=True)
            return path
        maps = list_maps(store, claimant)
        earlier = [m for m in maps if m.date < snapshot.date]
        previous = _previous_classes(earlier, fingerprint(places))
        result = derive(places, snapshot.polygons, snapshot.date, previous)
        write_classes(result, sidecar)
        later = [classes_path(m.path) for m in maps if m.date > snapshot.date]
        chain_since(result, [p for p in later if p.is_file()])
    return path


def _previous_classes(earlier: list[StoredMap], print_: str) -> PlaceClasses | None:
    """The classes of the latest earlier map, when stored from the same places table."""
    if not earlier:
        return None
    path = classes_path(earlier[-1].path)
    if not path.is_file():
        return None
    try:
        found = read_classes(path)
    except StoreError:
        return None
    return found if found.fingerprint == print_ and found.version == FORMAT_VERSION else None


def stored_classes(stored: StoredMap) -> PlaceClasses | None:
    """The stored place classes of one map (None: none stored; StoreError: damaged)."""
    path = classes_path(stored.path)
    return read_classes(path) if path.is_file() else None


def rederive(store: Path, places: pd.DataFrame, claimant: str = MAP_CLAIMANT
             ) -> tuple[list[tuple[dt.date, int]], list[str]]:
    """Re-derive every stored map's place classes from ``places``, oldest first.

    For a new places table or a new :data:`~geo.maps.placeclasses.FORMAT_VERSION`.
    Returns (date, places classified) per map written, and the errors of unreadable maps
    (their classes file is removed; ``since`` restarts after them).
    """
    done: list[tuple[dt.date, int]] = []
    errors: list[str] = []
    with locked(store):
        previous: PlaceClasses | None = None
        for stored in list_maps(store, claimant):
            try:
                polygons = read_map(stored)
            except StoreError as exc:
                errors.append(str(exc))
                classes_path(stored.path).unlink(missing_ok=True)
                previous = None
                continue
            previous = derive(places, polygons, stored.date, previous)
            write_classes(previous, classes_path(stored.path))
            done.append((stored.date, int((previous.codes != 255).sum())))
    return done, errors


@dataclass(frozen=True)
class StoredMap:
    """One stored snapshot file."""

    date: dt.date
    path: Path
    claimant: str


def list_maps(store: Path, claimant: str = MAP_CLAIMANT) -> list[StoredMap]:
    """Stored snapshots, oldest first (temp files and foreign names ignored)."""
    folder = _maps_dir(store, claimant)
    out = []
    for path in folder.glob("*.parquet") if folder.is_dir() else []:
        if path.name.endswith(PLACES_SUFFIX):
            continue
        try:
            day = dt.date.fromisoformat(path.stem)
        except ValueError:
            continue
        out.append(StoredMap(day, path, claimant))
    return sorted(out, key=lambda m: m.date)


def linked_store(directory: Path) -> Path:
    """The map store a data directory names: the store its ``maps`` link points into (a
    database's mirror, :mod:`geo.db.mirror`: the same store for every version whose maps
    are the same), else the directory itself."""
    link = directory / "maps"
    return link.resolve().parent if link.is_symlink() else directory


def map_on_or_before(maps: list[StoredMap], day: dt.date) -> StoredMap | None:
    """The latest stored snapshot dated on or before ``day`` (binary search)."""
    i = bisect.bisect_right([m.date for m in maps], day)
    return maps[i - 1] if i else None


def read_map(stored: StoredMap) -> gpd.GeoDataFrame:
    """Read one stored snapshot; a corrupt file raises StoreError naming it."""
    try:
        frame = gpd.read_parquet(stored.path)
    except Exception as exc:  # pyarrow raises many types for damaged files
        raise StoreError(f"stored map {stored.path} is unreadable ({exc.__class__.__name__}); "
                         "re-import it") from None
    missing = {"class", "geometry", "date", "kind", "source"} - set(frame.columns)
    if missing:
        raise StoreError(f"stored map {stored.path} lacks {sorted(missing)}; re-import it")
    return frame


def maps_table(store: Path) -> pd.DataFrame:
    """One row per stored snapshot: date, kind, classes, source, file."""
    rows = []
    for m in list_maps(store):
        frame = read_map(m)
        rows.append({"date": m.date.isoformat(), "kind": frame["kind"].iloc[0],
                     "classes": ",".join(frame["class"]), "source": frame["source"].iloc[0],
                     "file": str(m.path)})
    return pd.DataFrame(rows, columns=["date", "kind", "classes", "source", "file"])


def figure_series(store: Path, claimant: str = MAP_CLAIMANT) -> pd.DataFrame:
    """The stored figures of every snapshot (no geometry read), oldest first.

    Unreadable files are skipped and listed in the ``error`` column of an extra row.
    """
    rows: list[dict[Any, Any]] = []
    for m in list_maps(store, claimant):
        try:
            frame = pd.read_parquet(m.path, columns=["date", "kind", "source",
                                                     *FIGURE_COLUMNS])
        except Exception as exc:  # a damaged file must not hide the others
            rows.append({"date": m.date.isoformat(), "error": f"{m.path.name}: "
                         f"{exc.__class__.__name__}"})
            continue
        rows.append(frame.iloc[0].to_dict())
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=["date", "kind", "source", *FIGURE_COLUMNS, "error"])
    if "error" not in out:
        out["error"] = None
    out["date"] = pd.to_datetime(out["date"])
    return out
