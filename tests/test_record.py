"""The bundled record of the big battles (issue 15), checked on the real ``data/``: it loads,
every claim cites a publisher and a link, its towns are curated and findable by their Russian
and Soviet names, and the page opens on it. Tests that assert exact contents use the frozen copy
in ``tests/fixtures`` instead, so these checks only set floors the record must keep."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset.load import load_dataset
from geo.places.search import search
from geo.settings import DEFAULT_DATA_DIR
from geo.vocab import CHANNELS

#: The twelve towns of the issue, by their curated ids.
TWELVE = ("avdiivka", "vuhledar", "selydove", "kurakhove", "velyka-novosilka", "toretsk",
          "chasiv-yar", "kupiansk", "pokrovsk", "myrnohrad", "siversk", "huliaipole")

DATA = load_dataset(DEFAULT_DATA_DIR)
RAW = pd.read_csv(DEFAULT_DATA_DIR / "claims.csv", dtype=str, keep_default_na=False)


def test_the_record_covers_enough_places_and_claims() -> None:
    claims = DATA.claims
    assert len(claims) >= 200 and claims["settlement_id"].nunique() >= 25
    assert claims["id"].is_unique
    assert claims["date"].min() <= pd.Timestamp("2022-12-31")         # 2022 to 2026
    assert claims["date"].max() >= pd.Timestamp("2026-01-01")
    spoke = set(claims["claimant"])
    assert {"ru_mod", "ru_genstaff", "ua_genstaff", "ua_military", "deepstate", "isw"} <= spoke


def test_every_claim_names_its_publisher_and_links_it() -> None:
    """The original rows may lack a link (BTA's English text was never found); the record's
    rows all have one, and every source is named."""
    assert (RAW["source"].str.strip() != "").all()
    linked = RAW["source_url"].str.match(r"https?://[^\s/]+\.[^\s]+")
    record = RAW.iloc[23:]                                  # rows after the original 23
    assert linked[record.index].all(), record.loc[~linked[record.index], "id"].tolist()
    assert not RAW["source_url"].str.contains("dev-v4|localhost|127\\.0\\.0\\.1").any()


def test_summaries_are_attributed_and_channels_known() -> None:
    said = re.compile(r"said|claim|report|assess|announc|told|wrote|mark|map|denied|reject|"
                      r"acknowledg|confirm|disput|called|estimat|judged|posted|visited|"
                      r"according|singled|repeated|updated", re.IGNORECASE)
    record = RAW.iloc[23:]                                  # the record's rows
    assert record.loc[~record["summary"].str.contains(said), "id"].tolist() == []
    assert set(RAW["channel"]) <= {"", *CHANNELS}
    assert (record["channel"] != "").mean() > 0.9            # filled where the source is clear


def test_the_twelve_towns_are_curated_and_carry_their_claims() -> None:
    settlements = DATA.settlements.set_index("id")
    for town in TWELVE:
        assert pd.notna(settlements.at[town, "geonames_id"]), town
        assert (DATA.claims["settlement_id"] == town).sum() >= 4, town
    assert not DATA.claims["settlement_id"].isin(
        [f"gn-{int(g)}" for g in settlements.loc[list(TWELVE), "geonames_id"]]).any()


@pytest.mark.parametrize(("query", "town"), [
    ("Dzerzhinsk", "toretsk"), ("Ugledar", "vuhledar"), ("Artemovsk", "bakhmut"),
    ("Krasnoarmeysk", "pokrovsk"), ("Seversk", "siversk"), ("Gulyaipole", "huliaipole"),
    ("Часов Яр", "chasiv-yar"), ("Красный Лиман", "lyman"), ("Volchansk", "vovchansk")])
def test_towns_are_found_by_their_russian_and_soviet_names(query: str, town: str) -> None:
    assert search(DATA.settlements, query)[0] == town


@pytest.fixture
def _real_data(monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(DEFAULT_DATA_DIR))
    monkeypatch.setenv("FRONTLINE_TILES", "none")


@pytest.mark.usefixtures("_real_data")
def test_the_page_opens_on_the_record() -> None:
    app = str(DEFAULT_DATA_DIR.parent / "app.py")
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["date"] = "2025-12-27"
    at.run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Showing "))
    with_claim = int(re.search(r"\(([\d,]+) with a claim", caption).group(1).replace(",", ""))
    assert with_claim >= 25
