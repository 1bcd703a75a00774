"""Whole or part (geo.text.extent, convention 2 of tests/texts/README.md): pieces of a
town, shares said after its name, advances into it, and parts of a region that are no
part of the town. Made-up sentences over test_conventions' tiny fixture."""

from __future__ import annotations

from geo.text.cues import find_cues
from geo.text.extent import extent
from geo.text.extract import Extractor
from tests.text.test_conventions import claims, ex

__all__ = ["ex"]  # the module's fixture, shared


def test_an_advance_into_a_town_is_a_contested_part_of_it(ex: Extractor) -> None:
    assert claims(ex, "Russian troops have advanced in Siversk, the bulletin says.",
                  "deepstate") == {("deepstate", "Siversk", "contested", "partial")}
    assert claims(ex, "Окупанти просунулися в Сіверську.", "deepstate") == {
        ("deepstate", "Siversk", "contested", "partial")}
    assert claims(ex, "Fighting continues in Siversk.", "deepstate") == {
        ("deepstate", "Siversk", "contested", "full")}


def test_a_grey_zone_stays_whole_beside_the_part_our_units_hold(ex: Extractor) -> None:
    got = claims(ex, "Reports of the fall of Siversk are false: the town is still in the grey "
                     "zone and our troops keep its southern part.", "deepstate")
    assert got == {("deepstate", "Siversk", "contested", "full")}


def test_a_district_or_the_edge_of_a_town_is_a_part_of_it(ex: Extractor) -> None:
    got = claims(ex, "Ukrainian units have withdrawn from the Zavodskyi district on the northern "
                     "edge of Bakhmut, a spokesman for the army said.")
    assert got == {("ua_military", "Bakhmut", "russian", "partial")}


def test_a_part_of_a_region_is_no_part_of_the_town(ex: Extractor) -> None:
    got = claims(ex, "Units of the Yug group have liberated Siversk, the main town in the "
                     "north-eastern part of the Donetsk People's Republic.", "ru_mod")
    assert got == {("ru_mod", "Siversk", "russian", "full")}


def test_half_of_the_village_said_after_its_name(ex: Extractor) -> None:
    got = claims(ex, "Russian forces stormed Torske on Monday. One milblogger wrote that "
                     "Ukrainian troops still hold about half of the village.", "isw")
    assert ("ru_milblogger", "Torske", "ukrainian", "partial") in got


def test_a_share_of_the_buildings_and_a_part_in_the_genitive(ex: Extractor) -> None:
    got = claims(ex, "Под контролем российских войск в Сиверске находится уже более 60 "
                     "процентов застройки города.", "ru_mod")
    assert got == {("ru_mod", "Siversk", "russian", "partial")}
    got = claims(ex, "Штурмовые отряды ведут бои в западной части Бахмута.", "ru_mod")
    assert got == {("ru_mod", "Bakhmut", "contested", "partial")}


def test_extent_reads_its_words_only() -> None:
    clause = "the enemy infiltrated Torske"
    assert extent("the enemy infiltrated ", "", clause, find_cues(clause, "ua"),
                  "contested") == ("partial", "where the attackers advanced")
    clause = "the rest of the town remained in Ukrainian hands"
    assert extent("", "", clause, find_cues(clause, "ua"), "ukrainian") == (
        "partial", "the rest of it")
    assert extent("", "", "they took it", [], "russian") == ("full", "")


def test_an_advance_into_a_town_named_just_before_as_a_landmark(ex: Extractor) -> None:
    got = claims(ex, "Russian milbloggers claimed that Russian forces seized Torske, north of "
                     "Siversk, and advanced in eastern Siversk.", "isw")
    assert ("ru_milblogger", "Siversk", "contested", "partial") in got
    assert claims(ex, "Units of the group continue advancing in the area of Torske and "
                      "Dronivka.", "ru_mod") == set()
