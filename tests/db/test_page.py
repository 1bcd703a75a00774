"""The page on a database (AppTest): it shows the database's data, and a running session
shows another editor's accept after its server's refresh, within the stated bound: the
appended claims change what the page shows on the next rerun, while the caches of the
unchanged places (the search index, their names) are kept."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.cli import main
from geo.store.database import DatabaseStorage
from geo.store.snapshot import REFRESH_SECONDS
from tests.db.data import TODAY
from tests.deepstate_fixtures import as_bytes, raw_collection

APP = str(Path(__file__).resolve().parents[2] / "app.py")
#: the README's bound: the check interval plus one load (the tiny data: well under 2 s)
BOUND = REFRESH_SECONDS + 4.0


NEW = {"date": "2025-03-01", "settlement_id": "gn-1001", "claimant": "ru_mod",
       "status": "russian", "extent": "full", "summary": "MoD says taken.", "source": "Wire",
       "source_url": "https://example.org/m", "source_date": "2025-03-01"}
#: Alpha's latest Ukrainian claim was "ukrainian" (2025-01-01): now a newer one
CHANGE = {**NEW, "settlement_id": "alpha", "claimant": "ua_gs", "status": "contested",
          "summary": "General Staff says fighting goes on."}


def _status(at: AppTest, place: str, claimant: str) -> list[str]:
    """The claims table's statuses (as shown) and dates of ``place`` by ``claimant``."""
    table = at.dataframe[0].value
    rows = table[(table["settlement"] == place) & (table["claimant"] == claimant)]
    return [f"{status} {day}" for status, day in zip(rows["status"], rows["date"],
                                                      strict=True)]


def _claimed(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if c.value.startswith("Showing "))
    found = re.search(r"\((\d+) with a claim", caption)
    assert found, caption
    return int(found.group(1))


def test_the_page_reads_the_database_and_follows_its_changes(
        loaded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import data

    monkeypatch.setenv("FRONTLINE_DB", loaded)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path / "unused"))  # never read
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    before = _claimed(at)
    assert _status(at, "alpha", "ua_gs") == ["Ukrainian-held 2025-01-01"]
    assert at.date_input(key="f_date").value.isoformat() == "2025-03-01"  # the database's
    server = next(s for s in data._MIRRORS.values() if s.storage.label.endswith(
        loaded.split("@", 1)[1]))
    loads = server.loads
    held = server.dataset()
    from ui import placesearch

    index = placesearch.place_index(held)   # the search index of the places before
    editor = DatabaseStorage(loaded, tmp_path / "editor", actor="editor")
    try:
        editor.accept([NEW, CHANGE], today=TODAY)
        committed = time.monotonic()
        while server.loads == loads and time.monotonic() - committed < BOUND:
            time.sleep(0.05)  # waits on the condition, bounded
        assert server.loads == loads + 1, f"the server did not refresh within {BOUND} s"
        at.run()
        assert not at.exception
        assert _claimed(at) == before + 1
        assert _status(at, "alpha", "ua_gs") == ["Contested 2025-03-01"]
        # the claims were appended to the same places: their caches are the same objects
        assert server.current().how == "appended"
        assert data.settlements_key(server.dataset()) == data.settlements_key(held)
        assert placesearch.place_index(server.dataset()) is index
        # a map imported into the database reaches the page through the same refresh
        assert at.checkbox(key="f_control_none").disabled  # no map yet: a greyed, unticked box
        raw = tmp_path / "raw.json"
        raw.write_bytes(as_bytes(raw_collection()))
        loads = server.loads
        assert main(["import", "deepstate", str(raw), "--date", "2024-01-01", "--db", loaded,
                     "--as", "mapper", "--store", str(tmp_path / "store")]) == 0
        committed = time.monotonic()
        while server.loads == loads and time.monotonic() - committed < BOUND:
            time.sleep(0.05)
        assert server.loads == loads + 1, f"the server did not refresh within {BOUND} s"
        at.run()
        assert not at.exception and not at.checkbox(key="f_control").disabled
        assert not (tmp_path / "store" / "maps").exists()  # read from the database
    finally:
        server.stop()  # this server's checks end with the test
        editor.close()
