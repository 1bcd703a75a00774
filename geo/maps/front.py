"""Where the front runs on a stored control map: points along its grey zone and along the
edge of the Russian-held area that faces Ukrainian-held ground.

:func:`front_points` reads the map in force on a day (the latest when no day is given) and
samples the boundaries every ~3 km (``shapely.segmentize``). The Russian-held edge keeps the
samples with a place outside the Russian-held area within ~10 km, so the border with Russia
and the coast, with no Ukrainian-held place beside them, are left out. The extractor uses
the points to tell namesakes apart (``geo.text.front.Front``), naming the map it used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geo.maps.store import list_maps, map_on_or_before, read_map

__all__ = ["front_points"]

#: Boundary sample spacing and the reach of "a Ukrainian-held place beside it", in degrees.
STEP_DEG = 0.03
BESIDE_DEG = 0.1


def _samples(geoms: object) -> np.ndarray:
    """(lon, lat) points every :data:`STEP_DEG` along the boundary of ``geoms``."""
    union = shapely.union_all(np.asarray(geoms))
    if union.is_empty:
        return np.empty((0, 2))
    return shapely.get_coordinates(shapely.segmentize(union.boundary, STEP_DEG))


def front_points(store: Path, day: dt.date | None = None,
                 places: pd.DataFrame | None = None) -> tuple[np.ndarray, str] | None:
    """(lat, lon) points of the front on the map in force on ``day``, and a description of
    them; None when the store holds no map then. ``places`` (with ``lat``, ``lon``) tells
    the Russian-held edge facing Ukrainian-held ground from the border; without it the
    whole edge counts."""
    maps = list_maps(store)
    stored = map_on_or_before(maps, day) if day else (maps[-1] if maps else None)
    if stored is None:
        return None
    frame = read_map(stored)
    grey = _samples(frame.geometry[frame["class"] == "grey"])
    held = frame.geometry[frame["class"].isin(["occupied", "pre2022"])]
    edge = _samples(held)
    if len(edge) and places is not None and len(places):
        russian = shapely.union_all(np.asarray(held))
        shapely.prepare(russian)
        lon = places["lon"].to_numpy(dtype=float)
        lat = places["lat"].to_numpy(dtype=float)
        free = ~shapely.contains_xy(russian, lon, lat)
        tree = shapely.STRtree(np.asarray(shapely.points(lon[free], lat[free])))
        near, _ = tree.query(shapely.points(edge), predicate="dwithin", distance=BESIDE_DEG)
        edge = edge[np.unique(near)]
    points = np.concatenate([grey, edge]) if len(grey) or len(edge) else np.empty((0, 2))
    if not len(points):
        return None
    return points[:, ::-1].copy(), (f"the front on the stored control map of {stored.date} "
                                    f"(its grey zone and Russian-held edge)")
