"""The draft table's helpers: places by name and oblast with each draft's candidates first,
what else was weighed, rows about one place together, every draft's evidence span."""

from __future__ import annotations

import pandas as pd

from geo.text import Draft
from ui.drafts import (
    accept_button,
    alternatives_text,
    evidence_spans,
    namesake_notes,
    place_labels,
    place_note,
    side_by_side,
    why_text,
)


def _draft(place: str, name: str, start: int = 0, **kw) -> Draft:
    return Draft(kind="settlement", claimant="ru_mod", side="ru", evidence="e", start=start,
                 end=start + 40, confidence=0.8, date="2025-11-20", settlement=place,
                 name=name, oblast="Donetsk", **kw)


def test_labels_put_each_drafts_candidates_before_the_curated() -> None:
    d = _draft("gn-2", "Andriivka", alternatives=[
        {"id": "gn-2", "name": "Andriivka", "oblast": "Donetsk", "km_to_text": 4.0},
        {"id": "gn-1", "name": "Andriivka", "oblast": "Kharkiv", "km_to_text": 160.0}])
    settlements = pd.DataFrame({"id": ["pokrovsk"], "name": ["Pokrovsk"],
                                "oblast": ["Donetsk"]})
    labels = place_labels([d], settlements)
    assert list(labels) == ["gn-2", "gn-1", "pokrovsk"]
    assert labels["gn-1"] == "Andriivka (Kharkiv; 160 km from the text's other places)"
    assert alternatives_text(d) == "Andriivka (Kharkiv; 160 km from the text's other places)"


def test_a_namesake_is_told_by_raion_and_distance_and_the_choice_said_in_words() -> None:
    d = _draft("gn-5", "Novoselivka", ambiguous=11, matched="Novoselivka",
               why_place="nearest to the text's other places", alternatives=[
                   {"id": "gn-5", "name": "Novoselivka", "oblast": "Donetsk",
                    "raion": "Kramatorsk Raion", "km_to_text": 7.0},
                   {"id": "gn-6", "name": "Novoselivka", "oblast": "Donetsk",
                    "raion": "Pokrovsk Raion", "km_to_front": 31.4}])
    labels = place_labels([d], pd.DataFrame({"id": [], "name": [], "oblast": []}))
    assert labels == {
        "gn-5": "Novoselivka (Kramatorsk Raion, Donetsk; 7 km from the text's other places)",
        "gn-6": "Novoselivka (Pokrovsk Raion, Donetsk; 31 km from the front)"}
    assert place_note(d).startswith("1 of 11 places of this name")
    (line,) = namesake_notes([d, _draft("pokrovsk", "Pokrovsk")],
                             {"ru_mod": "Russian MoD"})
    assert line.startswith("“Novoselivka” (claim by Russian MoD) → Novoselivka (Kramatorsk "
                           "Raion, Donetsk; 7 km")
    assert "Why: nearest to the text's other places." in line
    # 11 weighed, one taken, one more listed: the other 9 are counted, not dropped
    assert "Others: Novoselivka (Pokrovsk Raion, Donetsk; 31 km from the front) and 9 " \
        "more." in line


def test_the_note_the_list_and_the_reason_give_one_count_of_namesakes() -> None:
    # the resolver weighed 27 places of the name and the draft keeps 8: "1 of 27" in the
    # table, "... and 21 more" below it (once "1 of 12" beside "27 places of that name")
    kept = [{"id": f"gn-{i}", "name": "Novopavlivka", "oblast": "Donetsk"} for i in range(8)]
    d = _draft("gn-0", "Novopavlivka", ambiguous=27, alternatives=kept,
               why_place="by population; 27 places of that name: nearest to the front")
    assert place_note(d).startswith("1 of 27 places of this name")
    assert alternatives_text(d).endswith("; Novopavlivka (Donetsk) and 21 more")


def test_rows_about_one_place_sit_together_in_text_order() -> None:
    frame = pd.DataFrame({"settlement": ["a", "b", "a", "c"], "claimant": list("wxyz")})
    assert list(side_by_side(frame)["claimant"]) == ["w", "y", "x", "z"]


def test_evidence_spans_are_the_cue_and_place_else_the_sentence() -> None:
    narrow = _draft("gn-2", "A", start=100, evidence_start=5, evidence_end=20, rule="cue x",
                    why_place="exact name")
    wide = _draft("gn-3", "B", start=200)
    assert evidence_spans([narrow, wide]) == [(105, 120), (200, 240)]
    assert why_text(narrow) == "cue x. Place: exact name"


def test_accept_is_disabled_with_a_reason_when_nothing_is_selected() -> None:
    label, why_not = accept_button(0, 0)
    assert label == "Accept 0 selected claim(s)" and why_not and "Nothing is selected" in why_not
    assert accept_button(2, 0) == ("Accept 2 selected claim(s)", None)
    assert accept_button(0, 1) == ("Accept 0 selected claim(s) and 1 figure(s)", None)


def test_why_names_the_features_that_moved_the_learned_score() -> None:
    d = _draft("gn-2", "A", rule="cue x", why_place="exact name")
    d.score, d.score_why = 0.31, "hedge_near -0.90; style_wire +0.20"
    assert why_text(d) == "cue x. Place: exact name. Score: hedge_near -0.90; style_wire +0.20"
