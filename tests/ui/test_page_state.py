"""The page state through the app: a copied link reopens the map controls and the comparison;
the comparison is cached per dataset version; settings are resolved once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.claims.state import PageState
from geo.dataset.load import load_dataset
from geo.settings import DEFAULT_DATA_DIR, Settings

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def two_maps(tmp_path: Path, monkeypatch) -> Path:
    """A store with two DeepState maps (2025-11-15, 2025-12-01); the later one covers more."""
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection, square

    store = tmp_path / "store"
    (tmp_path / "first.json").write_bytes(as_bytes(raw_collection()))
    import_deepstate(str(tmp_path / "first.json"), store, date=dt.date(2025, 11, 15))
    later = raw_collection()
    later["features"][0]["geometry"]["coordinates"] = [square(37.0, 48.0, 1.0)]  # grows
    (tmp_path / "later.json").write_bytes(as_bytes(later))
    import_deepstate(str(tmp_path / "later.json"), store, date=dt.date(2025, 12, 1))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return store


def run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_a_copied_link_reopens_the_map_controls_and_the_comparison(two_maps: Path) -> None:
    at = run({"date": "2025-12-31"})
    assert not at.exception
    assert at.checkbox(key="f_control").value is True
    at.checkbox(key="f_control").uncheck().run()
    at.checkbox(key="f_show_change").check().run()
    at.date_input(key="f_compare_from").set_value(dt.date(2025, 11, 20)).run()
    assert not at.exception
    assert any("Control map hidden." in c.value for c in at.caption)
    link = {k: at.query_params[k] for k in at.query_params}
    assert link["control"] == "0" and link["change"] == "1"
    assert link["compare"] == "2025-11-20"

    again = run(link)                                  # the link opened in a new session
    assert not again.exception
    assert not again.warning                           # nothing in the link was ignored
    assert again.checkbox(key="f_control").value is False
    assert again.checkbox(key="f_show_change").value is True
    assert again.date_input(key="f_compare_from").value == dt.date(2025, 11, 20)
    assert any("Control map hidden." in c.value for c in again.caption)


def test_the_default_link_shows_the_control_map(two_maps: Path) -> None:
    at = run({"date": "2025-12-31", "control": "1"})
    assert not at.exception
    assert at.checkbox(key="f_control").value is True
    assert at.date_input(key="f_compare_from").value == dt.date(2025, 11, 15)
    assert "control" not in at.query_params
    assert "compare" not in at.query_params            # the default follows the date


def test_the_default_comparison_follows_the_date_and_stays_out_of_the_link(
        two_maps: Path) -> None:
    at = run({"date": "2025-12-31"})
    at.checkbox(key="f_show_change").check().run()
    assert not at.exception
    assert "compare" not in at.query_params and at.query_params["change"] == "1"
    assert at.date_input(key="f_compare_from").value == dt.date(2025, 11, 15)
    at.date_input(key="f_compare_from").set_value(dt.date(2025, 11, 15)).run()
    assert "compare" not in at.query_params            # choosing the default adds nothing


def test_a_bad_comparison_in_the_link_is_ignored_with_a_notice(two_maps: Path) -> None:
    at = run({"date": "2025-12-31", "compare": "<b>x</b>", "control": "maybe"})
    assert not at.exception
    texts = [w.value for w in at.warning]
    assert any("'compare'" in t for t in texts) and any("'control'" in t for t in texts)
    assert not any("<b>" in t or "maybe" in t for t in texts)
    assert at.date_input(key="f_compare_from").value == dt.date(2025, 11, 15)
    assert at.checkbox(key="f_control").value is True


def test_the_comparison_is_cached_per_dataset_version(two_maps: Path) -> None:
    """A session with its own settlements never sees another's "places that changed"."""
    from ui import controlmaps

    maps = controlmaps.stored_maps(two_maps)
    full = load_dataset(DEFAULT_DATA_DIR)
    own = dataclasses.replace(
        full, settlements=full.settlements[full.settlements["id"] != "kramatorsk"])
    state = PageState(date=dt.date(2025, 12, 31), claimants=tuple(full.claimants["id"]),
                      compare_from=dt.date(2025, 11, 15))
    shared = controlmaps.compare(full, ("shared",), maps, state).changes
    mine = controlmaps.compare(own, ("upload", "mine"), maps, state).changes
    assert shared is not None and mine is not None
    assert "kramatorsk" in set(shared.settlements["settlement"])
    assert "kramatorsk" not in set(mine.settlements["settlement"])


def test_settings_are_resolved_from_arguments_then_environment(tmp_path: Path) -> None:
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "env-data"), "FRONTLINE_TILES": "none",
           "FRONTLINE_STORE": str(tmp_path / "env-store")}
    got = Settings.from_argv(["--data", str(tmp_path / "arg-data")], env)
    assert got.data_dir == tmp_path / "arg-data"
    assert got.store_dir == tmp_path / "env-store"
    assert got.cache_dir == tmp_path / "env-store" / "cache"
    assert got.map.tiles == "none" and got.map.attribution == ""
    assert Settings.from_argv([], {}).data_dir == DEFAULT_DATA_DIR


def test_only_ui_state_reads_the_controls_and_only_app_reads_the_settings() -> None:
    """The page parts take the PageState and the Settings; none reads them on its own."""
    import re

    ui = Path(APP).parent / "ui"
    for path in sorted(ui.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "sys.argv" not in text and "os.environ" not in text, path.name
        if path.name != "state.py":
            assert not re.search(r"session_state(\.get\(|\[)\s*[\"']f_", text), path.name
