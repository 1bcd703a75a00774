"""A place's timeline: segments per claimant, ends, same-day ties, the date cut-off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hypothesis.strategies as hst
import pandas as pd
from hypothesis import given, settings

from geo.claims import build_index, resolve, timeline, timeline_naive
from geo.dataset.load import load_dataset
from tests.helpers import claim, write_data

TODAY = dt.date(2026, 1, 1)

CLAIMS = [
    claim("a1", "2025-01-01", "alpha", "ru_mod", "contested", encircled="true"),
    claim("a2", "2025-01-01", "alpha", "ua_gs", "ukrainian"),
    claim("b1", "2025-01-10", "beta", "ru_mod", "russian"),
    claim("a3", "2025-02-01", "alpha", "ru_mod", "russian", extent="partial", part="east"),
    claim("a4", "2025-03-01", "alpha", "ua_gs", "contested"),
    claim("a5", "2025-03-01", "alpha", "ua_gs", "ukrainian", summary="Later row, same day."),
    claim("a6", "2025-03-05", "alpha", "isw", "contested"),
    claim("a7", "2025-06-01", "alpha", "ru_mod", "ukrainian"),
]


def index_of(tmp_path: Path, claims: list[dict] = CLAIMS):
    ds = load_dataset(write_data(tmp_path / "data", claims=claims), today=TODAY)
    return ds, build_index(ds.claims)


def test_segments_run_to_the_next_claim_and_the_selected_date(tmp_path: Path) -> None:
    _, index = index_of(tmp_path)
    t = timeline(index, "alpha", dt.date(2025, 4, 1))
    seg = t.segments
    assert t.lanes == ("ru_mod", "ua_gs", "isw")          # by side: ru, ua, independent
    assert list(seg["id"]) == ["a1", "a3", "a2", "a4", "a5", "a6"]
    assert list(seg["start"].dt.date.astype(str)) == [
        "2025-01-01", "2025-02-01", "2025-01-01", "2025-03-01", "2025-03-01", "2025-03-05"]
    assert list(seg["end"].dt.date.astype(str)) == [
        "2025-02-01", "2025-04-01", "2025-03-01", "2025-03-01", "2025-04-01", "2025-04-01"]
    assert list(seg["days"]) == [31, 59, 59, 0, 31, 27]
    row = seg.set_index("id").loc["a3"]
    assert (row["status"], row["extent"], row["part"]) == ("russian", "partial", "east")
    assert seg.set_index("id").loc["a1", "encircled"]
    assert {"summary", "source", "source_url", "side"} <= set(seg.columns)


def test_same_day_claims_the_later_row_wins_as_in_resolution(tmp_path: Path) -> None:
    ds, index = index_of(tmp_path)
    on = dt.date(2025, 4, 1)
    seg = timeline(index, "alpha", on).segments.set_index("id")
    assert not seg.loc["a4", "wins"] and seg.loc["a4", "days"] == 0
    assert seg.loc["a5", "wins"] and seg.loc["a5", "status"] == "ukrainian"
    resolved = resolve(ds.settlements, ds.claims, on, ["ua_gs"], index=index)
    assert resolved.set_index("settlement").loc["alpha", "ua_status"] == "ukrainian"


def test_a_claimant_with_one_claim_has_one_segment_to_the_date(tmp_path: Path) -> None:
    _, index = index_of(tmp_path)
    seg = timeline(index, "alpha", dt.date(2025, 4, 1)).segments
    isw = seg[seg["claimant"] == "isw"]
    assert len(isw) == 1 and isw["end"].iloc[0] == pd.Timestamp("2025-04-01")


def test_claims_after_the_date_are_left_out(tmp_path: Path) -> None:
    _, index = index_of(tmp_path)
    seg = timeline(index, "alpha", dt.date(2025, 1, 31)).segments
    assert list(seg["id"]) == ["a1", "a2"]                # not a3.., nor beta's b1
    assert set(seg["end"]) == {pd.Timestamp("2025-01-31")}
    later = timeline(index, "alpha", dt.date(2025, 6, 1)).segments
    assert later["id"].iloc[2] == "a7" and later["days"].iloc[2] == 0   # made that day


def test_no_claim_yet_or_unknown_place_is_empty(tmp_path: Path) -> None:
    _, index = index_of(tmp_path)
    for place, day in (("alpha", dt.date(2024, 12, 31)), ("gamma", dt.date(2025, 6, 1)),
                       ("atlantis", dt.date(2025, 6, 1))):
        t = timeline(index, place, day)
        assert t.empty and t.lanes == ()
        assert list(t.segments.columns) == list(timeline_naive(
            index.claims, "alpha", dt.date(2025, 6, 1)).segments.columns)


def test_selected_claimants_only(tmp_path: Path) -> None:
    _, index = index_of(tmp_path)
    t = timeline(index, "alpha", dt.date(2025, 4, 1), ["isw", "ua_gs", "nobody"])
    assert t.lanes == ("ua_gs", "isw")
    assert list(t.segments["id"]) == ["a2", "a4", "a5", "a6"]


@settings(max_examples=40, deadline=None)
@given(hst.lists(hst.tuples(hst.integers(0, 40), hst.sampled_from(["alpha", "beta"]),
                            hst.sampled_from(["ru_mod", "ru_gs", "ua_gs", "isw"]),
                            hst.sampled_from(["russian", "contested", "ukrainian"])),
                 min_size=1, max_size=25),
       hst.integers(0, 45))
def test_index_version_matches_the_boolean_filter(tmp_path_factory, rows, cut) -> None:
    start = dt.date(2025, 1, 1)
    claims = [claim(f"c{i}", str(start + dt.timedelta(days=d)), s, c, st)
              for i, (d, s, c, st) in enumerate(sorted(rows, key=lambda r: r[0]))]
    _, index = index_of(tmp_path_factory.mktemp("t"), claims)
    on = start + dt.timedelta(days=cut)
    for place in ("alpha", "beta"):
        fast, slow = timeline(index, place, on), timeline_naive(index.claims, place, on)
        assert fast.lanes == slow.lanes
        pd.testing.assert_frame_equal(fast.segments, slow.segments)
