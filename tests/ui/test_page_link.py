"""A link opens the page it names (tiny data: cheap), and the Sources page lists each
claimant's publishers."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_link_opens_the_sources_page_and_a_page_change_is_written(
        data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    write_data(data_dir)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["page"] = "sources"
    at.run()
    assert not at.exception
    assert at.radio(key="page").value == "Sources"
    table = at.dataframe[0].value
    assert set(table["publisher"]) == {"Test Wire"} and table["claims"].sum() == 6
    assert at.query_params["page"] in ("sources", ["sources"])
    at.radio(key="page").set_value("Reliability").run()
    assert at.query_params["page"] in ("reliability", ["reliability"])
    at.radio(key="page").set_value("Map").run()
    assert "page" not in at.query_params and "date" in at.query_params
