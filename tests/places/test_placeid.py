"""A place named by its id is found exactly, never read as a name (``gn-710915`` once
resolved to Ogni, a skeleton match of "gn")."""

from __future__ import annotations

from geo.places.resolution import Resolver
from tests.places.geonames import BUNDLED, resolver  # noqa: F401  (the fixture)


def test_gn_ids_and_curated_ids_resolve_exactly(resolver: Resolver) -> None:  # noqa: F811
    small = resolver.resolve("gn-709901")  # the village, not the larger Dobropillia
    assert small is not None and (small.id, small.population, small.reason) == \
        ("gn-709901", 1084, "place id")
    gid = int(BUNDLED.settlements.set_index("id").at["kupiansk", "geonames_id"])
    curated = resolver.resolve(f"gn-{gid}")  # a curated place's gn- id is its curated row
    assert curated is not None and (curated.id, curated.name) == ("kupiansk", "Kupiansk")
    by_id = resolver.by_id("kupiansk-vuzlovyi")
    assert by_id is not None and (by_id.id, by_id.confidence) == ("kupiansk-vuzlovyi", 1.0)


def test_an_unknown_gn_id_matches_nothing(resolver: Resolver) -> None:  # noqa: F811
    assert resolver.resolve("gn-5") is None
    assert resolver.nearest("gn-5") == []


def test_search_finds_a_gn_id_exactly() -> None:
    from geo.places.lookup import PlaceIndex

    index = PlaceIndex(BUNDLED.settlements)
    gid = int(BUNDLED.settlements.set_index("id").at["kupiansk", "geonames_id"])
    assert list(index.find(f"gn-{gid}")["id"]) == ["kupiansk"]
    assert index.find("gn-5").empty and index.nearest("gn-5") == []
