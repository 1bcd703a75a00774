"""The warm-up at server start (ui.warmup) fills the caches a first visitor's run reads."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.maps.importer import import_deepstate
from geo.store.files import FileStorage
from tests.deepstate_fixtures import as_bytes, raw_collection
from tests.helpers import write_data
from ui import controlmaps, placesearch, warmup

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def counted(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Counter:
    """The tiny data with one stored map; counts of the page's expensive first-run steps."""
    write_data(data_dir)
    store = Path(os.environ["FRONTLINE_STORE"])
    (data_dir / "map.json").write_bytes(as_bytes(raw_collection()))
    import_deepstate(str(data_dir / "map.json"), store, date=dt.date(2025, 11, 15))
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    calls: Counter = Counter()

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(FileStorage, "load", counting("load", FileStorage.load))
    monkeypatch.setattr(controlmaps.mapclaims, "with_map_claims",
                        counting("merge", controlmaps.mapclaims.with_map_claims))
    monkeypatch.setattr(controlmaps, "build_index", counting("index", controlmaps.build_index))
    monkeypatch.setattr(controlmaps, "map_changes", counting("compare",
                                                             controlmaps.map_changes))
    return calls


def test_the_first_visitor_after_the_warm_up_reads_its_caches(
        counted: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    # the search indexes of this test only (other tests' background builds in the same
    # process could fill the four places and push the warm one out)
    monkeypatch.setattr(placesearch, "_indexes", {})
    warmup.warm([])                        # the server's arguments: none, the environment
    warmed = dict(counted)
    indexes = dict(placesearch._indexes)
    assert len(indexes) == 1
    (warm_key, warm_index), = indexes.items()
    assert warmed == {"load": 1, "merge": 1, "index": 1}   # one map: nothing to compare
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert dict(counted) == warmed         # the page computed none of them again
    at.text_input(key="f_query").input("Krasnoalpha").run()   # the warm search index
    assert not at.exception
    assert at.selectbox(key="f_settlement").value == "alpha"
    # the warm index is the one searched: none was built again for this dataset
    assert placesearch._indexes[warm_key] is warm_index
    assert set(indexes) <= set(placesearch._indexes)


def test_a_failed_warm_up_is_logged_and_the_page_says_what_is_wrong(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path / "missing"))
    monkeypatch.setattr(warmup.log, "propagate", True)   # Streamlit's logger: to caplog
    warmup.warm([])
    assert "warm-up stopped" in caplog.text and warmup.DONE in caplog.text
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("data directory not found" in e.value for e in at.error)


def test_the_warm_up_leaves_the_map_component_to_the_first_run(tmp_path: Path) -> None:
    """streamlit_folium registers its component only when a script run imports it first:
    imported by the warm-up's thread, the map's frame would never be served."""
    code = ("import sys; from ui import warmup; warmup.warm([]); "
            "assert 'streamlit_folium' not in sys.modules, 'imported by the warm-up'")
    env = {**os.environ, "FRONTLINE_DATA_DIR": str(tmp_path / "missing")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "warm-up stopped" in done.stderr      # it got past the imports to the data


def test_the_bench_waits_for_the_line_the_warm_up_logs() -> None:
    from bench.national_page import DONE

    assert DONE == warmup.DONE


def test_a_visitor_during_the_warm_up_waits_for_its_search_index_not_builds_another(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up builds the search index last; a first view meanwhile starts its own
    background build (placesearch.warm) and a search asks for it: all wait for one build."""
    import threading
    import types

    built, release = [], threading.Event()

    class SlowIndex:
        def __init__(self, settlements, cache_dir=None) -> None:
            built.append(settlements)
            release.wait(10)

    monkeypatch.setattr(placesearch, "PlaceIndex", SlowIndex)
    monkeypatch.setattr(placesearch, "_indexes", {})
    monkeypatch.setattr(placesearch, "_building", {})
    import pandas as pd

    ds = types.SimpleNamespace(settlements=pd.DataFrame())   # the places (one frame)
    got: list[object] = []
    warming = threading.Thread(target=lambda: got.append(placesearch.place_index(ds)))
    warming.start()                                  # the warm-up's step
    while not built:
        warming.join(0.01)
    placesearch.warm(ds)                             # the visitor's first view: no new build
    search = threading.Thread(target=lambda: got.append(placesearch.place_index(ds)))
    search.start()                                   # a search meanwhile waits
    release.set()
    warming.join(10)
    search.join(10)
    assert len(built) == 1 and len(got) == 2 and got[0] is got[1]


def test_sessions_wait_for_one_fixed_part_of_the_canvas(monkeypatch: pytest.MonkeyPatch) -> None:
    """The canvas's fixed part of a set of places (ui.placelayer), wanted by the warm-up
    and a visitor at once, is computed once."""
    import threading

    import numpy as np
    import pandas as pd

    from ui import placelayer

    built, release = [], threading.Event()

    def slow(shown):
        built.append(1)
        release.wait(10)
        return "fixed"

    class Kept:   # a dataset stand-in (kept parts are forgotten with its places' frame)
        settlements = pd.DataFrame()

    monkeypatch.setattr(placelayer, "fixed_part", slow)
    placelayer.clear()
    ds = Kept()
    shown = pd.DataFrame(index=np.arange(3))
    key = placelayer.places_key(shown)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(placelayer._fixed_of(ds, key, shown)))
               for _ in range(2)]
    for t in threads:
        t.start()
    while not built:
        threads[0].join(0.01)
    release.set()
    for t in threads:
        t.join(10)
    placelayer.clear()
    assert built == [1] and got == ["fixed", "fixed"]
