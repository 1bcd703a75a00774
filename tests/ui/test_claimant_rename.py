"""A claimant renamed in an uploaded claimants.csv keeps its place in the claimant filter
(issue 14.7): the multiselects hold claimant ids, not the labels the browser last showed."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import FROZEN

ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = "Ukraine's Gen. Staff", "ZSU Gen. Staff"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return data


def test_renaming_a_claimant_keeps_it_selected(_env: Path, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="frontline")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    before = list(at.sidebar.multiselect(key="f_claimants_ua").value)
    assert "ua_genstaff" in before
    renamed = (_env / "claimants.csv").read_text(encoding="utf-8").replace(OLD, NEW)
    assert NEW in renamed
    at.sidebar.file_uploader(key="up_csv").upload("claimants.csv", renamed.encode())
    at.run()
    # what the browser sends next: the choice as the labels it showed before the rename
    widget = at.sidebar.multiselect(key="f_claimants_ua")
    widget.set_value([OLD if c == "ua_genstaff" else widget.format_func(c) for c in before])
    day = at.session_state["f_date"]
    at.sidebar.button(key="f_prev").click().run()
    assert not at.exception
    after = at.sidebar.multiselect(key="f_claimants_ua")
    assert list(after.value) == before                       # still selected, by id
    assert NEW in after.options and OLD not in after.options  # shown by its new label
    assert at.session_state["f_date"] < day                  # "Earlier claim" worked
    crashes = [r for r in caplog.records if r.exc_text and "ui/state.py" in r.exc_text]
    assert not crashes, crashes[0].exc_text
