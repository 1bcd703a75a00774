"""Benchmark: importing the real DeepState files and computing their areas.

Prints, for each file in ../shared/data/deepstate: parse+classify time, area time
(vectorized EPSG:6933), the baseline (pyproj.Geod per polygon part, the reference
method) measured in the same run, and the figures beside the published ones.

Run: ``make bench`` (or ``.venv/bin/python -m bench.import_area [SHARED_DATA_DIR]``).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

from geo.maps.area import figures, km2
from geo.maps.deepstate import parse_snapshot

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = {"2026-01-01": 116_165.0}  # DeepState's own year-end total (press, 2026-01-02)


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median seconds over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def russian_union(polygons: gpd.GeoDataFrame) -> shapely.Geometry:
    return shapely.union_all(polygons.loc[polygons["class"].isin(["occupied", "pre2022"]),
                                          "geometry"].to_numpy())


def geodesic_km2(union: shapely.Geometry) -> float:
    """Baseline: geodesic area, one pyproj.Geod call per polygon part."""
    geod = Geod(ellps="WGS84")
    return sum(abs(geod.geometry_area_perimeter(orient(part, 1.0))[0])
               for part in shapely.get_parts(union)) / 1e6


def equal_area_km2(union: shapely.Geometry) -> float:
    """Ours, on the same union: all parts reprojected to EPSG:6933 at once."""
    return float(km2(gpd.GeoSeries(shapely.get_parts(union), crs="EPSG:4326")).sum())


def main(shared: Path) -> int:
    files = sorted((shared / "deepstate").rglob("*.geojson"))
    if not files:
        print(f"no DeepState files under {shared}/deepstate; nothing to measure")
        return 0
    print(f"{'file':<38} {'date':<10} {'parse':>8} {'figures':>8} {'ea':>8} {'geod':>8} "
          f"{'km² (ours)':>12} {'km² (geod)':>12} {'diff':>8} {'published':>10}")
    for path in files:
        raw = path.read_bytes()
        t_parse, snap = timed(lambda raw=raw, path=path: parse_snapshot(raw, path.name))
        split = snap.kind == "raw"
        t_area, fig = timed(lambda snap=snap, split=split, path=path: figures(
            snap.polygons, snap.date.isoformat(), path.name, split_pre2022=split))
        union = russian_union(snap.polygons)
        t_ea, _ = timed(lambda union=union: equal_area_km2(union))
        t_geod, ref = timed(lambda union=union: geodesic_km2(union))
        published = PUBLISHED.get(snap.date.isoformat())
        pub = f"{published:,.0f}" if published else "-"
        print(f"{path.name:<38} {snap.date!s:<10} {t_parse * 1e3:6.1f}ms {t_area * 1e3:6.1f}ms "
              f"{t_ea * 1e3:6.1f}ms {t_geod * 1e3:6.1f}ms {fig.occupied_km2:12,.1f} {ref:12,.1f} "
              f"{(fig.occupied_km2 / ref - 1) * 100:+7.4f}% {pub:>10}")
    print("parse = read + classify + filter + repair + dissolve; figures = every figure "
          "(6 unions + EPSG:6933 areas); ea = our equal-area km² of the Russian-held union; "
          "geod = baseline on the same union (pyproj.Geod, one call per part); all medians of 5")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"))
