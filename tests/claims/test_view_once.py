"""One view searches the claim index once: the resolution, the latest claims and the table
share the date's pair matrix (three searches per rerun before)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.claims import index as claim_index
from geo.claims.index import build_index, resolve
from geo.claims.latest import latest_claims
from geo.claims.state import PageState
from geo.claims.view import build_view
from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR

DS = load_dataset(BUNDLED_DIR)
INDEX = build_index(DS.claims)


@pytest.fixture
def searches(monkeypatch) -> list[dt.date]:
    """The dates of every pair-matrix search of the index, while the test runs."""
    calls: list[dt.date] = []
    real = claim_index._pair_matrix

    def counted(index, on, claimants, max_age_days):
        calls.append(on)
        return real(index, on, claimants, max_age_days)

    monkeypatch.setattr(claim_index, "_pair_matrix", counted)
    return calls


@pytest.mark.parametrize("max_age", [None, 30])
def test_a_view_searches_the_pair_matrix_once(searches: list[dt.date], max_age) -> None:
    day = dt.date(2025, 11, 20)
    state = PageState(date=day, claimants=tuple(DS.claimants["id"]), max_age_days=max_age)
    view = build_view(DS, state, INDEX)
    latest = view.latest
    head, total = view.table_head(5)
    assert searches == [day]
    # and the shared matrix gives what separate searches give
    searches.clear()
    alone = resolve(DS.settlements, DS.claims, day, state.claimants, index=INDEX,
                    max_age_days=max_age)
    # the view holds the fields the page reads per rerun; the rest on demand, the same
    pd.testing.assert_frame_equal(view.resolved, alone[view.resolved.columns])
    assert "ru_claimant" not in view.resolved and "ru_status" in view.resolved
    pd.testing.assert_frame_equal(view.with_details(view.resolved), alone)
    expected = latest_claims(DS.claims, day, state.claimants, max_age, index=INDEX)
    expected = expected[expected["settlement_id"].isin(view.shown["settlement"])]
    pd.testing.assert_frame_equal(latest, expected)
    assert total == len(view.table) and len(head) == min(5, total)


def test_details_of_some_rows_are_those_rows_of_the_whole_resolution() -> None:
    day = dt.date(2025, 11, 20)
    state = PageState(date=day, claimants=tuple(DS.claimants["id"]), disputed_only=True)
    view = build_view(DS, state, INDEX)
    assert len(view.shown) and len(view.shown) < len(view.resolved)
    alone = resolve(DS.settlements, DS.claims, day, state.claimants, index=INDEX)
    some = view.shown.iloc[::-1]
    pd.testing.assert_frame_equal(view.with_details(some), alone.loc[some.index])
    with pytest.raises(ValueError, match="status, encircled"):
        resolve(DS.settlements, DS.claims, day, index=INDEX, fields=("extent",))


def test_a_matrix_of_other_arguments_is_not_used(searches: list[dt.date]) -> None:
    pairs = claim_index.pair_matrix(INDEX, dt.date(2025, 1, 1), None, None)
    later = dt.date(2025, 11, 20)
    rows = claim_index.latest_rows(INDEX, later, None, None, pairs)
    assert searches == [dt.date(2025, 1, 1), later]
    assert list(rows) == list(claim_index.latest_rows(INDEX, later))


@pytest.mark.parametrize("disputed_only", [False, True])
def test_the_shown_rows_of_the_claims_need_no_search_of_the_ids(disputed_only) -> None:
    """The rows of the shown settlements come from the resolved frame's labels; the same
    as looking every id up (the filtered view included), and so are the view's claims."""
    state = PageState(date=dt.date(2025, 11, 11), claimants=tuple(DS.claimants["id"]),
                      disputed_only=disputed_only)
    view = build_view(DS, state, INDEX)
    assert (view.shown is view.resolved) is not disputed_only
    searched = pd.Index(view.shown["settlement"]).get_indexer(INDEX.settlements)
    assert view._shown_rows().tolist() == searched.tolist()
    naive = latest_claims(DS.claims, state.date, state.claimants)
    naive = naive[naive["settlement_id"].isin(view.shown["settlement"])]
    assert sorted(view.latest["id"]) == sorted(naive["id"])


def test_the_table_head_is_made_once_per_view_and_limit(searches: list[dt.date]) -> None:
    view = build_view(DS, PageState(date=dt.date(2025, 11, 20),
                                    claimants=tuple(DS.claimants["id"])), INDEX)
    head, total = view.table_head(3)
    assert view.table_head(3)[0] is head and view.table_head(3)[1] == total
    assert len(view.table_head(2)[0]) == 2 and view.table_head(2)[0] is not head
