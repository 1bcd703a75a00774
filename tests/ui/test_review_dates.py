"""The Add claims page dates a report by its dateline when no date is given, and warns
before accepting claims without a link (a new user's review: a Feb 20 wire story was dated
to the Friday before today, and claims were accepted with no URL and no word)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DATED = ("KYIV, Nov 20, 2026 (Test Wire) - Russia's defence ministry said on Friday its forces "
         "had captured the village of Novouspenivske.")


def find(text: str, date: dt.date | None = None, url: str = "") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.radio(key="page").set_value("Add claims").run()
    at.text_area(key="rv_text").input(text)
    if date is not None:
        at.date_input(key="rv_date").set_value(date)
    at.text_input(key="rv_source").input("Test Wire")
    at.text_input(key="rv_url").input(url)
    at.button(key="rv_find").click().run()
    assert not at.exception
    return at


def test_dateline_dates_the_drafts_and_the_accepted_rows(writable_data: Path) -> None:
    at = find(DATED)
    day = dt.date(2026, 11, 20)                                # "Nov 20" before 2026-12-01
    if day > dt.date.today():
        pytest.skip("the test's dateline needs a clock after 2026-11-20")
    table = at.data_editor[0].value
    assert set(table["date"]) == {day.isoformat()}            # Nov 20, 2026 was a Friday
    assert any(f"Report dated {day}" in c.value and "dateline" in c.value for c in at.caption)
    assert any("No source URL" in w.value for w in at.warning)
    at.button(key="rv_accept").click().run()
    with (writable_data / "claims.csv").open(newline="") as f:
        added = list(csv.DictReader(f))[-1]
    assert added["settlement_id"] == "novouspenivske"
    assert added["date"] == added["source_date"] == day.isoformat()


def test_a_given_date_wins_and_a_link_silences_the_warning(writable_data: Path) -> None:
    at = find(DATED.replace(" on Friday", ""), date=dt.date(2025, 12, 4),
              url="https://example.org/report")
    assert set(at.data_editor[0].value["date"]) == {"2025-12-04"}
    assert any("as given on this page" in c.value for c in at.caption)
    assert not any("No source URL" in w.value for w in at.warning)


def test_no_date_anywhere_says_today(writable_data: Path) -> None:
    at = find("Russia's defence ministry said its forces captured Novouspenivske.")
    assert set(at.data_editor[0].value["date"]) == {dt.date.today().isoformat()}
    assert any("neither a date given nor a dateline" in c.value for c in at.caption)
