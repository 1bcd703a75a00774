"""Territory figures: latest per claimant, previous and change, side difference, formatting."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from geo.claims.territory import (
    SideDifference,
    format_km2,
    format_share,
    gap_bound,
    side_difference,
    territory_series,
    territory_view,
)
from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR


def view(directory: Path, on: str, claimants=None):
    ds = load_dataset(directory, today=dt.date(2026, 6, 1))
    return territory_view(ds.territory, dt.date.fromisoformat(on), claimants).set_index(
        "claimant", drop=False)


def test_latest_figure_and_change(data_dir: Path) -> None:
    v = view(data_dir, "2025-01-01")
    assert v.loc["osint", "share_pct"] == 19.1                  # describes 2025, not 2022
    assert v.loc["osint", "prev_share_pct"] == 18
    assert v.loc["osint", "change_pp"] == pytest.approx(1.1)
    assert v.loc["ru_mod", "km2"] == 116000 and not v.loc["ru_mod", "km2_derived"]
    assert v.loc["osint", "km2"] == pytest.approx(0.191 * 603628)
    assert v.loc["osint", "km2_derived"]
    later = view(data_dir, "2025-02-01")
    assert later.loc["osint", "share_pct"] == 19.3
    assert later.loc["osint", "change_pp"] == pytest.approx(0.2)


def test_no_figure_before_first(data_dir: Path) -> None:
    assert view(data_dir, "2024-12-31").empty


def test_claimant_filter(data_dir: Path) -> None:
    assert list(view(data_dir, "2025-02-01", ["ru_mod"])["claimant"]) == ["ru_mod"]


def test_side_difference(data_dir: Path) -> None:
    diff = side_difference(view(data_dir, "2025-01-01").reset_index(drop=True))
    assert diff is not None
    assert diff.pp == pytest.approx(-0.1)
    assert diff.km2 == pytest.approx(116000 - 0.191 * 603628)   # stated area vs derived one
    assert not diff.exact                                        # "more than 19%"
    assert diff.bound == "at least"          # more than 19% minus 19.1%: at least -0.1 pp
    assert diff.pp_km2 == pytest.approx(-0.001 * 603628)          # the sign of the pp
    assert diff.ru_describes == diff.ua_describes == "2025-01-01"
    assert side_difference(view(data_dir, "2025-01-01", ["osint"])) is None


@pytest.mark.parametrize(("ru", "ua", "bound"), [
    ("exactly", "exactly", "exactly"), ("more_than", "exactly", "at least"),
    ("exactly", "less_than", "at least"), ("less_than", "exactly", "at most"),
    ("exactly", "more_than", "at most"), ("more_than", "more_than", "unknown"),
    ("about", "exactly", "about"), ("more_than", "about", "at least")])
def test_a_bound_says_which_way_the_true_gap_lies(ru: str, ua: str, bound: str) -> None:
    assert gap_bound(ru, ua) == bound


def test_the_gap_in_words_agrees_in_sign_and_says_the_bound() -> None:
    from ui.territory import difference_text

    diff = SideDifference("ru_gov", "deepstate", pp=-0.1, km2=707.0, ru_describes="2025-11-11",
                          ua_describes="2025-11-11", exact=False, bound="at least",
                          pp_km2=-603.6, ru_qualifier="more_than")
    text = difference_text(diff, "Russian government", "DeepState")
    assert "**at least -0.10 percentage points** of the stated shares, at least -604 km² " \
        "(Russian government said more than: the true gap is this or larger)." in text
    assert "By the stated areas instead" in text and "+707 km²" in text
    same = difference_text(dataclasses.replace(diff, km2=-500.0), "R", "U")
    assert "By the stated areas" not in same


def test_side_difference_compares_figures_about_one_day(data_dir: Path) -> None:
    """On 2025-02-01 the map's latest figure (19.3%) describes that day and the ministry's
    (more than 19%) 2025-01-01; the map's own 19.1% of 2025-01-01 is the fair comparison."""
    ds = load_dataset(data_dir, today=dt.date(2026, 6, 1))
    on = dt.date(2025, 2, 1)
    current = territory_view(ds.territory, on)
    latest_pair = side_difference(current)
    assert latest_pair is not None and latest_pair.pp == pytest.approx(19 - 19.3)
    assert (latest_pair.ru_describes, latest_pair.ua_describes) == ("2025-01-01",
                                                                    "2025-02-01")
    fair = side_difference(current, territory_series(ds.territory, on))
    assert fair is not None and fair.pp == pytest.approx(19 - 19.1)
    assert fair.ru_describes == fair.ua_describes == "2025-01-01"


def test_series_has_every_figure_stated_so_far(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=dt.date(2026, 1, 1))
    assert len(territory_series(ds.territory, dt.date(2025, 1, 1))) == 3
    assert len(territory_series(ds.territory, dt.date(2025, 2, 1))) == 4


@pytest.mark.parametrize(("share", "qualifier", "text"), [
    (19.0, "more_than", "more than 19%"), (19.1, "exactly", "19.1%"),
    (19.25, "about", "about 19.25%"), (18.0, "less_than", "less than 18%"),
])
def test_format_share(share: float, qualifier: str, text: str) -> None:
    assert format_share(share, qualifier) == text


def test_format_km2() -> None:
    assert format_km2(116000.0, False, "about") == "≈116,000 km²"
    assert format_km2(116165.0, False, "exactly") == "116,165 km²"
    assert format_km2(115292.9, True) == "≈115,293 km²"
    assert format_km2(float("nan"), True) == ""


def test_bundled_report_day_figures() -> None:
    """2025-11-11: Russia 'more than 19%' (~116,000 km²), Ukrainian maps 19.1%."""
    v = view(BUNDLED_DIR, "2025-11-11")
    assert format_share(v.loc["ru_gov", "share_pct"], v.loc["ru_gov", "qualifier"]) == (
        "more than 19%")
    assert v.loc["ru_gov", "area_km2"] == 116000
    assert v.loc["deepstate", "share_pct"] == 19.1
