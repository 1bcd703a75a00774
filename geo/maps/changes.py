"""What changed on the control map between two dates: km² gained and lost, settlements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import InputError
from geo.maps.area import km2
from geo.maps.claimant import statuses_on_map
from geo.maps.store import list_maps, map_on_or_before, read_map


@dataclass(frozen=True)
class MapChanges:
    """Changes between the snapshots in force on two dates."""

    from_date: dt.date
    to_date: dt.date
    gained_km2: float        #: newly Russian-held (since or before 2022), grey zone excluded
    lost_km2: float          #: no longer Russian-held
    net_km2: float
    settlements: pd.DataFrame  #: settlement, name, from_status, to_status
    gained: shapely.Geometry   #: area Russian-held on the later map only
    lost: shapely.Geometry     #: area Russian-held on the earlier map only


def _russian(polygons: gpd.GeoDataFrame) -> shapely.Geometry:
    parts = polygons.loc[polygons["class"].isin(["occupied", "pre2022"]), "geometry"]
    return shapely.union_all(parts.to_numpy()) if len(parts) else shapely.Polygon()


def map_changes(
    store: Path, settlements: gpd.GeoDataFrame, start: dt.date, end: dt.date
) -> MapChanges:
    """Compare the latest stored snapshots on or before ``start`` and ``end``."""
    maps = list_maps(store)
    a, b = map_on_or_before(maps, start), map_on_or_before(maps, end)
    if a is None or b is None:
        first = maps[0].date.isoformat() if maps else "none stored"
        raise InputError(f"no stored map on or before {start if a is None else end} "
                         f"(earliest: {first}); import one with `python -m geo import deepstate`")
    pa, pb = read_map(a), read_map(b)
    ra, rb = _russian(pa), _russian(pb)
    gained_geom, lost_geom = shapely.difference(rb, ra), shapely.difference(ra, rb)
    gained, lost = km2(gpd.GeoSeries([gained_geom, lost_geom], crs="EPSG:4326"))
    sa, sb = statuses_on_map(settlements, pa), statuses_on_map(settlements, pb)
    moved = sa != sb
    names = dict(zip(settlements["id"], settlements["name"], strict=True))
    table = pd.DataFrame({"settlement": sa.index[moved], "name": [names[s] for s in
                                                                sa.index[moved]],
                          "from_status": sa[moved].to_numpy(), "to_status": sb[moved].to_numpy()})
    return MapChanges(a.date, b.date, float(gained), float(lost), float(gained - lost), table,
                      gained_geom, lost_geom)
