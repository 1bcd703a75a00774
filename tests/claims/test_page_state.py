"""The whole page state round-trips through the URL: map layers and the comparison included."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.claims.state import PageState
from geo.claims.urlcodec import PARAMS, Universe, decode, encode
from geo.vocab import FILTER_STATUSES

UNI = Universe(claimants=("ru_mod", "ru_gs", "ua_gs", "isw"),
               settlements=frozenset({"pokrovsk", "kupiansk"}),
               first=dt.date(2022, 2, 28), last=dt.date(2026, 1, 2))
PAYLOAD = "<img src=x onerror=alert(1)>"


@st.composite
def page_states(draw: st.DrawFn) -> PageState:
    date = draw(st.dates(min_value=UNI.first, max_value=UNI.last))
    claimants = draw(st.lists(st.sampled_from(UNI.claimants), unique=True))
    statuses = draw(st.lists(st.sampled_from(FILTER_STATUSES), unique=True))
    return PageState(
        date=date,
        claimants=tuple(c for c in UNI.claimants if c in claimants),
        statuses=tuple(s for s in FILTER_STATUSES if s in statuses),
        disputed_only=draw(st.booleans()),
        settlement=draw(st.sampled_from([None, "pokrovsk", "kupiansk"])),
        max_age_days=draw(st.one_of(st.none(), st.integers(1, 36_500))),
        control_map=draw(st.booleans()),
        show_change=draw(st.booleans()),
        compare_from=draw(st.one_of(st.none(), st.dates(max_value=date,
                                                       min_value=dt.date(2000, 1, 1)))),
    )


@given(page_states())
def test_every_field_round_trips(state: PageState) -> None:
    params = encode(state, UNI)
    assert set(params) <= set(PARAMS)
    decoded, notices = decode(params, UNI)
    assert decoded == state and notices == []


def test_map_controls_have_their_own_parameters() -> None:
    state = PageState(dt.date(2025, 12, 31), UNI.claimants, control_map=False,
                      show_change=True, compare_from=dt.date(2025, 11, 15))
    assert encode(state, UNI) == {"date": "2025-12-31", "control": "0", "change": "1",
                                  "compare": "2025-11-15"}
    assert encode(UNI.default(), UNI) == {"date": "2026-01-02"}   # defaults left out


@pytest.mark.parametrize(("params", "param"), [
    ({"control": PAYLOAD}, "control"),
    ({"control": "yes"}, "control"),
    ({"change": PAYLOAD}, "change"),
    ({"change": "2"}, "change"),
    ({"compare": PAYLOAD}, "compare"),
    ({"compare": "2025-02-30"}, "compare"),
    ({"compare": "20251115"}, "compare"),
    ({"date": "2025-11-01", "compare": "2025-11-15"}, "compare"),   # after the date shown
    ({"compare": "9" * 5000}, "compare"),
])
def test_invalid_map_controls_ignored_with_a_notice(params: dict, param: str) -> None:
    state, notices = decode(params, UNI)
    assert any(f"'{param}'" in n for n in notices)
    assert all(PAYLOAD not in n and "<" not in n and "2025-11-15" not in n for n in notices)
    default = UNI.default()
    assert (state.control_map, state.show_change, state.compare_from) == (
        default.control_map, default.show_change, default.compare_from)


@given(st.dictionaries(st.sampled_from([*PARAMS, "other"]), st.text(max_size=50)))
def test_decode_of_anything_is_a_valid_state(params: dict) -> None:
    state, notices = decode(params, UNI)
    assert UNI.first <= state.date <= UNI.last
    assert state.compare_from is None or state.compare_from <= state.date
    assert isinstance(state.control_map, bool) and isinstance(state.show_change, bool)
    assert all(isinstance(n, str) for n in notices)


def test_view_part_ignores_the_map_controls() -> None:
    one = PageState(dt.date(2025, 12, 31), UNI.claimants, settlement="pokrovsk")
    other = PageState(dt.date(2025, 12, 31), UNI.claimants, settlement="pokrovsk",
                      control_map=False, show_change=True, compare_from=dt.date(2025, 1, 1))
    assert one.for_view() == other.for_view() == one
