"""Benchmark 2 (issues 5, 11): bytes of HTML/JS the browser receives for the map at 30,000 places.

Ours: the page's own path: above ``POPUP_LIMIT`` places, every place as compact arrays
drawn on one canvas (:mod:`geo.render.canvas`; tooltips built in the browser, claims of a
clicked place listed below the map; since issue 11 with the data of the place labels and
Ukraine's outline; since issue 16 the arrays no claim changes in a static file fetched once
per page: printed are a first load, the file included, and what a date change sends),
rendered as folium does. Also printed: the DOM-marker
path (one shared-SVG marker per place) used for small views. Baseline, measured in the
same run: one ``folium.Marker`` with a ``folium.Popup`` per settlement, the straightforward
way.

Run: ``.venv/bin/python -m bench.payload [--settlements N --claims M]``.
"""

from __future__ import annotations

import time

import folium

from bench.common import national_args, national_data
from geo.claims import build_index, filter_view, latest_claims, resolve
from geo.dataset.cache import load_cached
from geo.render import (
    ON_DEMAND_TEXT,
    base_map,
    canvas_layer,
    esc,
    fixed_part,
    level_of_detail,
    settlement_layer,
)
from geo.settings import MapConfig

TARGET_BYTES = 3.0e6   # issue 11: ≤ 3 MB with labels (issue 5: ≤ 2.5 MB)
TARGET_RATIO = 10.0


def render_size(m: folium.Map) -> int:
    return len(m.get_root().render().encode("utf-8"))


def main() -> int:
    args = national_args(__doc__)
    data = national_data(args.settlements, args.claims, args.dir)
    ds = load_cached(data, args.dir / "cache")
    day = ds.last_date
    resolved = resolve(ds.settlements, ds.claims, day, index=build_index(ds.claims))
    view = filter_view(resolved)
    latest = latest_claims(ds.claims, day)
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))

    t = time.perf_counter()
    shown, note = level_of_detail(view)
    m = base_map(MapConfig(tiles="none"))
    canvas_layer(shown, day, esc(ON_DEMAND_TEXT)).add_to(m)
    inline = render_size(m)
    ours_s = time.perf_counter() - t
    fixed = fixed_part(shown)
    m = base_map(MapConfig(tiles="none"))
    canvas_layer(shown, day, esc(ON_DEMAND_TEXT),
                 fixed=fixed.served_at("/app/static/places/x.json")).add_to(m)
    per_date = render_size(m)
    file_bytes = len(fixed.asset_json().encode("utf-8"))
    ours = per_date + file_bytes   # a page's first load

    t = time.perf_counter()
    m = base_map(MapConfig(tiles="none"))
    settlement_layer(view, latest, names).add_to(m)
    all_markers = render_size(m)
    all_s = time.perf_counter() - t

    t = time.perf_counter()
    naive = folium.Map(location=(48.6, 31.5), zoom_start=6, tiles=None)
    for row in view.itertuples():
        text = (f"<b>{esc(row.name)}</b><br>Russian side: {esc(row.ru_status)}<br>"
                f"Ukrainian side: {esc(row.ua_status)}")
        folium.Marker((row.lat, row.lon), popup=folium.Popup(text, max_width=300),
                      tooltip=esc(row.name)).add_to(naive)
    baseline = render_size(naive)
    base_s = time.perf_counter() - t

    print(f"{len(view):,} settlements, {len(ds.claims):,} claims, date {day}")
    print(f"ours (canvas, {len(shown):,} places sent; {note or 'none left out'}): "
          f"first load {ours / 1e6:.2f} MB (map {per_date / 1e6:.2f} MB + places file "
          f"{file_bytes / 1e6:.2f} MB, once per page), a date change {per_date / 1e6:.2f} MB; "
          f"with the arrays inline (no static serving) {inline / 1e6:.2f} MB every time, "
          f"built and rendered in {ours_s:.2f} s")
    print(f"DOM markers for every settlement (shared icons, popups on demand): "
          f"{all_markers / 1e6:.2f} MB, built in {all_s:.1f} s")
    print(f"baseline (one folium.Marker + Popup per settlement): {baseline / 1e6:.2f} MB, "
          f"built in {base_s:.1f} s")
    ok = "meets" if ours <= TARGET_BYTES and baseline / ours >= TARGET_RATIO else "MISSES"
    print(f"{baseline / ours:.1f}x smaller than the baseline — {ok} the target "
          f"(≤ {TARGET_BYTES / 1e6:.1f} MB and ≥ {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
