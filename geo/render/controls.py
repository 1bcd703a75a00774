"""Control-map layers: the areas of a DeepState map, and what changed between two maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from geo.render.elements import Layer, Script
from geo.render.escape import esc
from geo.vocab import CLASS_LABELS, PROCESSED_LABEL

if TYPE_CHECKING:
    from shapely import Geometry

CONTROL_NAME = "Control map"
CHANGE_NAME = "Map changes"

#: Fill colours of the control-map classes (distinct from the marker status colours' pure hues).
CONTROL_STYLES: dict[str, dict[str, Any]] = {
    "occupied": {"color": "#8e1b10", "fillColor": "#d9574a", "fillOpacity": 0.35},
    "pre2022": {"color": "#4a0d07", "fillColor": "#7f2a22", "fillOpacity": 0.35},
    "grey": {"color": "#6d6d6d", "fillColor": "#a9a9a9", "fillOpacity": 0.45},
    "liberated": {"color": "#2e7d32", "fillColor": "#66bb6a", "fillOpacity": 0.18},
}
#: Areas that became Russian-held between two maps (red) or stopped being so (green).
CHANGE_STYLES: dict[str, dict[str, Any]] = {
    "gained": {"color": "#b00020", "fillColor": "#b00020", "fillOpacity": 0.55, "weight": 2},
    "lost": {"color": "#1b5e20", "fillColor": "#43a047", "fillOpacity": 0.55, "weight": 2},
}


#: Simplified geometries kept, by geometry object (a stored map's polygons are read once
#: and then drawn on every rerun: simplifying them again was ~4 % of a rerun's CPU).
KEPT_GEOMETRIES = 32
_kept: dict[tuple[int, float, int], tuple[Any, dict[str, Any]]] = {}


def simplified_geojson(geometry: Geometry, tolerance: float = 0.003,
                       decimals: int = 4) -> dict[str, Any]:
    """A light GeoJSON geometry: simplified (~300 m) and rounded (~10 m) for the browser.

    Kept per geometry object while it lives in the cache (treat the result as read-only)."""
    key = (id(geometry), tolerance, decimals)
    found = _kept.get(key)
    if found is not None and found[0] is geometry:
        return found[1]
    result = _simplified(geometry, tolerance, decimals)
    while len(_kept) >= KEPT_GEOMETRIES:
        _kept.pop(next(iter(_kept)), None)
    _kept[key] = (geometry, result)
    return result


def _simplified(geometry: Geometry, tolerance: float, decimals: int) -> dict[str, Any]:
    import shapely

    simple = shapely.simplify(geometry, tolerance, preserve_topology=True)
    rounded: Any = shapely.transform(simple, lambda xy: np.round(xy, decimals))
    return dict(shapely.geometry.mapping(rounded))


def empty_control_layer() -> Layer:
    """The control-map layer when no map is shown (an empty group clears the old one)."""
    return Layer(name=CONTROL_NAME)


def empty_change_layer() -> Layer:
    """The change layer when no change is shown (an empty group clears the old one)."""
    return Layer(name=CHANGE_NAME)


def control_layer(polygons: pd.DataFrame, date: str, kind: str) -> Layer:
    """A FeatureGroup with one styled layer per control-map class, labelled with its date."""
    group = empty_control_layer()
    layers = []
    for cls, geometry in zip(polygons["class"], polygons.geometry, strict=True):
        if cls not in CONTROL_STYLES or geometry is None or geometry.is_empty:
            continue
        label = PROCESSED_LABEL if kind == "processed" and cls == "occupied" else (
            CLASS_LABELS[cls])
        layers.append({"cls": cls, "style": CONTROL_STYLES[cls],
                       "label": esc(f"{label} — DeepState map of {date}"),
                       "geometry": simplified_geojson(geometry)})
    Script("control.js", layers=layers).add_to(group)
    return group


def change_layer(gained: Geometry | None, lost: Geometry | None, start: str,
                 end: str) -> Layer:
    """Areas that became Russian-held (red outline) or stopped being so (green) between maps."""
    group = empty_change_layer()
    layers = []
    for cls, geometry, label in (
        ("gained", gained, f"Russian-held on the map of {end}, not on {start}"),
        ("lost", lost, f"Russian-held on the map of {start}, not on {end}"),
    ):
        if geometry is None or _empty(geometry):
            continue
        layers.append({"cls": cls, "style": CHANGE_STYLES[cls], "label": esc(label),
                       "geometry": simplified_geojson(geometry, tolerance=0.001)})
    Script("control.js", layers=layers).add_to(group)
    return group


def _empty(geometry: Geometry) -> bool:
    import shapely

    return bool(shapely.is_empty(geometry))
