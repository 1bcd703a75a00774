"""The bundled settlements against the real GeoNames gazetteer in ../shared/data.

Skipped with a reason when ../shared/data is absent (it exists in CI).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.config import DEFAULT_DATA_DIR
from geo.loading import load_dataset
from geo.search import fold

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
