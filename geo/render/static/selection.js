// The selected place, sent to the map without sending the map again (ui.mapwidget's
// selection adds this to the page, outside the map's frame, on every run of the selected
// place's fragment; Streamlit runs it again only when its values change, i.e. when the
// selection or the view the page wants does).
//   values.sel   {i, la, lo}: the place's position in the canvas layer's arrays and its
//                coordinates as the layer has them (geo.render.page.picked); null: no
//                place selected
//   values.view  {c: [lat, lon], z}: the centre and zoom the page puts the map in
//                (ui.mapwidget.page_view), the ones the map's next run sends
//                streamlit-folium
// The values are kept on the page's window (fcSelection), where a map drawn later reads
// them, and handed to every map frame already drawn (its window.fcSelect, canvas.js). The
// view is set as streamlit-folium sets its center and zoom (only when they differ from
// the last ones it was given, which it then remembers): the map's next run, sending the
// same, leaves the map where the reader has moved it since. One exception: a place newly
// selected by search, list or link (the view's centre is the place itself) is framed
// whole, centre and zoom, even when the zoom it is sent is the last one sent: after a
// click at zoom 13 a search kept zoom 13, as only the centre differed.
(function(document, values) {
  var page = document.defaultView, own = document.currentScript;
  // the page's element holding this script has nothing to show: no gap for it in the layout
  var box = own && own.closest('[data-testid="stElementContainer"]');
  if (box) { box.style.display = 'none'; }
  var before = page.fcSelection;
  page.fcSelection = values;
  // the place is at the view's centre: chosen by search, list or link (a place clicked on
  // the map leaves the centre where the last search put it)
  function centred(sel, view) {
    return !!(sel && view && view.c && Math.abs(sel.la - view.c[0]) < 1e-4 &&
              Math.abs(sel.lo - view.c[1]) < 1e-4);
  }
  var earlier = before && before.sel;
  var framed = centred(values.sel, values.view) &&
    !(earlier && earlier.la === values.sel.la && earlier.lo === values.sel.lo);
  function move(inner, view) {
    var last = inner.__GLOBAL_DATA__, map = inner.map;
    if (!view || !last || !map || typeof map.setView !== 'function') { return; }
    var zoom = map.getZoom(), center = map.getCenter(), changed = false;
    if (view.z && (framed || view.z !== last.last_zoom)) {
      zoom = last.last_zoom = view.z; changed = true;
    }
    if (view.c && (framed || JSON.stringify(view.c) !== JSON.stringify(last.last_center))) {
      center = last.last_center = view.c; changed = true;
    }
    // at once, not animated: Leaflet's pan or zoom animation ran ~0.25 s of frames, each
    // recompositing the page, while the selected place's panels were being drawn
    if (changed) { map.setView(center, zoom, {animate: false}); }
  }
  Array.prototype.forEach.call(document.querySelectorAll('iframe'), function(frame) {
    try {   // a frame of another origin cannot be reached: not a map of ours
      var inner = frame.contentWindow;
      if (inner && typeof inner.fcSelect === 'function') {
        move(inner, values.view);
        inner.fcSelect(values);
      }
    } catch (e) { /* not ours */ }
  });
})
