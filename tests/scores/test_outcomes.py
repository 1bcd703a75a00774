"""The four outcomes, leads, partial vs full, the grey zone, gaps and what is not scored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.scores import REASONS, Rules, claims_reference, map_reference, outcomes, outcomes_naive
from geo.scores.reference import combined_reference
from tests.scores.cases import claims, classes

# a: Ukrainian until 2025-03-01, grey on 2025-02-01, Russian-held from 2025-03-01
MAPS = [classes("2025-01-01"), classes("2025-02-01", a="grey"),
        classes("2025-03-01", a="occupied"), classes("2025-06-30", a="occupied")]


def one(frame: pd.DataFrame, claim: str) -> pd.Series:
    return frame.set_index("claim").loc[claim]


def test_claim_before_the_map_is_confirmed_with_a_positive_lead_and_the_gap() -> None:
    got = one(outcomes(claims(("k", "2025-02-10", "a", "ru_mod", "russian")),
                       map_reference(MAPS, "deepstate")), "k")
    assert got["outcome"] == "confirmed"
    assert got["lead_days"] == 19
    assert got["shown_date"] == pd.Timestamp("2025-03-01")
    assert got["reference_previous"] == pd.Timestamp("2025-02-01")  # the change fell between
    assert got["shown_source"] == "deepstate map of 2025-03-01"
    assert got["reference_then"] == 2  # contested: the grey zone is "not yet"


def test_claim_after_the_map_has_a_negative_lead() -> None:
    got = one(outcomes(claims(("k", "2025-03-03", "a", "ru_mod", "russian")),
                       map_reference(MAPS, "deepstate")), "k")
    assert (got["outcome"], got["lead_days"]) == ("confirmed", -2)


def test_reversal_within_n_days_and_not_beyond() -> None:
    maps = [classes("2025-01-01"), classes("2025-03-01", a="occupied"),
            classes("2025-03-21"), classes("2025-07-01")]
    frame = claims(("k", "2025-02-15", "a", "ru_mod", "russian"))
    got = one(outcomes(frame, map_reference(maps, "deepstate")), "k")
    assert got["outcome"] == "reversed"
    assert got["reversed_date"] == pd.Timestamp("2025-03-21")
    assert got["lead_days"] == 14
    late = one(outcomes(frame, map_reference(maps, "deepstate"), Rules(reversal_days=19)), "k")
    assert late["outcome"] == "confirmed"  # the map showed it back 20 days later


def test_never_needs_the_opposite_kept_for_keep_days() -> None:
    maps = [classes("2025-01-01"), classes("2025-05-01")]
    frame = claims(("k", "2025-02-01", "a", "ru_mod", "russian"))
    kept = one(outcomes(frame, map_reference(maps, "deepstate"), Rules(keep_days=89)), "k")
    assert kept["outcome"] == "never"
    got = one(outcomes(frame, map_reference(maps, "deepstate"), Rules(keep_days=90)), "k")
    assert got["outcome"] == "open"  # 2025-02-01 .. 2025-05-01 is 89 days
    assert got["age_days"] == 89


def test_grey_zone_is_not_yet_so_the_claim_stays_open() -> None:
    maps = [classes("2025-01-01"), classes("2025-02-01", a="grey"),
            classes("2025-08-01", a="grey")]
    got = one(outcomes(claims(("k", "2025-01-20", "a", "ru_mod", "russian")),
                       map_reference(maps, "deepstate")), "k")
    assert got["outcome"] == "open"
    assert pd.isna(got["lead_days"])


def test_ukrainian_recapture_claims_are_scored_the_same_way() -> None:
    maps = [classes("2025-01-01", a="occupied"), classes("2025-03-01", a="occupied"),
            classes("2025-03-05", a="liberated")]
    got = one(outcomes(claims(("k", "2025-03-02", "a", "ua_gs", "ukrainian")),
                       map_reference(maps, "deepstate")), "k")
    assert (got["outcome"], got["lead_days"]) == ("confirmed", 3)


def test_partial_is_confirmed_by_partial_full_needs_full() -> None:
    isw = [("r1", "2025-01-01", "a", "isw", "ukrainian"),
           ("r2", "2025-02-01", "a", "isw", "russian", "partial"),
           ("r3", "2025-03-01", "a", "isw", "russian")]
    frame = claims(*isw, ("part", "2025-01-20", "a", "ru_mod", "russian", "partial"),
                   ("full", "2025-01-20", "a", "ru_gs", "russian"))
    got = outcomes(frame, claims_reference(frame, "isw"))
    assert one(got, "part")["lead_days"] == 12
    assert one(got, "full")["lead_days"] == 40
    assert one(got, "full")["shown_url"] == "https://example.org/r3"
    assert set(got.loc[got["claimant"] == "isw", "reason"]) == {REASONS["reference"]}


def test_a_reference_with_gaps_dates_by_the_first_map_that_shows_it() -> None:
    maps = [classes("2025-01-01"), classes("2025-05-01", a="occupied")]
    got = one(outcomes(claims(("k", "2025-01-15", "a", "ru_mod", "russian")),
                       map_reference(maps, "deepstate")), "k")
    assert got["lead_days"] == 106
    assert got["reference_previous"] == pd.Timestamp("2025-01-01")


def test_not_scored_contested_repeats_status_quo_no_baseline_unseen() -> None:
    maps = [classes("2024-01-01", b="occupied"), classes("2025-01-01", b="occupied"),
            classes("2025-03-01", a="occupied", b="occupied")]
    frame = claims(("c", "2025-02-01", "a", "ru_mod", "contested"),
                   ("k1", "2025-02-10", "a", "ru_mod", "russian"),
                   ("k2", "2025-02-12", "a", "ru_mod", "russian"),
                   ("q", "2025-02-10", "b", "ru_mod", "russian"),
                   ("early", "2023-12-20", "a", "ru_gs", "russian"),
                   ("x", "2025-02-10", "zz", "ru_mod", "russian"))
    got = outcomes(frame, map_reference(maps, "deepstate")).set_index("claim")["reason"]
    assert got["c"] == REASONS["status"]
    assert got["k1"] == ""
    assert got["k2"] == REASONS["repeat"]
    assert got["q"] == REASONS["status_quo"]
    assert got["early"] == REASONS["baseline"]
    assert got["x"] == REASONS["unseen"]


def test_a_changed_extent_is_a_new_claim() -> None:
    maps = [classes("2025-01-01"), classes("2025-03-01", a="occupied")]
    frame = claims(("p", "2025-02-01", "a", "ru_mod", "russian", "partial"),
                   ("f", "2025-02-10", "a", "ru_mod", "russian"))
    got = outcomes(frame, map_reference(maps, "deepstate")).set_index("claim")
    assert list(got["outcome"]) == ["confirmed", "confirmed"]


def test_vectorized_equals_the_per_claim_loop_on_random_cases() -> None:
    rng = np.random.default_rng(7)
    names = ["none", "grey", "occupied", "liberated", "pre2022", "outside"]
    for trial in range(30):
        maps = []
        day = pd.Timestamp("2025-01-01")
        for _ in range(int(rng.integers(1, 12))):
            day += pd.Timedelta(days=int(rng.integers(1, 40)))
            maps.append(classes(day.date().isoformat(),
                                **{p: names[int(rng.integers(0, 6))] for p in "abc"}))
        rows = []
        for i in range(40):
            when = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 400)))
            rows.append((f"k{i}", when.date().isoformat(), "abcz"[int(rng.integers(0, 4))],
                         ["ru_mod", "ua_gs", "isw"][int(rng.integers(0, 3))],
                         ["russian", "ukrainian", "contested"][int(rng.integers(0, 3))],
                         ["full", "partial"][int(rng.integers(0, 2))]))
        frame = claims(*rows)
        rules = Rules(reversal_days=int(rng.integers(1, 60)), keep_days=int(rng.integers(1, 120)),
                      window=int(rng.integers(0, 40)))
        own = claims_reference(frame, "isw")
        both = combined_reference(map_reference(maps, "isw", every_map=list(own.places)), own)
        for ref in (map_reference(maps, "deepstate"), own, both):
            fast = outcomes(frame, ref, rules)
            slow = outcomes_naive(frame, ref, rules)
            assert list(fast["outcome"]) == list(slow["outcome"]), trial
            assert list(fast["reason"]) == list(slow["reason"]), trial
            assert [None if pd.isna(v) else int(v) for v in fast["lead_days"]] == \
                [None if pd.isna(v) else int(v) for v in slow["lead_days"]], trial


def test_a_claimant_reference_before_its_first_word_leads_and_trails() -> None:
    # DeepState's own statements: it speaks when a town falls (Avdiivka-, Vuhledar-like)
    frame = claims(("ds1", "2024-02-18", "a", "deepstate", "russian"),
                   ("lead", "2024-02-17", "a", "ru_mod", "russian"),
                   ("ds2", "2024-10-01", "b", "deepstate", "russian"),
                   ("trail", "2024-10-03", "b", "ru_mod", "russian"),
                   ("never_spoke", "2024-10-03", "c", "ru_mod", "russian"))
    got = outcomes(frame, claims_reference(frame, "deepstate")).set_index("claim")
    assert (got.loc["lead", "outcome"], got.loc["lead", "lead_days"]) == ("confirmed", 1)
    assert (got.loc["trail", "outcome"], got.loc["trail", "lead_days"]) == ("confirmed", -2)
    assert got.loc["never_spoke", "outcome"] == "open"  # not yet shown by the reference


def test_ukrainian_partial_is_the_opposite_of_a_full_russian_claim_only() -> None:
    # Kupiansk-like: the reference says Ukraine holds most of the town again
    frame = claims(("r0", "2025-01-01", "a", "isw", "contested"),
                   ("full", "2025-02-01", "a", "ru_gs", "russian"),
                   ("part", "2025-02-01", "a", "ru_mod", "russian", "partial"),
                   ("r1", "2025-02-20", "a", "isw", "ukrainian", "partial"),
                   ("r2", "2025-07-01", "b", "isw", "contested"))
    got = outcomes(frame, claims_reference(frame, "isw")).set_index("claim")
    assert got.loc["full", "outcome"] == "never"   # Ukrainian (part) kept 131 days
    assert got.loc["part", "outcome"] == "open"    # both can hold part of it
    late = outcomes(frame, claims_reference(frame, "isw"), Rules(keep_days=200))
    assert late.set_index("claim").loc["full", "outcome"] == "open"


def test_maps_and_claims_merged_a_statement_holds_until_the_next_map() -> None:
    maps = [classes("2025-01-01"), classes("2025-03-01"), classes("2025-05-01", a="occupied")]
    frame = claims(("ds", "2025-02-01", "a", "deepstate", "russian"),
                   ("k", "2025-01-20", "a", "ru_mod", "russian"))
    own = claims_reference(frame, "deepstate")
    both = combined_reference(map_reference(maps, "deepstate", every_map=list(own.places)),
                              own)
    got = outcomes(frame, both).set_index("claim")
    # DeepState said so on 02-01, its 03-01 map showed it Ukrainian again: reversed
    assert (got.loc["k", "outcome"], got.loc["k", "lead_days"]) == ("reversed", 12)
    assert got.loc["k", "shown_source"] == "Wire on 2025-02-01"
    assert got.loc["k", "reversed_source"] == "deepstate map of 2025-03-01"
    assert got.loc["ds", "reason"] == REASONS["reference"]
    maps_only = outcomes(frame, map_reference(maps, "deepstate")).set_index("claim")
    assert maps_only.loc["k", "lead_days"] == 101
    fast, slow = outcomes(frame, both), outcomes_naive(frame, both)
    assert list(fast["outcome"]) == list(slow["outcome"])


def test_a_reference_that_never_spoke_scores_nothing_and_does_not_fail() -> None:
    frame = claims(("a", "2025-01-01", "p1", "ru_mod", "russian"),
                   ("b", "2025-02-01", "p2", "ua_gs", "ukrainian", "partial"))
    got = outcomes(frame, claims_reference(frame, "isw"))   # isw said nothing at all
    assert list(got["outcome"]) == ["not scored", "not scored"]
    assert set(got["reason"]) == {REASONS["unseen"]}
