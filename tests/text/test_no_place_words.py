"""Words that look like places but are not: a surname in a case form after its title, a
river named by its bank, Crimea as a region. Each one has a namesake settlement in this
tiny gazetteer, which no claim may ever be about. Sentences in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.places.fold import fold
from geo.text.extract import Extractor
from geo.text.nonplaces import known_person
from tests.text.tiny import tiny_extractor

DAY = dt.date(2025, 11, 20)
ROWS = [  # geonameid, name, alternatenames, oblast, raion, population, lat, lon
    (301, "Harasymiv", "Герасимів,Герасимов,Герасімов", "Ivano-Frankivsk", "", 900, 48.70, 25.20),
    (302, "Krym", "Крим,Крым", "Donetsk", "", 300, 48.10, 37.90),
    (303, "Dnipro", "Дніпро,Днепр,Dnipropetrovsk", "Dnipropetrovsk", "", 980000, 48.45,
     35.04),
]


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS, milbloggers=False)


def names(ex: Extractor, text: str, speaker: str) -> set[str]:
    return {d.name or "" for d in ex.extract(text, DAY, default_claimant=speaker,
                                             include_fighting=True)
            if d.kind != "territory"}


def test_a_known_surname_in_any_case_form_is_a_person() -> None:
    assert all(known_person(fold(w)) for w in ("Герасимова", "Герасімова", "Шойгу",
                                               "Сирського", "Gerasimov's"[:-2]))
    assert not known_person(fold("Покровська")) and not known_person(fold("Краматорськ"))


def test_a_title_with_its_own_words_before_a_surname(ex: Extractor) -> None:
    text = ("Слова начальника генштабу рф Герасімова про захоплення Куп'янська не "
            "відповідають дійсності, наголосили в Генштабі ЗСУ.")
    assert "Harasymiv" not in names(ex, text, "ua_genstaff")


def test_a_river_named_by_its_bank_is_no_city(ex: Extractor) -> None:
    text = ("Підрозділи Сил оборони утримують позиції на лівобережжі Дніпра, повідомили "
            "в Генштабі.")
    assert "Dnipro" not in names(ex, text, "ua_genstaff")
    text = ("The ministry said its troops had pushed Ukrainian units off the left bank of "
            "the Dnipro.")
    assert "Dnipro" not in names(ex, text, "ru_mod")


def test_crimea_in_a_share_of_the_country_is_no_village(ex: Extractor) -> None:
    text = ("По словам источника, Россия удерживает примерно пятую часть Украины, включая "
            "Крым.")
    assert "Krym" not in names(ex, text, "ua_gov")
