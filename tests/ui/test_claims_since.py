"""The claims table's "status since" column: a dash for a claimant's statement (only a
map's status has a since), explained in the column's help, never the word "None"."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.fixtures import SMALL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_status_since_is_a_dash_for_a_statement(monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(SMALL_DIR))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    table = at.dataframe[0]
    since = table.value["since"]
    assert len(since) and set(since) == {"—"}       # no stored map: statements only
    help_text = json.loads(table.proto.columns)["since"].get("help", "")
    assert "— for a claimant's statement" in help_text
