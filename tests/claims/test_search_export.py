"""Settlement search by alias, and downloads (formula-safe CSV, GeoJSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from geo.claims.export import (
    geojson_sizes,
    neutralize,
    to_csv_bytes,
    to_geojson_bytes,
    with_claims,
)
from geo.claims.index import resolve
from geo.claims.latest import latest_claims
from geo.claims.table import claims_table
from geo.dataset.load import load_dataset
from geo.places.fold import fold
from geo.places.search import search
from tests.fixtures import BUNDLED_DIR

BUNDLED = load_dataset(BUNDLED_DIR)


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
    props = alpha["properties"]
    assert "sides" not in props                                     # flat, not nested
    assert props["ru_status"] == "russian" and props["ru_date"] == "2025-02-01"
    assert props["ru_claimant"] == "ru_gs" and props["ru_source"] == "Test Wire"
    assert props["independent_status"] is None and props["independent_claimant"] is None
    assert props["disputed"] is True
    assert all(not isinstance(v, dict | list) for v in props.values())
    for side in ("ru", "ua", "independent"):
        assert {f"{side}_{f}" for f in ("status", "extent", "part", "encircled", "date",
                                        "claimant", "source")} <= set(props)


@pytest.mark.parametrize("day", ["2022-09-15", "2025-02-01", "2025-11-20"])
@pytest.mark.parametrize("statuses", [None, ("russian", "contested")])
@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_table_head_is_the_head_of_the_full_table(day: str, statuses, limit: int) -> None:
    """The panel's first rows (read from the index) are exactly the download's first rows."""
    from geo.claims.index import build_index
    from geo.claims.state import PageState
    from geo.claims.view import build_view

    state = PageState(date=dt.date.fromisoformat(day),
                        claimants=tuple(BUNDLED.claimants["id"]),
                        **({"statuses": statuses} if statuses else {}))
    fast = build_view(BUNDLED, state, build_index(BUNDLED.claims))
    head, total = fast.table_head(limit)
    full = build_view(BUNDLED, state).table          # no index: the straightforward path
    assert total == len(full)
    assert total > 0 or statuses                       # every place has a claim unfiltered
    if total:
        pd.testing.assert_frame_equal(head, full.head(limit))


def test_the_geojson_keeps_the_places_with_a_claim_and_its_size_is_estimated(
        data_dir: Path) -> None:
    """The download's default is the places with a claim; every place's size is said
    before it is written (a second new user found a 32 MB file for 43 claimed places)."""
    ds = load_dataset(data_dir, today=dt.date(2026, 1, 1))
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 1, 10), ("ru_mod",))
    claimed = with_claims(r)
    assert claimed["settlement"].tolist() == ["alpha"]         # beta's claim is later
    assert with_claims(claimed) is claimed                      # nothing to drop: no copy
    args = ("2025-01-10", ["ru_mod"])
    exact = len(to_geojson_bytes(claimed, *args)), len(to_geojson_bytes(r, *args))
    assert geojson_sizes(r, *args) == exact                    # few places: all sampled
    # the places without a claim are exact whatever the sample: they differ only in id,
    # name and coordinates
    assert geojson_sizes(r, *args, sample=1) == exact
    odd = r.assign(name=['Alpha "A"', "Бета\\south", "gamma\tline\x01"],
                   lon=[30.1, 31.000001, 1e-05])
    assert geojson_sizes(odd, *args) == (len(to_geojson_bytes(with_claims(odd), *args)),
                                          len(to_geojson_bytes(odd, *args)))
    assert geojson_sizes(r.iloc[:0], *args) == (len(to_geojson_bytes(r.iloc[:0], *args)),) * 2


def test_json_text_lengths_are_the_bytes_json_writes() -> None:
    from geo.claims.export import json_text_lengths

    values = ["a", 'q"u', "b\\s", "n\nl", "c\x01", "tab\t", "", None, "Київ", "𝄞 clef"]
    expected = [len(json.dumps(v or None, ensure_ascii=False).encode("utf-8")) for v in values]
    for dtype in ("string[pyarrow]", object):
        assert json_text_lengths(pd.Series(values, dtype=dtype)).tolist() == expected


def test_national_geojson_sizes_are_exact() -> None:
    """Every place of the bundled national table (33,680, nearly all without a claim): the
    size said is the size written."""
    from geo.claims.export import place_lengths

    ds = load_dataset(BUNDLED_DIR, places="all")
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 11, 20), tuple(ds.claimants["id"]))
    args = ("2025-11-20", list(ds.claimants["id"]))
    exact = len(to_geojson_bytes(with_claims(r), *args)), len(to_geojson_bytes(r, *args))
    assert geojson_sizes(r, *args, sample=10_000) == exact
    assert geojson_sizes(r, *args, sample=10_000, lengths=place_lengths(ds.settlements)) == exact


def test_plain_values_of_each_kind_of_column() -> None:
    from geo.claims.export import plain_values

    text = pd.Series(["Reuters", "", None, "=1+1"], dtype="str")
    assert plain_values(text) == ["Reuters", None, None, "=1+1"]
    days = pd.Series([pd.Timestamp("2025-01-02 13:00"), pd.NaT], dtype="datetime64[ns]")
    assert plain_values(days) == ["2025-01-02", None]
    assert plain_values(days.astype("datetime64[s]")) == ["2025-01-02", None]
    assert plain_values(days.dt.tz_localize("UTC")) == ["2025-01-02", None]
    flags = pd.Series([True, None, False], dtype="boolean")
    assert plain_values(flags) == [True, None, False]
    ages = pd.Series([3, None], dtype="Int64")
    got = plain_values(ages)
    assert got == [3, None] and type(got[0]) is int
