"""Claim resolution semantics: latest on or before the date, sides, disputes, ties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hypothesis.strategies as hst
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from geo.claims import build_index, filter_view, latest_claims, resolve, resolve_naive
from geo.dataset.load import load_dataset
from tests.helpers import CLAIMS, claim, write_data

TODAY = dt.date(2026, 1, 1)


def resolved(directory: Path, on: str, claimants=None) -> pd.DataFrame:
    ds = load_dataset(directory, today=TODAY)
    return resolve(ds.settlements, ds.claims, dt.date.fromisoformat(on), claimants).set_index(
        "settlement")


def test_latest_claim_on_or_before_date(data_dir: Path) -> None:
    early = resolved(data_dir, "2025-01-31")
    assert early.loc["alpha", "ru_status"] == "contested"   # c1, not yet c3
    assert early.loc["alpha", "ru_claimant"] == "ru_mod"
    late = resolved(data_dir, "2025-02-01")                 # the claim's own day counts
    assert late.loc["alpha", "ru_status"] == "russian"
    assert late.loc["alpha", "ru_claimant"] == "ru_gs"


def test_no_claims_before_first_date(data_dir: Path) -> None:
    r = resolved(data_dir, "2024-12-31")
    assert r["ru_status"].isna().all() and r["ua_status"].isna().all()
    assert not r["disputed"].any()
    assert list(r.index) == ["alpha", "beta", "gamma"]      # every settlement, file order


def test_side_uses_selected_claimants_only(data_dir: Path) -> None:
    r = resolved(data_dir, "2025-02-01", claimants=["ru_mod", "ua_gs"])
    assert r.loc["alpha", "ru_status"] == "contested"       # ru_gs not selected
    r = resolved(data_dir, "2025-02-01", claimants=["ua_gs"])
    assert pd.isna(r.loc["alpha", "ru_status"])
    assert not r.loc["alpha", "disputed"]                   # one side only: not disputed


def test_disputed_when_statuses_differ(data_dir: Path) -> None:
    r = resolved(data_dir, "2025-01-15")
    assert r.loc["alpha", "disputed"]                       # contested vs ukrainian
    assert not r.loc["beta", "disputed"]                    # both say russian


def test_disputed_when_only_encirclement_differs(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("a", "2025-01-01", "alpha", "ru_mod", "contested", encircled="true"),
        claim("b", "2025-01-01", "alpha", "ua_gs", "contested", encircled="false"),
        claim("c", "2025-01-01", "beta", "ru_mod", "contested", encircled="true"),
        claim("d", "2025-01-01", "beta", "ua_gs", "contested", encircled=""),
    ])
    r = resolved(d, "2025-01-01")
    assert r.loc["alpha", "disputed"]
    assert not r.loc["beta", "disputed"]                    # empty flag = not stated


def test_independent_side_never_disputes(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("a", "2025-01-01", "alpha", "ru_mod", "russian"),
        claim("b", "2025-01-01", "alpha", "isw", "ukrainian"),
    ])
    r = resolved(d, "2025-01-01")
    assert r.loc["alpha", "independent_status"] == "ukrainian"
    assert not r.loc["alpha", "disputed"]


def test_tie_same_date_later_row_wins(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("z-first", "2025-01-01", "alpha", "ru_mod", "contested"),
        claim("a-second", "2025-01-01", "alpha", "ru_gs", "russian"),
        claim("m-third", "2025-01-01", "beta", "ua_gs", "ukrainian"),
        claim("b-fourth", "2025-01-01", "beta", "osint", "contested"),
    ])
    r = resolved(d, "2025-01-01")
    assert r.loc["alpha", "ru_claim"] == "a-second"
    assert r.loc["beta", "ua_claim"] == "b-fourth"


def test_rows_out_of_date_order_in_file(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("new", "2025-03-01", "alpha", "ru_mod", "russian"),
        claim("old", "2025-01-01", "alpha", "ru_mod", "contested"),
    ])
    assert resolved(d, "2025-06-01").loc["alpha", "ru_claim"] == "new"


def test_age_days(data_dir: Path) -> None:
    r = resolved(data_dir, "2025-01-11")
    assert r.loc["alpha", "ru_age_days"] == 10
    assert pd.isna(r.loc["gamma", "ru_age_days"])


def test_latest_claims_per_claimant(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=TODAY)
    latest = latest_claims(ds.claims, dt.date(2025, 2, 1))
    assert len(latest) == 5 and set(latest["id"]) == {"c1", "c2", "c3", "c4", "c5"}
    only_ua = latest_claims(ds.claims, dt.date(2025, 2, 1), ["ua_gs"])
    assert set(only_ua["claimant"]) == {"ua_gs"}


@pytest.mark.parametrize(("statuses", "disputed_only", "expected"), [
    (None, False, ["alpha", "beta", "gamma"]),
    (("russian",), False, ["alpha", "beta"]),
    (("contested",), False, ["gamma"]),
    (("none",), False, []),
    (None, True, ["alpha"]),
])
def test_filter_view(data_dir: Path, statuses, disputed_only, expected) -> None:
    ds = load_dataset(data_dir, today=TODAY)
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 3, 1))
    assert list(filter_view(r, statuses, disputed_only)["settlement"]) == expected


def test_filter_none_keeps_unclaimed(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=TODAY)
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 1, 1))
    assert list(filter_view(r, ("none",))["settlement"]) == ["beta", "gamma"]
    assert list(filter_view(r, None, True)["settlement"]) == ["alpha"]


def test_bundled_data_disputes_on_report_day() -> None:
    """The source report's day: Pokrovsk (encirclement) and Kupiansk (status) are disputed."""
    ds = load_dataset(Path(__file__).resolve().parents[2] / "data")
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 11, 11)).set_index("settlement")
    assert r.loc["pokrovsk", "disputed"] and r.loc["kupiansk", "disputed"]
    assert r.loc["novouspenivske", "ru_status"] == "russian"
    assert r.loc["myrnohrad", "ua_status"] == "ukrainian"
    assert len(CLAIMS) == 6


