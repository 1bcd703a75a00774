// "Basemap unavailable": shown when there are no tiles or a tile fails to load.
// Called by geo.render.elements.Script with (map, values):
//   values.text      the notice (plain text)
//   values.no_tiles  true when the map has no tile layer at all
(function(map, values) {
  if (map.attributionControl) {
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }
  var notice = L.control({position: 'topleft'});
  notice.onAdd = function() {
    var div = L.DomUtil.create('div', 'fc-basemap-notice');
    div.textContent = values.text;
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
  if (values.no_tiles) { show(); return; }
  map.eachLayer(function(layer) {
    if (layer instanceof L.TileLayer) { layer.on('tileerror', show); }
  });
})
