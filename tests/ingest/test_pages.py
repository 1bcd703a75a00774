"""The "Sources" page in AppTest: the runs ``watch`` recorded are shown (the Review queue
page: tests/ui/test_queue_page.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.ingest.model import IngestContext
from geo.ingest.reports import ISW, ReportTarget
from geo.ingest.runner import run_adapter
from geo.ingest.watch import Source, Watcher
from geo.io.fetch import Fetcher
from geo.places.table import load_places
from tests.ingest.fixtures import ingest_data
from tests.ingest.test_watch import FakeClock

APP = str(Path(__file__).resolve().parents[2] / "app.py")
REPORT = ("Russian Offensive Campaign Assessment, November 14, 2024\n\nISW assesses that "
          "Russian forces seized Novoselivka (east of Alpha). A Russian milblogger claimed "
          "that Russian forces captured Stepove. Russian forces attacked near Dachne.")


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    report = tmp_path / "isw.txt"
    report.write_text(REPORT, encoding="utf-8")

    def context(source: Source | None = None) -> IngestContext:
        return IngestContext(data_dir=data, store=store, fetcher=Fetcher(),
                             places=load_places(data), today=dt.date(2026, 1, 1))

    run_adapter(ISW, context(), ReportTarget(str(report)))
    clock = FakeClock()
    Watcher([Source("isw", "isw", every=600, options={"target": str(report)})], context,
            store, clock=clock.time, sleep=clock.sleep,
            rng=random.Random(1)).loop(iterations=1)  # noqa: S311
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return data, store


def open_page(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.radio(key="page").set_value(name).run()
    assert not at.exception
    return at


def test_sources_page_shows_the_runs(setup: tuple[Path, Path]) -> None:
    at = open_page("Sources")
    frames = [f.value for f in at.dataframe if "last success" in f.value]
    assert frames and frames[0]["source"].tolist() == ["isw"]
    assert frames[0]["last success"].iloc[0] != "never"
