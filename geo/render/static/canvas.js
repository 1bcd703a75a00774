// The settlement layer for large views: every place drawn on one Leaflet canvas.
// Called by geo.render.elements.Script with (group, values), from geo.render.canvas:
//   values.data       the compact arrays of geo.render.canvas.layer_data (larger places
//                     first; the disputed ones are drawn last here, on top; a side's ages
//                     are an array, or an object keyed by position when few places have one)
//   values.colors     fill colour of each 2-bit status code
//   values.labels     escaped side and status labels for the tooltip
//   values.words      the tooltip's wording (geo.render.markers.TOOLTIP): templates with
//                     {name} placeholders, filled here with already escaped strings
//   values.style      the marker's rings, strokes and dot (geo.render.markers.MarkerStyle)
//   values.sides      side keys, in the order of the packed code's 2-bit fields
//   values.bits       the packed code's flag bits
//   values.disputed   colour of the disputed ring
//   values.on_demand  popup text for a clicked place (its claims are listed below the map)
//   values.popup      Leaflet options of that popup (kept inside the map)
//   values.overlap    wording (escaped) for places sharing the pointer: the tooltip names
//                     them, a click lists them to pick from (geo.render.markers.OVERLAP)
// The selected place is not in these values (they stay byte-identical when only the
// selection changes, so streamlit-folium does not evaluate them again): the page sends it
// through selection.js, which stores it on the page's window (fcSelection) and calls this
// frame's window.fcSelect; the layer draws its ring on a small SVG pane above the canvas
// and writes the plain name of the place as the container's data-fc-selected.
// After each drawing the names of the places drawn go to the labeller (labels.js).
// data-fc-timing's draw_ms counts from the start of this function, after the browser has
// evaluated the values literal (before the move to this file it counted that too).
// values.fixed_url: the arrays that no claim changes (positions, radii, names: la, lo, r,
// n, nl) are not in values.data but in that static file, named by its content; it is
// fetched once per page and kept on the page's window (parsed there, so a map frame
// started anew finds it), and this function runs again with it as values.fixed.
(function canvasLayer(group, values) {
  var t0 = performance.now();
  if (values.fixed_url && !values.fixed) {
    withFixed(values.fixed_url, function(fixed) {
      values.fixed = fixed;
      values.late = true;   // added after streamlit-folium gave the map's layers its listeners
      canvasLayer(group, values);
    }, failed);
    return;
  }
  function pageWindow() {
    try { return window.parent.document ? window.parent : window; } catch (e) { return window; }
  }
  function withFixed(url, done, fail) {
    var page = pageWindow(), kept = page.fcPlaces || (page.fcPlaces = {});
    if (kept[url]) { done(kept[url]); return; }
    var pending = window.fcPlacesPending || (window.fcPlacesPending = {});
    if (!pending[url]) {
      pending[url] = fetch(url, {credentials: 'same-origin'}).then(function(response) {
        if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
        return response.text();
      }).then(function(text) {
        var fixed = page.JSON.parse(text);
        Object.keys(kept).forEach(function(old) { delete kept[old]; });  // older versions
        kept[url] = fixed;
        return fixed;
      });
      pending[url].catch(function() {}).then(function() { delete pending[url]; });
    }
    pending[url].then(done, fail);
  }
  // the file could not be fetched: say so on the map (the next run tries again)
  function failed(error) {
    var map = group._map;
    if (!map) { return; }
    var box = L.DomUtil.create('div', 'fc-lod-note');
    box.style.cssText = 'background:#fff3cd;padding:2px 6px;font:12px/1.3 sans-serif;';
    box.textContent = 'The places could not be loaded (' + error.message
      + '). Reload the page to try again.';
    var control = L.control({position: 'bottomleft'});
    control.onAdd = function() { return box; };
    control.addTo(map);
    map.getContainer().setAttribute('data-fc-error', String(error.message));
    group.on('remove', function() {
      control.remove();
      map.getContainer().removeAttribute('data-fc-error');
    });
  }
  // each place's projection is kept with the fixed arrays (the same on every date)
  var keep = values.fixed || {};
  var data = values.fixed ? Object.assign({}, values.fixed, values.data) : values.data;
  var colors = values.colors, labels = values.labels;
  var words = values.words, sides = values.sides, bits = values.bits;
  var disputedColor = values.disputed, onDemand = values.on_demand, S = values.style;
  var n = data.la.length, codes = data.c, stripes = null;
  var DISPUTED = bits.disputed, ENCIRCLED = bits.encircled;
  var OLD_DISPUTE = bits.old_dispute;  // a disagreement of old claims: a dashed ring
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
  // places no selected claimant speaks about, when zoomed out: smaller, fainter and fewer
  // than the claimed ones, which are drawn over them (thousands of grey circles piled up
  // hid the outline and the claims at country zoom)
  var QUIET = S.quiet_zoom;   // from this zoom on, they are drawn like the others
  function quietScale(zoom) { return zoom >= QUIET ? 1 : zoom >= QUIET - 2 ? 0.7 : 0.5; }
  function claimed(i) { return (codes[i] & 63) !== 0; }   // a status on some side
  function day(age) {
    var parts = data.day.split('-');
    var t = Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) - age * 86400000;
    return new Date(t).toISOString().slice(0, 10);
  }
  // {key} placeholders of a wording template, in one pass (values are never re-read)
  function fill(template, parts) {
    return template.replace(/\{(\w+)\}/g, function(whole, key) { return parts[key]; });
  }
  // the wording is geo.render.markers.TOOLTIP's; every string in data is escaped already
  function tooltip(i) {
    var c = codes[i], lines = [];
    sides.forEach(function(side, k) {
      var code = (c >> (2 * k)) & 3;
      if (!code) { return; }
      var text = fill(words.claim, {side: labels.sides[side], status: labels.statuses[code]});
      if (c & PARTIAL[k]) {
        var part = data.p[k][String(i)];
        text += part ? fill(words.part, {part: part}) : words.partial;
      }
      var age = data.a[k][i];
      if (age !== null && age !== undefined) { text += fill(words.day, {day: day(age)}); }
      lines.push(text);
    });
    var ring = (c & OLD_DISPUTE) ? words.old_disputed : words.disputed;
    return fill(words.head, {name: data.n[i], disputed: (c & DISPUTED) ? ring : '',
                             lines: lines.length ? lines.join(words.sep) : words.none});
  }
  // the other places under the pointer, named under the tooltip (escaped in Python)
  var overlap = values.overlap;
  function also(all) {
    if (all.length < 2) { return ''; }
    var names = all.slice(1, overlap.max).map(function(j) { return '<bdi>' + data.n[j] + '</bdi>'; });
    return words.sep + fill(overlap.also, {names: names.join(', ')
      + (all.length > overlap.max ? ', \u2026' : '')});
  }
  // the selection the page sent last (selection.js), if this frame's page is reachable
  function pageSelection() {
    try { return window.parent.fcSelection || null; } catch (e) { return null; }
  }
  var raf = L.Util.requestAnimFrame;
  // One canvas renderer that draws every place itself, in batches of one colour each
  // (a few dozen canvas calls instead of several per place), and finds the place under
  // the pointer from the map's own mouse events (the canvas lets events through, so the
  // control-map polygons underneath keep their tooltips).
  var Dots = L.Canvas.extend({
    _selected: -1,   // the selected place's array position (-1: none; see _setSelection)
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
      var self = this;
      this._fcSelect = window.fcSelect = function(sent) { self._setSelection(sent); };
      this._setSelection(pageSelection());
    },
    onRemove: function() {
      this._leave();
      if (window.fcSelect === this._fcSelect) { delete window.fcSelect; }
      if (this._ring) { this._ring.remove(); this._ring = null; }
      if (this._map.fcLabels) { this._map.fcLabels.clear(this); }
      if (this._lodControl) { this._lodControl.remove(); this._lodControl = this._lod = null; }
      var box = this._map.getContainer();
      ['data-fc-canvas', 'data-fc-drawn', 'data-fc-timing', 'data-fc-selected'].forEach(function(name) {
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
      var rs = this._rs = new Float64Array(n), calm = [], hot = [], quiet = [];
      var kq = k * quietScale(zoom);
      // the part of the canvas the reader sees (the canvas is padded beyond it)
      var seen = L.bounds(map.containerPointToLayerPoint([0, 0]),
                          map.containerPointToLayerPoint(map.getSize()));
      var visible = function(j) { return seen.contains([xs[j], ys[j]]); };
      // map.latLngToLayerPoint of every place, from positions projected once per layer
      var base = this._projected(map), size = map.options.crs.scale(zoom);
      var ox = map.getPixelOrigin().x, oy = map.getPixelOrigin().y;
      for (var i = 0; i < n; i++) {
        var x = Math.round(base.x[i] * size) - ox, y = Math.round(base.y[i] * size) - oy;
        var r = data.r[i] * (claimed(i) ? k : kq);
        xs[i] = x; ys[i] = y; rs[i] = r;
        var m = r + 8;
        if (x + m < b.min.x || x - m > b.max.x || y + m < b.min.y || y - m > b.max.y) {
          continue;
        }
        (codes[i] & DISPUTED ? hot : (claimed(i) ? calm : quiet)).push(i);
      }
      var quietSeen = quiet.filter(visible).length;
      var seenBefore = calm.filter(visible).length + hot.filter(visible).length + quietSeen;
      // Level of detail: where circles would pile up, draw every disputed place, then in
      // each cell (the size of the smallest circle, fixed to the map, so panning does not
      // reshuffle) the largest claimed place, then, in cells still free, the largest
      // unclaimed one (below QUIET, in cells twice as wide). From zoom 10 on, all are drawn.
      if (zoom < 10) {
        var cell = Math.max(4, 10 * k), taken = new Set();
        var slot = function(j, size) {
          return Math.floor((xs[j] + origin.x) / size) * 1048576
            + Math.floor((ys[j] + origin.y) / size);
        };
        hot.forEach(function(j) { taken.add(slot(j, cell)); });
        calm = calm.filter(function(j) {   // larger places come first in each list
          var q = slot(j, cell);
          if (taken.has(q)) { return false; }
          taken.add(q);
          return true;
        });
        var wide = zoom < QUIET ? 2 * cell : cell, quietTaken = new Set();
        quiet = quiet.filter(function(j) {
          var q = slot(j, wide);
          if (taken.has(slot(j, cell)) || quietTaken.has(q)) { return false; }
          quietTaken.add(q);
          return true;
        });
      }
      this._drawn = quiet.concat(calm, hot);
      this._thin = k < 0.7;
      this._paint(quiet, zoom < QUIET ? S.quiet_alpha : 1);   // under the claimed places
      this._paint(calm);
      this._paint(hot);   // the places the sides dispute, on top
      var drawnSeen = this._drawn.filter(visible);
      var hotSeen = hot.filter(visible);
      this._note(drawnSeen.length, seenBefore);
      this._label(hotSeen, drawnSeen, zoom);
      this._drawRing();
      this._stamp();
      // what the reader sees, for the note and for tests
      map.getContainer().setAttribute('data-fc-drawn', JSON.stringify(
        {drawn: drawnSeen.length, in_view: seenBefore, disputed_in_view: hotSeen.length,
         disputed_drawn: drawnSeen.filter(function(i) { return codes[i] & DISPUTED; }).length,
         unclaimed_in_view: quietSeen, unclaimed_drawn: quiet.filter(visible).length,
         zoom: zoom}));
    },
    // the labeller's candidates: disputed places, then the others large enough at this
    // zoom (both lists are larger first), with their plain names
    _label: function(hotSeen, drawnSeen, zoom) {
      var labels = this._map.fcLabels;
      if (!labels) { return; }
      var least = labels.minRadius(zoom), xs = this._xs, ys = this._ys, rs = this._rs;
      var list = [];
      var add = function(i) {
        var name = Object.prototype.hasOwnProperty.call(data.nl, i) ? data.nl[i] : data.n[i];
        list.push([xs[i], ys[i], rs[i], name, 1]);
      };
      hotSeen.forEach(add);
      drawnSeen.forEach(function(i) {
        if (!(codes[i] & DISPUTED) && data.r[i] >= least) { add(i); }
      });
      labels.update(this, list);
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
        + 'every disputed place and the largest place nearby are drawn (places without a '
        + 'claim smaller, fainter and fewer); zoom in to see all.';
    },
    // each place's map.project at scale 1 (the map's CRS; zoom z multiplies it by
    // crs.scale(z)), computed on the first drawing: a redraw then costs no projection
    _projected: function(map) {
      if (keep.fcBase) { return keep.fcBase; }
      var crs = map.options.crs, x = new Float64Array(n), y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var p = crs.latLngToPoint(L.latLng(data.la[i], data.lo[i]), 0), unit = crs.scale(0);
        x[i] = p.x / unit; y[i] = p.y / unit;
      }
      keep.fcBase = {x: x, y: y};
      return keep.fcBase;
    },
    _paint: function(idx, alpha) {
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
      ctx.globalAlpha = alpha === undefined ? 1 : alpha;
      each(function(i) { return (codes[i] & DISPUTED) && !(codes[i] & OLD_DISPUTE); },
           circle(thin ? S.thin_disputed_gap : S.disputed_gap));
      stroke(disputedColor, thin ? S.thin_disputed_width : S.disputed_width);
      each(function(i) { return (codes[i] & DISPUTED) && (codes[i] & OLD_DISPUTE); },
           circle(thin ? S.thin_disputed_gap : S.disputed_gap));
      stroke(disputedColor, thin ? S.thin_disputed_width : S.disputed_width,
             S.old_disputed_dash.split(' ').map(Number));
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
        stroke(S.divider_color, S.divider_width);
      }
      each(function() { return true; }, circle(0));
      stroke(S.outline_color, thin ? S.thin_outline_width : S.outline_width);
      each(function(i) { return codes[i] & ENCIRCLED; }, circle(S.encircled_gap));
      stroke(S.encircled_color, S.encircled_width, S.encircled_dash);
      var dot = function(i) {
        return Math.max(thin ? S.thin_dot_min : S.dot_min, rs[i] / S.dot_divisor);
      };
      for (var ind = 1; ind < 4; ind++) {
        each(function(i) { return ((codes[i] >> 4) & 3) === ind; }, circle(dot));
        ctx.fillStyle = colors[ind]; ctx.fill(); stroke(S.dot_stroke, S.dot_width);
      }
      ctx.restore();
    },
    // every drawn place whose circle holds a point, topmost first (disputed ones are drawn
    // last); places closer than their radius share a point, and the reader picks one
    _findAll: function(point) {
      var drawn = this._drawn || [], out = [];
      for (var j = drawn.length - 1; j >= 0; j--) {
        var i = drawn[j], dx = point.x - this._xs[i], dy = point.y - this._ys[i];
        var r = this._rs[i] + 2;
        if (dx * dx + dy * dy <= r * r) { out.push(i); }
      }
      return out;
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
      var all = this._overControl(e) ? [] : this._findAll(e.layerPoint);
      var i = all.length ? all[0] : -1, key = all.join(',');
      if (key === this._hoverKey) { return; }
      this._leave();
      if (i < 0) { return; }
      this._hover = i; this._hoverKey = key;
      map.getContainer().style.cursor = 'pointer';
      // one tooltip at a time: close the control-map polygons' tooltips under the place
      map.eachLayer(function(layer) {
        if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) {
          layer.closeTooltip();
        }
      });
      // towards the middle of the map: below a place near the top, beside one near the
      // left or right edge (a centred tooltip there was cut off by the map's edge)
      var at = map.latLngToContainerPoint([data.la[i], data.lo[i]]), w = map.getSize().x;
      var side = at.x < w * 0.25 ? 'right' : (at.x > w * 0.75 ? 'left'
        : (at.y < 90 ? 'bottom' : 'top'));
      var r = this._rs[i] + 2;
      var shift = {top: [0, -r], bottom: [0, r], left: [-r, 0], right: [r, 0]}[side];
      this._tip = L.tooltip({direction: side, className: 'fc-dot-tooltip',
                             offset: L.point(shift[0], shift[1])});
      this._tip.setLatLng([data.la[i], data.lo[i]]).setContent(tooltip(i) + also(all));
      map.openTooltip(this._tip);
    },
    _leave: function() {
      this._hover = -1; this._hoverKey = '';
      if (!this._map) { return; }
      this._map.getContainer().style.cursor = '';
      if (this._tip) { this._map.closeTooltip(this._tip); this._tip = null; }
    },
    _clickAt: function(e) {
      if (this._overControl(e)) { return; }
      var all = this._findAll(e.layerPoint);
      if (all.length > 1) { this._choose(all, e.latlng); } else if (all.length) {
        this._select(all[0], e.originalEvent);
      }
    },
    // several places under the click: a list of them to pick from (topmost first)
    _choose: function(all, latlng) {
      var self = this, items = all.slice(0, overlap.max).map(function(i) {
        return '<li><a href="#" data-fc-pick="' + i + '"><bdi>' + data.n[i] + '</bdi></a></li>';
      });
      var popup = L.popup(values.popup).setLatLng(latlng).setContent(
        '<div class="fc-choose"><b>' + overlap.choose + '</b><ul>' + items.join('')
        + '</ul></div>').openOn(this._map);
      popup.getElement().querySelectorAll('a[data-fc-pick]').forEach(function(a) {
        L.DomEvent.on(a, 'click', function(ev) {
          L.DomEvent.preventDefault(ev);
          self._select(+a.getAttribute('data-fc-pick'), ev);
        });
      });
    },
    _select: function(i, originalEvent) {
      var latlng = L.latLng(data.la[i], data.lo[i]);
      if (onDemand && i !== this._selected) {
        L.popup(values.popup).setLatLng(latlng).setContent(onDemand).openOn(this._map);
      } else { this._map.closePopup(); }
      // streamlit-folium reports a layer's click with the event's latlng: the place's own.
      // It listens on the layers the map had when it evaluated the layer's script: a layer
      // added later (its fixed arrays fetched first) passes the click on to its group.
      this.fire('click', {latlng: latlng, index: i, originalEvent: originalEvent},
                !!values.late);
    },
    // the page's selection (selection.js: {sel: {i, la, lo} or null}): the place at array
    // position i, if it is still there (else the one at its coordinates; none: no ring)
    _setSelection: function(sent) {
      var sel = sent && sent.sel, found = -1;
      if (sel) {
        if (sel.i < n && data.la[sel.i] === sel.la && data.lo[sel.i] === sel.lo) {
          found = sel.i;
        } else {
          for (var j = 0; j < n && found < 0; j++) {
            if (data.la[j] === sel.la && data.lo[j] === sel.lo) { found = j; }
          }
        }
      }
      var box = this._map && this._map.getContainer();
      if (found >= 0 && found !== this._selected && this._map) {
        this._map.closePopup();   // the "loading" popup of a click: the claims are here
      }
      this._selected = found;
      this._drawRing();
      if (box) {
        box.setAttribute('data-fc-selected', found < 0 ? '' : (
          Object.prototype.hasOwnProperty.call(data.nl, found) ? data.nl[found] : data.n[found]));
      }
    },
    // the selected place's ring, on its own pane above the canvas: moving it redraws one
    // SVG circle, not every place
    _drawRing: function() {
      var map = this._map, i = this._selected;
      if (!map) { return; }
      if (i < 0) {
        if (this._ring) { this._ring.remove(); this._ring = null; }
        return;
      }
      var r = (this._rs ? this._rs[i] : data.r[i] * scale(map.getZoom())) + S.selected_gap;
      var at = [data.la[i], data.lo[i]];
      if (!this._ring) {
        var pane = map.getPane('fc-selected');
        if (!pane) {
          pane = map.createPane('fc-selected');
          pane.style.zIndex = 450;            // above the places' canvas, below the labels
          pane.style.pointerEvents = 'none';
        }
        this._ring = L.circleMarker(at, {
          radius: r, color: S.selected_color, weight: S.selected_width, fill: false,
          interactive: false, pane: 'fc-selected',
          renderer: map._fcRingRenderer || (map._fcRingRenderer = L.svg({pane: 'fc-selected'}))
        }).addTo(map);
      } else {
        this._ring.setLatLng(at).setRadius(r);
      }
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
})
