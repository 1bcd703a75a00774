"""The reading conventions of tests/texts/README.md, one small text each (made up, in the
sources' styles), over the test fixture's curated settlements plus the tiny gazetteer of
test_failure_classes."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.text.extract import Extractor
from tests.text.test_failure_classes import ROWS
from tests.text.tiny import tiny_extractor

DAY = dt.date(2025, 11, 20)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return tiny_extractor(ROWS)


def claims(ex: Extractor, text: str, speaker: str | None = None) -> set[tuple]:
    return {(d.claimant, d.name, d.status, d.extent) if d.kind == "settlement"
            else (d.claimant, d.share_pct) for d in ex.extract(text, DAY, speaker)}


def test_a_withdrawal_is_the_withdrawing_side_conceding(ex: Extractor) -> None:
    assert claims(ex, "Ukraine's army chief said he had ordered his units to withdraw from "
                      "Siversk to save lives.") == {("ua_military", "Siversk", "russian",
                                                    "full")}


def test_one_claim_per_claimant_and_place(ex: Extractor) -> None:
    got = claims(ex, "Russian forces recently advanced in western Bakhmut. ISW assesses that "
                     "Russian forces likely control most of Bakhmut.", "isw")
    assert got == {("isw", "Bakhmut", "russian", "partial")}
    got = claims(ex, "The claim about the capture of Siversk is not true: the town remains in "
                     "the grey zone.", "deepstate")
    assert got == {("deepstate", "Siversk", "contested", "full")}


def test_own_units_remaining_in_part_of_a_town_hold_that_part(ex: Extractor) -> None:
    got = claims(ex, '"Our units remain in the northern part of Pokrovsk," a spokesman for '
                     "Ukraine's ground forces said.")
    assert got == {("ua_military", "Pokrovsk", "ukrainian", "partial")}


def test_milbloggers_are_their_own_claimant(ex: Extractor) -> None:
    assert claims(ex, "Russian milbloggers claimed that Russian forces seized Siversk. Some "
                      "Russian channels claimed that Russian forces took Torske.", "isw") == {
        ("ru_milblogger", "Siversk", "russian", "full"),
        ("ru_milblogger", "Torske", "russian", "full")}


def test_a_reported_claim_called_false_is_its_makers_claim(ex: Extractor) -> None:
    got = claims(ex, 'The statements of the Russian Ministry of Defence about the so-called '
                     '"liberation" of Siversk are not true.', "ua_genstaff")
    assert ("ru_mod", "Siversk", "russian", "full") in got
    assert ("ua_genstaff", "Siversk", "ukrainian", "full") in got


def test_not_observed_is_no_claim(ex: Extractor) -> None:
    assert claims(ex, "ISW has not observed evidence that Russian forces have seized "
                      "Siversk.", "isw") == set()
    assert claims(ex, "ISW assesses that Russian forces captured Siversk on May 20.",
                  "isw") == {("isw", "Siversk", "russian", "full")}  # May is a month


def test_counter_attacks_near_places_are_fighting(ex: Extractor) -> None:
    assert claims(ex, "Ukrainian units are conducting counter-offensive actions near Torske "
                      "and Dronivka.", "ua_genstaff") == set()
    got = {(d.kind, d.name) for d in ex.extract(
        "Ukrainian units counterattacked near Torske and Dronivka.", DAY, "ua_genstaff",
        include_fighting=True)}
    assert got == {("fighting", "Torske"), ("fighting", "Dronivka")}


def test_background_is_no_claim(ex: Extractor) -> None:
    assert claims(ex, "Russia's Defence Ministry said its forces had pushed back Ukrainian "
                      "troops near Torske, a village that Ukraine recaptured last August.") == set()
    assert claims(ex, "Ukraine's army chief said the retreat spared lives, handing Russia its "
                      "biggest gain since it took Bakhmut last May.") == set()


def test_shares_in_words(ex: Extractor) -> None:
    assert claims(ex, "Russia controls around a fifth of Ukraine's territory, Ukrainian "
                      "officials say.") == {("ua_gov", 20.0)}


def test_a_paragraph_about_russias_regions_puts_its_places_in_russia(ex: Extractor) -> None:
    text = ("Russian forces continued to advance in Kursk Oblast on March 12.\n"
            "Russian milbloggers claimed that Russian forces seized Sverdlikovo.\n\n"
            "Russian forces seized Siversk, the ministry said.")
    assert claims(ex, text, "isw") == {("isw", "Siversk", "russian", "full")}


def test_a_name_listed_with_a_place_in_russia_is_in_russia(ex: Extractor) -> None:
    text = ("The ministry said its troops had liberated Sudzha as well as the villages of "
            "Oleshnia and Siversk, and that they had taken Pokrovsk.")
    assert claims(ex, text, "ru_mod") == {("ru_mod", "Pokrovsk", "russian", "full")}
