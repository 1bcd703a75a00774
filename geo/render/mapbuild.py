"""Folium map building: a constant base map and a per-rerun settlement layer.

The base map (tiles, legend, basemap notice, Leaflet served locally) never
changes between reruns, so streamlit-folium keeps it mounted; everything that
depends on the filters goes into the FeatureGroup from :func:`settlement_layer`
(passed as ``feature_group_to_add``). See engineering notes §2 and §3.
"""

from __future__ import annotations

import functools
import math

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from geo.render.markers import STRIPES_DEFS, esc, icon_svg, popup_html, title_text, tooltip_html
from geo.settings import MapConfig
from geo.vocab import CLASS_LABELS, DISPUTED_COLOR, PROCESSED_LABEL, STATUS_COLORS, STATUS_LABELS

#: Centre and zoom showing all of Ukraine.
UKRAINE_CENTER: tuple[float, float] = (48.6, 31.5)
UKRAINE_ZOOM: int = 6
class _Script(MacroElement):
    """A MacroElement whose script is a fixed template fed with JSON-encoded values.

    Each value is JSON-encoded once, HTML-safe (``<``, ``>``, ``&``, ``'`` escaped, as
    Jinja's ``tojson`` does), and inserted with ``{{ this.json.NAME }}``. Rendering adds
    the script as literal text: branca would compile every rendered script as a Jinja
    template again, which costs ~100 ms for a country's worth of places.
    """

    def __init__(self, template: str, **values: object) -> None:
        super().__init__()
        self._name = "FrontlineScript"
        self._template = _compiled(template)
        self.json = {key: htmlsafe_json_dumps(value, separators=(",", ":"))
                     for key, value in values.items()}

    def render(self, **kwargs: object) -> None:
        """Add the script to the figure as it is (no second template pass)."""
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_Literal(script), name=self.get_name())


