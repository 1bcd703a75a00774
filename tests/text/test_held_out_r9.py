"""Kinds of wire and Russian copy the once-blind rounds missed (issue 13, ninth round of
fixes), each in general form over a tiny gazetteer of made-up rows: who speaks in each
clause of a wire story, and the wording around it. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.text.extract import Extractor
from tests.text.tiny import tiny_extractor

ROWS = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (901, "Berezivka", "Березовка,Березівка,Berezovka", "Kharkiv", 9000, 49.7, 37.6),
    (902, "Zelene Pole", "Зеленое Поле,Зелене Поле,Zelenoye Pole", "Kharkiv", 700, 49.75, 37.7),
    (903, "Yasnohirka", "Ясногорка,Ясногірка,Yasnogorka", "Donetsk", 1200, 48.8, 37.5),
    (904, "Stupky", "Ступки,Stupki", "Donetsk", 400, 48.6, 37.9),
]
DAY = dt.date(2025, 9, 12)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS)


def drafts(ex: Extractor, text: str, speaker: str | None = None) -> set[tuple]:
    return {(d.claimant, d.name, d.status, d.extent)
            for d in ex.extract(text, DAY, default_claimant=speaker)
            if d.kind == "settlement"}


def test_a_russian_general_staff_named_in_apposition_stays_russian(ex) -> None:
    # "General Staff" inside "the Russian General Staff" is no second speaker
    text = ("Igor Petrenko, chief of the Russian General Staff, said on Tuesday that "
            "Berezivka was under Russian control.")
    assert drafts(ex, text) == {("ru_genstaff", "Berezivka", "russian", "full")}


def test_a_project_close_to_the_military_still_speaks_of_the_place(ex) -> None:
    # "close to the military" describes the speaker; it puts no place in the background
    text = ("DeepState, a monitoring group close to the army, showed Berezivka as a grey "
            "zone on Tuesday.")
    assert drafts(ex, text) == {("deepstate", "Berezivka", "contested", "full")}
    # a place close to another stays the ground of fighting
    assert drafts(ex, "Fighting went on close to Berezivka, DeepState said.") == set()


def test_congratulating_troops_on_taking_a_place_claims_it(ex) -> None:
    text = "Putin congratulated the Western group of forces on taking Berezivka."
    assert drafts(ex, text) == {("ru_gov", "Berezivka", "russian", "full")}
    assert drafts(ex, "The ministry said troops were taking positions near Stupky.",
                  "ru_mod") == set()
