// The selected place, sent to the map without sending the map again (ui.mapwidget adds
// this to the page, outside the map's frame, on every run of the map; Streamlit runs it
// again only when its values change, i.e. when the selection does).
//   values.sel   {i, la, lo}: the place's position in the canvas layer's arrays and its
//                coordinates as the layer has them (geo.render.canvas.selection_values);
//                null: no place selected
// The values are kept on the page's window (fcSelection), where a map drawn later reads
// them, and handed to every map frame already drawn (its window.fcSelect, canvas.js).
(function(document, values) {
  var page = document.defaultView, own = document.currentScript;
  // the page's element holding this script has nothing to show: no gap for it in the layout
  var box = own && own.closest('[data-testid="stElementContainer"]');
  if (box) { box.style.display = 'none'; }
  page.fcSelection = values;
  Array.prototype.forEach.call(document.querySelectorAll('iframe'), function(frame) {
    try {   // a frame of another origin cannot be reached: not a map of ours
      var inner = frame.contentWindow;
      if (inner && typeof inner.fcSelect === 'function') { inner.fcSelect(values); }
    } catch (e) { /* not ours */ }
  });
})
