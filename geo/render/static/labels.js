// Place names on the map, drawn on one canvas (no DOM element per place), never overlapping.
// Called by geo.render.elements.Script with (map, values), from geo.render.basemap (the
// base map, so it is there before any settlement layer):
//   values.style    font, colours and spacing of the labels (geo.render.labels.LABEL_STYLE)
//   values.regions  [lat, lon, name] of each oblast (geo.render.regions), named up to zoom
//                   style.region_max_zoom after the place names, where they fit
// A settlement layer (canvas.js or layer.js) hands its candidates to map.fcLabels.update
// (owner, list) after each drawing: [x, y, r, text, hot] in layer pixels, most important
// first (disputed, then larger places). The names are plain text (fillText never parses
// markup). Greedy placement: each label takes the first free spot of right, left, above,
// below its circle; a label whose box (plus a margin) meets one already placed, or meets a
// candidate's circle, is skipped.
// The placed boxes are reported, in container pixels, as the container's data-fc-labels.
(function(map, values) {
  var S = values.style, owner = null, items = [], frame = null;
  var regions = values.regions || [];   // [lat, lon, oblast name] (geo.render.regions)
  var pane = map.getPane('fc-labels') || map.createPane('fc-labels');
  pane.style.zIndex = 550;            // above the overlays, below markers and popups
  pane.style.pointerEvents = 'none';
  var canvas = L.DomUtil.create('canvas', 'fc-labels', pane);
  var ctx = canvas.getContext('2d');
  // a name longer than max_chars is cut with an ellipsis (no place name is that long)
  function cut(text) {
    return text.length > S.max_chars ? text.slice(0, S.max_chars - 1) + '\u2026' : text;
  }
  function font(r) { return (r >= S.big_radius ? 'bold ' : '') + S.font; }
  function draw() {
    frame = null;
    var size = map.getSize(), dpr = window.devicePixelRatio || 1;
    var origin = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, origin);
    canvas.width = size.x * dpr; canvas.height = size.y * dpr;
    canvas.style.width = size.x + 'px'; canvas.style.height = size.y + 'px';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.textBaseline = 'middle'; ctx.lineJoin = 'round';
    var cell = 64, grid = new Map(), boxes = [], m = S.margin, h = S.height;
    function keys(b) {
      var out = [];
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor((b[0] + b[2]) / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor((b[1] + b[3]) / cell); gy++) {
          out.push(gx * 65536 + gy);
        }
      }
      return out;
    }
    function put(on, b) {
      keys(b).forEach(function(key) {
        if (!on.has(key)) { on.set(key, []); }
        on.get(key).push(b);
      });
    }
    function meets(on, b, m) {
      var ks = keys(b);
      for (var k = 0; k < ks.length; k++) {
        var near = on.get(ks[k]) || [];
        for (var j = 0; j < near.length; j++) {
          var o = near[j];
          if (b[0] < o[0] + o[2] + m && o[0] < b[0] + b[2] + m
              && b[1] < o[1] + o[3] + m && o[1] < b[1] + b[3] + m) { return true; }
        }
      }
      return false;
    }
    // a label stays off other labels (with a margin) and off the candidates' circles
    var dots = new Map();
    items.forEach(function(it) {
      var r = it[2];
      put(dots, [it[0] - origin.x - r, it[1] - origin.y - r, 2 * r, 2 * r]);
    });
    function inside(b) {
      return b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= size.x && b[1] + b[3] <= size.y;
    }
    function free(b) { return inside(b) && !meets(grid, b, m) && !meets(dots, b, 0); }
    // oblast names when zoomed out, centred on their points: at the country's zooms
    // (region_first_zoom and below) after the first region_after place names (the most
    // important places) and before the others', closer in after every place name
    var regionsShown = [], zoom = map.getZoom();
    function placeRegions() {
      if (zoom > S.region_max_zoom) { return; }
      ctx.font = S.region_font;
      regions.forEach(function(one) {
        var p = map.latLngToContainerPoint([one[0], one[1]]);
        var w = Math.ceil(ctx.measureText(one[2]).width);
        var b = [Math.round(p.x - w / 2), Math.round(p.y - h / 2), w, h];
        // off other names; over circles it may go (its halo keeps it legible)
        if (!inside(b) || meets(grid, b, m)) { return; }
        put(grid, b);
        boxes.push(b); regionsShown.push([b, one[2]]);
      });
    }
    var shown = [], regionsDone = zoom > S.region_first_zoom;
    for (var i = 0; i < items.length; i++) {
      var it = items[i], x = it[0] - origin.x, y = it[1] - origin.y, r = it[2];
      // the first names placed (the most important places) come before the oblasts'
      if (!regionsDone && shown.length >= S.region_after) {
        placeRegions(); regionsDone = true;
      }
      if (x < -r || y < -r || x > size.x + r || y > size.y + r || !it[3]) { continue; }
      var text = cut(it[3]);
      ctx.font = font(r);
      var w = Math.ceil(ctx.measureText(text).width), g = r + S.gap;
      var spots = [[x + g, y - h / 2], [x - g - w, y - h / 2],
                   [x - w / 2, y - g - h], [x - w / 2, y + g]];
      for (var s = 0; s < spots.length; s++) {
        var b = [Math.round(spots[s][0]), Math.round(spots[s][1]), w, h];
        if (!free(b)) { continue; }
        put(grid, b);
        boxes.push(b); shown.push([b, text, r]);
        break;
      }
    }
    if (!regionsDone || zoom > S.region_first_zoom) { placeRegions(); }
    ctx.clearRect(0, 0, size.x, size.y);
    ctx.font = S.region_font;
    regionsShown.forEach(function(one) {
      ctx.lineWidth = S.halo_width; ctx.strokeStyle = S.halo;
      ctx.strokeText(one[1], one[0][0], one[0][1] + h / 2);
      ctx.fillStyle = S.region_color; ctx.fillText(one[1], one[0][0], one[0][1] + h / 2);
    });
    shown.forEach(function(one) {
      ctx.font = font(one[2]);
      ctx.lineWidth = S.halo_width; ctx.strokeStyle = S.halo;
      ctx.strokeText(one[1], one[0][0], one[0][1] + h / 2);
      ctx.fillStyle = S.color; ctx.fillText(one[1], one[0][0], one[0][1] + h / 2);
    });
    map.getContainer().setAttribute('data-fc-labels', JSON.stringify(
      {zoom: map.getZoom(), candidates: items.length, boxes: boxes,
       names: shown.map(function(one) { return one[1]; }),
       regions: regionsShown.map(function(one) { return one[1]; })}));
  }
  function later() { if (!frame) { frame = L.Util.requestAnimFrame(draw); } }
  map.fcLabels = {
    // the most important places' radius at least this at zoom z (every place from max_zoom)
    minRadius: function(zoom) {
      var z = Math.round(zoom), t = S.min_radius;
      return z >= t.length ? 0 : t[Math.max(0, z)];
    },
    update: function(who, list) { owner = who; items = list; draw(); },
    clear: function(who) { if (owner === who) { owner = null; items = []; later(); } }
  };
  map.on('zoomstart', function() { ctx.clearRect(0, 0, canvas.width, canvas.height); });
  map.on('resize', later);
})
