"""The MoD bulletin and General Staff report rules on short texts of our own in each
publisher's style."""

from __future__ import annotations

from geo.ingest.bulletins import parse_bulletin
from geo.ingest.genstaff import parse_report


def rows(statements: list) -> list[tuple]:
    return [(s.name, s.kind, s.status, s.extent, s.part, s.encircled, s.oblast, s.certain)
            for s in statements]


def test_liberated_list_with_region_phrase() -> None:
    text = ("Units of the Tsentr Group of Forces, through decisive actions, liberated the "
            "settlements of Rodinskoye, Belitskoye and Zverevo in the Donetsk People's Republic.")
    assert [(n, st, ob, c) for n, _, st, _, _, _, ob, c in rows(parse_bulletin(text))] == [
        ("Rodinskoye", "russian", "Donetsk", True), ("Belitskoye", "russian", "Donetsk", True),
        ("Zverevo", "russian", "Donetsk", True)]


def test_two_regions_in_one_sentence_and_control_established() -> None:
    text = ("Units of the Dnepr Group of Forces took control of Stepnogorsk (Zaporozhye "
            "region) and Dachnoye in the Dnepropetrovsk region. Control has been established "
            "over the village of Kotlino.")
    got = [(s.name, s.oblast) for s in parse_bulletin(text)]
    assert got == [("Stepnogorsk", "Zaporizhzhia"), ("Dachnoye", "Dnipropetrovsk"),
                   ("Kotlino", None)]


def test_the_republic_is_a_region_not_the_city() -> None:
    text = "Units liberated Novoselovka in the Donetsk People's Republic."
    assert [s.name for s in parse_bulletin(text)] == ["Novoselovka"]


def test_partial_passive_and_encircled() -> None:
    text = ("More than 60% of the territory of Kupyansk has been liberated. In Dimitrov, "
            "Russian units control over 40% of the city. The encircled AFU formations in "
            "Krasnoarmeysk and Dimitrov are being destroyed.")
    got = rows(parse_bulletin(text))
    assert ("Kupyansk", "claim", "russian", "partial", "more than 60%", None, None, True) in got
    assert ("Dimitrov", "claim", "russian", "partial", "over 40%", None, None, True) in got
    assert ("Krasnoarmeysk", "claim", "contested", "full", "", True, None, True) in got
    assert ("Dimitrov", "claim", "contested", "full", "", True, None, True) in got


def test_fighting_near_is_a_draft_and_strikes_give_nothing() -> None:
    text = ("Units of the Yug Group of Forces inflicted losses on two AFU brigades close to "
            "Seversk and Konstantinovka. Precision strikes hit fuel depots near Kramatorsk "
            "and Pavlograd. Air defence shot down 40 drones over Kursk region.")
    got = rows(parse_bulletin(text))
    assert [(n, k, c) for n, k, _, _, _, _, _, c in got] == [
        ("Seversk", "fighting", False), ("Konstantinovka", "fighting", False)]


def test_gerasimov_speaks_for_the_general_staff() -> None:
    text = ("Chief of the General Staff Valery Gerasimov heard reports at a command post. He "
            "said the troops completed the liberation of the city of Krasnoarmeysk.")
    assert [(s.name, s.claimant) for s in parse_bulletin(text)] == [
        ("Krasnoarmeysk", "ru_genstaff")]


def test_russian_bulletin() -> None:
    text = ("Подразделения группировки войск «Центр» освободили населённые пункты Родинское и "
            "Белицкое в Донецкой Народной Республике. Установлен контроль над Красноармейском.")
    assert [(s.name, s.oblast) for s in parse_bulletin(text)] == [
        ("Родинское", "Donetsk"), ("Белицкое", "Donetsk"), ("Красноармейском", None)]


def test_genstaff_directions_are_not_claims() -> None:
    text = ("In the Pokrovsk direction, the enemy attacked 20 times in the areas of Rodynske, "
            "Myrnohrad and towards Hryshyne.\n\nIn the Kupiansk direction, 3 attacks near "
            "Petropavlivka.")
    got = parse_report(text)
    assert [(s.name, s.kind) for s in got] == [
        ("Rodynske", "fighting"), ("Myrnohrad", "fighting"), ("Hryshyne", "fighting"),
        ("Petropavlivka", "fighting")]
    assert got[0].anchor_names[0].startswith("Pokrovsk")
    assert got[-1].anchor_names[0].startswith("Kupiansk")


def test_genstaff_explicit_statements() -> None:
    text = ("Russian claims about the capture of Pereizne are false. Our defenders hold the "
            "northern part of Pokrovsk. Our units withdrew from the village of Dachne to "
            "better positions. Fighting continues in Siversk.")
    got = [(s.name, s.status, s.extent, s.part) for s in parse_report(text)]
    assert got == [("Pereizne", "ukrainian", "full", ""),
                   ("Pokrovsk", "ukrainian", "partial", "northern part"),
                   ("Dachne", "russian", "full", ""), ("Siversk", "contested", "full", "")]


def test_genstaff_ukrainian() -> None:
    text = ("На Покровському напрямку ворог атакував 12 разів у районах населених пунктів "
            "Родинське, Мирноград та в бік Гришиного. Інформація про захоплення ворогом "
            "Переїзного не відповідає дійсності. Наші підрозділи відійшли з населеного пункту "
            "Дачне на Дніпропетровщині. У Покровську тривають зачисні дії.")
    got = [(s.name, s.kind, s.status, s.oblast) for s in parse_report(text)]
    assert ("Переїзного", "claim", "ukrainian", None) in got
    assert ("Дачне", "claim", "russian", "Dnipropetrovsk") in got
    assert ("Покровську", "claim", "contested", None) in got
    assert {n for n, k, *_ in got if k == "fighting"} == {"Родинське", "Мирноград",
                                                           "Гришиного"}
