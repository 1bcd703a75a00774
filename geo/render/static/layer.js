// DOM settlement markers (small views): one Leaflet marker per place.
// Called by geo.render.elements.Script with (group, values), from geo.render.dom:
//   values.icons      the distinct marker SVGs (markers share them by index)
//   values.markers    one record per place: la/lo position, z size, i icon index, id,
//                     ru/ua/ind statuses, d disputed, t tooltip, ti title, p popup,
//                     nm the plain name (for the labeller, labels.js, which draws text)
//   values.popup      Leaflet popup options (pan the map to keep a popup inside it)
//   values.on_demand  popup text when popups are not embedded ("" when they are)
//   values.stripes    the SVG defining the partial-claim pattern #fc-stripes
// Every string in the values but nm is HTML-escaped in Python before it gets here.
(function(group, values) {
  var icons = values.icons;
  var items = values.markers;
  var onDemand = values.on_demand;
  if (!document.getElementById('fc-stripes')) {   // the partial-claim pattern, once per page
    var defs = document.createElement('div');
    defs.innerHTML = values.stripes;
    document.body.appendChild(defs.firstElementChild);
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
    if (it.p) { marker.bindPopup(it.p, values.popup); }
    else if (onDemand) { marker.bindPopup(onDemand, L.extend({}, values.popup, {maxWidth: 260})); }
    marker.addTo(group);
  });
  // names: disputed places first, then larger ones (the labeller skips what does not fit)
  var ranked = items.slice().sort(function(a, b) { return (b.d - a.d) || (b.z - a.z); });
  function label() {
    var map = group._map;
    if (!map || !map.fcLabels) { return; }
    var least = map.fcLabels.minRadius(map.getZoom());
    map.fcLabels.update(group, ranked.filter(function(it) {
      return it.d || it.z / 2 >= least;
    }).map(function(it) {
      var p = map.latLngToLayerPoint([it.la, it.lo]);
      return [p.x, p.y, it.z / 2, it.nm, it.d];
    }));
  }
  function attach() { group._map.on('moveend zoomend', label); label(); }
  group.on('add', attach);
  group.on('remove', function() {
    var map = group._map;
    if (!map) { return; }
    map.off('moveend zoomend', label);
    if (map.fcLabels) { map.fcLabels.clear(group); }
  });
  if (group._map) { attach(); }
})
