"""The app reads each data file once: the first run reads it, reruns never do (issue 5, bench 6).

``ui.data`` caches the validated dataset keyed by the files' modification times, and
``geo.dataset.cache`` keeps it as Parquet in ``<store>/cache/`` for the next server start.
Reads are counted two ways while the app runs in-process (AppTest):

* every Python-level ``open`` of the four CSV files, through an audit hook (``sys.audit``
  "open" events; ``Path.read_bytes``, ``open``, ``pandas.read_csv`` of a path all raise it),
  whichever code path opens them;
* every ``pandas.read_parquet`` / ``geopandas.read_parquet`` call on a file of the Parquet
  cache (pyarrow opens files in C++, invisible to the audit hook).
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import geopandas as gpd
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.vocab import COLUMNS
from tests.helpers import CLAIMS, claim, to_csv, write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CSVS = tuple(COLUMNS)                       # claims.csv, settlements.csv, claimants.csv, ...
PARTS = ("claimants.parquet", "settlements.parquet", "claims.parquet", "territory.parquet")


class Reads:
    """Counts reads of the data directory's CSVs and of the Parquet cache's files."""

    def __init__(self, data: Path, cache: Path) -> None:
        self.data = {data.absolute(), data.resolve()}
        self.cache = {cache.absolute(), cache.resolve()}
        self.counts: collections.Counter[str] = collections.Counter()

    def _key(self, path: object) -> str | None:
        if not isinstance(path, str | bytes | os.PathLike):
            return None                                            # a file descriptor
        full = Path(os.fsdecode(path)).absolute()
        if full.parent in self.data and full.name in CSVS:
            return full.name
        if full.parent.parent in self.cache and full.name in PARTS:  # <cache>/<key>/<part>
            return f"cache/{full.name}"
        return None

    def opened(self, path: object, mode: object, flags: object) -> None:
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR))
        key = self._key(path)
        if key and not key.startswith("cache/") and not writing:
            self.counts[key] += 1

    def parquet(self, path: object) -> None:
        key = self._key(path)
        if key and key.startswith("cache/"):
            self.counts[key] += 1

    def take(self) -> dict[str, int]:
        """The counts since the last take, then start again from zero."""
        out = {k: v for k, v in self.counts.items() if v}
        self.counts.clear()
        return out


_RECORDING: list[Reads] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _RECORDING:
        _RECORDING[-1].opened(*args[:3])


sys.addaudithook(_audit)   # hooks cannot be removed: this one is inert unless a test records


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Each test starts as a new server process would: no Streamlit cache."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def reads(tmp_path: Path, monkeypatch) -> Iterator[tuple[Reads, Path, Path]]:
    """A tiny data directory and an empty store for the app, and the read counter."""
    data = write_data(tmp_path / "data")
    store = tmp_path / "store"
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    counter = Reads(data, store / "cache")
    real_pd, real_gpd = pd.read_parquet, gpd.read_parquet

    def pd_read(path, *args, **kwargs):
        counter.parquet(path)
        return real_pd(path, *args, **kwargs)

    def gpd_read(path, *args, **kwargs):
        counter.parquet(path)
        return real_gpd(path, *args, **kwargs)

    with mock.patch.object(pd, "read_parquet", side_effect=pd_read), \
            mock.patch.object(gpd, "read_parquet", side_effect=gpd_read):
        _RECORDING.append(counter)
        try:
            yield counter, data, store
        finally:
            _RECORDING.remove(counter)


def shown(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Showing "))


def rerun_in_many_ways(at: AppTest) -> AppTest:
    """Plain reruns and reruns from widgets: date, filters, search, the other page and back."""
    at.run()
    at.run()
    at.checkbox(key="f_disputed").check().run()
    at.date_input(key="f_date").set_value(dt.date(2025, 1, 20)).run()
    at.multiselect(key="f_status").set_value(["russian"]).run()
    at.text_input(key="f_query").input("Alfa").run()
    at.radio(key="page").set_value("Add claims").run()
    at.radio(key="page").set_value("Map").run()
    assert not at.exception
    return at


def test_first_run_reads_each_file_once_and_reruns_read_nothing(reads) -> None:
    counter, _, store = reads
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Showing 3 of 3 settlements" in shown(at)
    # no Parquet cache yet: each CSV read exactly once (the counter does see reads)
    assert counter.take() == dict.fromkeys(CSVS, 1)
    # the dataset's cache entry (the search index's own cache, cache/search/, is written by
    # a background thread and is not part of it)
    assert sorted(p.name for p in (store / "cache").glob("*/*.parquet")
                  if p.parent.name != "search") == sorted(PARTS)
    rerun_in_many_ways(at)
    assert counter.take() == {}


def test_next_start_reads_the_parquet_cache_once_not_the_csvs(reads) -> None:
    counter, _, _ = reads
    AppTest.from_file(APP, default_timeout=60).run()                  # fills the Parquet cache
    st.cache_resource.clear()                                         # a new server process
    st.cache_data.clear()
    counter.take()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Showing 3 of 3 settlements" in shown(at)
    assert counter.take() == {f"cache/{p}": 1 for p in PARTS}
    rerun_in_many_ways(at)
    assert counter.take() == {}


def test_an_edited_file_is_read_again_on_the_next_rerun_and_shown(reads) -> None:
    counter, data, _ = reads
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2025-03-01"
    at.run()

    def gamma_claimants() -> list[str]:
        table = at.dataframe[0].value
        return sorted(table.loc[table["settlement"] == "gamma", "claimant"])

    assert gamma_claimants() == ["isw"]
    counter.take()
    path = data / "claims.csv"
    before = path.stat().st_mtime_ns
    path.write_text(to_csv("claims.csv", [
        *CLAIMS, claim("c7", "2025-02-20", "gamma", "ru_mod", "russian")]), encoding="utf-8")
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))   # mtime surely moves
    at.run()
    assert not at.exception
    assert gamma_claimants() == ["isw", "ru_mod"]                     # the new claim is shown
    got = counter.take()
    assert got["claims.csv"] == 1
    # the directory is validated as a whole (claims refer to the other files): each other
    # file is read at most once with it
    assert set(got) <= set(CSVS) and max(got.values()) == 1
    at.run()
    at.checkbox(key="f_disputed").check().run()
    assert counter.take() == {}
    # touched again without a change of content: re-read once (the key is the mtime)
    os.utime(path, ns=(before + 9_000_000_000, before + 9_000_000_000))
    at.run()
    assert counter.take().get("claims.csv") == 1
    at.run()
    assert counter.take() == {}
