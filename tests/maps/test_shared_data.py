"""The bundled settlements against the real GeoNames gazetteer in ../shared/data.

Skipped with a reason when ../shared/data is absent (it exists in CI).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.dataset.load import load_dataset
from geo.places.fold import fold
from geo.settings import DEFAULT_DATA_DIR

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def gazetteer(request) -> pd.DataFrame:
    shared = request.getfixturevalue("shared_data")
    path = shared / "gazetteer" / "geonames_ua_populated_places.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return pd.read_csv(path, dtype={"geonameid": "Int64"}, keep_default_na=False,
                       usecols=["geonameid", "name", "alternatenames", "latitude",
                                "longitude", "admin1_name", "population"])


def test_every_settlement_matches_its_geonames_entry(gazetteer: pd.DataFrame) -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    rows = gazetteer.set_index("geonameid")
    for _, s in ds.settlements.iterrows():
        assert pd.notna(s["geonames_id"]), f"{s['id']}: no geonames_id"
        g = rows.loc[int(s["geonames_id"])]
        names = {fold(g["name"]), *(fold(a) for a in g["alternatenames"].split(","))}
        assert fold(s["name"]) in names, f"{s['id']}: name not in GeoNames entry"
        assert s["oblast"].split()[0][:5].lower() in g["admin1_name"].lower()
        # within ~100 m of the GeoNames point
        dist = math.hypot(s["lat"] - float(g["latitude"]),
                          (s["lon"] - float(g["longitude"])) * math.cos(math.radians(s["lat"])))
        assert dist < 0.001, f"{s['id']}: {dist * 111:.2f} km from GeoNames"
        if pd.notna(s["population"]) and int(g["population"]) > 0:
            assert int(s["population"]) == int(g["population"])


# --- DeepState snapshots against published and derived figures ----------------------------

def _figures(path):
    from geo.maps.importer import load_snapshot, snapshot_figures

    if not path.is_file():
        pytest.skip(f"{path} not found")
    return snapshot_figures(load_snapshot(str(path)))


def test_2026_01_01_within_0_3_percent_of_deepstate_published(shared_data) -> None:
    published = pd.read_csv(shared_data / "area" / "deepstate_published_figures.csv")
    total = float(published.loc[published["as_of_date"] == "2026-01-01", "occupied_km2"].iloc[0])
    assert total == 116_165
    ours = _figures(shared_data / "deepstate" / "cyterat" / "deepstatemap_data_20260101.geojson")
    assert ours.occupied_km2 == pytest.approx(total, rel=3e-3)


def test_raw_and_processed_2024_11_15_agree_within_0_2_percent(shared_data) -> None:
    raw = _figures(shared_data / "deepstate" / "deepstatemaps-history_raw" / "1731707743.geojson")
    processed = _figures(shared_data / "deepstate" / "cyterat" /
                         "deepstatemap_data_20241115.geojson")
    assert raw.date == processed.date == "2024-11-15"
    assert raw.occupied_km2 == pytest.approx(processed.occupied_km2, rel=2e-3)
    assert raw.grey_km2 > 0 and raw.pre2022_km2 > 40_000        # split only in raw files


def test_computed_series_within_0_1_percent(shared_data) -> None:
    derived = pd.read_csv(shared_data / "area" / "deepstate_cyterat_area_computed.csv")
    checked = 0
    for path in sorted((shared_data / "deepstate" / "cyterat").glob("*.geojson")):
        ours = _figures(path)
        row = derived[derived["source_file"].str.endswith(path.name)]
        if row.empty:
            row = derived[derived["date"] == ours.date]
        assert not row.empty, f"{path.name} not in the derived series"
        assert ours.occupied_km2 == pytest.approx(float(row["occupied_km2"].iloc[0]), rel=1e-3)
        checked += 1
    assert checked >= 3


def test_raw_files_keep_only_ukraine(shared_data) -> None:
    from geo.maps.importer import load_snapshot

    for path in sorted((shared_data / "deepstate" / "deepstatemaps-history_raw").glob("*.json")
                       ) + sorted((shared_data / "deepstate" / "deepstatemaps-history_raw"
                                   ).glob("*.geojson")):
        snap = load_snapshot(str(path))
        lon0, lat0, lon1, lat1 = snap.polygons.total_bounds
        assert lon0 > 22 and lon1 < 40.3 and lat0 > 44.3 and lat1 < 52.4, path.name
        assert snap.dropped_outside >= 1 and snap.dropped_points >= 1


def test_2022_11_15_map_shows_about_18_percent(shared_data) -> None:
    """The report's "18% three years earlier" against the DeepState map of 2022-11-15."""
    ours = _figures(shared_data / "deepstate" / "deepstatemaps-history_raw" /
                    "1668554255.geojson")
    assert ours.occupied_pct == pytest.approx(18.0, abs=0.1)
