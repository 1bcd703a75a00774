"""Cached access to the stored control maps (keyed by file names and modification times)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.claims.resolve import ClaimIndex, build_index
from geo.claims.urlstate import FilterState
from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.maps import claimant as mapclaims
from geo.maps.changes import MapChanges, map_changes
from geo.maps.store import StoredMap, figure_series, list_maps, map_on_or_before, read_map


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


@st.cache_resource(max_entries=8, show_spinner=False)
def _polygons(path: str, mtime: int) -> gpd.GeoDataFrame | str:
    try:
        return read_map(StoredMap(dt.date.fromisoformat(Path(path).stem), Path(path),
                                  "deepstate"))
    except FrontlineError as exc:
        return str(exc)


def polygons(stored: StoredMap) -> gpd.GeoDataFrame | str:
    """One snapshot's class polygons, or the error text when the file is unreadable."""
    return _polygons(str(stored.path), stored.path.stat().st_mtime_ns)


@st.cache_resource(max_entries=4, show_spinner="Placing settlements on the control maps…")
def _with_map_claims(_ds: Dataset, ds_key: tuple, store: str,
                     listing: tuple[tuple[str, int], ...]) -> tuple[Dataset, tuple[str, ...]]:
    # ``_ds`` is not hashed; ``ds_key`` and ``listing`` identify the versions of the inputs
    merged, errors = mapclaims.with_map_claims(_ds, Path(store))
    return merged, tuple(errors)


def with_map_claims(ds: Dataset, ds_key: tuple, maps: Maps) -> tuple[Dataset, tuple[str, ...]]:
    """The dataset plus the claims derived from the stored maps ("map as claimant")."""
    return _with_map_claims(ds, ds_key, str(maps.store), maps.listing)


@st.cache_resource(max_entries=4, show_spinner=False)
def _index(_ds: Dataset, ds_key: tuple, store: str,
           listing: tuple[tuple[str, int], ...]) -> ClaimIndex:
    return build_index(_ds.claims)


def claim_index(ds: Dataset, ds_key: tuple, maps: Maps) -> ClaimIndex:
    """The resolution index of ``ds.claims`` (the merged claims), built once per version."""
    return _index(ds, ds_key, str(maps.store), maps.listing)


def compare_from(maps: Maps, day: dt.date) -> dt.date | None:
    """The compare-from date: the widget's value, else the snapshot before the one in force."""
    chosen = st.session_state.get("f_compare_from")
    if isinstance(chosen, dt.date) and maps.maps and maps.maps[0].date <= chosen <= day:
        return chosen
    current = maps.in_force(day)
    earlier = [m.date for m in maps.maps if current is not None and m.date < current.date]
    return earlier[-1] if earlier else None


def compare(ds: Dataset, maps: Maps, state: FilterState) -> MapChanges | str:
    """Changes between the map in force on the compare-from date and on the selected date."""
    start = compare_from(maps, state.date)
    if start is None:
        return "No earlier map to compare with."
    try:
        return _compare(ds, str(maps.store), maps.listing, start, state.date)
    except FrontlineError as exc:
        return str(exc)


@st.cache_resource(max_entries=16, show_spinner=False)
def _compare(_ds: Dataset, store: str, listing: tuple, start: dt.date,
             end: dt.date) -> MapChanges:
    return map_changes(Path(store), _ds.settlements, start, end)
