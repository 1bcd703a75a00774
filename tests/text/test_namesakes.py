"""Namesakes told apart by what the text says (issue 13, class 2): the region that frames a
sentence, a region given in an apposition, an axis named after the place, a hromada and a
village's former name. Made-up sentences over a tiny gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.text.extract import Extractor
from tests.text.test_failure_classes import ROWS
from tests.text.tiny import tiny_extractor

DAY = dt.date(2025, 11, 20)
EXTRA = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (130, "Krasnohorivka", "Красногорівка", "Donetsk", 14666, 48.00, 37.51),
    (131, "Yasnohorivka", "Krasnohorivka,Красногорівка", "Donetsk", 0, 48.21, 37.73),
    (132, "Ocheretyne", "Очеретине", "Donetsk", 3000, 48.25, 37.60),
]


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor([*ROWS, *EXTRA], milbloggers=False)


def where(ex: Extractor, text: str, speaker: str = "deepstate") -> dict[str, str]:
    return {d.name or "": f"{d.oblast}, {d.geonames_id}" for d in ex.extract(text, DAY, speaker)
            if d.kind == "settlement"}


def test_a_region_framing_the_sentence_places_its_villages(ex: Extractor) -> None:
    got = where(ex, "In the course of its offensive in the Kharkiv region, the enemy has "
                    "occupied Andriivka. In the Donetsk region, Russian troops stormed Bakhmut.")
    assert got["Andriivka"] == "Kharkiv, 101"


def test_a_region_in_an_apposition_after_a_comma(ex: Extractor) -> None:
    got = where(ex, "The enemy has occupied Andriivka, the latter lying close to the border in "
                    "the Kharkiv region. In the Donetsk region, fighting goes on in Bakhmut.")
    assert got["Andriivka"] == "Kharkiv, 101"


def test_an_axis_named_right_after_the_place(ex: Extractor) -> None:
    got = where(ex, "The enemy has occupied Andriivka on the Kramatorsk direction.")
    assert got["Andriivka"] == "Donetsk, 102"


def test_a_hromada_and_a_former_name(ex: Extractor) -> None:
    got = where(ex, "Ворог окупував Красногорівку (Очеретинська громада).")
    assert got == {"Yasnohorivka": "Donetsk, 131"}
    got = where(ex, "Ворог окупував Красногорівку.")
    assert got == {"Krasnohorivka": "Donetsk, 130"}  # the town, when nothing says otherwise
    assert "Ocheretyne" not in where(ex, "Russian troops entered Yasnohorivka, in Ocheretyne "
                                         "hromada.")
