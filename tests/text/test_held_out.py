"""Classes of misses on held-out text (issue 13, fifth round), each in general form: a
control claim beside fighting in the rest of the town, purpose clauses, who withdraws,
speakers named after the claim or referred to ("по его словам", "one wrote"), kinds of
speaker, shares and pieces of a town in Russian, and Cyrillic wording. Sentences made up
for these tests, over test_failure_classes' tiny gazetteer."""

from __future__ import annotations

import pytest

from geo.text.extract import Extractor
from tests.text.test_conventions import claims
from tests.text.test_failure_classes import ROWS
from tests.text.tiny import tiny_extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS)


def enc(ex: Extractor, text: str, speaker: str | None = None) -> set[tuple]:
    """Claims with their encirclement flag."""
    import datetime as dt
    return {(d.claimant, d.name, d.status, d.extent, d.encircled)
            for d in ex.extract(text, dt.date(2025, 11, 20), speaker) if d.kind == "settlement"}


def test_control_of_part_stands_beside_fighting_in_the_rest(ex: Extractor) -> None:
    got = claims(ex, "An army spokesman said Ukrainian troops held most of Siversk but that "
                     "fighting was still going on in its eastern streets.")
    assert got == {("ua_military", "Siversk", "ukrainian", "partial")}
    got = claims(ex, "Наші підрозділи утримують позиції в західній частині Сіверська, бої "
                     "тривають на східній околиці.", "ua_genstaff")
    assert got == {("ua_genstaff", "Siversk", "ukrainian", "partial")}
    # "the village is contested" is whole contested, whoever holds positions in it
    got = claims(ex, "The border guards said Ukrainian forces continue to hold positions in "
                     "Siversk and that the village is contested.", "isw")
    assert got == {("isw", "Siversk", "contested", "full")}
    # repelling attacks near a place says nobody holds it
    got = claims(ex, "Our defenders repelled 14 assaults near Siversk, where fighting "
                     "continues.", "ua_genstaff")
    assert got == {("ua_genstaff", "Siversk", "contested", "full")}
    # a denial's flip still gives way to the fighting said beside it
    got = claims(ex, "Kyiv denied that Siversk had fallen, saying its troops were still "
                     "fighting inside the town.")
    assert got == {("ua_gov", "Siversk", "contested", "full")}  # "Kyiv": convention 12


def test_a_purpose_phrase_does_not_make_the_withdrawal_hypothetical(ex: Extractor) -> None:
    got = claims(ex, "Щоб уникнути оточення та зберегти особовий склад, наші підрозділи "
                     "вийшли з міста Сіверськ на Донеччині.", "ua_genstaff")
    assert got == {("ua_genstaff", "Siversk", "russian", "full")}
    assert claims(ex, "Russian troops were trying to take Siversk.", "ua_genstaff") == set()


def test_the_withdrawing_side_concedes_whichever_side_it_is(ex: Extractor) -> None:
    got = claims(ex, "Russia's Defence Ministry said on Monday it was withdrawing its troops "
                     "from Siversk and Torske to regroup.")
    assert got == {("ru_mod", "Siversk", "ukrainian", "full"),
                   ("ru_mod", "Torske", "ukrainian", "full")}
    got = claims(ex, "Міністерство оборони РФ повідомило, що завершило відведення своїх "
                     "військ з Сіверська.")
    assert got == {("ru_mod", "Siversk", "ukrainian", "full")}
    got = claims(ex, "The General Staff confirmed that the command had authorised a "
                     "manoeuvre out of Siversk.", "deepstate")
    assert got == {("ua_genstaff", "Siversk", "russian", "full")}


def test_a_sentence_that_only_attributes_names_the_speaker_before_it(ex: Extractor) -> None:
    got = claims(ex, "Наші підрозділи відійшли з Сіверська, щоб зберегти особовий склад. Про "
                     "це в ефірі телемарафону повідомив речник угруповання.")
    assert got == {("ua_military", "Siversk", "russian", "full")}
    got = claims(ex, "Российские войска установили контроль над Торским. Об этом вечером "
                     "сообщили в министерстве обороны России.")
    assert got == {("ru_mod", "Torske", "russian", "full")}


