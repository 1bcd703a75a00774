"""Every place's class on a stored map: the rules, the stored column, since, rederive, CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.cli import main
from geo.maps.claimant import summary_text
from geo.maps.importer import import_deepstate
from geo.maps.placeclasses import CODES, classes_path, classify_places, read_classes
from geo.maps.store import list_maps, rederive, stored_classes
from geo.places.table import COLUMNS
from tests.deepstate_fixtures import as_bytes, processed, raw_collection

# raw fixture squares (0.5°): occupied 37.0–37.5/48–48.5, Crimea (pre2022) 34–34.5/45–45.5,
# grey 37.5–38/48–48.5 (shares the edge lon 37.5 with occupied), liberated 36–36.5/49.5–50
POINTS = {
    "occ": (37.2, 48.2), "pre": (34.2, 45.2), "grey": (37.8, 48.2), "lib": (36.2, 49.7),
    "free": (30.5, 50.4), "edge_grey": (38.0, 48.2), "edge_shared": (37.5, 48.2),
    "abroad": (21.0, 52.2), "nan": (float("nan"), float("nan")),
}


def places_frame(points: dict[str, tuple[float, float]] = POINTS) -> pd.DataFrame:
    return pd.DataFrame({"id": list(points), "name": list(points), "oblast": "",
                         "lat": [p[1] for p in points.values()],
                         "lon": [p[0] for p in points.values()], "population": 0})


def polygons(**classes: shapely.Geometry) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"class": list(classes)}, geometry=list(classes.values()),
                            crs="EPSG:4326")


def codes_of(frame: pd.DataFrame, polys: gpd.GeoDataFrame) -> dict[str, int]:
    codes = classify_places(frame["lon"].to_numpy(), frame["lat"].to_numpy(), polys)
    return dict(zip(frame["id"], codes.tolist(), strict=True))


def test_a_point_in_each_class_on_edges_and_outside() -> None:
    polys = polygons(occupied=shapely.box(37.0, 48.0, 37.5, 48.5),
                     pre2022=shapely.box(34.0, 45.0, 34.5, 45.5),
                     grey=shapely.box(37.5, 48.0, 38.0, 48.5),
                     liberated=shapely.box(36.0, 49.5, 36.5, 50.0))
    got = codes_of(places_frame(), polys)
    assert got == {"occ": CODES["occupied"], "pre": CODES["pre2022"], "grey": CODES["grey"],
                   "lib": CODES["liberated"], "free": CODES["none"],
                   # on an edge: inside (covers); on the occupied/grey edge: the stronger
                   "edge_grey": CODES["grey"], "edge_shared": CODES["occupied"],
                   "abroad": CODES["outside"], "nan": CODES["outside"]}


def test_a_hole_is_not_inside_but_its_edge_is() -> None:
    ring = shapely.Polygon(shapely.box(30, 48, 32, 50).exterior.coords,
                           [shapely.box(30.5, 48.5, 31.5, 49.5).exterior.coords])
    frame = places_frame({"hole": (31.0, 49.0), "ring": (30.2, 48.2),
                          "hole_edge": (30.5, 49.0)})
    got = codes_of(frame, polygons(occupied=shapely.MultiPolygon([ring])))
    assert got == {"hole": CODES["none"], "ring": CODES["occupied"],
                   "hole_edge": CODES["occupied"]}


def test_overlaps_pick_the_stronger_class_and_the_bbox_edge_is_inside() -> None:
    frame = places_frame({"both": (33.0, 47.0), "corner": (22.1, 44.3)})
    got = codes_of(frame, polygons(liberated=shapely.box(32, 46, 34, 48),
                                   pre2022=shapely.box(32.5, 46.5, 33.5, 47.5)))
    assert got == {"both": CODES["pre2022"], "corner": CODES["none"]}


def test_vectorized_at_national_scale() -> None:
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(22.2, 40.2, 33_000), rng.uniform(44.4, 52.3, 33_000)
    area = shapely.box(36, 47, 38, 49)
    codes = classify_places(lon, lat, polygons(occupied=area))
    expected = shapely.contains_xy(area, lon, lat)
    assert np.array_equal(codes == CODES["occupied"], expected)


def _write(path: Path, doc: dict) -> str:
    path.write_bytes(as_bytes(doc))
    return str(path)


def test_import_stores_classes_and_since(tmp_path: Path) -> None:
    store, places = tmp_path / "store", places_frame()
    raw = _write(tmp_path / "raw.json", raw_collection())
    import_deepstate(raw, store, date=dt.date(2024, 1, 1), places=places)
    done = import_deepstate(raw, store, date=dt.date(2024, 2, 1), places=places)
    assert done.place_counts is not None and done.place_counts["grey"] == 2
    # the processed map has no grey zone: grey places become Ukrainian-held
    import_deepstate(_write(tmp_path / "p.json", processed()), store,
                     date=dt.date(2024, 3, 1), places=places)
    maps = list_maps(store)
    assert [m.date.isoformat() for m in maps] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    last = stored_classes(maps[-1])
    assert last is not None
    frame = last.frame().set_index("place")
    assert frame.loc["occ", "class"] == "occupied"
    assert frame.loc["occ", "since"] == pd.Timestamp("2024-01-01")
    assert frame.loc["grey", "status"] == "ukrainian"
    assert frame.loc["grey", "since"] == pd.Timestamp("2024-03-01")
    assert frame.loc["free", "since"] == pd.Timestamp("2024-01-01")
    assert pd.isna(frame.loc["abroad", "status"])
    # an earlier map imported later: the later maps' since move back
    import_deepstate(raw, store, date=dt.date(2023, 12, 1), places=places)
    again = read_classes(classes_path(maps[-1].path)).frame().set_index("place")
    assert again.loc["occ", "since"] == pd.Timestamp("2023-12-01")
    assert again.loc["grey", "since"] == pd.Timestamp("2024-03-01")


def test_reimport_without_places_drops_the_stale_classes(tmp_path: Path) -> None:
    store, raw = tmp_path / "store", _write(tmp_path / "raw.json", raw_collection())
    import_deepstate(raw, store, date=dt.date(2024, 1, 1), places=places_frame())
    assert stored_classes(list_maps(store)[0]) is not None
    import_deepstate(raw, store, date=dt.date(2024, 1, 1))
    assert stored_classes(list_maps(store)[0]) is None


def test_rederive_rewrites_every_map(tmp_path: Path) -> None:
    store, raw = tmp_path / "store", _write(tmp_path / "raw.json", raw_collection())
    import_deepstate(raw, store, date=dt.date(2024, 1, 1))
    import_deepstate(raw, store, date=dt.date(2024, 2, 1))
    done, errors = rederive(store, places_frame())
    assert errors == [] and [d.isoformat() for d, _ in done] == ["2024-01-01", "2024-02-01"]
    assert done[0][1] == len(POINTS) - 2  # the two outside Ukraine are not classified
    last = stored_classes(list_maps(store)[-1])
    assert last is not None and set(last.since.astype(str)) == {"2024-01-01"}


def test_processed_summary_says_there_is_no_grey_zone() -> None:
    assert "grey zone" in summary_text("ukrainian", "2026-01-01", "raw")
    text = summary_text("ukrainian", "2026-01-01", "processed")
    assert "no grey zone" in text and "outside Russian-held territory." in text
    assert "and the grey zone" not in text
    assert "no grey zone" in summary_text("russian", "2026-01-01", "processed")


def test_status_lists_every_place_of_the_map_in_force(tmp_path: Path, data_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    places = places_frame().assign(geonameid=range(1, len(POINTS) + 1), name_uk="",
                                   name_ru="", alternatenames="", raion="", feature_code="PPL")
    places[list(COLUMNS)].to_parquet(data_dir / "places.parquet")
    with (data_dir / "claimants.csv").open("a", encoding="utf-8") as handle:
        handle.write("deepstate,DeepState,DeepState,ua,osint,\n")
    store, raw = tmp_path / "store", _write(tmp_path / "raw.json", raw_collection())
    import_deepstate(raw, store, date=dt.date(2025, 1, 1), places=places)
    import_deepstate(raw, store, date=dt.date(2025, 1, 10), places=places)
    base = ["status", "--date", "2025-01-15", "--claimant", "deepstate", "--data",
            str(data_dir), "--store", str(store), "--format", "json"]
    assert main(base) == 0
    records = {r["settlement"]: r for r in json.loads(capsys.readouterr().out)}
    occ = records["occ"]["sides"]["ua"]
    assert occ["status"] == "russian" and occ["date"] == "2025-01-10"
    assert occ["age_days"] == 5 and occ["since"] == "2025-01-01" and occ["class"] == "occupied"
    assert records["grey"]["sides"]["ua"]["status"] == "contested"
    assert records["lib"]["sides"]["ua"]["status"] == "ukrainian"
    assert "abroad" not in records  # outside Ukraine: no claim, so not listed by default
    assert main([*base, "--places", "all"]) == 0
    every = {r["settlement"] for r in json.loads(capsys.readouterr().out)}
    assert {"abroad", "nan"} <= every


def test_a_place_curated_after_the_import_keeps_its_class(tmp_path: Path) -> None:
    """Classes stored under ``gn-704422`` reach the settlement curated later with that
    GeoNames id (``alpha``), without a rederive."""
    from geo.maps.claimant import derived_claims
    from tests.helpers import SETTLEMENTS

    store = tmp_path / "store"
    places = places_frame({"gn-704422": POINTS["occ"], "gn-5": POINTS["free"]})
    import_deepstate(_write(tmp_path / "raw.json", raw_collection()), store,
                     date=dt.date(2024, 1, 1), places=places)
    rows = pd.DataFrame(SETTLEMENTS)
    settlements = gpd.GeoDataFrame(
        rows.assign(geonames_id=pd.array([704422, pd.NA, pd.NA], dtype="Int64")),
        geometry=gpd.points_from_xy(rows["lon"].astype(float), rows["lat"].astype(float)),
        crs="EPSG:4326")
    claims, errors = derived_claims(settlements, list_maps(store), use_classes=True)
    assert errors == []
    assert claims.set_index("settlement_id").loc["alpha", "status"] == "russian"
