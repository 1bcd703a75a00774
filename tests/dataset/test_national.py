"""The page's national places: the curated settlements plus the bundled table (issue 11)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.dataset.load import load_dataset
from geo.dataset.national import national_settlements
from geo.errors import StoreError
from geo.places.table import load_places
from harness import ROOT
from tests.fixtures import BUNDLED_DIR


def test_every_place_once_with_the_settlements_columns() -> None:
    ds = load_dataset(BUNDLED_DIR)
    places = load_places(BUNDLED_DIR)
    out = national_settlements(ds.settlements, places)   # its speed: bench/national_page.py
    assert list(out.columns) == list(ds.settlements.columns)
    assert out["id"].is_unique and out["geonames_id"].dropna().is_unique
    assert out["id"].head(len(ds.settlements)).tolist() == ds.settlements["id"].tolist()
    # every curated row is one of the table's places; the one row outside Ukraine is left out
    assert len(out) == len(places) - 1 and not (out["lon"] > 41).any()   # Sasovo, Ryazan
    saltivka = out[out["name"] == "Saltivka"].iloc[0]            # a district of Kharkiv
    assert pd.isna(saltivka["population"]) and saltivka["kind"] == "settlement"
    others = out.iloc[len(ds.settlements):]
    assert others["id"].str.startswith("gn-").all()
    bakhmut = out[out["geonames_id"] == 713174].iloc[0]            # the city (a village too)
    assert "Artemovsk" in bakhmut["aliases"].split(";")
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


# --- load_dataset with a places table (issue 11: every place addressable as gn-<geonameid>) ---

def _table(directory) -> None:
    """A three-place table: Alpha (the curated settlement's GeoNames id 704422) and two
    others, written as the project writes it."""
    from geo.places.table import COLUMNS, write_places

    rows = [(1, "gn-704422", 704422, "Alpha", "Альфа", "Альфа", "Alfa", "Donetsk", "", 60000,
             48.28, 37.18, "PPLA2"),
            (2, "gn-111", 111, "Delta", "Дельта", "Дельта", "Delta-1,Deltovo", "Kharkiv",
             "Izium", 0, 49.2, 37.3, "PPL"),
            (3, "gn-222", 222, "Epsilon", "", "", "", "Sumy", "", 1200, 51.0, 34.5, "PPLA3")]
    frame = pd.DataFrame([r[1:] for r in rows], columns=list(COLUMNS))
    write_places(frame, directory / "places.parquet")


def test_claims_may_name_any_place_of_the_table(data_dir) -> None:
    from tests.helpers import CLAIMS, claim, write_data

    write_data(data_dir, claims=[*CLAIMS, claim("n1", "2025-03-02", "gn-111", "ru_mod", "russian"),
                                 claim("n2", "2025-03-02", "gn-704422", "ua_gs", "ukrainian")])
    _table(data_dir)
    ds = load_dataset(data_dir)                  # "claimed": the curated rows + gn-111
    assert ds.settlements["id"].tolist() == ["alpha", "beta", "gamma", "gn-111"]
    delta = ds.settlements.iloc[-1]
    assert delta["aliases"] == "Delta-1;Deltovo" and pd.isna(delta["population"])
    # a curated place's gn- id means the curated row
    assert ds.claims.loc[ds.claims["id"] == "n2", "settlement_id"].item() == "alpha"
    every = load_dataset(data_dir, places="all")
    assert every.settlements["id"].tolist() == \
        ["alpha", "beta", "gamma", "gn-111", "gn-222"]
    assert every.claims.equals(ds.claims)


def test_without_the_table_a_gn_id_is_unknown_and_with_it_the_message_names_both(
        data_dir) -> None:
    from geo.errors import DataValidationError
    from tests.helpers import CLAIMS, claim, write_data

    write_data(data_dir, claims=[*CLAIMS, claim("n1", "2025-03-02", "gn-999", "ru_mod",
                                                "russian")])
    with pytest.raises(DataValidationError, match=r"claims\.csv:8 settlement_id = 'gn-999': "
                                                  r"unknown id \(not in settlements\.csv\)"):
        load_dataset(data_dir)
    _table(data_dir)
    with pytest.raises(DataValidationError, match=r"not in settlements\.csv or places\.parquet"):
        load_dataset(data_dir)


def test_a_damaged_table_is_a_problem_of_the_directory(data_dir) -> None:
    from geo.errors import DataValidationError

    (data_dir / "places.parquet").write_bytes(b"not parquet")
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_dir)
    text = caught.value.summary()
    assert "\n  places.parquet: the places table is unreadable" in text
    assert "python -m geo places build" in text


def test_the_cache_knows_the_table_and_the_mode(data_dir, tmp_path) -> None:
    from geo.dataset.cache import load_cached

    _table(data_dir)
    cache = tmp_path / "cache"
    assert len(load_cached(data_dir, cache, places="all").settlements) == 5
    assert len(load_cached(data_dir, cache).settlements) == 3     # not the "all" entry
    (data_dir / "places.parquet").unlink()
    assert len(load_cached(data_dir, cache, places="all").settlements) == 3


def test_an_upload_over_a_directory_with_the_table_keeps_its_places(data_dir) -> None:
    """A session's uploaded file is validated with the directory's places table (claims on
    gn- places stay valid), and the page's mode keeps every place."""
    from geo.dataset.uploads import session_dataset
    from tests.helpers import CLAIMS, claim, write_data

    write_data(data_dir, claims=[*CLAIMS, claim("n1", "2025-03-02", "gn-111", "ru_mod",
                                                "russian")])
    _table(data_dir)
    claimants = (data_dir / "claimants.csv").read_bytes()
    ds = session_dataset(data_dir, {"claimants.csv": claimants}, places="all")
    assert len(ds.settlements) == 5 and "gn-111" in set(ds.claims["settlement_id"])
