"""Settlement search by alias, and downloads (formula-safe CSV, GeoJSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from geo.config import DEFAULT_DATA_DIR
from geo.export import claims_table, neutralize, to_csv_bytes, to_geojson_bytes
from geo.loading import load_dataset
from geo.resolve import latest_claims, resolve
from geo.search import fold, search

BUNDLED = load_dataset(DEFAULT_DATA_DIR)


@pytest.mark.parametrize(("query", "expected"), [
    ("Mirnograd", "myrnohrad"), ("dimitrov", "myrnohrad"), ("Krasnoarmeisk", "pokrovsk"),
    ("Kupyansk", "kupiansk"), ("Купянск", "kupiansk"), ("Куп'янськ", "kupiansk"),
    ("Куп’янськ", "kupiansk"), ("Dobropiliya", "dobropillia"), ("Slavyansk", "sloviansk"),
    ("Novouspenovske", "novouspenivske"), ("kupyansk uzlovoi", "kupiansk-vuzlovyi"),
    ("POKROVSK", "pokrovsk"),
])
def test_search_finds_aliases(query: str, expected: str) -> None:
    assert search(BUNDLED.settlements, query)[0] == expected


def test_search_prefix_and_no_match() -> None:
    assert set(search(BUNDLED.settlements, "kup")) == {"kupiansk", "kupiansk-vuzlovyi"}
    assert search(BUNDLED.settlements, "atlantis") == []
    assert search(BUNDLED.settlements, "   ") == []


def test_fold() -> None:
    assert fold("Kup’yans'k") == fold("kupyansk") == "kupyansk"
    assert fold("Kupiansk-Vuzlovyi") == "kupiansk vuzlovyi"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)",
                                  "\tx"])
def test_csv_neutralizes_formulas(cell: str) -> None:
    assert neutralize(cell) == "'" + cell
    text = to_csv_bytes(pd.DataFrame({"a": [cell], "n": [-5]})).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + cell, "-5"]  # text neutralized, numbers untouched


def test_claims_table_and_downloads(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=dt.date(2026, 1, 1))
    day = dt.date(2025, 2, 1)
    r = resolve(ds.settlements, ds.claims, day)
    latest = latest_claims(ds.claims, day)
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    table = claims_table(r[r["settlement"] == "alpha"], latest, names)
    assert list(table["claimant"]) == ["ru_gs", "ru_mod", "ua_gs"]  # newest first
    assert table.loc[0, "claimant_name"] == "Russian General Staff"
    csv_text = to_csv_bytes(table).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("claim,settlement,settlement_name,disputed")
    doc = json.loads(to_geojson_bytes(r, "2025-02-01", ["ru_mod"]))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    alpha = doc["features"][0]
    assert alpha["geometry"]["coordinates"] == [37.18, 48.28]
    assert alpha["properties"]["sides"]["ru"]["status"] == "russian"
    assert alpha["properties"]["sides"]["independent"] is None
    assert alpha["properties"]["disputed"] is True
