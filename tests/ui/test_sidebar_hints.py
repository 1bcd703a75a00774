"""The sidebar says what it is doing (a new user's review): with no DeepState map stored
the control-map box is greyed, unticked, and says why and how to get one; a search with several
matches says which place the page still shows."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import SETTLEMENTS, write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TWINS = [{**SETTLEMENTS[1], "id": f"novo-{n}", "name": "Novoselivka", "oblast": oblast,
          "lat": lat, "geonames_id": ""}
         for n, (oblast, lat) in enumerate((("Kharkiv", "49.71"), ("Donetsk", "48.01")))]


def page(tmp_path: Path, monkeypatch) -> AppTest:
    data = write_data(tmp_path / "data", settlements=[*SETTLEMENTS, *TWINS])
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "empty-store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["settlement"] = "alpha"
    return at.run()


def test_no_stored_map_disables_the_control_map_box(tmp_path: Path, monkeypatch) -> None:
    at = page(tmp_path, monkeypatch)
    assert not at.exception
    box = at.checkbox(key="f_control_none")
    assert box.disabled and box.value is False        # greyed, and not shown as ticked
    assert "No DeepState map is stored yet" in box.help
    assert at.session_state["f_control"] is True      # the reader's choice, for a later map
    assert any("No DeepState map is stored yet" in c.value for c in at.sidebar.caption)


def test_several_matches_name_the_place_still_shown(tmp_path: Path, monkeypatch) -> None:
    at = page(tmp_path, monkeypatch)
    at.text_input(key="f_query").input("Novoselivka").run()
    assert not at.exception
    assert at.selectbox(key="f_settlement").value == "alpha"
    caption = next(c.value for c in at.sidebar.caption if "places match" in c.value)
    assert caption.startswith("2 places match") and "Still shown: Alpha" in caption
