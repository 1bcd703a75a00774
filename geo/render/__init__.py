"""The map: folium base map, settlement layers (DOM markers or one canvas), control-map layers.

The only package that imports folium, branca and jinja2. Its JavaScript, CSS and SVG are
files in ``geo/render/static/``, read as package data; every data string is HTML-escaped
in Python (:func:`esc`) before it reaches them.
"""

from geo.render.assets import install_leaflet, publish_places
from geo.render.basemap import UKRAINE_CENTER, UKRAINE_ZOOM, base_map, initial_view
from geo.render.canvas import (
    Claimed,
    Fixed,
    canvas_layer,
    claimed_part,
    drawing_order,
    fixed_part,
    layer_data,
    size_order,
)
from geo.render.controls import (
    CONTROL_STYLES,
    change_layer,
    control_layer,
    empty_change_layer,
    empty_control_layer,
)
from geo.render.detail import MARKER_LIMIT, level_of_detail
from geo.render.dom import ON_DEMAND_TEXT, POPUP_LIMIT, settlement_layer
from geo.render.elements import Layer, Literal, Script
from geo.render.escape import esc
from geo.render.legend import legend_html
from geo.render.markers import icon_svg, popup_html, radius, tooltip_html
from geo.render.regions import region_labels
from geo.render.settlements import PlaceLayer, needs_canvas, place_layer

__all__ = [
    "CONTROL_STYLES",
    "MARKER_LIMIT",
    "ON_DEMAND_TEXT",
    "POPUP_LIMIT",
    "UKRAINE_CENTER",
    "UKRAINE_ZOOM",
    "Claimed",
    "Fixed",
    "Layer",
    "Literal",
    "PlaceLayer",
    "Script",
    "base_map",
    "canvas_layer",
    "change_layer",
    "claimed_part",
    "control_layer",
    "drawing_order",
    "empty_change_layer",
    "empty_control_layer",
    "esc",
    "fixed_part",
    "icon_svg",
    "initial_view",
    "install_leaflet",
    "layer_data",
    "legend_html",
    "level_of_detail",
    "needs_canvas",
    "place_layer",
    "popup_html",
    "publish_places",
    "radius",
    "region_labels",
    "settlement_layer",
    "size_order",
    "tooltip_html",
]
