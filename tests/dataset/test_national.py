"""The page's national places: the curated settlements plus the bundled table (issue 11)."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from geo.dataset.load import load_dataset
from geo.dataset.national import national_settlements
from geo.errors import StoreError
from geo.places.table import load_places
from harness import ROOT


def test_every_place_once_with_the_settlements_columns() -> None:
    ds = load_dataset(ROOT / "data")
    places = load_places(ROOT / "data")
    start = time.perf_counter()
    out = national_settlements(ds.settlements, places)
    assert time.perf_counter() - start < 1.0                  # vectorized
    assert list(out.columns) == list(ds.settlements.columns)
    assert out["id"].is_unique and out["geonames_id"].dropna().is_unique
    assert out["id"].head(len(ds.settlements)).tolist() == ds.settlements["id"].tolist()
    assert len(out) == len(places)     # every curated row is one of the table's places
    bakhmut = out[out["id"] == "gn-713174"].iloc[0]                # the city (a village too)
    assert bakhmut["id"].startswith("gn-") and "Artemovsk" in bakhmut["aliases"].split(";")
    assert bakhmut["oblast"] == "Donetsk" and bakhmut["kind"] in ("city", "town")
    assert bakhmut["population"] > 50_000
    assert pd.isna(out.loc[out["population"].isna(), "population"]).all()   # GeoNames' 0
    assert out.geometry.x.equals(out["lon"]) and out.crs == "EPSG:4326"


def test_a_damaged_table_names_the_file(tmp_path) -> None:
    ds = load_dataset(ROOT / "data")
    places = load_places(ROOT / "data")
    twice = pd.concat([places, places.head(1)], ignore_index=True)
    with pytest.raises(StoreError, match=r"places\.parquet: duplicate place id"):
        national_settlements(ds.settlements, twice, tmp_path / "places.parquet")
    bad = places.assign(lat=places["lat"].astype(str))
    with pytest.raises(StoreError, match="column lat is not numeric"):
        national_settlements(ds.settlements, bad, tmp_path / "places.parquet")
