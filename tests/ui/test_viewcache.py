"""Values derived from a view, computed once per view for every session (ui.viewcache), and
shared views built once when sessions ask for them at the same moment (ui.views)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import threading
import time

import pandas as pd
import pytest

from geo.claims.index import build_index
from geo.claims.state import PageState
from geo.claims.table import TABLE_COLUMNS, display_dates
from geo.claims.view import build_view
from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR
from ui import downloads, tables, views
from ui.data import short_labels
from ui.viewcache import PerView

BUNDLED = load_dataset(BUNDLED_DIR)
INDEX = build_index(BUNDLED.claims)
ALL = tuple(BUNDLED.claimants["id"])
DAY = dt.date(2025, 11, 20)


def _view(day: dt.date = DAY, ds=BUNDLED, index=INDEX, **more):
    return build_view(ds, PageState(date=day, claimants=ALL, **more), index)


def test_one_value_per_view_for_every_session() -> None:
    kept: PerView[int] = PerView("test")
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    first = _view()
    assert kept.get(first, compute) == 1
    # another session's view object of the same state, a selected place, a map toggle
    for other in (_view(), _view(settlement="pokrovsk", show_change=True, zoom=9)):
        assert kept.get(other, compute) == 1
    assert kept.get(_view(dt.date(2025, 11, 11)), compute) == 2      # another date
    assert kept.get(_view(disputed_only=True), compute) == 3          # another filter
    assert kept.get(first, compute, extra="wide") == 4                # another extra key
    assert kept.computed == 4 and len(calls) == 4


def test_a_new_data_version_is_computed_again_and_the_old_one_forgotten() -> None:
    kept: PerView[str] = PerView("test")
    claims = BUNDLED.claims.copy()
    edited = dataclasses.replace(BUNDLED, claims=claims)
    assert kept.get(_view(ds=edited, index=build_index(claims)), lambda: "edited") == "edited"
    assert kept.get(_view(), lambda: "bundled") == "bundled"
    assert len(kept) == 2
    del edited, claims
    gc.collect()
    assert len(kept) == 1                           # forgotten with its dataset


def test_bounded_least_recently_used_first_out() -> None:
    kept: PerView[int] = PerView("test", entries=2)
    days = [dt.date(2025, 11, d) for d in (1, 2, 3)]
    views_ = [_view(d) for d in days]
    kept.get(views_[0], lambda: 0)
    kept.get(views_[1], lambda: 1)
    kept.get(views_[0], lambda: -1)                # used again: kept over the second
    kept.get(views_[2], lambda: 2)
    assert len(kept) == 2
    assert kept.get(views_[0], lambda: -1) == 0
    assert kept.get(views_[1], lambda: 10) == 10   # was dropped


def test_sessions_at_the_same_moment_wait_for_one_computation() -> None:
    kept: PerView[int] = PerView("test")
    started = threading.Barrier(8)
    results: list[int] = []

    def slow() -> int:
        time.sleep(0.2)
        return 7

    def session() -> None:
        view = _view()
        started.wait()
        results.append(kept.get(view, slow))

    threads = [threading.Thread(target=session) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [7] * 8 and kept.computed == 1


def test_a_failed_computation_is_not_kept() -> None:
    kept: PerView[int] = PerView("test")

    def fails() -> int:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        kept.get(_view(), fails)
    assert kept.get(_view(), lambda: 3) == 3


def test_shared_views_are_built_once_for_simultaneous_sessions(monkeypatch) -> None:
    views.clear()
    built: list[object] = []
    real = views.build_view

    def counted(*args, **kwargs):
        time.sleep(0.1)
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "build_view", counted)
    started = threading.Barrier(6)
    got: list[object] = []

    def session() -> None:
        started.wait()
        got.append(views.shared_view(BUNDLED, PageState(date=DAY, claimants=ALL), INDEX, {}))

    threads = [threading.Thread(target=session) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and all(v is got[0] for v in got)


def test_the_shared_claims_table_is_the_views_table_in_words() -> None:
    tables.TABLES.clear()
    view = _view()
    table, total = tables.claims_table(view)
    expected = view.table.head(tables.TABLE_ROWS)
    expected = expected.assign(since=expected["since"].dt.strftime("%Y-%m-%d").fillna("—"))
    expected = tables.readable(display_dates(expected), short_labels(BUNDLED.claimants))
    assert total == len(view.table)
    pd.testing.assert_frame_equal(table, expected[list(TABLE_COLUMNS)])
    assert tables.claims_table(_view())[0] is table     # another session: the same frame


def test_the_shared_geojson_sizes_are_the_files_sizes() -> None:
    from geo.claims.export import to_geojson_bytes, with_claims

    downloads.SIZES.clear()
    ds = load_dataset(BUNDLED_DIR, places="all")
    state = PageState(date=DAY, claimants=ALL)
    view = build_view(ds, state, build_index(ds.claims))
    args = (DAY.isoformat(), list(ALL))
    count, claimed, every = downloads._sizes(view, state)
    assert count == len(with_claims(view.shown))
    assert claimed == len(to_geojson_bytes(view.with_details(with_claims(view.shown)), *args))
    assert every == len(to_geojson_bytes(view.with_details(view.shown), *args))
