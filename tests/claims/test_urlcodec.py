"""URL codec: round trip, defaults, invalid values ignored with a notice that never echoes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.claims.state import PageState
from geo.claims.urlcodec import Universe, decode, encode
from geo.vocab import FILTER_STATUSES

UNI = Universe(claimants=("ru_mod", "ru_gs", "ua_gs", "isw"),
               settlements=frozenset({"pokrovsk", "kupiansk"}),
               first=dt.date(2022, 2, 28), last=dt.date(2026, 1, 2))


def test_defaults_from_empty_url() -> None:
    state, notices = decode({}, UNI)
    assert state == PageState(date=UNI.last, claimants=UNI.claimants)
    assert notices == []


def test_parameters_set_filters() -> None:
    state, notices = decode({"date": "2025-11-11", "claimants": "ua_gs,ru_mod",
                             "status": "russian,none", "disputed": "1",
                             "settlement": "pokrovsk"}, UNI)
    assert notices == []
    assert state == PageState(dt.date(2025, 11, 11), ("ru_mod", "ua_gs"),
                                ("russian", "none"), True, "pokrovsk")


def test_an_alias_of_a_settlement_selects_it() -> None:
    uni = Universe(UNI.claimants, UNI.settlements, UNI.first, UNI.last,
                   aliases={"gn-704422": "pokrovsk"})
    state, notices = decode({"settlement": "gn-704422"}, uni)
    assert (state.settlement, notices) == ("pokrovsk", [])
    assert decode({"settlement": "gn-704422"}, UNI)[0].settlement is None


def test_encode_leaves_out_defaults_but_keeps_date() -> None:
    assert encode(UNI.default(), UNI) == {"date": "2026-01-02"}


@given(
    date=st.dates(min_value=UNI.first, max_value=UNI.last),
    claimants=st.lists(st.sampled_from(UNI.claimants), unique=True),
    statuses=st.lists(st.sampled_from(FILTER_STATUSES), unique=True),
    disputed=st.booleans(),
    settlement=st.sampled_from([None, "pokrovsk", "kupiansk"]),
    max_age=st.one_of(st.none(), st.integers(1, 36_500)),
)
def test_round_trip(date, claimants, statuses, disputed, settlement, max_age) -> None:
    state = PageState(
        date=date,
        claimants=tuple(c for c in UNI.claimants if c in claimants),
        statuses=tuple(s for s in FILTER_STATUSES if s in statuses),
        disputed_only=disputed,
        settlement=settlement,
        max_age_days=max_age,
    )
    decoded, notices = decode(encode(state, UNI), UNI)
    assert decoded == state and notices == []


PAYLOAD = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize(("params", "param"), [
    ({"date": PAYLOAD}, "date"),
    ({"date": "2025-02-30"}, "date"),
    ({"date": "2030-01-01"}, "date"),
    ({"date": "20251111"}, "date"),
    ({"claimants": f"ru_mod,{PAYLOAD}"}, "claimants"),
    ({"status": f"russian,{PAYLOAD}"}, "status"),
    ({"disputed": PAYLOAD}, "disputed"),
    ({"settlement": PAYLOAD}, "settlement"),
    ({"date": "9" * 5000}, "date"),
    ({"max_age": PAYLOAD}, "max_age"),
    ({"max_age": "-5"}, "max_age"),
])
def test_invalid_values_ignored_with_notice(params: dict, param: str) -> None:
    state, notices = decode(params, UNI)
    assert notices, "an ignored value must be reported"
    assert any(f"'{param}'" in n for n in notices)
    assert all(PAYLOAD not in n and "<" not in n for n in notices)
    default = UNI.default()
    if param == "max_age":
        assert state.max_age_days is None
        return
    if param == "claimants":
        assert state.claimants == ("ru_mod",)
    elif param == "status":
        assert state.statuses == ("russian",)
    else:
        assert getattr(state, {"disputed": "disputed_only"}.get(param, param)) == getattr(
            default, {"disputed": "disputed_only"}.get(param, param))


def test_empty_claimants_means_none_selected() -> None:
    state, _ = decode({"claimants": ""}, UNI)
    assert state.claimants == ()
    assert decode(encode(state, UNI), UNI)[0].claimants == ()


def test_list_values_take_the_last() -> None:
    state, _ = decode({"date": ["2025-01-01", "2025-11-11"]}, UNI)
    assert state.date == dt.date(2025, 11, 11)


@given(st.dictionaries(st.sampled_from(["date", "claimants", "status", "disputed",
                                        "settlement", "other"]), st.text(max_size=50)))
def test_decode_never_raises(params: dict) -> None:
    state, notices = decode(params, UNI)
    assert UNI.first <= state.date <= UNI.last
    assert set(state.claimants) <= set(UNI.claimants)
    assert all(isinstance(n, str) for n in notices)


@pytest.mark.parametrize("value", ["¹", "٣", "12³", "²⁰"])
def test_max_age_of_non_ascii_digits_is_ignored_with_a_notice(value: str) -> None:
    """Found by the property test: str.isdigit() accepts superscript and Arabic-Indic digits,
    which int() refuses (a ValueError on the reader's screen before)."""
    state, notices = decode({"max_age": value}, UNI)
    assert state.max_age_days is None
    assert any("'max_age'" in n for n in notices) and not any(value in n for n in notices)


def test_map_centre_and_zoom_round_trip_rounded_for_the_zoom() -> None:
    """The map's view is in the link, the centre only as precise as a pixel at that zoom."""
    state = PageState(UNI.last, UNI.claimants, center=(48.283456789, 37.176543), zoom=12)
    params = encode(state, UNI)
    assert params["center"] == "48.2835,37.1765" and params["zoom"] == "12"
    decoded, notices = decode(params, UNI)
    assert notices == []
    assert decoded.center == (48.2835, 37.1765) and decoded.zoom == 12
    wide = encode(PageState(UNI.last, UNI.claimants, center=(48.6, -0.001), zoom=6), UNI)
    assert wide["center"] == "48.6,0"      # two decimals at zoom 6, no "-0"
    assert decode({"center": "48.6,31.5"}, UNI)[0].zoom is None   # the page's own zoom


def test_centre_and_zoom_are_not_part_of_the_view() -> None:
    state = PageState(UNI.last, UNI.claimants, center=(48.0, 37.0), zoom=9)
    assert state.for_view() == PageState(UNI.last, UNI.claimants)


@pytest.mark.parametrize(("params", "param"), [
    ({"center": PAYLOAD}, "center"),
    ({"center": "47.1"}, "center"),
    ({"center": "48.6,31.5,2"}, "center"),
    ({"center": "nan,31.5"}, "center"),
    ({"center": "1e2,31.5"}, "center"),
    ({"center": "95,31.5"}, "center"),
    ({"center": "48.6,190"}, "center"),
    ({"zoom": "3"}, "zoom"),
    ({"zoom": "17"}, "zoom"),
    ({"zoom": "6.5"}, "zoom"),
    ({"zoom": "١٠"}, "zoom"),
    ({"zoom": PAYLOAD}, "zoom"),
])
def test_a_bad_centre_or_zoom_is_ignored_with_a_notice(params: dict, param: str) -> None:
    state, notices = decode(params, UNI)
    assert state.center is None and state.zoom is None
    assert len(notices) == 1 and f"'{param}'" in notices[0]
    assert "<" not in notices[0] and params[param] not in notices[0]
