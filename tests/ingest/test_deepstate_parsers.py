"""DeepState's parsers on short notes of our own: templates per link, corrections, markup
oddities; area figures; a name at a point."""

from __future__ import annotations

import json

import pytest

from geo.ingest.deepstate import update_time
from geo.ingest.deepstate_areas import parse_areas
from geo.ingest.deepstate_notes import parse_note
from geo.ingest.nearest import NearPlaces, haversine_km, name_forms
from tests.ingest.fixtures import areas, link, places_frame


def templates(html: str) -> list[tuple[str, str | None, str | None]]:
    return [(x.name, x.template, x.status) for x in parse_note(html)]


def test_one_sentence_two_templates() -> None:
    html = (f"<p>The map has been updated.</p><p>The enemy has occupied {link('A', 48, 37)} "
            f"and {link('B', 48.1, 37)} and advanced near {link('C', 48.2, 37)}.</p>")
    assert templates(html) == [("A", "occupied", "russian"), ("B", "occupied", "russian"),
                               ("C", "advanced", "contested")]


def test_liberated_and_no_template() -> None:
    html = (f"Ukrainian forces liberated {link('D', 48, 37)}. The situation near "
            f"{link('E', 48, 37)} has been clarified.")
    assert templates(html) == [("D", "liberated", "ukrainian"), ("E", None, None)]


def test_ukrainian_stems_and_deoccupied_is_not_occupied() -> None:
    html = (f"Мапу оновлено. Ворог окупував {link('Білу Гору', 48, 37)} та просунувся "
            f"поблизу {link('Степового', 48, 37)}. Сили оборони деокупували "
            f"{link('Дачне', 48, 37)}.")
    assert templates(html) == [("Білу Гору", "occupied", "russian"),
                               ("Степового", "advanced", "contested"),
                               ("Дачне", "liberated", "ukrainian")]


def test_passive_and_correction() -> None:
    html = (f"{link('F', 48, 37)} was occupied. Correction: {link('G', 48, 37)} was marked "
            "as occupied by mistake; it stays under Ukrainian control.")
    assert templates(html) == [("F", "occupied", "russian"),
                               ("G", "retracted_occupied", "ukrainian")]


def test_coordinates_span_and_markup_oddities() -> None:
    html = ('<div>The enemy <!-- occupied --> advanced near <a href="https://x/#13.5/47.9/'
            '36.8"><b>Big</b> Town</a><script>occupied</script> and <a>NoHref</a>.</div>')
    links = parse_note(html)
    assert [(x.name, x.zoom, x.lat, x.lon) for x in links] == [
        ("Big Town", 13.5, 47.9, 36.8), ("NoHref", None, None, None)]
    first = links[0]
    assert first.sentence[first.start:first.end] == "Big Town"
    assert first.template == "advanced"  # the comment's and the script's words do not count


def test_out_of_range_coordinates_are_none() -> None:
    assert parse_note(link("Z", 99.0, 37.0))[0].lat is None


def test_empty_and_garbage_notes() -> None:
    assert parse_note("") == [] and parse_note("<<<>>> &&& </a>") == []


def test_areas_consistent_inconsistent_and_bad() -> None:
    got = parse_areas(json.dumps(areas(70000, 43000, 2000)).encode(), "u")
    assert got.russian_held is not None and round(got.russian_held[0]) == 113000
    assert not got.refused
    bad = parse_areas(json.dumps(areas(70000, 43000, 2000, "25")).encode(), "u")
    assert bad.russian_held is None and "refused as inconsistent" in bad.refused[0]
    junk = parse_areas(json.dumps([{"type": "unspecified", "area": "x", "percent": 1},
                                   {"type": "unspecified", "area": 1e9, "percent": "100%"},
                                   "nope"]).encode(), "u")
    assert len(junk.refused) == 3 and not junk.km2
    assert parse_areas(b"{", "u").refused and parse_areas(b"{}", "u").refused


def test_update_time_from_created_at_or_id() -> None:
    assert update_time({"createdAt": "2025-09-06T19:05:40.000Z"}).isoformat() == (
        "2025-09-06T19:05:40+00:00")
    assert update_time({"id": 1757185540}).year == 2025
    assert update_time({"id": True}) is None and update_time({"createdAt": "soon"}) is None


@pytest.fixture(scope="module")
def near() -> NearPlaces:
    return NearPlaces(places_frame())


def test_namesakes_told_apart_by_the_point(near: NearPlaces) -> None:
    assert near.match("Novoselivka", 48.101, 37.502).id == "gn-1001"
    assert near.match("Novoselivka", 49.49, 36.01).id == "gn-1002"


def test_inflected_and_close_spellings(near: NearPlaces) -> None:
    assert near.match("Степового", 48.301, 37.101).id == "gn-1003"
    assert near.match("Альфу", 48.281, 37.181).id == "alpha"
    fuzzy = near.match("Часового Яру", 48.591, 37.841)
    assert fuzzy.id == "gn-1006" and fuzzy.confidence < 1.0
    assert "степове" in name_forms("Степового")


def test_no_guess_far_from_the_point(near: NearPlaces) -> None:
    assert near.match("Novoselivka", 45.0, 30.0) is None
    assert near.match("Somewhere Else", 48.101, 37.502) is None
    assert near.nearest(48.101, 37.502)[0] == "Novoselivka"


def test_haversine() -> None:
    import numpy as np

    d = haversine_km(48.0, 37.0, np.array([48.0, 49.0]), np.array([37.0, 37.0]))
    assert d[0] == 0 and 111.0 < d[1] < 111.4
