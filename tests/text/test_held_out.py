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
    assert got == {("ua_military", "Siversk", "contested", "full")}


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
