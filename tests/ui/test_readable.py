"""Issue 11, "readable everywhere": short claimant labels, words instead of codes, the
claims table's columns, empty views and out-of-range dates explained (AppTest)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.vocab import SHORT_LABEL_MAX
from tests.fixtures import SMALL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(SMALL_DIR))   # frozen, not the growing record
    monkeypatch.setenv("FRONTLINE_TILES", "none")


def test_claimant_chips_use_short_labels() -> None:
    at = app()
    assert not at.exception
    options = [o for side in ("ru", "ua", "independent")
               for o in at.multiselect(key=f"f_claimants_{side}").options]
    assert "Ukraine's Gen. Staff" in options and "Russian MoD" in options
    assert all(len(o) <= SHORT_LABEL_MAX for o in options)
    # the full names are a hover away
    assert "General Staff of the Armed Forces of Ukraine" in at.multiselect(
        key="f_claimants_ua").help


def test_chart_legend_in_words_with_short_labels() -> None:
    at = app({"date": "2025-11-11", "claimants": "ru_gov,deepstate"})
    charts = [e for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert charts
    spec = charts[0].proto.spec + "".join(d.data.data.decode("utf-8", "replace")
                                          for d in charts[0].proto.datasets)
    assert "more than" in spec and "more_than" not in spec
    assert "Russian gov't" in spec                               # legend: the short label
    assert "Russian government (unnamed officials" in spec        # tooltip: the full name


def test_claims_table_headers_in_words_and_link_second() -> None:
    at = app()
    table = at.dataframe[0]
    order = list(table.proto.column_order)
    assert order[:2] == ["settlement_name", "source_url"]
    assert order[-1] == "summary"
    labels = {k: v.get("label") for k, v in json.loads(table.proto.columns).items()}
    shown = [labels.get(c, c) for c in order]
    # eight columns at first (fits a laptop's width); the others a choice away
    assert len(shown) == 8 and "source link" in shown and "source date" not in shown
    assert all("_" not in header for header in shown)
    at.multiselect(key="tbl_cols").select("source date").select("age (days)").run()
    order = list(at.dataframe[0].proto.column_order)
    assert "source_date" in order and "age_days" in order and order[-1] == "summary"
    assert set(table.value["claimant_name"]) <= {
        "Russian MoD", "Russian Gen. Staff", "Russian gov't", "Ukraine's Gen. Staff",
        "Ukrainian military", "Ukrainian gov't", "CCD (Ukraine)", "DeepState", "ISW"}


def test_empty_view_says_no_claim_on_this_date() -> None:
    at = app({"date": "2022-02-28", "claimants": "isw"})
    assert not at.exception
    assert any("No claim by the selected claimants on 2022-02-28" in i.value for i in at.info)


def test_empty_view_says_the_filters_hide_everything() -> None:
    at = app({"status": "none", "disputed": "1"})
    assert not at.exception
    assert any("hide every settlement" in i.value for i in at.info)


def test_a_date_outside_the_data_says_so() -> None:
    at = app({"date": "2025-11-20"})
    at.date_input(key="f_date").set_value(dt.date(2030, 1, 1)).run()
    assert not at.exception
    notice = " ".join(w.value for w in at.warning)
    assert "2030-01-01" in notice and "2022-02-28 to 2026-01-02" in notice
    assert at.date_input(key="f_date").value == dt.date(2026, 1, 2)     # the nearest end
    assert at.query_params["date"] == "2026-01-02"
    at.date_input(key="f_date").set_value(dt.date(2010, 5, 1)).run()
    assert at.date_input(key="f_date").value == dt.date(2022, 2, 28)
    at.checkbox(key="f_disputed").check().run()
    assert not any("2010-05-01" in w.value for w in at.warning)         # said once



def test_credits_under_the_map() -> None:
    """GeoNames (CC BY 4.0) is credited beside OpenStreetMap and Natural Earth (issue 11)."""
    at = app()
    text = " ".join(c.value for c in at.caption)
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "OpenStreetMap" in text and "Natural Earth" in text
