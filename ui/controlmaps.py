"""Cached access to the stored control maps (keyed by file names and modification times)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.claims.index import ClaimIndex, build_index
from geo.claims.state import PageState
from geo.dataset.load import Dataset
from geo.errors import FrontlineError, StoreError
from geo.maps import claimant as mapclaims
from geo.maps.changes import MapChanges, map_changes
from geo.maps.store import StoredMap, figure_series, list_maps, map_on_or_before, read_map
from ui.data import settlements_key


@dataclass(frozen=True)
class Maps:
    """The store's snapshots, their figures, and problems found reading them."""

    store: Path
    maps: list[StoredMap]
    series: pd.DataFrame
    errors: tuple[str, ...]
    listing: tuple[tuple[str, int], ...]   #: file names and mtimes: the version of the store

    def in_force(self, day: dt.date) -> StoredMap | None:
        """The latest snapshot on or before ``day``."""
        return map_on_or_before(self.maps, day)


def _listing(store: Path) -> tuple[tuple[str, int], ...]:
    folder = store / "maps" / "deepstate"
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.parquet")))


@st.cache_resource(max_entries=4, show_spinner=False)
def _maps(store: str, listing: tuple[tuple[str, int], ...]) -> Maps:
    path = Path(store)
    series = figure_series(path)
    errors = tuple(str(e) for e in series.get("error", pd.Series(dtype=object)).dropna())
    return Maps(path, list_maps(path), series[series["error"].isna()], errors, listing)


def stored_maps(store: Path) -> Maps:
    """The store's maps; re-read only when a file is added, removed or changed.

    The store is listed once per rerun here; the other cached steps reuse ``listing``.
    """
    return _maps(str(store.resolve()), _listing(store))


@dataclass(frozen=True)
class _Read:
    """A snapshot's polygons, or why they could not be read (cached either way)."""

    polygons: gpd.GeoDataFrame | None
    error: str = ""


@st.cache_resource(max_entries=8, show_spinner=False)
def _polygons(path: str, mtime: int) -> _Read:
    try:
        return _Read(read_map(StoredMap(dt.date.fromisoformat(Path(path).stem), Path(path),
                                        "deepstate")))
    except FrontlineError as exc:
        return _Read(None, str(exc))


def polygons(stored: StoredMap) -> gpd.GeoDataFrame:
    """One snapshot's class polygons; raises :class:`StoreError` when the file is unreadable
    (an unreadable file is not read again until it changes)."""
    found = _polygons(str(stored.path), stored.path.stat().st_mtime_ns)
    if found.polygons is None:
        raise StoreError(found.error)
    return found.polygons


@st.cache_resource(max_entries=4, show_spinner="Placing settlements on the control maps…")
def _with_map_claims(_ds: Dataset, ds_key: tuple, store: str,
                     listing: tuple[tuple[str, int], ...]) -> tuple[Dataset, tuple[str, ...]]:
    # ``_ds`` is not hashed; ``ds_key`` and ``listing`` identify the versions of the inputs
    merged, errors = mapclaims.with_map_claims(_ds, Path(store), use_classes=True)
    return merged, tuple(errors)


def with_map_claims(ds: Dataset, ds_key: tuple, maps: Maps) -> tuple[Dataset, tuple[str, ...]]:
    """The dataset plus the claims derived from the stored maps ("map as claimant")."""
    return _with_map_claims(ds, ds_key, str(maps.store), maps.listing)


@st.cache_resource(max_entries=4, show_spinner=False)
def _index(_ds: Dataset, ds_key: tuple, store: str,
           listing: tuple[tuple[str, int], ...], map_dates: tuple[dt.date, ...]) -> ClaimIndex:
    # with the maps' dates, DeepState's claims are dated by the map in force
    return build_index(_ds.claims, map_dates=map_dates)


def claim_index(ds: Dataset, ds_key: tuple, maps: Maps) -> ClaimIndex:
    """The resolution index of ``ds.claims`` (the merged claims), built once per version."""
    return _index(ds, ds_key, str(maps.store), maps.listing,
                  tuple(m.date for m in maps.maps))


def _earlier_map(maps: Maps, day: dt.date) -> dt.date | None:
    """The snapshot before the one in force on ``day`` (None: there is none)."""
    current = maps.in_force(day)
    earlier = [m.date for m in maps.maps if current is not None and m.date < current.date]
    return earlier[-1] if earlier else None


def valid_compare_from(maps: Maps, day: dt.date, chosen: object) -> bool:
    """Whether ``chosen`` can be the compare-from date on ``day`` (a snapshot exists by then)."""
    return isinstance(chosen, dt.date) and bool(maps.maps) and maps.maps[0].date <= chosen <= day


def default_compare_from(maps: Maps, day: dt.date) -> dt.date | None:
    """The compare-from widget's value when the reader's is missing or no longer valid: the
    snapshot before the one in force on ``day``, else the first snapshot (never after
    ``day``); None with fewer than two snapshots (there is no comparison to show)."""
    if len(maps.maps) < 2:
        return None
    first = maps.maps[0].date
    return min(max(first, _earlier_map(maps, day) or first), day)


@dataclass(frozen=True)
class Comparison:
    """The changes between two control maps, or a note saying why there are none."""

    changes: MapChanges | None
    note: str = ""


def compare(ds: Dataset, ds_key: tuple, maps: Maps, state: PageState) -> Comparison:
    """Changes between the map in force on the compare-from date and on the selected date.

    The changed places are the dataset's settlements, and nothing else of it is read: the
    comparison is kept per settlements frame (:func:`ui.data.settlements_key`), so a
    database's version that only added claims reuses it and a dataset with other places
    never sees it. ``ds_key`` (the version of ``ds``) is not needed for that.
    """
    start = (state.compare_from if valid_compare_from(maps, state.date, state.compare_from)
             else default_compare_from(maps, state.date))
    if start is None:
        return Comparison(None, "No earlier map to compare with.")
    # the changes depend only on the two maps in force: keyed by their dates, so that a new
    # selected date with the same maps in force is not compared again (~0.3-0.5 s a pair)
    first, last = maps.in_force(start), maps.in_force(state.date)
    try:
        return Comparison(_compare(ds.settlements, settlements_key(ds), str(maps.store),
                                   maps.listing,
                                   first.date if first else start,
                                   last.date if last else state.date))
    except FrontlineError as exc:
        return Comparison(None, str(exc))


@st.cache_resource(max_entries=16, show_spinner=False)
def _compare(_settlements: gpd.GeoDataFrame, places: int, store: str, listing: tuple,
             start: dt.date, end: dt.date) -> MapChanges:
    # ``_settlements`` is not hashed; ``places`` (its settlements_key) and ``listing``
    # identify the versions of the inputs
    return map_changes(Path(store), _settlements, start, end)
