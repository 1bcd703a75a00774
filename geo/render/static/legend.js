// The legend box, bottom right of the map.
// Called by geo.render.elements.Script with (map, values):
//   values.html  the legend's markup (geo.render.legend, built from constants only)
(function(map, values) {
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'fc-legend');
    div.innerHTML = values.html;
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
})
