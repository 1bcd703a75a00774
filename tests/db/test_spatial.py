"""PostGIS's place classes equal the in-memory ones (geo.maps.placeclasses)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely

from geo.db.load import load_directory
from geo.db.spatial import place_classes
from geo.maps.placeclasses import classify_places
from tests.db.data import PLACES, tiny_data, tiny_store


def test_the_stored_maps_classes_match_the_in_memory_ones(db_url: str, tmp_path: Path) -> None:
    data = tiny_data(tmp_path / "data")
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "tester", store=tiny_store(data, tmp_path / "store"))
        snapshot = conn.execute("SELECT id FROM map_snapshots").fetchone()
        assert snapshot is not None
        found = place_classes(conn, snapshot[0])
        stored = dict(conn.execute("SELECT place, class FROM map_place_classes").fetchall())
    assert dict(zip(found["place"], found["class"].tolist(), strict=True)) == stored
    assert set(stored.values()) == {0, 1, 3}  # Zeta free, Alpha occupied, Delta grey


def test_edges_holes_overlaps_and_the_box_at_random_points(loaded: str) -> None:
    rng = np.random.default_rng(7)
    n = 3000
    lon = np.round(rng.uniform(21.5, 41.0, n), 2)  # some beyond the box, many on edges
    lat = np.round(rng.uniform(44.0, 52.8, n), 2)
    ring = shapely.Polygon([(30, 46), (38, 46), (38, 51), (30, 51)],
                           holes=[[(33, 48), (35, 48), (35, 50), (33, 50)]])
    polygons = gpd.GeoDataFrame({"class": ["occupied", "grey", "pre2022", "liberated"]},
                                geometry=[ring, shapely.box(36, 45, 40, 49),
                                          shapely.MultiPolygon([shapely.box(33, 44.5, 36, 46),
                                                                shapely.box(37, 47, 37.5, 47.5)]),
                                          shapely.box(22, 50, 30, 52)], crs="EPSG:4326")
    places = PLACES.iloc[[0]].loc[:, :].sample(n, replace=True).reset_index(drop=True)
    places["geonameid"] = np.arange(1, n + 1) + 10_000
    places["id"] = [f"gn-{g}" for g in places["geonameid"]]
    places["lat"], places["lon"] = lat, lon
    with psycopg.connect(loaded) as conn:  # the random places beside the tiny data's own
        with conn.cursor() as cur, cur.copy("COPY places (id, geonameid, name, lat, lon) FROM "
                                            "STDIN") as copy:
            for row in places[["id", "geonameid", "name", "lat", "lon"]].itertuples(
                    index=False):
                copy.write_row(row)
        snap = conn.execute("INSERT INTO map_snapshots (claimant, date, kind, source, "
                            "imported_at) VALUES ('deepstate', '2024-01-01', 'raw', 't', '') "
                            "RETURNING id").fetchone()
        assert snap is not None
        for cls, geom in zip(polygons["class"], polygons.geometry, strict=True):
            conn.execute("INSERT INTO map_polygons VALUES (%s, %s, ST_Multi(ST_SetSRID("
                         "ST_GeomFromWKB(%s), 4326)))", (snap[0], cls, shapely.to_wkb(geom)))
        found = place_classes(conn, snap[0])
    expected = classify_places(lon, lat, polygons)
    order = pd.Index(found["place"]).get_indexer(places["id"])
    assert (found["class"].to_numpy()[order] == expected).all()
    assert len(set(expected.tolist())) == 6  # every class, none and outside occur
