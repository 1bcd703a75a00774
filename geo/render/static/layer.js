// DOM settlement markers (small views): one Leaflet marker per place.
// Called by geo.render.elements.Script with (group, values), from geo.render.dom:
//   values.icons      the distinct marker SVGs (markers share them by index)
//   values.markers    one record per place: la/lo position, z size, i icon index, id,
//                     ru/ua/ind statuses, d disputed, t tooltip, ti title, p popup
//   values.on_demand  popup text when popups are not embedded ("" when they are)
//   values.stripes    the SVG defining the partial-claim pattern #fc-stripes
// Every string in the values is HTML-escaped in Python before it gets here.
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
    if (it.p) { marker.bindPopup(it.p, {maxWidth: 380, maxHeight: 420}); }
    else if (onDemand) { marker.bindPopup(onDemand, {maxWidth: 260}); }
    marker.addTo(group);
  });
})
