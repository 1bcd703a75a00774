"""Views shared by sessions: reused only for the same dataset and filters, within a budget."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from geo.claims.index import build_index
from geo.claims.state import PageState
from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR
from ui import views

BUNDLED = load_dataset(BUNDLED_DIR)
INDEX = build_index(BUNDLED.claims)
ALL = tuple(BUNDLED.claimants["id"])


def test_same_data_and_filters_share_one_view() -> None:
    views.clear()
    state = PageState(date=dt.date(2025, 11, 20), claimants=ALL)
    first = views.shared_view(BUNDLED, state, INDEX)
    assert views.shared_view(BUNDLED, PageState(date=dt.date(2025, 11, 20), claimants=ALL),
                             INDEX) is first
    other = views.shared_view(BUNDLED, dataclasses.replace(state, date=dt.date(2025, 11, 11)),
                              INDEX)
    assert other is not first and other.state.date == dt.date(2025, 11, 11)


def test_a_new_data_version_never_gets_an_old_view() -> None:
    views.clear()
    state = PageState(date=dt.date(2025, 11, 20), claimants=ALL)
    old = views.shared_view(BUNDLED, state, INDEX)
    claims = BUNDLED.claims.copy()
    claims.loc[claims.index[-1], "status"] = "ukrainian"
    edited = dataclasses.replace(BUNDLED, claims=claims)
    new = views.shared_view(edited, state, build_index(claims))
    assert new is not old and new.ds is edited
    assert not any(v.ds is BUNDLED for v, _ in views._views.values())   # old version dropped


def test_views_stay_within_the_budget(monkeypatch) -> None:
    views.clear()
    one = views.shared_view(BUNDLED, PageState(date=dt.date(2025, 1, 1), claimants=ALL),
                            INDEX)
    size = views.view_bytes(one)
    monkeypatch.setattr(views, "BUDGET_BYTES", 3 * size)
    days = pd.date_range("2025-01-02", periods=6).date
    for day in days:
        views.shared_view(BUNDLED, PageState(date=day, claimants=ALL), INDEX)
    assert len(views._views) == 3                                  # the 3 newest kept
    assert [k[1].date for k in views._views] == list(days[-3:])


def test_large_views_are_not_kept(monkeypatch) -> None:
    views.clear()
    monkeypatch.setattr(views, "VIEW_LIMIT_BYTES", 10)
    state = PageState(date=dt.date(2025, 11, 20), claimants=ALL)
    first = views.shared_view(BUNDLED, state, INDEX)
    assert views.shared_view(BUNDLED, state, INDEX) is not first and not views._views


def test_a_selection_shares_the_view_and_a_session_keeps_its_own_large_one(monkeypatch) -> None:
    """Selecting a place changes no claim: the same view, also when it is too large to be
    shared (the national one), from the session's own."""
    views.clear()
    monkeypatch.setattr(views, "VIEW_LIMIT_BYTES", 10)
    session: dict = {}
    state = PageState(date=dt.date(2025, 11, 20), claimants=ALL)
    first = views.shared_view(BUNDLED, state, INDEX, session)
    picked = dataclasses.replace(state, settlement="pokrovsk", zoom=9, show_change=True)
    assert views.shared_view(BUNDLED, picked, INDEX, session) is first
    other = views.shared_view(BUNDLED, dataclasses.replace(state, disputed_only=True), INDEX,
                              session)
    assert other is not first and not views._views            # large: never shared
    assert views.shared_view(BUNDLED, state, INDEX, {}) is not first   # another session


def test_a_view_with_nothing_filtered_out_holds_one_frame() -> None:
    view = views.shared_view(BUNDLED, PageState(date=dt.date(2025, 11, 20), claimants=ALL),
                             INDEX, {})
    assert view.shown is view.resolved
    assert views.view_bytes(view) == int(view.resolved.memory_usage(deep=False).sum())
