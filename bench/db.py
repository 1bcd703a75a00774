"""Benchmark (issue 16, first step): the PostgreSQL/PostGIS store against the file store,
in the same run, on a throw-away cluster of its own (harness/postgres.py).

* **Load**: the bundled data directory (4 CSV files + places.parquet, 33,681 places) and
  the national-scale synthetic one (``--settlements``/``--claims``, default 30,000 /
  1,000,000; bench.common.national_data) into an empty database
  (:func:`geo.db.load_directory`: validation, COPY, the audit rows), against the file
  store's validated load of the same directory (:func:`geo.dataset.load.load_dataset`,
  no Parquet cache), and the dump back to files.
* **Place classes**: every bundled place's class on one map by PostGIS
  (:func:`geo.db.place_classes`: one ``ST_Covers`` join) against the in-memory STRtree
  (:func:`geo.maps.placeclasses.classify_places`), both median of 3, on the real DeepState
  maps in ../shared/data/deepstate when present, else on the synthetic national front
  (geo.synth.control_polygon, 2,000 vertices); both must give the same codes.

Run: ``.venv/bin/python -m bench.db [--settlements N --claims M]`` (as root it runs the
server as the ``postgres`` user). Needs PostgreSQL and PostGIS installed.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import psycopg
import shapely

from bench.common import national_args, national_data
from geo.dataset.load import load_dataset
from geo.db import dump_directory, load_directory, place_classes, upgrade
from geo.maps.importer import load_snapshot
from geo.maps.placeclasses import classify_places
from geo.places.table import load_places
from geo.synth import control_polygon
from harness.postgres import Cluster, pg_bin, postgis_present, start

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "deepstate"
MAPS = ("deepstatemaps-history_raw/1731707743.geojson",
        "cyterat/deepstatemap_data_20260101.geojson")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _fresh(cluster: Cluster, name: str) -> str:
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    url = cluster.url(name)
    with psycopg.connect(url) as conn:
        upgrade(conn, init=True)
    return url


def bench_load(cluster: Cluster, label: str, data: Path) -> None:
    files_s = _timed(lambda: load_dataset(data))
    url = _fresh(cluster, "bench_load")
    with psycopg.connect(url) as conn:
        db_s = _timed(lambda: load_directory(conn, data, "bench"))
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()
        with tempfile.TemporaryDirectory() as out:
            dump_s = _timed(lambda: dump_directory(conn, Path(out)))
            same = _same(Path(out), data)
    assert claims is not None and audit is not None
    print(f"{label:<34} {files_s:>9.2f} {db_s:>9.2f} {dump_s:>9.2f} {claims[0]:>10,} "
          f"{audit[0]:>10,} {same:>6}")


def _same(out: Path, data: Path) -> str:
    """``yes`` when the four dumped files equal the loaded ones byte for byte; ``header``
    when only files written without the optional columns (short, channel) differ."""
    names = ("claimants.csv", "settlements.csv", "claims.csv", "territory.csv")
    if all((out / n).read_bytes() == (data / n).read_bytes() for n in names):
        return "yes"
    differ = [n for n in names if (out / n).read_bytes() != (data / n).read_bytes()]
    if all((data / n).read_text().split("\n", 1)[0] != (out / n).read_text().split(
            "\n", 1)[0] for n in differ):
        return "header"
    return "NO"


def _maps() -> list[tuple[str, gpd.GeoDataFrame]]:
    found = [(name.split("/")[-1], load_snapshot(str(SHARED / name)).polygons)
             for name in MAPS if (SHARED / name).is_file()]
    if found:
        return found
    poly = gpd.GeoDataFrame({"class": ["occupied"]}, geometry=[control_polygon(1.0)],
                            crs="EPSG:4326")
    return [("synthetic front (2,000 vertices)", poly)]


def bench_classes(cluster: Cluster) -> None:
    places = load_places(ROOT / "data")
    lon, lat = places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float)
    url = _fresh(cluster, "bench_classes")
    with psycopg.connect(url) as conn:
        load_directory(conn, ROOT / "data", "bench")
        conn.execute("INSERT INTO claimants (id, name, side, kind) VALUES ('bench', 'bench', "
                     "'ua', 'osint') ON CONFLICT DO NOTHING")
        print(f"\n{len(places):,} places; median of 3 runs each")
        print(f"{'map':<40} {'memory s':>9} {'PostGIS s':>10} {'differ':>7}")
        for day, (name, polygons) in enumerate(_maps(), start=1):
            snap = conn.execute("INSERT INTO map_snapshots (claimant, date, kind, source, "
                                "imported_at) VALUES ('bench', %s, 'raw', %s, '') RETURNING id",
                                (f"2024-01-{day:02d}", name)).fetchone()
            assert snap is not None
            for cls, geom in zip(polygons["class"], polygons.geometry, strict=True):
                conn.execute("INSERT INTO map_polygons VALUES (%s, %s, ST_Multi("
                             "ST_CollectionExtract(ST_SetSRID(ST_GeomFromWKB(%s), 4326), 3)))",
                             (snap[0], cls, shapely.to_wkb(geom)))
            conn.commit()
            memory, database = [], []
            for _ in range(3):
                memory.append(_timed(lambda p=polygons: classify_places(lon, lat, p)))
                database.append(_timed(lambda s=snap[0]: place_classes(conn, s)))
            ours = classify_places(lon, lat, polygons)
            theirs = place_classes(conn, snap[0]).set_index("place")["class"]
            differ = int((theirs.reindex(places["id"]).to_numpy() != ours).sum())
            print(f"{name:<40} {statistics.median(memory):>9.3f} "
                  f"{statistics.median(database):>10.3f} {differ:>7}")


def main() -> int:
    args = national_args(__doc__)
    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        print("skipped: PostgreSQL with PostGIS is not installed "
              "(apt-get install postgresql postgresql-15-postgis-3)")
        return 0
    national = national_data(args.settlements, args.claims, args.dir)
    cluster = start(bindir)
    try:
        print(f"PostgreSQL {bindir.parent.name} (fsync off, a throw-away cluster); seconds")
        print(f"{'data':<34} {'files':>9} {'db load':>9} {'db dump':>9} {'claims':>10} "
              f"{'audit rows':>10} {'bytes=':>6}")
        bench_load(cluster, "bundled (data/)", ROOT / "data")
        bench_load(cluster, f"national ({args.settlements:,} / {args.claims:,})", national)
        bench_classes(cluster)
    finally:
        cluster.stop()
    np.seterr(all="ignore")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
