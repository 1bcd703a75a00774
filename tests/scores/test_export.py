"""The whole scorecard (``build_scorecard``): the chosen claimants and dates in the JSON, and
every chosen claim's outcome by claim id, unscored ones with their reason."""

from __future__ import annotations

import datetime as dt
import json

from geo.scores import Scorecard, build_scorecard, map_reference
from tests.scores.cases import claims, classes

MAPS = [classes("2025-01-01"), classes("2025-03-01", a="occupied")]
CLAIMS = claims(("a1", "2025-02-25", "a", "ru_mod", "russian"),     # confirmed, lead 4
                ("a2", "2025-02-26", "a", "ru_mod", "russian"),     # a repeat: not scored
                ("b1", "2025-02-01", "b", "ru_mod", "contested"),   # not a capture claim
                ("c1", "2025-02-01", "c", "ru_gs", "russian"))      # open


def card(claimants: list[str] | None = None, start: dt.date | None = None,
         end: dt.date | None = None) -> Scorecard:
    return build_scorecard(CLAIMS, map_reference(MAPS, "deepstate"), {"a": "Alpha"},
                           claimants=claimants, start=start, end=end)


def test_every_chosen_claim_has_an_outcome_by_id() -> None:
    marks = card().by_claim().set_index("claim")
    assert sorted(marks.index) == ["a1", "a2", "b1", "c1"]
    assert (marks.loc["a1", "outcome"], marks.loc["a1", "lead_days"],
            marks.loc["a1", "shown_date"]) == ("confirmed", 4, "2025-03-01")
    assert marks.loc["c1", "outcome"] == "open"
    assert (marks.loc["a2", "outcome"], marks.loc["a2", "reason"]) == \
        ("not scored", "repeats the claimant's previous claim about the place")
    assert marks.loc["b1", "reason"] == "not a capture claim (contested)"


def test_the_json_names_the_chosen_claimants_and_dates() -> None:
    sc = card(claimants=["ru_mod"], start=dt.date(2025, 2, 20), end=dt.date(2025, 2, 28))
    doc = json.loads(sc.json_bytes())
    assert (doc["claimants"], doc["from"], doc["to"]) == (["ru_mod"], "2025-02-20",
                                                         "2025-02-28")
    assert doc["not_scored"] == {"repeats the claimant's previous claim about the place": 1}
    assert sorted(sc.by_claim()["claim"]) == ["a1", "a2"]       # b1 (02-01) and c1 left out
    whole = json.loads(card().json_bytes())
    assert (whole["claimants"], whole["from"], whole["to"]) == ([], None, None)
