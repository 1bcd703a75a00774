"""Hostile uploads and unexpected errors never reach the reader as a traceback or as markup
(issue 14.1, 14.4, 14.11), and the error-details setting hides details."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from tests.deepstate_fixtures import as_bytes, raw_collection
from tests.fixtures import SMALL_DIR

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "badinput"
LEAK = ("![x](http://127.0.0.2:8798/leak.png) [Click to verify](https://evil.example) "
        "20251101.geojson")


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch) -> Path:
    target = tmp_path / "data"
    # the small frozen data (tests.fixtures): a copy of the national record costs each test
    # a cold national load; nothing here is about its scale
    shutil.copytree(SMALL_DIR, target, ignore=shutil.ignore_patterns("local", ".backup"))
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(target))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return target


def _upload_map(name: str, raw: bytes) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.sidebar.file_uploader(key="up_map").upload(name, raw)
    return at.run()


@pytest.mark.parametrize("case", ["map_api_feb30.json", "map_api_id_1e12.json",
                                  "map_nested_5000.json", "map_5000_digits.json",
                                  "map_nan_literal.json", "map_api_future.json"])
def test_a_hostile_map_upload_is_one_line_not_a_traceback(case: str) -> None:
    at = _upload_map(case, (CORPUS / case).read_bytes())
    assert not at.exception
    assert at.error and at.error[0].value.startswith("Your map was not used")
    assert "Traceback" not in at.error[0].value and "Fix" in at.error[0].value


def test_a_file_name_is_never_markup_and_never_reaches_another_session() -> None:
    raw = as_bytes(raw_collection())
    first = _upload_map(LEAK, raw)
    assert not first.exception
    shown = next(s.value for s in first.success if "Using your map" in s.value)
    assert "![x](" not in shown and "[Click to verify](" not in shown   # escaped, not markup
    assert "http://" not in shown                                      # not auto-linked
    second = _upload_map("innocent_20251101.geojson", raw)                 # the same bytes
    text = " ".join(s.value for s in second.success)
    assert "leak" not in text and "Click" not in text and "innocent" in text


def test_the_session_store_is_this_servers_own_and_bounded(tmp_path: Path, monkeypatch) -> None:
    from geo.maps import sessionstore

    monkeypatch.setattr(sessionstore, "MAX_ENTRIES", 2)
    monkeypatch.setattr(sessionstore, "_ROOTS", {})
    dead = tmp_path / f"{sessionstore.PREFIX}-{os.getuid()}-999999999"
    dead.mkdir()
    root = sessionstore.server_root(tmp_path)
    assert not dead.exists() and root.stat().st_mode & 0o077 == 0      # owner-only, per pid
    keys = []
    for day in range(1, 5):
        doc = json.loads(as_bytes(raw_collection()))
        doc["features"][0]["properties"]["day"] = day                   # other bytes
        found = sessionstore.session_map(json.dumps(doc).encode(), "m.geojson",
                                         dt.date(2025, 11, day), tmp_path)
        keys.append(found.key)
    assert sorted(p.name for p in root.iterdir()) == sorted(keys[-2:])  # least recent gone
    assert "m.geojson" not in (root / keys[-1] / "facts.json").read_text()


def test_streamlit_shows_no_error_details() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = config["client"]["showErrorDetails"]
    assert value == ShowErrorDetailsConfigOptions.NONE.value           # not the deprecated false


def test_an_unexpected_error_is_logged_and_shown_short(monkeypatch, caplog) -> None:
    import ui.territory

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("/secret/path/claims.csv")

    monkeypatch.setattr(ui.territory, "panel", broken)
    with caplog.at_level(logging.ERROR, logger="frontline"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception
    assert any("Something went wrong" in e.value and "reference" in e.value for e in at.error)
    assert all("/secret/path" not in e.value for e in at.error)
    assert any("/secret/path" in (r.exc_text or "") for r in caplog.records)
