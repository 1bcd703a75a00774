"""Benchmark 4 (issue 5): the area series over 365 stored daily maps, and the per-date lookup.

Writes 365 synthetic daily control maps (about 2,000 vertices each) into a store, then
times: recomputing every snapshot's figures from its geometry (read + unions + equal-area
areas), reading the stored figures without geometry (what the page's chart uses), and the
lookup of the snapshot in force on a date (what the territory panel does on every rerun).
The baseline for the series is the same computation with geodesic areas (pyproj.Geod),
measured in the same run on the first 30 maps and scaled.

Run: ``.venv/bin/python -m bench.area_series``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

from geo import synth
from geo.maps.area import figures
from geo.maps.store import figure_series, list_maps, map_on_or_before, read_map

SNAPSHOTS = 365


def main() -> int:
    base = Path(tempfile.gettempdir()) / "frontline-bench" / f"maps-{SNAPSHOTS}"
    store = base / "local"
    if len(list_maps(store)) < SNAPSHOTS:
        t = time.perf_counter()
        synth.write(base, 100, 100, SNAPSHOTS, seed=2, store=None)
        print(f"wrote {SNAPSHOTS} daily maps in {time.perf_counter() - t:.1f} s")
    maps = list_maps(store)
    t = time.perf_counter()
    for stored in maps:
        frame = read_map(stored)
        figures(frame, stored.date.isoformat(), "synthetic", split_pre2022=False)
    recompute = time.perf_counter() - t
    geod = Geod(ellps="WGS84")
    t = time.perf_counter()
    for stored in maps[:30]:
        geom = shapely.union_all(read_map(stored).geometry.to_numpy())
        sum(abs(geod.geometry_area_perimeter(orient(p, 1.0))[0]) for p in shapely.get_parts(geom))
    geodesic = (time.perf_counter() - t) / 30 * len(maps)
    t = time.perf_counter()
    series = figure_series(store)
    stored_read = time.perf_counter() - t
    days = [maps[0].date + dt.timedelta(days=i * 7) for i in range(50)]
    lookups = []
    for day in days:
        t = time.perf_counter()
        listing = list_maps(store)
        found = map_on_or_before(listing, day)
        row = series[series["date"] == str(found.date)] if found else None
        lookups.append(time.perf_counter() - t)
        assert row is not None
    print(f"{len(maps)} maps: recompute all figures {recompute:.1f} s (target ≤ 20 s) vs "
          f"geodesic baseline ≈{geodesic:.1f} s; read the stored series {stored_read:.2f} s; "
          f"per-date lookup median {statistics.median(lookups) * 1e3:.1f} ms "
          f"(max {max(lookups) * 1e3:.1f} ms, target ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
