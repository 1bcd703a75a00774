"""Pastes are read in a worker process, bounded (issue 14.12): the same drafts as on the
script thread, a full queue refused in one line, a dead worker replaced, an over-long paste
cut by the server itself (not only by the browser's text area)."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.places.resolution import Resolver
from geo.text import Extractor
from tests.helpers import write_data
from tests.places.geonames import BUNDLED
from ui import extraction
from ui.review import MAX_TEXT

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DAY = dt.date(2025, 11, 20)
REPORT = ("The Defence Ministry said its troops had taken full control of Kupiansk. "
          "Ukraine's General Staff said its units still held the northern part of Pokrovsk. ")


@pytest.fixture(scope="module")
def found_by() -> Iterator[Extractor]:
    yield Extractor(Resolver(BUNDLED.settlements), BUNDLED.claimants)
    extraction.shutdown()


def test_worker_finds_the_same_drafts(found_by: Extractor) -> None:
    inline = found_by.extract(REPORT, DAY)
    assert inline, "the report should give drafts"
    assert extraction.extract(found_by, "k", REPORT, DAY) == inline
    assert extraction.extract(found_by, "k", REPORT, DAY) == inline  # extractor kept


def test_a_full_queue_is_refused(found_by: Extractor) -> None:
    taken = 0
    try:
        while extraction._slots.acquire(blocking=False):
            taken += 1
        assert taken == extraction.MAX_PENDING
        with pytest.raises(extraction.ExtractionBusyError, match="try again"):
            extraction.extract(found_by, "k", REPORT, DAY)
    finally:
        for _ in range(taken):
            extraction._slots.release()
    assert extraction.extract(found_by, "k", REPORT, DAY)  # a freed slot works again


def test_a_killed_worker_is_replaced(found_by: Extractor) -> None:
    assert extraction.extract(found_by, "k", REPORT, DAY)
    pool = extraction._pool
    assert pool is not None
    for pid in list(pool._processes):  # the worker process, not this one
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)
    assert extraction.extract(found_by, "k", REPORT, DAY) == found_by.extract(REPORT, DAY)
    assert extraction._pool is not pool


def test_a_primed_worker_holds_the_extractor_before_the_first_paste(
        found_by: Extractor, monkeypatch) -> None:
    sent: list[object] = []
    monkeypatch.setattr(extraction, "_sent", set())
    assert extraction.prime(found_by, "primed")
    assert not extraction.prime(found_by, "primed")          # once per extractor
    assert "primed" in extraction._sent
    pool = extraction._executor()
    submit = pool.submit

    def spy(fn, key, extractor, *rest):
        sent.append(extractor)
        return submit(fn, key, extractor, *rest)

    monkeypatch.setattr(pool, "submit", spy)
    assert extraction.extract(found_by, "primed", REPORT, DAY) == found_by.extract(REPORT, DAY)
    assert sent == [None]                                    # not sent again


def test_an_over_long_paste_is_cut_by_the_server(tmp_path: Path, monkeypatch) -> None:
    """A client that ignores the text area's limit (a script on the websocket) still gets
    at most MAX_TEXT characters read: Streamlit cuts the value on the server."""
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(write_data(tmp_path / "data")))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.radio(key="page").set_value("Add claims").run()
    at.session_state["rv_text"] = "Kupiansk was captured. " * (MAX_TEXT // 10)
    at.button(key="rv_find").click().run()
    assert not at.exception
    assert len(at.session_state["rv_found"]["text"]) == MAX_TEXT
