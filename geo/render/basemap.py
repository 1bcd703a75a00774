"""The constant base map: local Leaflet, tiles, Ukraine's outline, legend, "basemap unavailable",
tooltips kept inside the map.

The base map never changes between reruns, so streamlit-folium keeps it mounted; everything
that depends on the filters goes into FeatureGroups passed as ``feature_group_to_add``
(see engineering notes §2 and §3).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence

import folium
import pandas as pd

from geo.render.elements import Script, asset
from geo.render.labels import LABEL_STYLE
from geo.render.legend import legend_html
from geo.settings import MapConfig

#: Centre and zoom showing all of Ukraine.
UKRAINE_CENTER: tuple[float, float] = (48.6, 31.5)
UKRAINE_ZOOM: int = 6
#: Ukraine's outline: a thin line and a light fill (:mod:`geo.render.outline` builds the data).
OUTLINE_STYLE = {"color": "#3d4f66", "weight": 1.2, "opacity": 0.9, "fill": True,
                 "fillColor": "#f3efe4", "fillOpacity": 0.55}
#: The least gap, in pixels, between a tooltip and the map's edge (``static/tooltips.js``).
TOOLTIP_PADDING = 4
NOTICE_TEXT = "Basemap unavailable: map tiles could not be loaded. Claims are still shown."


def initial_view(
    lats: pd.Series, lons: pd.Series, width_px: int = 600, height_px: int = 600
) -> tuple[tuple[float, float], int]:
    """Centre and zoom that fit the given points (Ukraine's when there are none)."""
    if len(lats) == 0:
        return UKRAINE_CENTER, UKRAINE_ZOOM
    lat0, lat1, lon0, lon1 = lats.min(), lats.max(), lons.min(), lons.max()
    center = (round((lat0 + lat1) / 2, 4), round((lon0 + lon1) / 2, 4))
    # Web Mercator: 256 * 2**z pixels per 360 degrees of longitude; latitude stretched by 1/cos
    # a 10% margin around the outer points
    span_lon = max(lon1 - lon0, 0.05) * 1.1
    span_lat = max(lat1 - lat0, 0.05) * 1.1 / math.cos(math.radians(center[0]))
    zoom = min(math.log2(width_px * 360 / (256 * span_lon)),
               math.log2(height_px * 360 / (256 * span_lat)))
    return center, int(max(5, min(11, math.floor(zoom))))


def base_map(
    config: MapConfig | None = None,
    center: tuple[float, float] = UKRAINE_CENTER,
    zoom: int = UKRAINE_ZOOM,
    regions: Sequence[Sequence[object]] = (),
) -> folium.Map:
    """The constant base map: local Leaflet, configurable tiles, legend, basemap notice.

    Keep ``center``, ``zoom`` and ``regions`` (oblast names at low zoom,
    :func:`geo.render.regions.region_labels`) the same between reruns (e.g. from
    :func:`initial_view` of the whole dataset) so streamlit-folium does not remount the map.
    """
    config = config or MapConfig()
    m = folium.Map(location=center, zoom_start=zoom, tiles=None,
                   control_scale=True, min_zoom=4, max_zoom=16)
    # folium would fetch Leaflet, jQuery and Bootstrap from public CDNs; we need only Leaflet,
    # served by the app itself so the map works offline.
    m.default_js = [("leaflet", f"{config.static_url}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{config.static_url}/leaflet.css")]
    no_tiles = config.tiles.strip().lower() in ("", "none")
    if not no_tiles:
        folium.TileLayer(tiles=config.tiles, attr=config.attribution, name="Basemap",
                         max_zoom=19).add_to(m)
    Script("outline.js", outline=outline(), style=OUTLINE_STYLE).add_to(m)
    Script("labels.js", style=LABEL_STYLE, regions=[list(r) for r in regions]).add_to(m)
    Script("legend.js", html=legend_html()).add_to(m)
    Script("notice.js", text=NOTICE_TEXT, no_tiles=no_tiles).add_to(m)
    Script("tooltips.js", padding=TOOLTIP_PADDING).add_to(m)
    return m


@functools.cache
def outline() -> dict:
    """Ukraine's outline, GeoJSON (``static/ukraine-outline.geojson``, read once)."""
    data: dict = json.loads(asset("ukraine-outline.geojson"))
    return data