# --- the fast resolution equals the straightforward one --------------------------------------


_SETTLEMENTS = pd.DataFrame({"id": ["a", "b", "c", "d"], "name": list("ABCD"),
                             "oblast": ["X"] * 4, "lat": [48.0] * 4, "lon": [37.0] * 4,
                             "population": pd.array([1, 2, 3, None], dtype="Int64")})
_CLAIMANTS = {"r1": "ru", "r2": "ru", "u1": "ua", "u2": "ua", "i1": "independent"}


@hst.composite
def claim_frames(draw):
    n = draw(hst.integers(0, 40))
    rows = []
    for i in range(n):
        claimant = draw(hst.sampled_from(sorted(_CLAIMANTS)))
        rows.append({
            "id": f"c{i}", "date": pd.Timestamp("2025-01-01") + pd.Timedelta(
                days=draw(hst.integers(0, 20))),
            "settlement_id": draw(hst.sampled_from(["a", "b", "c"])), "claimant": claimant,
            "status": draw(hst.sampled_from(["russian", "contested", "ukrainian"])),
            "extent": "full", "part": "", "summary": "s", "source": "w", "source_url": "",
            "source_date": pd.NaT, "side": _CLAIMANTS[claimant],
            "encircled": draw(hst.sampled_from([True, False, None])),
        })
    frame = pd.DataFrame(rows, columns=["id", "date", "settlement_id", "claimant", "status",
                                        "extent", "part", "summary", "source", "source_url",
                                        "source_date", "side", "encircled"])
    frame["encircled"] = frame["encircled"].astype("boolean")
    frame["date"] = frame["date"].astype("datetime64[ns]")
    frame["source_date"] = frame["source_date"].astype("datetime64[ns]")
    frame["row"] = np.arange(len(frame))
    return frame.sort_values(["date", "row"], kind="stable").reset_index(drop=True)


@settings(max_examples=150, deadline=None)
@given(claims=claim_frames(), day=hst.integers(-1, 22),
       chosen=hst.one_of(hst.none(), hst.sets(hst.sampled_from(sorted(_CLAIMANTS)))),
       max_age=hst.one_of(hst.none(), hst.integers(0, 25)), every=hst.integers(1, 12))
def test_fast_resolution_equals_straightforward(claims, day, chosen, max_age, every) -> None:
    """Equal for any number of checkpoints: dates on, between and after them."""
    on = (pd.Timestamp("2025-01-01") + pd.Timedelta(days=day)).date()
    fast = resolve(_SETTLEMENTS, claims, on, chosen, index=build_index(claims, every),
                   max_age_days=max_age)
    slow = resolve_naive(_SETTLEMENTS, claims, on, chosen, max_age)
    cols = ["settlement", *(f"{s}_claim" for s in ("ru", "ua", "independent")), "disputed"]
    pd.testing.assert_frame_equal(fast[cols].astype(object), slow[cols].astype(object))


@settings(max_examples=150, deadline=None)
@given(claims=claim_frames(), day=hst.integers(-1, 22),
       chosen=hst.one_of(hst.none(), hst.sets(hst.sampled_from(sorted(_CLAIMANTS)))),
       max_age=hst.one_of(hst.none(), hst.integers(0, 25)), every=hst.integers(1, 12))
def test_indexed_latest_claims_equal_the_scan(claims, day, chosen, max_age, every) -> None:
    """Every claim of each pair's latest day, same rows and order, with or without the index."""
    on = (pd.Timestamp("2025-01-01") + pd.Timedelta(days=day)).date()
    fast = latest_claims(claims, on, chosen, max_age, index=build_index(claims, every))
    slow = latest_claims(claims, on, chosen, max_age)
    pd.testing.assert_frame_equal(fast, slow)


def test_a_stray_old_date_does_not_grow_the_index() -> None:
    """Checkpoints follow the number of claims, not the span of dates."""
    rows = [{"id": f"c{i}", "date": pd.Timestamp("2025-01-01") + pd.Timedelta(days=i % 30),
             "settlement_id": "abc"[i % 3], "claimant": "ru_mod", "status": "russian",
             "extent": "full", "part": "", "summary": "s", "source": "w", "source_url": "",
             "source_date": pd.NaT, "side": "ru", "encircled": None} for i in range(200)]
    rows[0]["date"] = pd.Timestamp("1700-01-02")
    claims = pd.DataFrame(rows)
    claims["encircled"] = claims["encircled"].astype("boolean")
    claims["row"] = np.arange(len(claims))
    claims = claims.sort_values(["date", "row"], kind="stable").reset_index(drop=True)
    index = build_index(claims, 10)
    assert len(index.checkpoint_days) <= 10 and index.checkpoints.shape[0] <= 10
    on = dt.date(2025, 1, 20)
    fast = resolve(_SETTLEMENTS, claims, on, index=index)
    slow = resolve_naive(_SETTLEMENTS, claims, on)
    assert list(fast["ru_claim"]) == list(slow["ru_claim"])
