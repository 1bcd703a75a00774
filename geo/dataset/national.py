"""The page's places: the curated settlements plus every other place of the bundled table.

``settlements.csv`` stays the curated list (validated row by row, its messages unchanged);
``data/places.parquet`` is generated (:mod:`geo.places.table`), so it is checked as a table:
unreadable, missing a column, duplicate ids or coordinates that are not numbers raise a
:class:`~geo.errors.StoreError` naming the file. Every place of the table that no curated row
already is (same id or same GeoNames id) is added with the settlements' columns: ``aliases``
from the alternate names, ``kind`` from the GeoNames feature code, ``population`` empty where
GeoNames has 0. Vectorized: no loop over the 33,681 rows.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import Problem, StoreError
from geo.places.table import PLACES_FILE, load_places

#: GeoNames feature code → settlements.csv ``kind`` (others: ``village``). PPLC is the
#: capital, PPLA an oblast centre, PPLA2 a raion centre, PPLA3/PPLA4 smaller seats, PPLX a
#: section of a city.
KINDS = {"PPLC": "city", "PPLA": "city", "PPLA2": "city", "PPLA3": "town", "PPLA4": "town",
         "PPLX": "settlement", "PPLL": "settlement", "PPLF": "settlement", "PPLH": "settlement",
         "PPLQ": "settlement", "PPLW": "settlement"}


#: Ukraine's extent (degrees, with a margin): table rows outside it are not on the map.
LAT_RANGE = (44.0, 52.6)
LON_RANGE = (22.0, 40.5)


def check_places(places: pd.DataFrame, path: Path) -> None:
    """Raise StoreError naming ``path`` when the generated table is damaged."""
    fix = f"Fix: rebuild it: python -m geo places build UA.zip --out {path}"
    ids = places["id"].astype(str)
    if ids.duplicated().any():
        raise StoreError(f"{path}: duplicate place id {ids[ids.duplicated()].iloc[0]!r}. {fix}")
    if (ids == "").any():
        raise StoreError(f"{path}: a place without an id. {fix}")
    for column in ("lat", "lon", "population", "geonameid"):
        if not pd.api.types.is_numeric_dtype(places[column]):
            raise StoreError(f"{path}: column {column} is not numeric. {fix}")


def curated_aliases(curated: pd.DataFrame) -> dict[str, str]:
    """``gn-<geonameid>`` → curated id for every curated settlement with a GeoNames id, so a
    claim may name a curated place either way (``gn-704422`` is ``pokrovsk``)."""
    with_gn = curated[curated["geonames_id"].notna()]
    return dict(zip("gn-" + with_gn["geonames_id"].astype("int64").astype(str),
                    with_gn["id"].astype(str), strict=True))


def addressable_ids(curated: pd.DataFrame, places: pd.DataFrame) -> pd.Index:
    """Every id a claim may name: the curated ids, the table's ids and the curated places'
    ``gn-`` aliases."""
    return pd.Index(curated["id"].astype(str)).union(pd.Index(places["id"].astype(str))) \
        .union(pd.Index(list(curated_aliases(curated))))


def national_settlements(curated: gpd.GeoDataFrame, places: pd.DataFrame,
                         path: Path | None = None, only: pd.Index | None = None
                         ) -> gpd.GeoDataFrame:
    """``curated`` (the validated settlements.csv) followed by every other place of
    ``places`` (the bundled table), in the settlements' columns, with point geometry.

    ``only``: add just the table's places with these ids (the places claims name), not all.
    """
    check_places(places, path or Path(PLACES_FILE))
    known_ids = set(curated["id"].astype(str))
    known_gn = set(curated["geonames_id"].dropna().astype("int64"))
    keep = ~places["id"].astype(str).isin(known_ids) \
        & ~places["geonameid"].astype("int64").isin(known_gn)
    if only is not None:
        keep &= places["id"].astype(str).isin(only)
    else:   # the whole map: not the dump's few rows that lie outside Ukraine (Sasovo, Ryazan)
        keep &= places["lat"].between(*LAT_RANGE) & places["lon"].between(*LON_RANGE)
    others = places[keep]
    population = others["population"].to_numpy(dtype="float64")
    # a city's district (PPLX) has the district's population: the map would size and label
    # it like a city over its own city, so it is drawn as a place of unknown population
    population = np.where(others["feature_code"].to_numpy() == "PPLX", np.nan, population)
    extra = pd.DataFrame({
        "id": others["id"].astype(str).to_numpy(),
        "name": others["name"].astype(str).to_numpy(),
        "name_uk": others["name_uk"].fillna("").astype(str).to_numpy(),
        "aliases": others["alternatenames"].fillna("").astype(str).str.replace(",", ";")
        .to_numpy(),
        "oblast": others["oblast"].fillna("").astype(str).to_numpy(),
        "kind": others["feature_code"].map(KINDS).fillna("village").to_numpy(),
        "population": pd.array(np.where(population > 0, population, np.nan), dtype="Float64")
        .astype("Int64"),
        "geonames_id": pd.array(others["geonameid"].to_numpy(), dtype="Int64"),
        "lat": others["lat"].to_numpy(dtype="float64"),
        "lon": others["lon"].to_numpy(dtype="float64"),
    })
    own = pd.DataFrame(curated.drop(columns="geometry"))
    frame = pd.concat([own, extra[own.columns]], ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
                            crs="EPSG:4326")


def bundled_table(directory: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The data directory's places table (None when it has none) and, when it is damaged,
    the problem (one whole-file problem naming it, with the command that rebuilds it)."""
    path = directory / PLACES_FILE
    if not path.is_file():
        return None, []
    try:
        places = load_places(directory)
        check_places(places, path)
    except StoreError as exc:
        return None, [Problem(PLACES_FILE, 0, "", "", str(exc).removeprefix(f"{path}: ")
                              .split(". Fix: ")[0],
                              f"rebuild it: python -m geo places build UA.zip --out {path}")]
    return places, []
