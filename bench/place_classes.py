"""Benchmark (issue 11): every place's class on one DeepState map.

For each real DeepState file in ../shared/data/deepstate (two raw API maps, one processed
file) and the bundled places table (data/places.parquet, 33,681 places), times
:func:`geo.maps.placeclasses.classify_places` (one STRtree over the places, queried with
``covers`` by each class's polygons) against a per-place loop calling ``shapely.contains``
on each class's prepared geometry, in the same run, and checks that both give the same
classes away from polygon edges. Target: ≤ 1 s per map. Skips with a message when the
shared data is absent.

Run: ``.venv/bin/python -m bench.place_classes``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

from geo.maps.importer import load_snapshot
from geo.maps.placeclasses import CODES, PRIORITY, classify_places
from geo.places.table import load_places

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "deepstate"
FILES = ("deepstatemaps-history_raw/1648989208.geojson",
         "deepstatemaps-history_raw/1731707743.geojson",
         "cyterat/deepstatemap_data_20260101.geojson")
TARGET_S = 1.0


def loop_classes(lon: np.ndarray, lat: np.ndarray, polygons) -> np.ndarray:
    """The baseline: one Python iteration per place, ``shapely.contains`` per class."""
    areas = []
    for cls in PRIORITY[::-1]:  # strongest first: the first hit wins
        part = polygons[polygons["class"] == cls]
        if len(part):
            area = shapely.union_all(part.geometry.to_numpy())
            shapely.prepare(area)
            areas.append((CODES[cls], area))
    out = np.zeros(len(lon), dtype=np.uint8)
    for i, (x, y) in enumerate(zip(lon.tolist(), lat.tolist(), strict=True)):
        point = shapely.Point(x, y)
        for code, area in areas:
            if shapely.contains(area, point):
                out[i] = code
                break
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: the real DeepState files are not at {SHARED}")
        return 0
    places = load_places(ROOT / "data")
    lon, lat = places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float)
    print(f"{len(places):,} places; median of 5 runs (ours), 1 run (loop)")
    print(f"{'map':<46} {'ours s':>8} {'loop s':>8} {'speedup':>8} {'differ':>7}")
    worst = 0.0
    for name in FILES:
        path = SHARED / name
        if not path.is_file():
            print(f"{name}: absent, skipped")
            continue
        polygons = load_snapshot(str(path)).polygons
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            ours = classify_places(lon, lat, polygons)
            runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        loop = loop_classes(lon, lat, polygons)
        loop_s = time.perf_counter() - start
        inside = ours != CODES["outside"]  # the loop has no Ukraine box
        differ = int((ours[inside] != loop[inside]).sum())
        ours_s = statistics.median(runs)
        worst = max(worst, ours_s)
        print(f"{name:<46} {ours_s:>8.3f} {loop_s:>8.3f} {loop_s / ours_s:>7.0f}x {differ:>7}")
    print(f"worst {worst:.3f} s per map, target ≤ {TARGET_S} s: "
          f"{'met' if worst <= TARGET_S else 'MISSED'} ('differ': places on a polygon edge, "
          "inside for covers, outside for contains)")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
