// DOM settlement markers (small views): one Leaflet marker per place.
// Called by geo.render.elements.Script with (group, values), from geo.render.dom:
//   values.icons      the distinct marker SVGs (markers share them by index)
//   values.markers    one record per place: la/lo position, z size, i icon index, id,
//                     ru/ua/ind statuses, d disputed, t tooltip, ti title, p popup,
//                     nm the plain name (for the labeller, labels.js, which draws text),
//                     nh the escaped name (for the list of places sharing a point)
//   values.popup      Leaflet popup options (pan the map to keep a popup inside it)
//   values.on_demand  popup text when popups are not embedded ("" when they are)
//   values.stripes    the SVG defining the partial-claim pattern #fc-stripes
//   values.overlap    wording (escaped) for places sharing the pointer: the tooltip names
//                     them, a click lists them to pick from (geo.render.markers.OVERLAP)
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
  var overlap = values.overlap, markers = [];
  // every marker whose circle holds a container point, smallest (= on top) first
  function under(point) {
    var map = group._map, out = [];
    markers.forEach(function(m, j) {
      var p = map.latLngToContainerPoint(m.getLatLng()), r = items[j].z / 2 + 2;
      if (p.distanceTo(point) <= r) { out.push(j); }
    });
    return out.sort(function(a, b) { return items[a].z - items[b].z; });
  }
  function also(all, self) {
    var others = all.filter(function(j) { return j !== self; });
    if (!others.length) { return ''; }
    var names = others.slice(0, overlap.max - 1).map(function(j) { return '<bdi>' + items[j].nh + '</bdi>'; });
    return '<br>' + overlap.also.replace('{names}', function() {
      return names.join(', ') + (others.length > overlap.max - 1 ? ', \u2026' : '');
    });
  }
  function choose(all, latlng) {
    var list = all.slice(0, overlap.max).map(function(j) {
      return '<li><a href="#" data-fc-pick="' + j + '"><bdi>' + items[j].nh + '</bdi></a></li>';
    });
    var popup = L.popup(values.popup).setLatLng(latlng).setContent(
      '<div class="fc-choose"><b>' + overlap.choose + '</b><ul>' + list.join('')
      + '</ul></div>').openOn(group._map);
    popup.getElement().querySelectorAll('a[data-fc-pick]').forEach(function(a) {
      L.DomEvent.on(a, 'click', function(ev) {
        L.DomEvent.preventDefault(ev);
        markers[+a.getAttribute('data-fc-pick')].openPopup();
      });
    });
  }
  items.forEach(function(it, j) {
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
    // places closer than their radius: the tooltip names the others, a click lists them all
    marker.on('mouseover', function(e) {
      // near the map's left or right edge the tooltip opens towards the middle, not cut off
      var tip = marker.getTooltip(), x = e.containerPoint.x, w = group._map.getSize().x;
      var side = x < w * 0.25 ? 'right' : (x > w * 0.75 ? 'left' : 'top');
      tip.options.direction = side;
      tip.options.offset = side === 'top' ? [0, -it.z / 2]
        : [(side === 'right' ? 1 : -1) * it.z / 2, 0];
      marker.setTooltipContent(it.t + also(under(e.containerPoint), j));
    });
    marker.off('click', marker._openPopup);
    marker.on('click', function(e) {
      var all = under(e.containerPoint);
      if (all.length > 1) { choose(all, e.latlng); } else { marker.openPopup(); }
    });
    markers.push(marker);
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