def test_his_words_and_one_of_them_refer_to_the_speaker_before(ex: Extractor) -> None:
    got = claims(ex, "Начальник Генштаба Герасимов доложил о ходе операции. По его словам, "
                     "под контролем российских войск находится 70 процентов территории "
                     "Сиверска.", "ru_mod")
    assert got == {("ru_genstaff", "Siversk", "russian", "partial")}
    got = claims(ex, "Pro-Kremlin war correspondents sounded gloomier. One wrote that "
                     "Russian troops were still holding Siversk.")
    assert got == {("ru_milblogger", "Siversk", "russian", "full")}


def test_more_kinds_of_speaker(ex: Extractor) -> None:
    assert claims(ex, "Військовий кореспондент одного з російських каналів написав, що "
                      "Торське захопили.") == {("ru_milblogger", "Torske", "russian", "full")}
    assert claims(ex, "Речниця угруповання наголосила: Торське досі окуповане.") == {
        ("ua_military", "Torske", "russian", "full")}
    assert claims(ex, "The Ukrainian 3rd Army Corps said its units held Siversk.") == {
        ("ua_military", "Siversk", "ukrainian", "full")}
    assert claims(ex, "По словам представителя оперативно-тактической группировки, город "
                      "Сиверск под контролем наших подразделений.") == {
        ("ua_military", "Siversk", "ukrainian", "full")}


def test_shares_and_quarters_of_a_town_in_russian(ex: Extractor) -> None:
    assert claims(ex, "Наши подразделения контролируют свыше 40% застройки Сиверска.",
                  "ru_mod") == {("ru_mod", "Siversk", "russian", "partial")}
    assert enc(ex, "В Торском установлен контроль над западными кварталами, находящиеся в "
                   "посёлке подразделения ВСУ заблокированы.", "ru_mod") == {
        ("ru_mod", "Torske", "russian", "partial", True)}
    assert claims(ex, 'Putin said Russian troops held "roughly 60 percent" of Siversk.') == {
        ("ru_gov", "Siversk", "russian", "partial")}


def test_returned_under_ukrainian_control(ex: Extractor) -> None:
    got = claims(ex, "Про повернення Торського під український контроль повідомила заступниця "
                     "міністра оборони Ганна Маляр.")
    assert got == {("ua_gov", "Torske", "ukrainian", "full")}


def test_an_encirclement_denied_in_other_words(ex: Extractor) -> None:
    assert enc(ex, '"Our units hold the northern part of Siversk. There is no encirclement '
                   'of the town," a spokesman for the corps said.') == {
        ("ua_military", "Siversk", "ukrainian", "partial", False)}
    assert enc(ex, "A spokesman said Ukrainian forces are holding the eastern part of Siversk "
                   "and denied Russian claims that Ukrainian troops there are encircled.") == {
        ("ua_military", "Siversk", "ukrainian", "partial", False)}
    # the clause's speaker calls others' claims false: the speaker's claim, not the reporter's
    assert enc(ex, "The Ukrainian 7th Rapid Response Corps stated that Ukrainian forces "
                   "continue to hold positions in southern Siversk and called Russian claims "
                   'of encirclement "fiction."', "isw") == {
        ("ua_military", "Siversk", "ukrainian", "partial", False)}


def test_a_share_of_the_next_place_keeps_the_list_verb(ex: Extractor) -> None:
    got = enc(ex, 'Putin claimed that Russian forces control "about 70 percent" of Siversk '
                  "and most of Torske and have encircled both towns.")
    assert ("ru_gov", "Torske", "russian", "partial", True) in got
    assert {g[:4] for g in got} == {("ru_gov", "Siversk", "russian", "partial"),
                                    ("ru_gov", "Torske", "russian", "partial")}


