"""One rounding rule for the scorecard's figures on the page, under the map and on the CLI
(the reviewer saw a median of 38.5 as +38 on a card, 39 in the table, 38.5 on the CLI, and
"-0" in a quartile column); shares come with the claims behind them, and "judged" means
one thing: the card's "9 of 39 claims judged" and the table's "15% of 39" once disagreed
(the table counted open claims as judged)."""

from __future__ import annotations

import math

import pandas as pd

from geo.scores import map_reference, scorecard
from geo.scores.figures import JUDGED, NONE, days, percent, share_of
from geo.scores.outcomes import outcomes
from tests.scores.cases import claims, classes


def test_days_keep_a_half_and_never_write_minus_zero() -> None:
    assert [days(v) for v in (38.5, 39.0, 5.5, -0.0, -0.04, 2.25, -0.25)] == \
        ["38.5", "39", "5.5", "0", "0", "2.3", "-0.3"]
    assert (days(38.5, sign=True), days(-3, sign=True), days(0.0, sign=True)) == \
        ("+38.5", "-3", "0")
    assert days(None) == days(math.nan) == days(pd.NA) == NONE


def test_shares_are_whole_percents_with_their_claims() -> None:
    assert (percent(0.625), percent(1.0), percent(None)) == ("63%", "100%", NONE)
    assert share_of(1.0, 2) == "100% of 2 old enough, too few for a rate (under 10)"
    assert share_of(0.4, 10) == "40% of 10 old enough"
    assert share_of(None, 0) == "none old enough yet"
    # a share's denominator holds open claims: it never calls them judged
    assert all("judged" not in share_of(v, n) for v, n in ((0.15, 39), (None, 0), (1, 2)))


def test_scorecard_rows_count_the_claims_behind_each_share() -> None:
    frame = claims(("c1", "2025-01-01", "a", "ru", "russian"),
                   ("c2", "2025-02-20", "b", "ru", "russian"))
    table = outcomes(frame.assign(channel=""), map_reference(
        [classes("2024-12-01"), classes("2025-01-05", a="occupied"),
         classes("2025-03-01", a="occupied")], "deepstate"))
    rows = scorecard(table)
    row = rows[rows["kind"] == "all"].set_index("claimant").loc["ru"]
    # c1 confirmed after 4 days; c2 is 9 days old on the latest map: old enough at 7 d only
    assert (row["old_enough_7d"], row["old_enough_30d"], row["old_enough_90d"]) == (2, 1, 1)
    assert share_of(row["confirmed_share_7d"], row["old_enough_7d"]).startswith(
        "50% of 2 old enough,")
    # c2 is open: old enough for the 7-day share, but not judged
    assert (row["judged"], row["open"]) == (1, 1)


def test_judged_is_the_claims_the_reference_ruled_on() -> None:
    frame = claims(("c1", "2025-01-01", "a", "ru", "russian"),
                   ("c2", "2025-01-01", "b", "ru", "russian"),
                   ("c3", "2025-01-01", "c", "ru", "russian"))
    table = outcomes(frame.assign(channel=""), map_reference(
        [classes("2024-12-01"), classes("2025-01-05", a="occupied"),
         classes("2025-06-01", a="occupied")], "deepstate"))
    row = scorecard(table).set_index("kind").loc["all"]
    # a confirmed; b and c never shown, the map keeping them Ukrainian for 150 days
    assert row["judged"] == row["confirmed"] + row["reversed"] + row["never"] == 3
    assert JUDGED.startswith("a claim is judged once the reference has ruled on it either way")
    assert "open claim" in JUDGED and "not judged" in JUDGED
