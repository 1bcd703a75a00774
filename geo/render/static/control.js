// Control-map areas (one layer per class) or the changes between two maps.
// Called by geo.render.elements.Script with (group, values), from geo.render.controls:
//   values.layers  [{cls, style, label (escaped), geometry (GeoJSON)}]
(function(group, values) {
  values.layers.forEach(function(layer) {
    var style = Object.assign({weight: 1, opacity: 0.8}, layer.style);
    L.geoJSON(layer.geometry, {style: function() { return style; },
                               className: 'fc-control fc-control-' + layer.cls})
      .bindTooltip(layer.label, {sticky: true})
      .addTo(group);
  });
})
