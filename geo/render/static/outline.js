// Ukraine's outline under everything else: a thin line and a light fill, on its own pane
// between the tiles and the overlays, so it shows with or without tiles.
// Called by geo.render.elements.Script with (map, values), from geo.render.basemap:
//   values.outline  GeoJSON FeatureCollection (geo/render/static/ukraine-outline.geojson)
//   values.style    Leaflet path style of the outline
(function(map, values) {
  var pane = map.getPane('fc-outline') || map.createPane('fc-outline');
  pane.style.zIndex = 350;
  pane.style.pointerEvents = 'none';
  var style = values.style;
  L.geoJSON(values.outline, {
    pane: 'fc-outline', interactive: false,
    renderer: L.svg({pane: 'fc-outline', padding: 0.5}),
    style: function() { return style; }
  }).addTo(map);
  map.getContainer().setAttribute('data-fc-outline', '1');
})
