"""Kinds of wording the once-blind rounds missed in Ukrainian, General Staff and wire texts
(issue 13, i13k), each in general form over a tiny gazetteer of made-up rows. Sentences
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.text.extract import Extractor
from tests.text.tiny import tiny_extractor

ROWS = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (951, "Berizky", "Берізки,Березки,Berezki", "Donetsk", 900, 48.3, 37.4),
    (952, "Ozerne", "Озерне,Озерное,Ozernoye", "Donetsk", 700, 48.35, 37.5),
    (953, "Topolyne", "Тополине,Тополиное,Topolinoye", "Donetsk", 5000, 48.4, 37.6),
    (954, "Kharkivske", "Харківське,Харьковское", "Donetsk", 300, 48.2, 37.3),
    (955, "Donetskyi", "Донецький,Донецкий", "Luhansk", 800, 48.8, 38.5),
    (956, "Kalynove Pole", "Калинове Поле", "Donetsk", 200, 48.45, 37.7),
    (957, "Humeniuky", "Гуменюки", "Zhytomyr", 150, 50.3, 28.6),
]
DAY = dt.date(2025, 3, 10)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS)


def drafts(ex: Extractor, text: str, speaker: str | None = None) -> set[tuple]:
    return {(d.claimant, d.name, d.status, d.extent)
            for d in ex.extract(text, DAY, default_claimant=speaker, include_fighting=True)
            if d.kind == "settlement"}


def test_russian_channels_in_ukrainian_and_russian_are_milbloggers(ex) -> None:
    text = ("Поширені російськими телеграм-каналами повідомлення про захоплення Тополиного не "
            "відповідають дійсності.")
    assert drafts(ex, text, "ua_genstaff") == {
        ("ru_milblogger", "Topolyne", "russian", "full"),
        ("ua_genstaff", "Topolyne", "ukrainian", "full")}
    text = "Один из провоенных каналов написал, что штурмовые группы взяли Березки."
    assert drafts(ex, text) == {("ru_milblogger", "Berizky", "russian", "full")}


def test_a_reported_claims_makers_say_only_what_comes_before_the_denial(ex) -> None:
    # the denier's own words after the denial are not the makers' claim
    text = ("Інформація ворожих пабліків про захоплення Тополиного не відповідає дійсності – "
            "селище залишається в сірій зоні.")
    assert drafts(ex, text, "deepstate") == {
        ("ru_milblogger", "Topolyne", "russian", "full"),
        ("deepstate", "Topolyne", "contested", "full")}


def test_fighting_in_the_town_after_a_denial_is_the_deniers_claim(ex) -> None:
    text = ("Заяви міністерства оборони рф про нібито «звільнення» Тополиного не відповідають "
            "дійсності: бої в місті тривають.")
    assert drafts(ex, text, "ua_genstaff") == {
        ("ru_mod", "Topolyne", "russian", "full"),
        ("ua_genstaff", "Topolyne", "contested", "full")}
    text = "«Тополиное не взято, бои в городе продолжаются», — сказал Волошин."
    assert drafts(ex, text) == {("ua_military", "Topolyne", "contested", "full")}


def test_direction_adjectives_joined_by_a_conjunction_are_no_places(ex) -> None:
    text = "На Донецькому та Луганському напрямках відбито дев'ять атак ворога."
    assert drafts(ex, text, "ua_genstaff") == set()


def test_an_oblast_administration_is_no_place(ex) -> None:
    text = ("Голова Харківської обласної військової адміністрації повідомив, що під контроль "
            "ЗСУ повернуто Берізки.")
    assert drafts(ex, text) == {("ua_gov", "Berizky", "ukrainian", "full")}


def test_a_units_own_name_in_quotes_is_no_place(ex) -> None:
    text = ('Fighters of the 28th brigade "Kalynove Pole" captured enemy armour near the road. '
            "Речник угруповання військ «Тополине» заявив, що українські сили утримують Озерне.")
    assert drafts(ex, text, "ua_genstaff") == {("ua_military", "Ozerne", "ukrainian", "full")}


def test_a_surname_after_a_first_name_is_a_person(ex) -> None:
    text = "Речниця Наталія Гуменюк уточнила, що українські підрозділи утримують Озерне."
    assert drafts(ex, text) == {("ua_military", "Ozerne", "ukrainian", "full")}


def test_losses_taken_are_no_capture(ex) -> None:
    text = ("The spokesman said fighting was continuing in Ozerne and that Russian units had "
            "taken heavy losses in its streets.")
    assert drafts(ex, text) == {("ua_military", "Ozerne", "contested", "full")}
    text = "The spokesman said Russian assault units had taken heavy losses in Ozerne."
    assert {d[2] for d in drafts(ex, text)} <= {"contested"}


def test_talk_called_premature_and_unverified_reports_claim_nothing(ex) -> None:
    assert drafts(ex, "Представитель группировки «Таврия» заявил, что говорить о полном "
                      "захвате Озерного рано.") == set()
    assert drafts(ex, "Просимо не поширювати неперевірену інформацію про «звільнення» "
                      "Озерного.", "deepstate") == set()
    assert drafts(ex, "Trehubov said it was too early to speak of the capture of Ozerne.") \
        == set()


def test_a_recap_is_background(ex) -> None:
    assert drafts(ex, "Нагадаємо, що наприкінці серпня окупанти захопили Озерне.",
                  "deepstate") == set()
    assert drafts(ex, "Раніше звільнене Озерне зазнало обстрілу.", "ua_genstaff") == set()
    # a statement the speaker made earlier is still a claim
    assert drafts(ex, "Раніше Генштаб повідомляв, що українські військові звільнили Озерне.") \
        == {("ua_genstaff", "Ozerne", "ukrainian", "full")}


def test_dug_in_is_holding_and_restored_control_is_a_capture(ex) -> None:
    assert drafts(ex, "Наші війська закріпилися в Берізках.", "ua_genstaff") == {
        ("ua_genstaff", "Berizky", "ukrainian", "full")}
    assert drafts(ex, "Противник закріпився в південній частині Озерного.", "deepstate") == {
        ("deepstate", "Ozerne", "russian", "partial")}
    assert drafts(ex, "Противник намагається закріпитися в Озерному.", "ua_genstaff") == set()
    assert drafts(ex, "Унаслідок дій наших підрозділів відновлено контроль над населеним "
                      "пунктом Берізки.", "ua_genstaff") == {
        ("ua_genstaff", "Berizky", "ukrainian", "full")}


def test_ukrainian_withdrawal_wording(ex) -> None:
    for text in ("Міністерство оборони Росії ухвалило рішення вивести угруповання з Берізок.",
                 "Міністерство оборони Росії заявило, що війська виведено з Берізок.",
                 "Міністерство оборони Росії заявило про відведення військ з Берізок."):
        assert drafts(ex, text) == {("ru_mod", "Berizky", "ukrainian", "full")}, text
    text = "Наші підрозділи завершили відхід з міста Озерне на підготовлені позиції."
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Ozerne", "russian", "full")}


def test_seeping_in_is_an_advance_a_part_contested(ex) -> None:
    text = "Невеликі групи противника проникли до Озерного, зараз їх знищують."
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Ozerne", "contested", "partial")}
    text = "Диверсійні групи противника просочилися в Берізки."
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Berizky", "contested",
                                                "partial")}


def test_entering_alone_is_a_partial_advance_and_fighting_in_beside_a_held_part_is_whole(
        ex) -> None:
    assert drafts(ex, "The head of the regional military administration said Ukrainian units "
                      "had entered Ozerne.") == {
        ("ua_gov", "Ozerne", "contested", "partial")}
    assert drafts(ex, "Один из каналов написал, что штурмовые группы зашли в Березки.") == {
        ("ru_milblogger", "Berizky", "contested", "partial")}
    # the place itself fought over, our units holding a part of it: contested, whole
    text = "У Тополиному тривають бої, наші підрозділи утримують позиції в південній частині міста."
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Topolyne", "contested", "full")}
    # fighting only in a part, nothing held: that part
    text = "One milblogger claimed that fighting continues in Topolyne's northern microdistricts."
    assert drafts(ex, text) == {("ru_milblogger", "Topolyne", "contested", "partial")}


def test_a_quote_closed_before_a_hyphen_is_the_next_clauses_speakers(ex) -> None:
    # "», - заявив X": the hyphen cuts the clause; the quote, both its sentences, is X's, and
    # the enemy of its first sentence is no actor of the second
    text = ("«Ворог відступив від Тополиного. Звільнено Берізки та Озерне», - заявив голова "
            "Донецької ОВА.")
    assert {d for d in drafts(ex, text) if d[1] != "Topolyne"} == {
        ("ua_gov", "Berizky", "ukrainian", "full"), ("ua_gov", "Ozerne", "ukrainian", "full")}


def test_allegedly_is_the_reporters_distance_not_a_denial(ex) -> None:
    # «нібито» with nothing calling the claim false: still the maker's claim; and Putin,
    # reported to, is not the one speaking
    text = ("Міністр оборони РФ під час доповіді Путіну заявив, що російські війська нібито "
            "повністю взяли під контроль Озерне.")
    assert drafts(ex, text) == {("ru_mod", "Ozerne", "russian", "full")}


def test_places_in_general_are_no_reference_back(ex) -> None:
    # a count or a kind of place ("9 населених пунктів", «звільнені населені пункти»)
    # names none of the places before it
    text = ("Ворог просунувся в Тополиному, а також поблизу Озерного. Загалом за місяць "
            "противник окупував 9 населених пунктів на Донеччині.")
    assert drafts(ex, text, "deepstate") == {("deepstate", "Topolyne", "contested", "partial")}
    text = ("Наші війська закріпилися в Берізках. Противник продовжує обстрілювати звільнені "
            "населені пункти.")
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Berizky", "ukrainian", "full")}


def test_a_capture_this_summer_and_an_unmade_claim_are_no_claims(ex) -> None:
    text = ("За словами речника, ворог тисне з боку Озерного, яке російські війська захопили "
            "цього літа.")
    assert drafts(ex, text) == set()
    text = "У Міністерстві оборони Росії про захоплення Озерного офіційно не заявляли."
    assert drafts(ex, text) == set()


def test_a_share_of_ukraine_named_before_its_figure(ex) -> None:
    text = ("Загальна площа окупованої території України станом на 1 березня 2025 року, за "
            "нашими підрахунками, становить 18,2%.")
    assert [(d.claimant, d.share_pct, d.refers_to) for d in ex.extract(text, DAY, "deepstate")
            if d.kind == "territory"] == [("deepstate", 18.2, "2025-03-01")]


def test_a_purpose_phrase_ends_where_the_units_begin_and_a_risk_is_no_encirclement(ex) -> None:
    text = ("З метою збереження особового складу та уникнення оточення підрозділи Сил оборони "
            "вийшли з Озерного на визначені рубежі.")
    assert drafts(ex, text, "ua_genstaff") == {("ua_genstaff", "Ozerne", "russian", "full")}
    text = ("Ворог окупував Берізки: оборона села стала неможливою без ризику оточення, тому "
            "наш підрозділ відійшов.")
    assert {d.encircled for d in ex.extract(text, DAY, "deepstate")
            if d.kind == "settlement"} == {None}
    text = "Тополине повністю контролюється Силами оборони, оточення не допущено."
    assert {d.encircled for d in ex.extract(text, DAY, "ua_genstaff")
            if d.kind == "settlement"} == {False}


def test_a_place_before_its_participle_and_how_it_was_since_a_month(ex) -> None:
    # «Озерне звільнене»: the name is the participle's subject, not a title's adjective
    assert drafts(ex, "Зеленський заявив, що Тополине звільнене.") == {
        ("ua_gov", "Topolyne", "ukrainian", "full")}
    # a relative clause of how the place was since a month is background
    text = ("Зеленський заявив, що українські військові зачистили Озерне, яке з травня "
            "перебувало під контролем російських військ.")
    assert drafts(ex, text) == {("ua_gov", "Ozerne", "ukrainian", "full")}
    assert drafts(ex, "Озерне перебувало під російською окупацією з березня.", "ua_gov") == set()


def test_a_speakers_title_claims_nothing_and_occupation_heads_are_russias_government(
        ex) -> None:
    # "the governor of the part held by Russia", «очільник окупованої частини»: a title;
    # the other side's units said to be encircled in the place: contested, encircled
    for text in ("Vladimir Saldo, the Moscow-installed governor of the part of the region held "
                 "by Russia, said Ukrainian troops in Ozerne were blocked and encircled.",
                 "Призначений Росією очільник окупованої частини області Володимир Сальдо "
                 "стверджує, що українські десантники в Озерному «оточені і знищуються»."):
        assert [(d.claimant, d.status, d.encircled) for d in ex.extract(text, DAY)
                if d.kind == "settlement"] == [("ru_gov", "contested", True)], text
    # a capture said before the speaker and a comma stays the speaker's claim
    text = "Russian forces have captured Ozerne, the Defence Ministry said on Wednesday."
    assert drafts(ex, text) == {("ru_mod", "Ozerne", "russian", "full")}


def test_a_brigades_command_or_press_service_is_ukraines_military(ex) -> None:
    text = "Командування 68-ї окремої єгерської бригади повідомило, що її бійці звільнили Озерне."
    assert drafts(ex, text) == {("ua_military", "Ozerne", "ukrainian", "full")}


def test_entered_the_outskirts_is_in_the_place_not_near_it(ex) -> None:
    """A fresh user's report (2026-12-04): "entered the outskirts of X" is an advance into
    the town's edge, and "fighting in the town" after it is about X, not about the village
    named in the sentence before."""
    text = ("Russia's Defence Ministry said its forces had captured the village of Berizky. "
            "Russian forces have entered the outskirts of Topolyne, Ukraine's military said, "
            "adding that fighting was continuing in the town.")
    got = {(d.claimant, d.name, d.status) for d in ex.extract(text, DAY)
           if d.kind == "settlement"}
    assert ("ua_military", "Topolyne", "contested") in got
    assert not any(c == "ua_military" and n == "Berizky" for c, n, _ in got)