def test_a_microraion_is_a_piece_of_the_town_named_with_it(ex: Extractor) -> None:
    got = claims(ex, "Footage shows Russian forces in the Shakhta Microraion of eastern "
                     "Siversk. ISW assesses that Russian forces likely control most of the "
                     "Shakhta Microraion. A Ukrainian spokesman stated that Ukrainian forces "
                     "had withdrawn from the Shakhta Microraion. One milblogger claimed that "
                     "Russian forces seized the entire microraion.", "isw")
    assert got == {("isw", "Siversk", "russian", "partial"),
                   ("ua_military", "Siversk", "russian", "partial"),
                   ("ru_milblogger", "Siversk", "russian", "partial")}


def test_occupied_is_said_of_the_invader(ex: Extractor) -> None:
    assert claims(ex, "Siversk: after two years of defence, the town has been marked as "
                      "occupied.", "deepstate") == {("deepstate", "Siversk", "russian", "full")}


def test_failed_attempts_and_counterattacks_are_fighting(ex: Extractor) -> None:
    text = "Противник здійснив 6 безуспішних спроб просунутися в районах Сіверська та Торського."
    assert claims(ex, text, "ua_genstaff") == set()
    text = ("In the Lyman direction, the enemy advanced near Torske, where the Defence Forces "
            "counterattacked and restored part of their positions.")
    assert claims(ex, text, "deepstate") == set()


def test_a_decimal_comma_share_and_a_conjunction_that_is_no_place(ex: Extractor) -> None:
    assert claims(ex, "За нашими підрахунками, окупованими наразі залишаються близько 17,4% "
                      "території України.", "deepstate") == {("deepstate", 17.4)}
    assert claims(ex, "Кроме того, российские войска освободили село Торское.", "ru_mod") == {
        ("ru_mod", "Torske", "russian", "full")}


def test_the_town_after_the_one_place_named_as_ground(ex: Extractor) -> None:
    text = ('"Given the situation around Siversk, in order to avoid encirclement, I decided '
            'to withdraw our units from the town," the Ukrainian commander wrote.')
    assert claims(ex, text) == {("ua_military", "Siversk", "russian", "full")}
    text = ("Під Сіверськом ситуація складна. Північна частина міста — під контролем наших "
            "воїнів, за решту тривають бої.")
    assert claims(ex, text, "deepstate") == {("deepstate", "Siversk", "ukrainian", "partial")}


def test_markup_between_the_context_word_and_the_name(ex: Extractor) -> None:
    text = ('<p>In the Lyman direction, the enemy advanced near <a href="https://deepstatemap.'
            'live/#14/49.6414/37.8981">Torske</a>, where the Defence Forces counterattacked.</p>')
    assert claims(ex, text, "deepstate") == set()


def test_a_sentence_that_calls_the_one_before_an_error_takes_it_back(ex: Extractor) -> None:
    text = ("The enemy occupied Torske. In our last update, part of Siversk was shown as "
            "occupied by Russian forces. This was an error on our side, and the map has been "
            "corrected.")
    assert claims(ex, text, "deepstate") == {("deepstate", "Torske", "russian", "full"),
                                             ("deepstate", "Siversk", "ukrainian", "partial")}


def test_a_speaker_named_inside_the_sentence_and_the_entire_town(ex: Extractor) -> None:
    text = ("The MoD claimed that Russian forces completed the liberation of Siversk, two days "
            "after Wagner Group financier Yevgeny Prigozhin claimed that Wagner fighters alone "
            "had taken the entire town.")
    assert claims(ex, text, "isw") == {("ru_mod", "Siversk", "russian", "full"),
                                       ("ru_milblogger", "Siversk", "russian", "full")}


def test_reported_statements_and_their_makers_in_cyrillic(ex: Extractor) -> None:
    got = claims(ex, "Поширювані російськими воєнкорами твердження про нібито повне захоплення "
                     "Сіверська не відповідають дійсності.", "ua_genstaff")
    assert got == {("ru_milblogger", "Siversk", "russian", "full")}
    got = claims(ex, "Распространяемые киевским режимом утверждения о том, что подразделения "
                     "ВСУ удерживают Сиверск, не соответствуют действительности.", "ru_mod")
    assert ("ua_gov", "Siversk", "ukrainian", "full") in got


