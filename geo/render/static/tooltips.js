// Every tooltip of the map stays inside it (a new user saw hover tooltips cut off at the
// map's edges). Called by geo.render.elements.Script with (map, values), from
// geo.render.basemap:
//   values.padding   the least gap, in pixels, between a tooltip and the map's edge
// Long tooltips wrap (map.css caps their width); one that still crosses an edge after
// Leaflet placed it (by its direction, beside or above its place) is moved back inside,
// and its pointer, which would then point beside the place, is hidden. Leaflet places a
// tooltip in Tooltip._setPosition (Leaflet 1.9, served by the app), on opening, on moves of
// a sticky one and on zooms, so that is where this checks; once per frame.
(function(map, values) {
  var proto = L.Tooltip.prototype, place = proto._setPosition, pad = values.padding;
  if (proto.__fcInside || typeof place !== 'function') { return; }
  proto.__fcInside = true;
  function shift(low, high, min, max) {   // how far to move [low, high] into [min, max]
    if (high - low > max - min || low < min) { return min - low; }
    return high > max ? max - high : 0;
  }
  proto._setPosition = function(pos) {
    place.call(this, pos);
    var tip = this._container, owner = this._map;
    if (!tip || !owner) { return; }
    var box = owner.getContainer().getBoundingClientRect(), r = tip.getBoundingClientRect();
    var dx = shift(r.left, r.right, box.left + pad, box.right - pad);
    var dy = shift(r.top, r.bottom, box.top + pad, box.bottom - pad);
    tip.classList.toggle('fc-tip-moved', !!(dx || dy));
    if (dx || dy) { L.DomUtil.setPosition(tip, L.DomUtil.getPosition(tip).add([dx, dy])); }
  };
})
