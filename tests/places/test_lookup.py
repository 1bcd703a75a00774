"""Search every place: tiers, several matches best first, misses with the nearest names."""

from __future__ import annotations

import pytest

from geo.cli import main
from geo.places.gazetteer import places_from_dump, read_dump
from geo.places.lookup import PlaceIndex
from geo.places.table import load_places
from tests.fixtures import BUNDLED_DIR
from tests.places.geonames import BUNDLED, GEONAMES

DATA = BUNDLED_DIR


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> PlaceIndex:
    path = tmp_path_factory.mktemp("dump") / "UA.txt"
    path.write_text(GEONAMES, encoding="utf-8")
    return PlaceIndex(BUNDLED.settlements, places_from_dump(read_dump(path)))


def test_several_matches_best_first(tiny: PlaceIndex) -> None:
    found = tiny.find("Dobropillia")
    # the curated one first, then the others of that name by population
    assert found["id"].tolist()[:4] == ["dobropillia", "gn-709901", "gn-709899", "gn-705924"]
    assert (found["tier"] == 0).all()
    assert tiny.find("Kupyansk")["id"].tolist() == ["kupiansk", "kupiansk-vuzlovyi"]
    assert tiny.find("Купянск")["id"].tolist()[0] == "kupiansk"


def test_variant_prefix_and_miss(tiny: PlaceIndex) -> None:
    assert tiny.find("kupyansk vuzlovyi")["id"].tolist() == ["kupiansk-vuzlovyi"]
    assert tiny.find("Volchansk")["id"].tolist() == ["gn-689304"]
    assert tiny.find("Zarich")["id"].tolist() == ["gn-888", "gn-887"]   # prefix, larger first
    assert tiny.find("Atlantis").empty and tiny.find("  ").empty
    assert tiny.nearest("Dobropilla")[0]["name"] == "Dobropillia"


@pytest.mark.parametrize(("query", "first"), [
    ("Bakhmut", "gn-713174"), ("Artemovsk", "gn-713174"), ("Бахмут", "gn-713174"),
    ("Chasov Yar", "gn-710915"), ("Dzerzhinsk", "gn-709354"), ("Купянск", "kupiansk"),
    ("Kupyansk", "kupiansk"), ("kupyansk vuzlovyi", "kupiansk-vuzlovyi")])
def test_bundled_table_any_spelling(query: str, first: str) -> None:
    index = _bundled()
    assert index.find(query)["id"].iloc[0] == first


def test_kupyansk_lists_both_in_the_bundled_table() -> None:
    assert _bundled().find("Kupyansk")["id"].tolist()[:2] == ["kupiansk", "kupiansk-vuzlovyi"]


def test_search_cli(capsys, monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(BUNDLED_DIR))
    assert main(["search", "Dzerzhinsk"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("gn-709354\tToretsk\tDonetsk") and "as Dzerzhins" in first
    assert main(["search", "Pokrovks"]) == 1
    assert "nearest: Pokrovsk (Donetsk)" in capsys.readouterr().err


_INDEX: list[PlaceIndex] = []


def _bundled() -> PlaceIndex:
    if not _INDEX:
        _INDEX.append(PlaceIndex(BUNDLED.settlements, load_places(DATA)))
    return _INDEX[0]


def test_a_typo_suggests_its_place_first_and_a_non_place_nothing(capsys, monkeypatch) -> None:
    index = _bundled()
    assert index.nearest("Pokrovks")[0]["id"] == "pokrovsk"
    assert index.nearest("Kramatorks")[0]["name"] == "Kramatorsk"
    assert index.nearest("Flurbinator") == [] and index.nearest("Xyzzyville") == []
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(BUNDLED_DIR))
    assert main(["search", "Flurbinator"]) == 1
    assert "no place's name is close to it" in capsys.readouterr().err