def test_a_past_month_after_the_name_is_background(ex: Extractor) -> None:
    assert claims(ex, "Після звільнення Торського наприкінці липня це вже друге село в "
                      "долині.", "deepstate") == set()


def test_most_and_a_third_of_a_town_in_russian(ex: Extractor) -> None:
    assert claims(ex, "По словам представителя ОТГ, основная часть Сиверска под контролем "
                      "наших подразделений.") == {("ua_military", "Siversk", "ukrainian",
                                                   "partial")}
    assert claims(ex, "Автор одного из Z-каналов утверждает, что российские штурмовые отряды "
                      "вошли в Сиверск и удерживают около трети его застройки.") == {
        ("ru_milblogger", "Siversk", "russian", "partial")}


def test_semi_encircled_is_no_encirclement_and_a_landmark_no_referent(ex: Extractor) -> None:
    assert claims(ex, 'Syrskyi said Ukrainian forces are advancing on the outskirts of Siversk '
                      'and have "semi-encircled" the city.') == set()
    text = ("Russian forces advanced in eastern Siversk. ISW assesses that Russian forces "
            "likely control most of the Shakhta microdistrict east of Torske. One Russian "
            "milblogger claimed that Russian forces seized the entire microdistrict.")
    assert claims(ex, text, "isw") == {("isw", "Siversk", "russian", "partial"),
                                       ("ru_milblogger", "Siversk", "russian", "partial")}


def test_a_bullet_is_its_own_paragraph_for_the_region_it_names(ex: Extractor) -> None:
    text = ("Key Takeaways:\n- Ukrainian forces continued limited offensive operations in Kursk "
            "Oblast on August 27.\n- Russian forces recently advanced in Siversk and Torske.")
    assert claims(ex, text, "isw") == {("isw", "Siversk", "contested", "partial"),
                                       ("isw", "Torske", "contested", "partial")}


def test_a_speaker_described_by_another_is_still_the_speaker(ex: Extractor) -> None:
    text = ("The open-source DeepState project, which is close to Ukraine's military, said in "
            "its latest update that most of Siversk was now a grey zone.")
    assert claims(ex, text) == {("deepstate", "Siversk", "contested", "partial")}


def test_the_other_sides_units_holding_out_is_contested(ex: Extractor) -> None:
    assert claims(ex, "Several Russian military bloggers claimed that small groups of "
                      "Ukrainian soldiers were still holding out inside Siversk.") == {
        ("ru_milblogger", "Siversk", "contested", "full")}
    assert claims(ex, "Военный корреспондент написал, что разрозненные группы ВСУ всё ещё "
                      "остаются на территории завода на северной окраине Сиверска.") == {
        ("ru_milblogger", "Siversk", "contested", "partial")}
    assert claims(ex, "Наші підрозділи залишаються в Сіверську.", "ua_genstaff") == {
        ("ua_genstaff", "Siversk", "ukrainian", "full")}


def test_who_controls_it_named_after_the_verb(ex: Extractor) -> None:
    text = ("«Окремі диверсійні групи ворога проникають на околиці міста, їх знищують. "
            "Сіверськ контролюють Сили оборони, жодного оточення немає», — наголосив речник.")
    assert enc(ex, text) == {("ua_military", "Siversk", "ukrainian", "full", False)}


def test_holding_the_outskirts_is_holding_part_of_the_town(ex: Extractor) -> None:
    assert claims(ex, "A Ukrainian brigade spokesperson said that Ukrainian forces hold the "
                      "northern outskirts of Siversk.") == {
        ("ua_military", "Siversk", "ukrainian", "partial")}


def test_the_enemy_not_having_entered_is_the_speakers_side_holding(ex: Extractor) -> None:
    text = ("Fighting is also continuing on the northern outskirts of Siversk. Contrary to some "
            "reports, the enemy has not entered the town itself; the situation there is "
            "difficult but under control.")
    assert claims(ex, text, "deepstate") == {("deepstate", "Siversk", "ukrainian", "full")}
