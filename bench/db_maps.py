"""Benchmark (issue 16): importing DeepState maps into the database (place classes in
PostGIS) against the file store's import (place classes in memory), in the same run, on a
throw-away cluster of its own (harness/postgres.py).

Every real DeepState file in ../shared/data/deepstate (three raw API maps, three processed
daily files), oldest first, parsed once, then stored by both backends, alternated, over
``--rounds`` rounds (a fresh store directory and a fresh database, copied from a template
holding the bundled data directory with its 33,681 places, per round):

* **files**: :func:`geo.maps.store.save_snapshot` with the places table: the snapshot's
  GeoParquet, every place's class (``classify_places``, one STRtree) and ``since`` in
  memory, the classes file, ``since`` of later maps brought up to date;
* **database**: :func:`geo.db.maps.store_map`: the polygons (PostGIS), every place's class
  by one ``ST_Covers`` join over the GiST indexes and ``since`` chained in SQL, one
  audited transaction, committed.

Also, per map, the classification step alone on both sides (``classify_places`` against
``geo.db.spatial.place_classes``), and once: writing the page's map store from the database
(:func:`geo.db.mapfiles.shared_store`, the first mirror after the imports) and the next
mirror after a claims-only change (links).

Then both stores are compared place for place (class and ``since`` on every map); each
disagreement is reported with the place's distance to the nearest polygon edge of that
map, to tell a border or precision case from a real difference.

Run: ``.venv/bin/python -m bench.db_maps [--rounds 2]``. Needs PostgreSQL and PostGIS;
skips with a message when the shared maps are absent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import shapely

from geo.db import load_directory, upgrade
from geo.db.maps import store_map
from geo.db.mirror import sync_mirror
from geo.db.spatial import place_classes
from geo.maps.area import Figures
from geo.maps.deepstate import Snapshot
from geo.maps.importer import checked_snapshot
from geo.maps.placeclasses import NAME_OF, classes_path, classify_places, read_classes
from geo.maps.store import list_maps, save_snapshot
from geo.places.table import load_places
from harness.postgres import pg_bin, postgis_present, start

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "deepstate"
FILES = ("deepstatemaps-history_raw/1648989208.geojson",
         "deepstatemaps-history_raw/1668554255.geojson",
         "deepstatemaps-history_raw/1731707743.geojson",
         "cyterat/deepstatemap_data_20241115.geojson",
         "cyterat/deepstatemap_data_20251115.geojson",
         "cyterat/deepstatemap_data_20260101.geojson")


def _snapshots() -> list[tuple[str, Snapshot, Figures]]:
    found = []
    for name in FILES:
        if (SHARED / name).is_file():
            snapshot, figures = checked_snapshot(str(SHARED / name))
            found.append((name.split("/")[-1], snapshot, figures))
    return found  # in FILES' order: oldest first, the processed 2024-11-15 replacing the raw


def _disagreements(store: Path, url: str, places: pd.DataFrame,
                   snapshots: list[tuple[str, Snapshot, Figures]]) -> list[str]:
    lines = []
    by_id = places.set_index("id")
    with psycopg.connect(url) as conn:
        ids = dict(conn.execute("SELECT date, id FROM map_snapshots").fetchall())
        for stored in list_maps(store):
            ours = read_classes(classes_path(stored.path))
            rows = conn.execute("SELECT place, class, since FROM map_place_classes WHERE "
                                "snapshot = %s", (ids[stored.date],)).fetchall()
            theirs = pd.DataFrame(rows, columns=["place", "class", "since"]).set_index("place")
            theirs = theirs.reindex(ours.ids)
            codes = theirs["class"].to_numpy(dtype=float)
            since = pd.to_datetime(theirs["since"]).to_numpy().astype("datetime64[D]")
            bad_class = np.flatnonzero(codes != ours.codes)
            bad_since = np.flatnonzero((since != ours.since) & (codes == ours.codes))
            polygons = [s for _, s, _ in snapshots if s.date == stored.date][-1].polygons
            edges = shapely.union_all(shapely.boundary(polygons.geometry.to_numpy()))
            lines.append(f"{stored.date}: {len(ours.ids):,} places, class differs for "
                         f"{len(bad_class)}, since differs for {len(bad_since)}")
            for i in bad_class[:10]:
                place = ours.ids[i]
                point = shapely.Point(by_id.at[place, "lon"], by_id.at[place, "lat"])
                metres = shapely.distance(point, edges) * 111_320 * np.cos(
                    np.radians(by_id.at[place, "lat"]))
                lines.append(f"  {place} ({by_id.at[place, 'name']}): memory "
                             f"{NAME_OF.get(int(ours.codes[i]))}, PostGIS "
                             f"{NAME_OF.get(int(codes[i]))}; {metres:.2f} m from an edge "
                             "(east-west scale)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    snapshots = _snapshots()
    if not snapshots:
        print(f"skipped: the real DeepState files are not at {SHARED}")
        return 0
    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        print("skipped: PostgreSQL with PostGIS is not installed")
        return 0
    places = load_places(ROOT / "data")
    lon, lat = places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float)
    print(f"load at start: {os.getloadavg()}; {len(places):,} places, {len(snapshots)} maps, "
          f"{args.rounds} round(s)")
    cluster = start(bindir)
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE bench_template")
        with psycopg.connect(cluster.url("bench_template")) as conn:
            upgrade(conn, init=True)
            load_directory(conn, ROOT / "data", "bench")
        times: dict[str, dict[str, list[float]]] = {
            n: {"files": [], "db": [], "classify_mem": [], "classify_pg": []}
            for n, _, _ in snapshots}
        with tempfile.TemporaryDirectory(prefix="bench-maps-") as tmp:
            for r in range(args.rounds):
                store = Path(tmp) / f"store{r}"
                name = f"bench_{r}"
                with psycopg.connect(cluster.url(), autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE {name} TEMPLATE bench_template")
                url = cluster.url(name)
                with psycopg.connect(url) as conn:
                    for label, snapshot, figures in snapshots:
                        t = times[label]
                        start_at = time.perf_counter()
                        save_snapshot(snapshot, store, figures, places=places)
                        t["files"].append(time.perf_counter() - start_at)
                        start_at = time.perf_counter()
                        written = store_map(conn, snapshot, figures, "bench")
                        t["db"].append(time.perf_counter() - start_at)
                        start_at = time.perf_counter()
                        classify_places(lon, lat, snapshot.polygons)
                        t["classify_mem"].append(time.perf_counter() - start_at)
                        start_at = time.perf_counter()
                        place_classes(conn, written.snapshot)
                        t["classify_pg"].append(time.perf_counter() - start_at)
                        conn.commit()
            print(f"load after the rounds: {os.getloadavg()}")
            print("\nseconds, median over rounds (each round: a fresh store / database)")
            print(f"{'map':<34} {'files import':>12} {'db import':>10} "
                  f"{'classify mem':>13} {'classify PostGIS':>17}")
            for label, t in times.items():
                print(f"{label:<34} {statistics.median(t['files']):>12.3f} "
                      f"{statistics.median(t['db']):>10.3f} "
                      f"{statistics.median(t['classify_mem']):>13.3f} "
                      f"{statistics.median(t['classify_pg']):>17.3f}")
            url = cluster.url(f"bench_{args.rounds - 1}")
            with psycopg.connect(url, autocommit=True) as conn:
                mirrors = Path(tmp) / "mirrors"
                start_at = time.perf_counter()
                sync_mirror(conn, mirrors)
                first = time.perf_counter() - start_at
                conn.execute("UPDATE claimants SET name = name || ' ' WHERE id = 'deepstate'")
                start_at = time.perf_counter()
                sync_mirror(conn, mirrors)
                second = time.perf_counter() - start_at
            print(f"\nthe page's mirror after the imports (maps written from the database): "
                  f"{first:.2f} s; the next version (a claimant edited: the data files "
                  f"dumped, the maps linked): {second:.2f} s")
            print("\nplace for place (the last round's store and database):")
            store = Path(tmp) / f"store{args.rounds - 1}"
            print("\n".join(_disagreements(store, url, places, snapshots)))
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
