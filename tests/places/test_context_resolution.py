"""Place resolution with what the text says: oblast named, other places, front, population,
own names before former ones, curated aliases, short-skeleton guard (tiny fixtures)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.places.gazetteer import spelling_index
from geo.places.resolution import PlaceContext, Resolver

CURATED = pd.DataFrame([{
    "id": "myrnohrad", "name": "Myrnohrad", "name_uk": "Мирноград",
    "aliases": "Mirnograd;Dimitrov;Димитров", "oblast": "Donetsk", "kind": "city",
    "population": 46098, "lat": 48.3099, "lon": 37.26513, "geonames_id": 710035}])

ROWS = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (1, "Andriivka", "", "Kharkiv", 0, 49.94, 37.51),
    (2, "Andriivka", "", "Donetsk", 0, 48.50, 37.98),        # south of Bakhmut
    (3, "Andriivka", "", "Donetsk", 0, 47.83, 38.13),        # far south
    (4, "Sukhanivka", "Andriivka", "Donetsk", 0, 48.55, 37.99),  # former name only
    (5, "Bakhmut", "Artemovsk", "Donetsk", 80500, 48.595, 37.999),
    (6, "Novopavlivka", "", "Dnipropetrovsk", 3425, 48.138, 36.787),
    (7, "Novopavlivka", "", "Donetsk", 0, 48.21, 37.02),     # hamlet near Kotlyne
    (8, "Kotlyne", "", "Donetsk", 446, 48.20, 37.12),
    (9, "Dimitrov", "", "Kharkiv", 0, 49.6, 36.3),
    (10, "Svyrydonivka", "Svyrydonovka", "Kherson", 120, 46.5, 33.0),
    (11, "Svyrydonivka", "", "Donetsk", 30, 48.24, 37.45),
    (12, "Rimy", "", "Sumy", 50, 50.9, 34.8),                # skeleton "rm" = "Army"'s
    (13, "Ivanivka", "", "Kharkiv", 0, 49.75, 37.70),        # 12 km from Kupiansk front
    (14, "Ivanivka", "", "Kharkiv", 0, 50.10, 35.20),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    places = pd.DataFrame(ROWS, columns=["geonameid", "name", "alternatenames", "oblast",
                                         "population", "lat", "lon"])
    places = places.assign(feature_code="PPL", raion="")
    return Resolver(CURATED, (places, spelling_index(places)))


def test_oblast_and_other_places_decide(resolver: Resolver) -> None:
    res = resolver.resolve_in_context("Andriivka", [], PlaceContext(
        oblast="Donetsk", anchors=((48.595, 37.999),)))
    assert res is not None and res.geonames_id == 2
    assert "oblast named" in res.reason and "other places" in res.reason
    weighed = {c["id"]: c for c in res.candidates}
    assert set(weighed) == {"gn-1", "gn-2", "gn-3"}          # Sukhanivka's old name dropped
    assert weighed["gn-1"]["kept"] is False and weighed["gn-2"]["km_to_text"] < 15
    assert res.candidates[0]["id"] == "gn-2"                 # the chosen one first


def test_population_outweighs_a_few_kilometres(resolver: Resolver) -> None:
    res = resolver.resolve_in_context("Novopavlivka", [], PlaceContext(
        anchors=((48.20, 37.12),)))                           # Kotlyne, 7 km from the hamlet
    assert res is not None and res.geonames_id == 6


def test_front_decides_without_other_places(resolver: Resolver) -> None:
    res = resolver.resolve_in_context("Ivanivka", [], PlaceContext(
        front=np.array([[49.71, 37.62]])))                    # Kupiansk
    assert res is not None and res.geonames_id == 13 and "front" in res.reason


def test_curated_alias_beats_a_village_of_that_name(resolver: Resolver) -> None:
    res = resolver.resolve_in_context("Димитрове", ["димитров"], PlaceContext())
    assert res is not None and res.id == "myrnohrad"
    res = resolver.resolve_in_context("Dimitrov", [], PlaceContext())
    assert res is not None and res.id == "myrnohrad"


def test_variant_spelling_in_the_oblast_named(resolver: Resolver) -> None:
    res = resolver.resolve_in_context("Svyrydonovka", [], PlaceContext(oblast="Donetsk"))
    assert res is not None and res.geonames_id == 11 and "variant" in res.reason


def test_short_skeletons_match_nothing(resolver: Resolver) -> None:
    assert resolver.lookup(["Army"])[0] == []
    assert resolver.resolve_in_context("Army", [], PlaceContext()) is None


VYSHNEVE = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (21, "Vyshneve", "", "Kyiv", 40000, 50.39, 30.37),       # a large town far away
    (22, "Vyshneve", "", "Donetsk", 300, 48.25, 37.15),      # northwest of Selydove
    (23, "Vyshneve", "", "Donetsk", 300, 48.05, 37.30),      # southeast of Selydove
    (24, "Selydove", "", "Donetsk", 21000, 48.15, 37.30),
]


@pytest.fixture(scope="module")
def vyshneve() -> Resolver:
    places = pd.DataFrame(VYSHNEVE, columns=["geonameid", "name", "alternatenames", "oblast",
                                             "population", "lat", "lon"])
    places = places.assign(feature_code="PPL", raion="")
    return Resolver(CURATED, (places, spelling_index(places)))


def test_a_direction_named_with_the_place_keeps_the_namesakes_near_that_town(
        vyshneve: Resolver) -> None:
    from geo.places.context import BEARINGS, Toward

    toward = Toward("Selydove", 48.15, 37.30, BEARINGS["northwest"], "northwest of Selydove")
    res = vyshneve.resolve_in_context("Vyshneve", [], PlaceContext(toward=toward))
    assert res is not None and res.geonames_id == 22
    assert "northwest of Selydove" in res.reason
    toward = Toward("Selydove", 48.15, 37.30, BEARINGS["southeast"], "southeast of Selydove")
    res = vyshneve.resolve_in_context("Vyshneve", [], PlaceContext(toward=toward))
    assert res is not None and res.geonames_id == 23
    # without it, population wins: the large town 400 km away
    res = vyshneve.resolve_in_context("Vyshneve", [], PlaceContext())
    assert res is not None and res.geonames_id == 21


def test_the_front_names_its_source(vyshneve: Resolver) -> None:
    res = vyshneve.resolve_in_context("Vyshneve", [], PlaceContext(
        front=np.array([[48.26, 37.16]]), front_source="the stored control map of 2025-06-01"))
    assert res is not None and res.geonames_id == 22
    assert "the stored control map of 2025-06-01" in res.reason


def test_the_text_direction_words_reach_the_resolver(vyshneve: Resolver) -> None:
    from geo.text.mentions import MentionFinder

    finder = MentionFinder(vyshneve)
    for text, gid in (("Russian forces seized Vyshneve (northwest of Selydove).", 22),
                      ("Russian forces attacked southeast of Selydove near Vyshneve.", 23),
                      ("In the Selydove direction, fighting continued near Vyshneve.", 23)):
        # (an axis names no bearing: the namesake nearest the town, not the large one)
        got = {m.written: m.res.geonames_id for m in finder.find(text) if m.res}
        assert got["Vyshneve"] == gid, text


def test_every_namesake_is_counted_though_twelve_are_listed() -> None:
    # 15 villages of one name: the reason's count, the count kept and the list kept
    rows = [(100 + i, "Mykolaivka", "", "Donetsk", i, 48.0 + i / 100, 37.0) for i in range(15)]
    places = pd.DataFrame(rows, columns=["geonameid", "name", "alternatenames", "oblast",
                                         "population", "lat", "lon"]
                          ).assign(feature_code="PPL", raion="")
    res = Resolver(CURATED, (places, spelling_index(places))).resolve_in_context(
        "Mykolaivka", [], PlaceContext(anchors=((48.05, 37.0),)))
    assert res is not None and "15 places of that name" in res.reason
    assert (res.namesakes, len(res.candidates)) == (15, 12)
