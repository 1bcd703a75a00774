"""ISW's rules on short texts of our own in ISW's style: who claims what, control versus
fighting, and the single-report command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli.run import main
from geo.ingest.isw import parse_assessment
from geo.ingest.queue import ReviewQueue
from geo.ingest.reports import stated_date
from tests.ingest.fixtures import ingest_data


def rows(text: str) -> list[tuple]:
    return [(s.name, s.claimant, s.kind, s.status, s.extent) for s in parse_assessment(text)]


def test_own_assessment_versus_reported_claims() -> None:
    text = ("Assessed Russian advances: ISW assesses that Russian forces likely seized Stepove "
            "(north of Alpha). A Russian milblogger claimed that Russian forces captured "
            "Novoselivka, while another claimed that Ukrainian forces recaptured Dachne. The "
            "Russian MoD claimed that Russian forces seized Kindrashivka; ISW has not observed "
            "confirmation of this claim.")
    assert rows(text) == [
        ("Stepove", "isw", "claim", "russian", "full"),
        ("Novoselivka", "ru_milblogger", "claim", "russian", "full"),
        ("Dachne", "ru_milblogger", "claim", "ukrainian", "full"),
        ("Kindrashivka", "ru_mod", "claim", "russian", "full")]


def test_advances_and_attacks_are_fighting_not_control() -> None:
    text = ("Geolocated footage indicates that Russian forces recently advanced in western "
            "Alpha. Russian forces attacked near Alpha itself; north of Alpha near Stepove and "
            "toward Dachne on November 3.")
    assert {(n, k) for n, _, k, _, _ in rows(text)} == {
        ("Alpha", "fighting"), ("Stepove", "fighting"), ("Dachne", "fighting")}


def test_shares_outskirts_and_supply() -> None:
    text = ("Russian milbloggers claimed that Russian forces control over 60 percent of Alpha "
            "and advanced into the eastern outskirts of Stepove. The commander of a Ukrainian "
            "brigade stated that Ukrainian forces continue to supply Dachne.")
    assert rows(text) == [
        ("Alpha", "ru_milblogger", "claim", "russian", "partial"),
        ("Stepove", "ru_milblogger", "claim", "contested", "partial"),
        ("Dachne", "ua_military", "claim", "ukrainian", "full")]


def test_both_settlements_and_direction_names() -> None:
    text = ("Russian Offensive Campaign Assessment, May 2, 2025 — Alpha direction\n\n"
            "Russian forces seized Stepove and Dachne, although DeepState reported that Russian "
            "forces occupied both settlements. Fighting continued in the Alpha direction.")
    got = rows(text)
    assert ("Stepove", "deepstate", "claim", "russian", "full") in got
    assert ("Dachne", "deepstate", "claim", "russian", "full") in got
    assert all(n != "Alpha" for n, *_ in got)
    assert parse_assessment(text)[0].anchor_names == ["Alpha"]


def test_stated_dates() -> None:
    assert str(stated_date("Operational update as of 22:00 on 17.10.2025")) == "2025-10-17"
    assert str(stated_date("Assessment, November 21, 2025 — x")) == "2025-11-21"
    assert str(stated_date("report of 5 December 2025")) == "2025-12-05"
    assert stated_date("no date here") is None and stated_date("on 31.02.2025") is None


def test_isw_command_queues_everything(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    page = tmp_path / "isw.html"
    page.write_text("<html><body><h1>Russian Offensive Campaign Assessment, November 14, 2024"
                    "</h1><p>ISW assesses that Russian forces seized Novoselivka (east of "
                    "Alpha).</p><script>Russian forces seized Dachne</script></body></html>",
                    encoding="utf-8")
    before = (data / "claims.csv").read_bytes()
    args = ["ingest", "isw", str(page), "--data", str(data), "--store", str(store)]
    assert main(args) == 0
    assert "1 draft(s) queued for review" in capsys.readouterr().out
    assert (data / "claims.csv").read_bytes() == before  # prose: nothing auto-accepted
    (draft,) = ReviewQueue(store).all()
    assert draft.claim["claimant"] == "isw" and draft.place["name"] == "Novoselivka"
    assert main(args) == 0 and "0 new, 1 already taken in" in capsys.readouterr().out
    assert main(["review", "accept", draft.id, "--data", str(data), "--store", str(store)]) == 0
    got = pd.read_csv(data / "claims.csv", dtype=str)
    assert (got["claimant"] == "isw").sum() == 2  # the fixture's one and the accepted one
    assert ReviewQueue(store).get(draft.id).state == "accepted"
    assert main(["review", "accept", draft.id, "--data", str(data), "--store", str(store)]) == 2
    assert "already accepted" in capsys.readouterr().err


def test_speakers_are_the_extractors() -> None:
    # the speaker table is geo.text's: a president is his government's, a wire agency's
    # and "the enemy's" words are nobody's claim
    got = {(s.name, s.claimant) for s in parse_assessment(
        "Putin claimed that Russian forces seized Stepove. Reuters reported that Russian "
        "forces captured Dachne. Zelensky stated that Ukrainian forces liberated Kindrashivka.")}
    assert got == {("Stepove", "ru_gov"), ("Kindrashivka", "ua_gov")}
