"""Areas in km² in an equal-area projection, and shares of Ukraine.

Never in EPSG:4326 or Web Mercator (engineering notes §6). EPSG:6933 is a
cylindrical equal-area projection on the WGS84 ellipsoid, so ``.area`` in it is
the ellipsoidal area; tests check it against ``pyproj.Geod`` within 0.05%.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from geo.vocab import UKRAINE_AREA_KM2

EQUAL_AREA = "EPSG:6933"


def km2(geoms: gpd.GeoSeries) -> np.ndarray:
    """Area of each geometry (EPSG:4326 or any CRS) in km², vectorized."""
    if geoms.crs is None:
        geoms = geoms.set_crs("EPSG:4326")
    return geoms.to_crs(EQUAL_AREA).area.to_numpy() / 1e6


@dataclass(frozen=True)
class Figures:
    """Computed figures of one snapshot. ``pre2022_km2`` is None when not split out."""

    date: str
    occupied_km2: float          #: Russian-held, all (since 2022 + before 2022), no grey zone
    occupied_pct: float
    grey_km2: float | None              #: None: the map has no grey zone (processed files)
    occupied_with_grey_km2: float | None
    occupied_with_grey_pct: float | None
    pre2022_km2: float | None
    since2022_km2: float | None
    since2022_pct: float | None   #: Russian-held since 2022 only, no grey zone
    liberated_km2: float
    denominator_km2: float
    source: str

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def figures(
    polygons: gpd.GeoDataFrame,
    date: str,
    source: str,
    denominator_km2: float = UKRAINE_AREA_KM2,
    split_pre2022: bool = True,
) -> Figures:
    """Figures for a snapshot's dissolved class polygons (unions, so overlaps count once).

    ``split_pre2022=False`` (processed files: one Russian-held polygon, no grey zone)
    leaves the pre-2022 and grey-zone figures as ``None`` rather than a false zero.
    """
    by_class = dict(zip(polygons["class"], polygons.geometry, strict=True))
    empty = shapely.Polygon()

    def union(*names: str) -> shapely.Geometry:
        parts = [by_class[n] for n in names if n in by_class]
        return shapely.union_all(parts) if parts else empty

    geoms = gpd.GeoSeries([union("occupied", "pre2022"), union("grey"),
                           union("occupied", "pre2022", "grey"), union("pre2022"),
                           union("liberated"),
                           shapely.difference(union("occupied"), union("pre2022"))],
                          crs=polygons.crs or "EPSG:4326")
    occ, grey, occ_grey, pre, lib, since = km2(geoms)
    pct = 100.0 / denominator_km2
    return Figures(
        date=date, occupied_km2=float(occ), occupied_pct=float(occ * pct),
        grey_km2=float(grey) if split_pre2022 else None,
        occupied_with_grey_km2=float(occ_grey) if split_pre2022 else None,
        occupied_with_grey_pct=float(occ_grey * pct) if split_pre2022 else None,
        pre2022_km2=float(pre) if split_pre2022 else None,
        since2022_km2=float(since) if split_pre2022 else None,
        since2022_pct=float(since * pct) if split_pre2022 else None,
        liberated_km2=float(lib), denominator_km2=float(denominator_km2), source=source,
    )