class _Literal(Element):
    """Text that renders as itself (never parsed as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


@functools.lru_cache(maxsize=32)
def _compiled(template: str) -> Template:
    """The Jinja template of a script, compiled once per process (compiling costs ~5 ms)."""
    return Template("{% macro script(this, kwargs) %}" + template + "{% endmacro %}")


_LEGEND_JS = """
(function() {
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'fc-legend');
    div.innerHTML = {{ this.json.html }};
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
"""

_NOTICE_JS = """
(function() {
  var map = {{ this._parent.get_name() }};
  if (map.attributionControl) {
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }
  var notice = L.control({position: 'topleft'});
  notice.onAdd = function() {
    var div = L.DomUtil.create('div', 'fc-basemap-notice');
    div.textContent = {{ this.json.text }};
    div.style.cssText = 'background:#fff3cd;border:1px solid #c9a227;padding:3px 6px;'
      + 'font:11px/1.3 sans-serif;border-radius:4px;max-width:230px;cursor:pointer;';
    div.title = 'Click to dismiss';
    L.DomEvent.on(div, 'click', function() { notice.remove(); });
    return div;
  };
  var shown = false;
  function show() { if (!shown) { shown = true; notice.addTo(map); } }
  // a popup is what the reader is looking at: keep the notice out of its way meanwhile
  function display(value) {
    var box = notice.getContainer && notice.getContainer();
    if (box) { box.style.display = value; }
  }
  map.on('popupopen', function() { display('none'); });
  map.on('popupclose', function() { display(''); });
  if ({{ this.json.no_tiles }}) { show(); return; }
  map.eachLayer(function(layer) {
    if (layer instanceof L.TileLayer) { layer.on('tileerror', show); }
  });
})();
"""

# Markers share their SVG (few distinct combinations of statuses and size), sent once in
# ``icons``; every string in the data is HTML-escaped in Python before it gets here.
_LAYER_JS = """
(function() {
  var group = {{ this._parent.get_name() }};
  var icons = {{ this.json.icons }};
  var items = {{ this.json.markers }};
  var onDemand = {{ this.json.on_demand }};
  if (!document.getElementById('fc-stripes')) {   // the partial-claim pattern, once per page
    var defs = document.createElement('div');
    defs.innerHTML = {{ this.json.stripes }};
    document.body.appendChild(defs.firstChild);
  }
  items.forEach(function(it) {
    var html = '<div class="fc-icon" data-settlement="' + it.id + '" data-ru="' + it.ru
      + '" data-ua="' + it.ua + '" data-independent="' + it.ind + '" data-disputed="'
      + it.d + '">' + icons[it.i] + '</div>';
    var icon = L.divIcon({html: html, className: 'fc-marker',
                          iconSize: [it.z, it.z], iconAnchor: [it.z / 2, it.z / 2]});
    // smaller places on top of larger ones, so neither hides the other
    var marker = L.marker([it.la, it.lo], {icon: icon, riseOnHover: true, title: it.ti,
                                           alt: it.ti, zIndexOffset: -10 * it.z});
    marker.bindTooltip(it.t, {direction: 'top', offset: [0, -it.z / 2]});
    if (it.p) { marker.bindPopup(it.p, {maxWidth: 380, maxHeight: 420}); }
    else if (onDemand) { marker.bindPopup(onDemand, {maxWidth: 260}); }
    marker.addTo(group);
  });
})();
"""

#: Up to this many places are drawn as DOM markers with embedded popups; above it they are
#: drawn on one canvas (:mod:`geo.render.canvas`) and a click shows the claims below the map.
POPUP_LIMIT = 400
#: At most this many places are drawn on the canvas; the rest are summarised
#: (see level_of_detail). 30,000 places (all of Ukraine's) are drawn in full.
MARKER_LIMIT = 40_000
ON_DEMAND_TEXT = ("Loading this place's claims… (with many places on the map, claims are "
                  "fetched when you click one; they appear below the map)")


def level_of_detail(view: pd.DataFrame, limit: int = MARKER_LIMIT) -> tuple[pd.DataFrame, str]:
    """At most ``limit`` settlements to draw: every disputed one, then the largest others.

    Returns the rows and a note for the reader ("" when nothing is left out). A disputed
    settlement is never left out, even beyond ``limit``.
    """
    if len(view) <= limit:
        return view, ""
    disputed = view[view["disputed"]]
    others = view[~view["disputed"]]
    room = max(limit - len(disputed), 0)
    pop = pd.to_numeric(others["population"], errors="coerce").fillna(0)
    keep = others.loc[pop.sort_values(ascending=False, kind="stable").index[:room]]
    shown = view.loc[view.index.isin(disputed.index.union(keep.index))]
    note = (f"Showing {len(shown):,} of {len(view):,} settlements: every disputed one and the "
            f"largest of the others. Filter by status, choose fewer claimants or search a "
            f"place to see the rest.")
    return shown, note

_STYLE = (
    ".fc-marker{background:none;border:none}"
    # only the painted circle takes clicks, so close neighbours stay clickable
    ".leaflet-marker-icon.fc-marker{pointer-events:none!important}"
    ".fc-marker svg path,.fc-marker svg circle{pointer-events:visiblePainted;cursor:pointer}"
    ".fc-legend{background:#fff;padding:4px 8px;font:11px/1.35 sans-serif;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:210px}"
    ".fc-legend summary{cursor:pointer;font-weight:bold}"
    ".fc-popup{font:12px/1.35 sans-serif}.fc-popup h4{font-size:15px}"
    ".fc-legend svg{vertical-align:middle;margin-right:4px}"
    ".fc-popup h4{margin:0 0 2px}.fc-popup h5{margin:8px 0 2px;font-size:13px}"
    ".fc-popup ul{padding-left:16px;margin:0}.fc-popup li{margin-bottom:6px}"
    ".fc-disputed{color:" + DISPUTED_COLOR + ";font-weight:bold}"
    ".fc-date,.fc-source,.fc-oblast{color:#555;font-size:11px}"
)


def legend_html() -> str:
    """The legend's HTML: built from constants only, no data."""
    def swatch(left: str, right: str, ring: str = "") -> str:
        ring_svg = (f'<circle cx="9" cy="9" r="8" fill="none" stroke="{ring}" stroke-width="2"/>'
                    if ring else "")
        return (f'<svg width="18" height="18">{ring_svg}'
                f'<path d="M9,3 A6,6 0 0 0 9,15 Z" fill="{left}"/>'
                f'<path d="M9,3 A6,6 0 0 1 9,15 Z" fill="{right}"/>'
                '<circle cx="9" cy="9" r="6" fill="none" stroke="#333"/></svg>')

    rows = [f"<style>{_STYLE}</style><details><summary>Legend</summary>"
            "<small>left half: Russian side · right half: Ukrainian side · "
            "centre dot: independent</small><br>"]
    for key in ("russian", "contested", "ukrainian", "none"):
        color = STATUS_COLORS[key]
        rows.append(f"{swatch(color, color)}{esc(STATUS_LABELS[key])}<br>")
    rows.append(f"{swatch(STATUS_COLORS['russian'], STATUS_COLORS['ukrainian'], DISPUTED_COLOR)}"
                "Sides disagree (disputed)<br>")
    rows.append('<svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="none" '
                'stroke="#111" stroke-width="1.5" stroke-dasharray="2 2"/></svg>'
                "Encirclement claimed<br>")
    rows.append('<svg width="18" height="18"><defs><pattern id="fc-lg" width="4" height="4" '
                'patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" '
                'height="4" fill="#fff" fill-opacity="0.7"/></pattern></defs>'
                f'<circle cx="9" cy="9" r="6" fill="{STATUS_COLORS["russian"]}"/>'
                '<circle cx="9" cy="9" r="6" fill="url(#fc-lg)"/></svg>Partial (part of the place)'
                "<br><small>Size: pre-war population. These are claims, not verified facts."
                "</small>")
    rows.append("<br><b>Control map (DeepState)</b><br>")

    for cls, style in CONTROL_STYLES.items():
        rows.append(f'<svg width="18" height="12"><rect x="1" y="1" width="16" height="10" '
                    f'fill="{style["fillColor"]}" fill-opacity="{style["fillOpacity"] + 0.2}" '
                    f'stroke="{style["color"]}"/></svg>{esc(CLASS_LABELS[cls])}<br>')
    rows.append('<svg width="18" height="12"><rect x="1" y="1" width="16" height="10" '
                'fill="#b00020" fill-opacity="0.6" stroke="#b00020"/></svg>Change: became '
                'Russian-held<br><svg width="18" height="12"><rect x="1" y="1" width="16" '
                'height="10" fill="#43a047" fill-opacity="0.6" stroke="#1b5e20"/></svg>'
                "Change: no longer Russian-held")
    rows.append("</details>")
    return "".join(rows)


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
) -> folium.Map:
    """The constant base map: local Leaflet, configurable tiles, legend, basemap notice.

    Keep ``center`` and ``zoom`` the same between reruns (e.g. from :func:`initial_view`
    of the whole dataset) so streamlit-folium does not remount the map.
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
    _Script(_LEGEND_JS, html=legend_html()).add_to(m)
    text = "Basemap unavailable: map tiles could not be loaded. Claims are still shown."
    _Script(_NOTICE_JS, text=text, no_tiles=no_tiles).add_to(m)
    return m


def settlement_layer(
    view: pd.DataFrame,
    latest: pd.DataFrame,
    claimant_names: dict[str, str],
    selected: str | None = None,
) -> folium.FeatureGroup:
    """A FeatureGroup with one split-circle marker per settlement in ``view``.

    Parameters
    ----------
    view
        Rows of :func:`geo.claims.resolve.resolve` to draw.
    latest
        :func:`geo.claims.resolve.latest_claims` for the same date and claimants (popups).
    claimant_names
        Claimant id → display name.
    selected
        Settlement id to ring in black.
    """
    group = folium.FeatureGroup(name="Settlements")
    embed = len(view) <= POPUP_LIMIT
    by_settlement: dict = {}
    if embed:  # only the drawn places' claims (an empty view must not group the country's)
        mine = latest[latest["settlement_id"].isin(view["settlement"])]
        by_settlement = dict(list(mine.groupby("settlement_id", sort=False)))
    empty = latest.iloc[0:0]
    icons: dict[str, int] = {}
    items = []
    for row in view.to_dict("records"):  # plain dicts: cheap field access
        svg, size = icon_svg(row, selected=row["settlement"] == selected)
        item = {
            "la": round(float(row["lat"]), 5), "lo": round(float(row["lon"]), 5), "z": size,
            "i": icons.setdefault(svg, len(icons)), "id": esc(row["settlement"]),
            "ru": esc(_status(row.get("ru_status"))), "ua": esc(_status(row.get("ua_status"))),
            "ind": esc(_status(row.get("independent_status"))),
            "d": 1 if bool(row.get("disputed")) else 0,
            "t": tooltip_html(row), "ti": title_text(row),
        }
        if embed:
            item["p"] = popup_html(row, by_settlement.get(row["settlement"], empty),
                                   claimant_names)
        items.append(item)
    _Script(_LAYER_JS, icons=list(icons), markers=items, stripes=STRIPES_DEFS,
            on_demand="" if embed else esc(ON_DEMAND_TEXT)).add_to(group)
    return group


def _status(value: object) -> str:
    return value if isinstance(value, str) else "none"


#: Fill colours of the control-map classes (distinct from the marker status colours' pure hues).
CONTROL_STYLES = {
    "occupied": {"color": "#8e1b10", "fillColor": "#d9574a", "fillOpacity": 0.35},
    "pre2022": {"color": "#4a0d07", "fillColor": "#7f2a22", "fillOpacity": 0.35},
    "grey": {"color": "#6d6d6d", "fillColor": "#a9a9a9", "fillOpacity": 0.45},
    "liberated": {"color": "#2e7d32", "fillColor": "#66bb6a", "fillOpacity": 0.18},
}

_CONTROL_JS = """
(function() {
  var group = {{ this._parent.get_name() }};
  var layers = {{ this.json.layers }};
  layers.forEach(function(layer) {
    var style = Object.assign({weight: 1, opacity: 0.8}, layer.style);
    L.geoJSON(layer.geometry, {style: function() { return style; },
                               className: 'fc-control fc-control-' + layer.cls})
      .bindTooltip(layer.label, {sticky: true})
      .addTo(group);
  });
})();
"""


def simplified_geojson(geometry: object, tolerance: float = 0.003, decimals: int = 4) -> dict:
    """A light GeoJSON geometry: simplified (~300 m) and rounded (~10 m) for the browser."""
    import shapely

    simple = shapely.simplify(geometry, tolerance, preserve_topology=True)
    rounded = shapely.transform(simple, lambda xy: np.round(xy, decimals))
    return shapely.geometry.mapping(rounded)


def control_layer(polygons: pd.DataFrame, date: str, kind: str) -> folium.FeatureGroup:
    """A FeatureGroup with one styled layer per control-map class, labelled with its date."""

    group = folium.FeatureGroup(name="Control map")
    layers = []
    for cls, geometry in zip(polygons["class"], polygons.geometry, strict=True):
        if cls not in CONTROL_STYLES or geometry is None or geometry.is_empty:
            continue
        label = PROCESSED_LABEL if kind == "processed" and cls == "occupied" else (
            CLASS_LABELS[cls])
        layers.append({"cls": cls, "style": CONTROL_STYLES[cls],
                       "label": esc(f"{label} — DeepState map of {date}"),
                       "geometry": simplified_geojson(geometry)})
    _Script(_CONTROL_JS, layers=layers).add_to(group)
    return group


def change_layer(gained: object, lost: object, start: str, end: str) -> folium.FeatureGroup:
    """Areas that became Russian-held (red outline) or stopped being so (green) between maps."""
    group = folium.FeatureGroup(name="Map changes")
    layers = []
    for cls, geometry, label, style in (
        ("gained", gained, f"Russian-held on the map of {end}, not on {start}",
         {"color": "#b00020", "fillColor": "#b00020", "fillOpacity": 0.55, "weight": 2}),
        ("lost", lost, f"Russian-held on the map of {start}, not on {end}",
         {"color": "#1b5e20", "fillColor": "#43a047", "fillOpacity": 0.55, "weight": 2}),
    ):
        if geometry is None or geometry.is_empty:
            continue
        layers.append({"cls": cls, "style": style, "label": esc(label),
                       "geometry": simplified_geojson(geometry, tolerance=0.001)})
    _Script(_CONTROL_JS, layers=layers).add_to(group)
    return group
