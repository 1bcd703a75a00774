"""Scorecard rows: counts, shares within 7/30/90 days, lead quartiles, kinds and periods."""

from __future__ import annotations

import json

import pandas as pd

from geo.scores import ROW_COLUMNS, claim_table, map_reference, outcomes, report, scorecard, scored
from tests.scores.cases import claims, classes

MAPS = [classes("2024-10-01"), classes("2025-01-01"), classes("2025-02-01", a="grey"),
        classes("2025-03-01", a="occupied"), classes("2025-04-01", a="occupied", b="occupied"),
        classes("2025-04-10", a="occupied"), classes("2025-09-01", a="occupied")]


def table() -> pd.DataFrame:
    frame = claims(("a1", "2025-02-25", "a", "ru_mod", "russian"),       # confirmed, lead 4
                   ("b1", "2025-03-20", "b", "ru_mod", "russian"),       # reversed (9 days)
                   ("c1", "2025-01-10", "c", "ru_mod", "russian"),       # never
                   ("a2", "2024-12-20", "a", "ru_gs", "russian"),        # confirmed, lead 71
                   ("a3", "2025-03-05", "a", "isw", "russian"))          # confirmed, lead -4
    frame["channel"] = frame["id"].map({"a1": "bulletin", "b1": "bulletin", "c1": "briefing",
                                        "a2": "", "a3": "assessment"})
    return outcomes(frame, map_reference(MAPS, "deepstate"))


def row(rows: pd.DataFrame, claimant: str, kind: str = "all", period: str = "all") -> pd.Series:
    found = rows[(rows["claimant"] == claimant) & (rows["kind"] == kind)
                 & (rows["period"] == period)]
    assert len(found) == 1, (claimant, kind, period)
    return found.iloc[0]


def test_counts_shares_and_quartiles() -> None:
    rows = scorecard(scored(table()))
    assert list(rows.columns) == list(ROW_COLUMNS)
    mod = row(rows, "ru_mod")
    assert (mod["claims"], mod["confirmed"], mod["reversed"], mod["open"], mod["never"]) == \
        (3, 1, 1, 0, 1)
    assert mod["confirmed_share_7d"] == round(1 / 3, 3)
    assert mod["reversed_share"] == round(1 / 3, 3)
    assert mod["median_lead_days"] == 4
    gs = row(rows, "ru_gs")
    assert gs["confirmed_share_30d"] == 0 and gs["confirmed_share_90d"] == 1
    assert row(rows, "isw")["median_lead_days"] == -4


def test_a_share_leaves_out_claims_too_young_to_tell() -> None:
    maps = [classes("2025-01-01"), classes("2025-01-20")]
    got = outcomes(claims(("y", "2025-01-15", "a", "ru_mod", "russian")),
                   map_reference(maps, "deepstate"))
    mod = row(scorecard(scored(got)), "ru_mod")
    assert mod["open"] == 1
    assert pd.isna(mod["confirmed_share_7d"])    # 5 days old at the latest map: not yet known
    older = outcomes(claims(("o", "2025-01-10", "a", "ru_mod", "russian")),
                     map_reference(maps, "deepstate"))
    assert row(scorecard(scored(older)), "ru_mod")["confirmed_share_7d"] == 0  # 10 days


def test_kinds_and_periods_and_unstated_kind() -> None:
    rows = scorecard(scored(table()), period="quarter")
    assert row(rows, "ru_mod", "bulletin")["claims"] == 2
    assert row(rows, "ru_mod", "briefing")["never"] == 1
    assert row(rows, "ru_gs", "unstated")["claims"] == 1
    assert row(rows, "ru_mod", "all", "2025-Q1")["claims"] == 3
    assert row(rows, "ru_gs", "unstated", "2024-Q4")["confirmed"] == 1
    assert row(scorecard(scored(table()), period="year"), "ru_gs", period="2024")["claims"] == 1


def test_filters_by_claimant_and_dates() -> None:
    assert set(scored(table(), ["ru_gs"])["claim"]) == {"a2"}
    assert set(scored(table(), start=pd.Timestamp("2025-03-01").date())["claim"]) == {"b1", "a3"}


def test_report_rows_carry_every_claims_outcome_with_dates_and_sources() -> None:
    out = table()
    rows = scorecard(scored(out))
    data = json.loads(json.dumps(report(scored(out), rows, {"a": "Alpha"}, "all")))
    mod = next(r for r in data if r["claimant"] == "ru_mod" and r["kind"] == "all")
    assert {o["claim"] for o in mod["outcomes"]} == {"a1", "b1", "c1"}
    a1 = next(o for o in mod["outcomes"] if o["claim"] == "a1")
    assert a1["name"] == "Alpha"
    assert (a1["date"], a1["shown_date"], a1["lead_days"]) == ("2025-02-25", "2025-03-01", 4)
    assert a1["source_url"] == "https://example.org/a1"
    assert a1["shown_source"] == "deepstate map of 2025-03-01"
    assert a1["reference_then"] == "contested"
    for key in ("claimant", "kind", "period", "claims", "confirmed", "reversed", "open",
                "never", "confirmed_share_30d", "median_lead_days"):
        assert key in mod


def test_claim_table_dates_are_text() -> None:
    got = claim_table(scored(table()), {})
    assert got.loc[got["claim"] == "c1", "shown_date"].item() == ""
    assert got.loc[got["claim"] == "c1", "outcome"].item() == "never"


def test_the_lead_lies_between_the_previous_observation_and_the_showing_one() -> None:
    got = claim_table(scored(table()), {}).set_index("claim")
    assert (got.loc["a1", "lead_min_days"], got.loc["a1", "lead_days"]) == (-24, 4)
    assert pd.isna(got.loc["c1", "lead_min_days"])
