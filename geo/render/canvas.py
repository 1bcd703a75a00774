"""The settlement layer for large views: every place drawn on one canvas from compact arrays.

Above :data:`geo.render.mapbuild.POPUP_LIMIT` places, one DOM marker (an SVG each) per place
makes the browser slow to rebuild on every date change, and per-marker HTML makes the
payload large. This layer sends one array per attribute (coordinates, radius, a packed
status code, name, each side's claim age, partial-claim texts) and draws the same split
circles as :mod:`geo.render.markers` on a single Leaflet canvas. Tooltips are built in the
browser from those arrays when hovered, with the same wording as
:func:`geo.render.markers.tooltip_html`; every data string is HTML-escaped here, in Python.

The packed code of a place (see :func:`status_codes`): bits 0-1 the Russian side's
status, 2-3 the Ukrainian side's, 4-5 the independent side's (0 none, 1 Ukrainian-held,
2 contested, 3 Russian-held), bit 6 disputed, 7 Russian-side claim partial, 8 Ukrainian-
side claim partial, 9 an encirclement claimed, 10 selected, 11 independent claim partial.
"""

from __future__ import annotations

import datetime as dt
import functools

import folium
import numpy as np
import pandas as pd

from geo.render.mapbuild import _Script
from geo.render.markers import esc
from geo.vocab import DISPUTED_COLOR, SIDE_LABELS, SIDES, STATUS_COLORS, STATUS_LABELS

#: Status of each 2-bit code.
CODE_STATUSES: tuple[str, ...] = ("none", "ukrainian", "contested", "russian")
DISPUTED, RU_PARTIAL, UA_PARTIAL, ENCIRCLED, SELECTED = 64, 128, 256, 512, 1024
IND_PARTIAL = 2048
#: The partial-claim bit of each side, in :data:`geo.vocab.SIDES` order.
PARTIAL_BITS = (RU_PARTIAL, UA_PARTIAL, IND_PARTIAL)


