"""A place's timeline opens on the last year (a long history squeezed the recent claims),
the whole history one click away; its history table opens on seven columns, the others a
choice away. Tiny data, not the national table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import CLAIMS, claim, write_data
from tests.ui.test_timeline import timeline_spec

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    rows = [claim("c00", "2023-01-01", "alpha", "ru_mod", "contested"),
            claim("c0", "2023-06-01", "alpha", "ru_mod", "ukrainian"), *CLAIMS]
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(write_data(tmp_path / "data", claims=rows)))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["settlement"] = "alpha"
    at.query_params["date"] = "2025-02-01"
    return at


def x_scale(at: AppTest) -> dict:
    spec = timeline_spec(at)
    assert spec is not None
    return dict(spec["layer"][0]["encoding"]["x"].get("scale", {}))


def test_a_long_history_opens_on_the_last_year_and_the_whole_is_a_click_away(
        app: AppTest) -> None:
    at = app.run()
    assert not at.exception
    window = at.radio(key="tl_window")
    assert window.value == "year"
    assert window.options == ["the last year", "the whole history"]
    assert "from 2024-02-02" in window.help and "starts on 2023-01-01" in window.help
    domain = x_scale(at)["domain"]
    assert domain == [1706832000000, 1738454400000]      # 2024-02-02 to the end of 2025-02-01
    spec = timeline_spec(at)
    assert spec is not None and spec["layer"][0]["mark"]["clip"] is True
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Claim date, from 2024-02-02"
    # June 2023's claim stood until 2025-01-01: in the year, cut at its left edge; January
    # 2023's was replaced in June 2023: before the year
    assert any("5 claims (4 made or still standing in the last year)" in c.value
               for c in at.caption)
    window.set_value("all").run()
    assert "domain" not in x_scale(at)


def test_the_window_choice_keeps_its_words_and_tick_after_a_date_change(app: AppTest) -> None:
    """The browser keeps a radio's choice by its words: options whose words held the
    window's first day (which moves with the date) showed neither option ticked after a
    date change (issue 11, seen by i11e in Chromium)."""
    at = app.run()
    before = list(at.radio(key="tl_window").options)
    at.radio(key="tl_window").set_value("all").run()
    at.date_input(key="f_date").set_value(dt.date(2025, 1, 20)).run()
    assert not at.exception
    window = at.radio(key="tl_window")
    assert list(window.options) == before
    assert window.value == "all"
    assert "domain" not in x_scale(at)


def test_a_history_within_the_year_has_no_window(app: AppTest) -> None:
    app.query_params["settlement"] = "beta"
    at = app.run()
    assert not at.exception
    assert not [r for r in at.radio if r.key == "tl_window"]
    assert "domain" not in x_scale(at)


def test_the_places_history_opens_on_seven_columns_the_others_a_choice_away(
        app: AppTest) -> None:
    at = app.run()
    expander = next(e for e in at.expander if "All claims about" in e.label)
    table = expander.dataframe[0]
    order = list(table.proto.column_order)
    assert order == ["date", "source_url", "claimant_name", "status", "extent", "part",
                     "summary"]
    labels = {k: v.get("label") for k, v in json.loads(table.proto.columns).items()}
    assert [labels.get(c, c) for c in order][:3] == ["claim date", "source link", "claimant"]
    at.multiselect(key="hist_cols").select("encirclement").run()
    expander = next(e for e in at.expander if "All claims about" in e.label)
    assert "encircled" in list(expander.dataframe[0].proto.column_order)
    assert not at.warning
