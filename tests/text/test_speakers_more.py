"""Who said it (issue 13, class 3): Ukraine's own defence ministry and city heads are its
government, its military intelligence is its military, a quotation attributed to a voice
we do not list is nobody's claim (not the previous sentence's speaker's), "taken back" is
a capture, and a place on the road to another is context. Made-up sentences over
test_conventions' tiny fixture."""

from __future__ import annotations

from geo.text.extract import Extractor
from tests.text.test_conventions import claims, ex

__all__ = ["ex"]  # the module's fixture, shared


def test_ukraines_defence_ministry_is_its_government(ex: Extractor) -> None:
    assert claims(ex, "Ukraine's Defence Ministry said troops had taken back Torske.") == {
        ("ua_gov", "Torske", "ukrainian", "full")}
    assert claims(ex, "Deputy Minister Hanna Maliar said the army had got Torske back.") == {
        ("ua_gov", "Torske", "ukrainian", "full")}


def test_a_mayor_speaks_for_the_government_unless_russia_installed_him(ex: Extractor) -> None:
    assert claims(ex, "The town's mayor said Ukrainian forces still hold Siversk.") == {
        ("ua_gov", "Siversk", "ukrainian", "full")}
    assert ("ua_gov", "Siversk", "russian", "full") not in claims(
        ex, "The Russian-installed mayor said Russian troops now hold Siversk.")


def test_military_intelligence_is_the_military(ex: Extractor) -> None:
    assert claims(ex, "Budanov said Ukrainian units had recaptured Torske.") == {
        ("ua_military", "Torske", "ukrainian", "full")}


def test_a_quote_given_to_an_unlisted_voice_is_not_the_last_speakers(ex: Extractor) -> None:
    text = ("Russia's Defence Ministry said its units had pulled back across the river. "
            "\"Siversk is under Ukrainian control again,\" the press office of the regional "
            "council said.")
    assert not {c for c in claims(ex, text) if c[0] == "ru_mod" and c[1] == "Siversk"}
    text = ("A Ukrainian military spokesman spoke on Tuesday. \"Our units hold Siversk,\" he "
            "told reporters.")
    assert claims(ex, text) == {("ua_military", "Siversk", "ukrainian", "full")}


def test_a_place_on_the_road_to_another_is_context(ex: Extractor) -> None:
    assert claims(ex, "Ukrainian forces recaptured Torske, a village on the road to Siversk, "
                      "the General Staff said.") == {("ua_genstaff", "Torske", "ukrainian",
                                                      "full")}


def test_ministers_and_commanders_named_in_russian(ex: Extractor) -> None:
    got = claims(ex, "Министр обороны России Сергей Шойгу доложил президенту Владимиру Путину "
                     "об освобождении Сиверска.")
    assert got == {("ru_mod", "Siversk", "russian", "full")}
    got = claims(ex, "Главнокомандующий ВСУ Валерий Залужный признал, что украинские "
                     "подразделения отошли из Торского.")
    assert got == {("ua_military", "Torske", "russian", "full")}


def test_a_denied_statement_of_two_makers_is_each_ones_claim(ex: Extractor) -> None:
    got = claims(ex, "Заяви Пригожина та міністерства оборони рф про захоплення Сіверська не "
                     "відповідають дійсності.", "ua_genstaff")
    assert {("ru_milblogger", "Siversk", "russian", "full"),
            ("ru_mod", "Siversk", "russian", "full")} <= got


def test_a_threat_of_encirclement_is_no_encirclement(ex: Extractor) -> None:
    got = claims(ex, "Міністерство оборони Росії заявило, що через загрозу оточення війська "
                     "відведено з Сіверська.")
    assert not {c for c in got if c[0] == "ru_mod" and c[2] == "contested"}


def test_denying_a_full_capture_denies_only_the_whole(ex: Extractor) -> None:
    said = "The Russian Defence Ministry's claims of the {}capture of Torske are untrue."
    assert claims(ex, said.format(""), "ua_genstaff") == {
        ("ru_mod", "Torske", "russian", "full"), ("ua_genstaff", "Torske", "ukrainian", "full")}
    assert claims(ex, said.format("full "), "ua_genstaff") == {
        ("ru_mod", "Torske", "russian", "full")}
