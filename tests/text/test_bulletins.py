"""Bulletins read by their structure: a list's head governs every member (liberated, taken,
"in the areas of"), a raion named after a list places all of it, and Russian spellings of
Ukrainian places find them. Made-up texts in the styles of the General Staff and the
Russian MoD, over a tiny gazetteer of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.text.extract import Extractor
from geo.text.lists import enumerations, is_glue
from tests.text.tiny import tiny_extractor

DAY = dt.date(2025, 11, 20)

ROWS = [  # geonameid, name, alternatenames, oblast, raion, population, lat, lon
    (201, "Zmiivka", "Зміївка,Змиевка", "Kherson", "Beryslav Raion", 2000, 46.95, 33.60),
    (202, "Mylove", "Милове,Милово", "Kherson", "Beryslav Raion", 1000, 47.00, 33.90),
    (203, "Biliaivka", "Біляївка,Беляевка", "Kherson", "Beryslav Raion", 300, 47.10, 33.70),
    (204, "Biliaivka", "Біляївка,Беляевка", "Odesa", "Odeskyi Raion", 11000, 46.48, 30.20),
    (205, "Ukrainka", "Українка,Украинка", "Kherson", "Beryslav Raion", 400, 47.05, 33.80),
    (206, "Ukrainka", "Українка,Украинка", "Zaporizhzhia", "Melitopol Raion", 1500, 46.90,
     35.40),
    (207, "Novokairy", "Новокаїри,Новокаиры", "Kherson", "Beryslav Raion", 700, 47.20, 33.50),
    (210, "Nevske", "Невське,Невское", "Luhansk", "Sievierodonetsk Raion", 300, 49.10, 38.10),
    (211, "Dyliivka", "Ділеївка,Дилеевка", "Donetsk", "Bakhmut Raion", 500, 48.40, 37.80),
    (212, "Shcherbynivka", "Щербинівка,Щербиновка", "Donetsk", "Bakhmut Raion", 1400, 48.42,
     37.78),
    (213, "Pivnichne", "Північне,Северное", "Donetsk", "Bakhmut Raion", 4000, 48.39, 37.85),
    (214, "Nelipivka", "Неліпівка,Нелеповка", "Donetsk", "Bakhmut Raion", 600, 48.41, 37.83),
    (220, "Lysychansk", "Лисичанськ,Лисичанск,Lisichansk", "Luhansk", "Sievierodonetsk Raion",
     95000, 48.90, 38.43),
    (221, "Pryvillia", "Привілля,Приволье,Privolye", "Luhansk", "Sievierodonetsk Raion", 6000,
     48.97, 38.30),
    (222, "Novodruzhesk", "Новодружеськ,Новодружеск", "Luhansk", "Sievierodonetsk Raion",
     7000, 48.96, 38.34),
    (230, "Verkhnokamianka", "Верхньокам'янка", "Luhansk", "Sievierodonetsk Raion", 400,
     48.92, 38.40),
    (231, "Verkhokamianka", "Verkhnekamenka", "Odesa", "Odeskyi Raion", 900, 46.50, 30.50),
]


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS)


def drafts(ex: Extractor, text: str, speaker: str, fighting: bool = False) -> set[tuple]:
    return {(d.kind, d.name, d.status) for d in ex.extract(
        text, DAY, default_claimant=speaker, include_fighting=fighting)
        if d.kind != "territory"}


def test_list_glue_joins_members_and_stops_at_a_verb() -> None:
    assert is_glue(", ") and is_glue(" та ") and is_glue(" in the Luhansk region, ")
    assert is_glue(" and several nearby villages, the largest of which are ")
    assert is_glue(" и ряд населённых пунктов, крупнейшие из которых ")
    assert not is_glue(" and advanced near ") and not is_glue(". Troops took ")


def test_a_liberated_list_is_read_whole_as_the_liberators_claim(ex: Extractor) -> None:
    text = ("Згідно з уточненими даними, від окупантів звільнено населені пункти Зміївка, "
            "Милове, Біляївка, Новокаїри та Українка Бериславського району.")
    got = drafts(ex, text, "ua_genstaff")
    assert got == {("settlement", n, "ukrainian") for n in
                   ("Zmiivka", "Mylove", "Biliaivka", "Novokairy", "Ukrainka")}


def test_repelled_attacks_in_a_list_of_areas_are_fighting_not_control(ex: Extractor) -> None:
    text = ("Over the past day our defenders repelled 23 attacks in the areas of 9 "
            "settlements, among them Nevske in the Luhansk region, Dyliivka, Shcherbynivka, "
            "Pivnichne and Nelipivka in the Donetsk region.")
    assert drafts(ex, text, "ua_genstaff") == set()
    got = drafts(ex, text, "ua_genstaff", fighting=True)
    assert got == {("fighting", n, None) for n in
                   ("Nevske", "Dyliivka", "Shcherbynivka", "Pivnichne", "Nelipivka")}
    text = ("Протягом доби Сили оборони відбили атаки противника в районах населених пунктів "
            "Невське Луганської області, Ділеївка, Щербинівка, Північне та Неліпівка.")
    assert drafts(ex, text, "ua_genstaff") == set()


def test_the_largest_of_which_are_claims_every_settlement_named(ex: Extractor) -> None:
    text = ("Units of the Yug Group of Forces have taken full control of the city of "
            "Lisichansk and a number of nearby settlements, the largest of which are "
            "Privolye and Novodruzhesk.")
    assert drafts(ex, text, "ru_mod") == {("settlement", n, "russian") for n in
                                          ("Lysychansk", "Pryvillia", "Novodruzhesk")}
    text = ("Подразделения группировки войск «Юг» установили полный контроль над городом "
            "Лисичанск и рядом близлежащих населённых пунктов, крупнейшие из которых "
            "Приволье и Новодружеск.")
    assert drafts(ex, text, "ru_mod") == {("settlement", n, "russian") for n in
                                          ("Lysychansk", "Pryvillia", "Novodruzhesk")}


def test_enumerations_group_neighbours_joined_only_by_glue() -> None:
    class M:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    text = "near Alpha, Beta and Gamma; took Delta"
    spans = [M(text.index(w), text.index(w) + len(w)) for w in ("Alpha", "Beta", "Gamma",
                                                                 "Delta")]
    assert enumerations(text, spans) == [[0, 1, 2], [3]]


def test_a_raion_named_after_a_list_places_every_member(ex: Extractor) -> None:
    for text in ("Від окупантів звільнено населені пункти Біляївка та Українка "
                 "Бериславського району.",
                 "Our units liberated Biliaivka and Ukrainka in the Beryslav district."):
        got = {(d.name, d.geonames_id, d.status) for d in ex.extract(
            text, DAY, default_claimant="ua_genstaff")}
        assert got == {("Biliaivka", 203, "ukrainian"), ("Ukrainka", 205, "ukrainian")}, text
        why = {d.why_place for d in ex.extract(text, DAY, default_claimant="ua_genstaff")}
        assert all("in the raion named with it (Beryslav Raion)" in w for w in why)


def test_the_city_after_a_list_of_other_places_fought_over_is_none_before(
        ex: Extractor) -> None:
    text = ("Наші підрозділи вийшли з населеного пункту Зміївка. Противник атакував у "
            "районах Милового та Новокаїр. Наші воїни утримують позиції в західній частині "
            "міста.")
    assert drafts(ex, text, "ua_genstaff") == {("settlement", "Zmiivka", "russian")}


def test_a_russian_spelling_finds_the_place_among_the_texts_others(ex: Extractor) -> None:
    text = ("The Russian Ministry of Defence said its troops had taken Lisichansk and "
            "Verkhnekamenka.")
    got = {(d.name, d.geonames_id) for d in ex.extract(text, DAY)}
    assert got == {("Lysychansk", 220), ("Verkhnokamianka", 230)}
    why = next(d.why_place for d in ex.extract(text, DAY) if d.geonames_id == 230)
    assert "a variant spelling" in why
    # alone, with no other place near it, the one exact name stands
    alone = ex.extract("The ministry said its troops had taken Verkhnekamenka.", DAY,
                       default_claimant="ru_mod")
    assert [d.geonames_id for d in alone] == [231]


def test_a_bulletin_denying_two_makers_statements_gives_each_its_claim(
        ex: Extractor) -> None:
    text = ("Заяви пригожина та міністерства оборони рф про взяття Зміївки не "
            "відповідають дійсності.")
    got = {(d.claimant, d.name, d.status) for d in ex.extract(
        text, DAY, default_claimant="ua_genstaff")}
    assert {("ru_mod", "Zmiivka", "russian"), ("ru_milblogger", "Zmiivka", "russian")} <= got


def test_fighting_for_the_village_continues_after_a_denial_is_contested(
        ex: Extractor) -> None:
    text = ("The statement of the Russian Ministry of Defence about the capture of Mylove "
            "is not true. Heavy fighting for the village continues.")
    got = {(d.claimant, d.name, d.status) for d in ex.extract(
        text, DAY, default_claimant="ua_genstaff")}
    assert got == {("ru_mod", "Mylove", "russian"), ("ua_genstaff", "Mylove", "contested")}


def test_a_region_after_the_town_of_b_places_b_only(ex: Extractor) -> None:
    text = ("Russian troops had captured the village of Ukrainka and the town of Novokairy "
            "in the Zaporizhzhia region.")
    why = {d.name: d.why_place for d in ex.extract(text, DAY, default_claimant="ru_mod")}
    assert "in the oblast named with it" not in why["Ukrainka"]


def test_a_threat_of_encirclement_is_no_encirclement_claim(ex: Extractor) -> None:
    text = ("Міністерство оборони Росії заявило, що через загрозу оточення його війська "
            "відведено з Милового.")
    assert not [d for d in ex.extract(text, DAY) if d.encircled]


def test_clearing_the_area_after_a_liberation_is_no_fight_for_the_place(
        ex: Extractor) -> None:
    text = "The Defence Forces liberated Mylove and continue clearing the area."
    assert drafts(ex, text, "ua_genstaff") == {("settlement", "Mylove", "ukrainian")}
    assert drafts(ex, "Russian forces are clearing Mylove.", "ru_mod") == {
        ("settlement", "Mylove", "contested")}
