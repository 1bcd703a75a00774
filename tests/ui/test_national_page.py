"""The national page's sidebar list and the comparison before the first map (issue 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.dataset.test_national import _table
from tests.helpers import CLAIMS, claim, write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def national(data_dir: Path, monkeypatch) -> Path:
    """The tiny data directory with a three-place table; one claim names gn-111."""
    write_data(data_dir, claims=[*CLAIMS, claim("n1", "2025-03-02", "gn-111", "ru_mod",
                                                "russian")])
    _table(data_dir)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return data_dir


def test_the_list_holds_the_places_the_files_name_and_search_finds_the_rest(national) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    options = at.selectbox(key="f_settlement").options
    assert options == ["— none —", "Alpha (Donetsk)", "Beta (Kharkiv)", "Gamma (Zaporizhzhia)",
                       "Delta (Kharkiv)"]                  # not Epsilon: no claim names it
    assert any("Listed: the 4 places the data files name; search to find any of the 5"
               in c.value for c in at.sidebar.caption)
    at.text_input(key="f_query").input("Epsilon").run()
    assert at.selectbox(key="f_settlement").value == "gn-222"     # the single match
    assert not at.exception


def test_a_date_before_the_first_map_has_nothing_to_compare(national, tmp_path: Path,
                                                            monkeypatch) -> None:
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection

    store = tmp_path / "store"
    source = tmp_path / "map.json"
    source.write_bytes(as_bytes(raw_collection()))
    for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 1)):
        import_deepstate(str(source), store, date=day)
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2025-01-01"
    at.run()
    assert not at.exception          # the compare-from date would have min > max
    assert any("No control map on or before 2025-01-01; the first is of 2025-02-01"
               in i.value for i in at.info)
    assert at.date_input(key="f_date").value == dt.date(2025, 1, 1)