def radii(population: pd.Series) -> np.ndarray:
    """Marker radius in pixels per place, as :func:`geo.render.markers.radius` (vectorized)."""
    pop = pd.to_numeric(population, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    valid = np.isfinite(pop) & (pop > 0)
    scaled = 5.0 + 3.0 * np.log10(np.maximum(np.where(valid, pop, 1000.0), 1000.0) / 1000.0)
    return np.where(valid, np.round(np.minimum(12.0, scaled), 1), 6.0)


def _codes(statuses: pd.Series) -> np.ndarray:
    """2-bit code of each status (0: none), by vectorized comparisons (no Python loop)."""
    code = np.zeros(len(statuses), dtype=np.int64)
    for value, name in enumerate(CODE_STATUSES[1:], start=1):
        code[statuses.eq(name).fillna(False).to_numpy(dtype=bool)] = value
    return code


def status_codes(view: pd.DataFrame, selected: str | None = None) -> np.ndarray:
    """The packed status code of each row of a :func:`geo.claims.resolve.resolve` result."""
    code = _codes(view["ru_status"]) | (_codes(view["ua_status"]) << 2)
    code |= _codes(view["independent_status"]) << 4
    code |= np.where(view["disputed"].to_numpy(dtype=bool), DISPUTED, 0)
    for side, bit in zip(SIDES, PARTIAL_BITS, strict=True):
        code |= np.where(view[f"{side}_extent"].eq("partial").fillna(False).to_numpy(bool),
                         bit, 0)
    encircled = np.zeros(len(view), dtype=bool)
    for side in SIDES:
        encircled |= view[f"{side}_encircled"].astype("boolean").fillna(False).to_numpy(bool)
    code |= np.where(encircled, ENCIRCLED, 0)
    if selected is not None:
        code |= np.where(view["settlement"].to_numpy() == selected, SELECTED, 0)
    return code


_esc_name = functools.lru_cache(maxsize=1 << 17)(esc)


def escape_all(values: list[object]) -> list[str]:
    """:func:`geo.render.markers.esc` of every value (missing values become empty strings).

    Names repeat from one rerun to the next, so escaped strings are memoized.
    """
    return [_esc_name(v) if isinstance(v, str) else esc(v) for v in values]


def _ages(column: pd.Series) -> list[int | None]:
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    out = values.astype(object)
    out[np.isnan(values)] = None
    out[~np.isnan(values)] = values[~np.isnan(values)].astype(np.int64).tolist()
    return out.tolist()


def _parts(view: pd.DataFrame, side: str, order: np.ndarray) -> dict[str, str]:
    """Escaped part texts of partial claims, keyed by position in drawing ``order``."""
    partial = view[f"{side}_extent"].eq("partial").fillna(False).to_numpy(bool)[order]
    where = np.flatnonzero(partial)
    texts = view[f"{side}_part"].to_numpy(dtype=object)[order[where]]
    return {str(i): esc(t) for i, t in zip(where.tolist(), texts, strict=True)
            if isinstance(t, str) and t}


def drawing_order(view: pd.DataFrame, r: np.ndarray | None = None) -> np.ndarray:
    """Row order in which the canvas draws ``view``: larger places first, disputed ones last.

    A place drawn later is on top, so it is the one a click or hover finds.
    """
    r = radii(view["population"]) if r is None else r
    return np.lexsort((-r, view["disputed"].to_numpy(dtype=bool)))


def layer_data(view: pd.DataFrame, on: dt.date, selected: str | None = None,
               order: np.ndarray | None = None) -> dict:
    """The compact arrays the canvas layer draws, in drawing order.

    Drawing order (:func:`drawing_order`, pass it as ``order`` if you have it): larger
    places first and disputed ones last, so small and disputed places stay visible on
    top. Each array is computed on ``view`` as it is and then put in that order (no
    reordering of the whole frame).
    """
    r = radii(view["population"])
    order = drawing_order(view, r) if order is None else order
    return {
        "day": on.isoformat(),
        "la": np.round(view["lat"].to_numpy(dtype=float)[order], 4).tolist(),
        "lo": np.round(view["lon"].to_numpy(dtype=float)[order], 4).tolist(),
        "r": r[order].tolist(),
        "c": status_codes(view, selected)[order].tolist(),
        "n": escape_all(view["name"].to_numpy(dtype=object)[order].tolist()),
        "a": [_ages(view[f"{side}_age_days"].iloc[order]) for side in SIDES],
        "p": [_parts(view, side, order) for side in SIDES],
    }


_CANVAS_JS = """
(function() {
  var t0 = performance.now();
  var group = {{ this._parent.get_name() }};
  var data = {{ this.json.data }};
  var colors = {{ this.json.colors }};
  var labels = {{ this.json.labels }};
  var sides = {{ this.json.sides }};
  var bits = {{ this.json.bits }};
  var disputedColor = {{ this.json.disputed }};
  var onDemand = {{ this.json.on_demand }};
  var n = data.la.length, codes = data.c, stripes = null;
  var DISPUTED = bits.disputed, SELECTED = bits.selected, ENCIRCLED = bits.encircled;
  var PARTIAL = bits.partial;   // one bit per side
  function pattern(ctx) {
    if (!stripes) {
      var c = document.createElement('canvas'); c.width = 4; c.height = 4;
      var g = c.getContext('2d');
      g.strokeStyle = 'rgba(255,255,255,0.7)'; g.lineWidth = 1.5;
      g.beginPath(); g.moveTo(0, 4); g.lineTo(4, 0); g.stroke();
      stripes = ctx.createPattern(c, 'repeat');
    }
    return stripes;
  }
  // smaller circles when zoomed out, so a country of places stays readable
  function scale(zoom) { return zoom >= 9 ? 1 : zoom >= 8 ? 0.8 : zoom >= 7 ? 0.6 : 0.45; }
  function day(age) {
    var parts = data.day.split('-');
    var t = Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) - age * 86400000;
    return new Date(t).toISOString().slice(0, 10);
  }
  // the same wording as the Python tooltip_html; every string in data is escaped already
  function tooltip(i) {
    var c = codes[i], lines = [];
    sides.forEach(function(side, k) {
      var code = (c >> (2 * k)) & 3;
      if (!code) { return; }
      var text = labels.sides[side] + ': ' + labels.statuses[code];
      if (c & PARTIAL[k]) {
        var part = data.p[k][String(i)];
        text += part ? ' (partial: ' + part + ')' : ' (partial)';
      }
      var age = data.a[k][i];
      if (age !== null && age !== undefined) { text += ', ' + day(age); }
      lines.push(text);
    });
    return '<b>' + data.n[i] + '</b>' + ((c & DISPUTED) ? ' · <b>disputed</b>' : '') + '<br>'
      + (lines.length ? lines.join('<br>') : 'no claim for this date');
  }
  var raf = L.Util.requestAnimFrame;
  // One canvas renderer that draws every place itself, in batches of one colour each
  // (a few dozen canvas calls instead of several per place), and finds the place under
  // the pointer from the map's own mouse events (the canvas lets events through, so the
  // control-map polygons underneath keep their tooltips).
  var Dots = L.Canvas.extend({
    getEvents: function() {
      var events = L.Canvas.prototype.getEvents.call(this);
      events.mousemove = this._hoverAt;
      events.click = this._clickAt;
      events.mouseout = this._leave;
      return events;
    },
    onAdd: function() {
      L.Canvas.prototype.onAdd.call(this);
      this._container.style.pointerEvents = 'none';
      this._container.classList.add('fc-dots');
      // a new drawing means the clicked place's claims have been loaded below the map
      this._map.closePopup();
    },
    onRemove: function() {
      this._leave();
      if (this._lodControl) { this._lodControl.remove(); this._lodControl = this._lod = null; }
      var box = this._map.getContainer();
      ['data-fc-canvas', 'data-fc-drawn', 'data-fc-timing'].forEach(function(name) {
        box.removeAttribute(name);
      });
      L.Canvas.prototype.onRemove.call(this);
    },
    _updatePaths: function() {
      if (this._postponeUpdatePaths) { return; }
      this._redrawBounds = null;
      this._redraw();
    },
    _onClick: function() {},
    _onMouseMove: function() {},
    _handleMouseOut: function() {},
    _draw: function() {
      var map = this._map, b = this._bounds;
      if (!map || !b) { return; }
      var zoom = map.getZoom(), k = scale(zoom), origin = map.getPixelOrigin();
      var xs = this._xs = new Float64Array(n), ys = this._ys = new Float64Array(n);
      var rs = this._rs = new Float64Array(n), calm = [], hot = [];
      // the part of the canvas the reader sees (the canvas is padded beyond it)
      var seen = L.bounds(map.containerPointToLayerPoint([0, 0]),
                          map.containerPointToLayerPoint(map.getSize()));
      var visible = function(j) { return seen.contains([xs[j], ys[j]]); };
      for (var i = 0; i < n; i++) {
        var p = map.latLngToLayerPoint([data.la[i], data.lo[i]]), r = data.r[i] * k;
        xs[i] = p.x; ys[i] = p.y; rs[i] = r;
        var m = r + 8;
        if (p.x + m < b.min.x || p.x - m > b.max.x || p.y + m < b.min.y || p.y - m > b.max.y) {
          continue;
        }
        (codes[i] & DISPUTED ? hot : calm).push(i);
      }
      var seenBefore = calm.filter(visible).length + hot.filter(visible).length;
      // Level of detail: where circles would pile up, draw every disputed place, then in
      // each cell (the size of the smallest circle, fixed to the map, so panning does not
      // reshuffle) the largest place. From zoom 10 on, all are drawn.
      if (zoom < 10) {
        var cell = Math.max(4, 10 * k), taken = new Set();
        var slot = function(j) {
          return Math.floor((xs[j] + origin.x) / cell) * 1048576
            + Math.floor((ys[j] + origin.y) / cell);
        };
        hot.forEach(function(j) { taken.add(slot(j)); });
        calm = calm.filter(function(j) {   // larger places come first in calm
          var q = slot(j);
          if (taken.has(q)) { return false; }
          taken.add(q);
          return true;
        });
      }
      this._drawn = calm.concat(hot);
      this._thin = k < 0.7;
      this._paint(calm);
      this._paint(hot);   // the places the sides dispute, on top
      var drawnSeen = this._drawn.filter(visible);
      var hotSeen = hot.filter(visible);
      this._note(drawnSeen.length, seenBefore);
      this._stamp();
      // what the reader sees, for the note and for tests
      map.getContainer().setAttribute('data-fc-drawn', JSON.stringify(
        {drawn: drawnSeen.length, in_view: seenBefore, disputed_in_view: hotSeen.length,
         disputed_drawn: drawnSeen.filter(function(i) { return codes[i] & DISPUTED; }).length,
         zoom: zoom}));
    },
    _note: function(drawn, inView) {
      if (!this._lod) {
        var box = this._lod = L.DomUtil.create('div', 'fc-lod-note');
        box.style.cssText = 'background:rgba(255,255,255,.9);padding:2px 6px;'
          + 'font:11px/1.3 sans-serif;border-radius:4px;max-width:330px;';
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var control = this._lodControl = L.control({position: 'bottomleft'});
        control.onAdd = function() { return box; };
        control.addTo(this._map);
      }
      this._lod.style.display = drawn < inView ? '' : 'none';
      this._lod.textContent = 'Drawn: ' + drawn.toLocaleString('en') + ' of '
        + inView.toLocaleString('en') + ' places in view. Where circles would overlap, '
        + 'every disputed place and the largest place nearby are drawn; zoom in to see all.';
    },
    _paint: function(idx) {
      if (!idx.length) { return; }
      var ctx = this._ctx, xs = this._xs, ys = this._ys, rs = this._rs, thin = this._thin;
      function each(test, draw) {
        ctx.beginPath();
        for (var j = 0; j < idx.length; j++) { if (test(idx[j])) { draw(idx[j]); } }
      }
      function circle(grow) {
        return function(i) {
          var r = typeof grow === 'function' ? grow(i) : rs[i] + grow;
          ctx.moveTo(xs[i] + r, ys[i]); ctx.arc(xs[i], ys[i], r, 0, 2 * Math.PI);
        };
      }
      function half(left) {
        return function(i) {
          ctx.moveTo(xs[i], ys[i] - rs[i]);
          ctx.arc(xs[i], ys[i], rs[i], -Math.PI / 2, Math.PI / 2, left);
          ctx.closePath();
        };
      }
      function stroke(color, width, dash) {
        ctx.setLineDash(dash || []); ctx.lineWidth = width; ctx.strokeStyle = color;
        ctx.stroke();
      }
      ctx.save();
      each(function(i) { return codes[i] & DISPUTED; }, circle(thin ? 2 : 3.5));
      stroke(disputedColor, thin ? 2 : 3);
      each(function(i) { return codes[i] & SELECTED; }, circle(5));
      stroke('#000', 1.5);
      for (var code = 0; code < 4; code++) {
        each(function(i) { return (codes[i] & 3) === code; }, half(true));
        ctx.fillStyle = colors[code]; ctx.fill();
        each(function(i) { return ((codes[i] >> 2) & 3) === code; }, half(false));
        ctx.fill();
      }
      each(function(i) { return (codes[i] & PARTIAL[0]) && (codes[i] & 3); }, half(true));
      ctx.fillStyle = pattern(ctx); ctx.fill();
      each(function(i) { return (codes[i] & PARTIAL[1]) && ((codes[i] >> 2) & 3); },
           half(false));
      ctx.fill();
      if (!thin) {
        each(function() { return true; }, function(i) {
          ctx.moveTo(xs[i], ys[i] - rs[i]); ctx.lineTo(xs[i], ys[i] + rs[i]);
        });
        stroke('#fff', 1);
      }
      each(function() { return true; }, circle(0));
      stroke('#333', thin ? 0.6 : 1);
      each(function(i) { return codes[i] & ENCIRCLED; }, circle(1.5));
      stroke('#111', 1.5, [2, 2]);
      var dot = function(i) { return Math.max(thin ? 1.2 : 2.5, rs[i] / 3); };
      for (var ind = 1; ind < 4; ind++) {
        each(function(i) { return ((codes[i] >> 4) & 3) === ind; }, circle(dot));
        ctx.fillStyle = colors[ind]; ctx.fill(); stroke('#fff', 1);
      }
      ctx.restore();
    },
    // the place under a point: the topmost one drawn (disputed ones are drawn last)
    _find: function(point) {
      var drawn = this._drawn || [];
      for (var j = drawn.length - 1; j >= 0; j--) {
        var i = drawn[j], dx = point.x - this._xs[i], dy = point.y - this._ys[i];
        var r = this._rs[i] + 2;
        if (dx * dx + dy * dy <= r * r) { return i; }
      }
      return -1;
    },
    // events over the map's own boxes (legend, notes, zoom buttons) are not about places
    _overControl: function(e) {
      var target = e.originalEvent && e.originalEvent.target;
      return !!(target && target.closest && target.closest('.leaflet-control'));
    },
    _hoverAt: function(e) {
      // handle the latest pointer position once per frame (never drop the last one)
      this._lastMove = e;
      if (this._moveFrame) { return; }
      var self = this;
      this._moveFrame = raf(function() { self._moveFrame = null; self._hoverNow(); });
    },
    _hoverNow: function() {
      var map = this._map, e = this._lastMove;
      if (!map || !e) { return; }
      if (map._animatingZoom || (map.dragging && map.dragging.moving())) { return; }
      var i = this._overControl(e) ? -1 : this._find(e.layerPoint);
      if (i === this._hover) { return; }
      this._leave();
      if (i < 0) { return; }
      this._hover = i;
      map.getContainer().style.cursor = 'pointer';
      // one tooltip at a time: close the control-map polygons' tooltips under the place
      map.eachLayer(function(layer) {
        if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) {
          layer.closeTooltip();
        }
      });
      var below = map.latLngToContainerPoint([data.la[i], data.lo[i]]).y < 90;
      this._tip = L.tooltip({direction: below ? 'bottom' : 'top', className: 'fc-dot-tooltip',
                             offset: L.point(0, (below ? 1 : -1) * (this._rs[i] + 2))});
      this._tip.setLatLng([data.la[i], data.lo[i]]).setContent(tooltip(i));
      map.openTooltip(this._tip);
    },
    _leave: function() {
      this._hover = -1;
      if (!this._map) { return; }
      this._map.getContainer().style.cursor = '';
      if (this._tip) { this._map.closeTooltip(this._tip); this._tip = null; }
    },
    _clickAt: function(e) {
      if (this._overControl(e)) { return; }
      var i = this._find(e.layerPoint);
      if (i < 0) { return; }
      var latlng = L.latLng(data.la[i], data.lo[i]);
      if (onDemand && !(codes[i] & SELECTED)) {
        L.popup({maxWidth: 260}).setLatLng(latlng).setContent(onDemand).openOn(this._map);
      }
      // streamlit-folium reports a layer's click with the event's latlng: the place's own
      this.fire('click', {latlng: latlng, index: i, originalEvent: e.originalEvent});
    },
    // tell the page (and tests) which state is drawn, and how long it took here
    _stamp: function() {
      if (this._stamped) { return; }
      this._stamped = true;
      var box = this._map.getContainer();
      box.setAttribute('data-fc-canvas', data.day + '|' + n);
      box.setAttribute('data-fc-timing', JSON.stringify(
        {draw_ms: Math.round(performance.now() - t0)}));
    }
  });
  group.addLayer(new Dots({padding: 0.3}));
})();
"""


def canvas_layer(view: pd.DataFrame, on: dt.date, selected: str | None = None,
                 on_demand: str = "", order: np.ndarray | None = None) -> folium.FeatureGroup:
    """A FeatureGroup drawing every row of ``view`` on one canvas (see the module docstring).

    ``on_demand``: escaped popup text for a clicked place (its claims are shown elsewhere);
    ``order``: :func:`drawing_order` of ``view`` when the caller has computed it.
    """
    group = folium.FeatureGroup(name="Settlements")
    _Script(
        _CANVAS_JS,
        data=layer_data(view, on, selected, order),
        colors=[STATUS_COLORS[s] for s in CODE_STATUSES],
        labels={"sides": {s: esc(SIDE_LABELS[s]) for s in SIDES},
                "statuses": [esc(STATUS_LABELS[s]) for s in CODE_STATUSES]},
        sides=list(SIDES),
        bits={"disputed": DISPUTED, "selected": SELECTED, "encircled": ENCIRCLED,
              "partial": list(PARTIAL_BITS)},
        disputed=DISPUTED_COLOR,
        on_demand=on_demand,
    ).add_to(group)
    return group
