"""Gazetteer import and name resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InputError
from geo.places.fold import latin, skeleton
from geo.places.gazetteer import import_gazetteer, load_gazetteer
from geo.places.resolution import Resolver
from tests.places.geonames import BUNDLED


def test_gazetteer_import_txt_and_zip(tmp_path: Path, gazetteer_store: Path) -> None:
    places, names = load_gazetteer(gazetteer_store)
    assert set(places["feature_code"]) == {"PPLA3", "PPL", "PPLA2"}   # P rows only
    dob = places[places["geonameid"] == 709900].iloc[0]
    assert (dob["oblast"], dob["raion"], dob["population"]) == ("Donetska Oblast",
                                                                "Pokrovsk Raion", 28170)
    assert {"dobropillya", "доброполье"} <= set(names.loc[names["geonameid"] == 709900, "fold"])
    (tmp_path / "plain").mkdir()
    assert import_gazetteer(tmp_path / "UA.txt", tmp_path / "plain")[0] == 8


@pytest.mark.parametrize("bad", [b"", b"not\ta\tgeonames\tfile\n", b"\xff\xfe\x00x"])
def test_gazetteer_bad_file(tmp_path: Path, bad: bytes) -> None:
    (tmp_path / "UA.txt").write_bytes(bad)
    with pytest.raises(InputError, match=r"not a GeoNames dump|no populated"):
        import_gazetteer(tmp_path / "UA.txt", tmp_path / "store")
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize(("query", "expected", "reason"), [
    ("Pokrovsk", "pokrovsk", "exact name"),
    ("pokrovsk", "pokrovsk", "same name"),
    ("Kupyansk", "kupiansk", "exact name"),                 # curated alias
    ("КУП’ЯНСЬК", "kupiansk", "same name"),                 # case and apostrophe folding
    ("Купʼянськ", "kupiansk", "same name"),
    ("Mirnograd", "myrnohrad", "exact name"),
    ("Dobropiliya", "dobropillia", "exact name"),
    ("Slavyansk", "sloviansk", "exact name"),
    ("Novouspenovske", "novouspenivske", "exact name"),
    ("Kupyansk-Uzlovoi", "kupiansk-vuzlovyi", "exact name"),
    ("Krasnoarmeisk", "pokrovsk", "exact name"),
    ("Dimitrov", "myrnohrad", "exact name"),
    ("Мирноград", "myrnohrad", "exact name"),
    ("Kupiyansk", "kupiansk", "transliteration variant"),
    ("Slovjansk", "sloviansk", "transliteration variant"),
    ("Novousenivske", "novouspenivske", "fuzzy"),
])
def test_resolution_rules(resolver: Resolver, query: str, expected: str, reason: str) -> None:
    found = resolver.resolve(query)
    assert found is not None and found.id == expected
    assert found.reason.startswith(reason)
    assert 0 < found.confidence <= 1


def test_gazetteer_only_place(resolver: Resolver) -> None:
    found = resolver.resolve("Volchansk")
    assert found.id == "gn-689304" and not found.curated and found.geonames_id == 689304


def test_ambiguity_by_oblast_then_proximity_then_population(resolver: Resolver) -> None:
    by_oblast = resolver.resolve("Dobropillia", oblast="Zaporizhia region")
    assert by_oblast.id == "gn-705924" and "oblast named" in by_oblast.reason
    assert len(by_oblast.candidates) == 4
    near = resolver.resolve("Dobropillia", near=[(48.0, 37.5)])
    assert near.id == "gn-709901" and "closest" in near.reason
    tracked = resolver.resolve("Dobropillia")
    assert tracked.id == "dobropillia" and "already in the settlements list" in tracked.reason
    assert tracked.confidence < by_oblast.confidence
    biggest = resolver.resolve("Zarichne")                  # no tracked place of that name
    assert biggest.id == "gn-888" and "largest population" in biggest.reason
    assert biggest.population == 5000 and len(biggest.candidates) == 2


def test_curated_alias_widened_by_oblast(resolver: Resolver) -> None:
    found = resolver.resolve("Dobropiliya", oblast="Kharkiv")
    assert found.id == "gn-709899"


def test_unknown_name(resolver: Resolver) -> None:
    assert resolver.resolve("Atlantis") is None
    assert len(resolver.nearest("Atlantis")) >= 1


def test_name_keys() -> None:
    assert latin("Куп’янськ") == "kupiansk"
    assert skeleton("Kupyansk") == skeleton("Kupiansk") == skeleton("Купянск")
    assert skeleton("Mirnograd") == skeleton("Myrnohrad")


def test_resolve_cli(capsys, gazetteer_store: Path) -> None:
    assert main(["resolve", "Dobropillia", "--oblast", "Kharkiv", "--store",
                 str(gazetteer_store), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"query", "id", "name", "oblast", "lat", "lon", "geonames_id",
                           "confidence", "reason", "candidates"}
    assert record["geonames_id"] == 709899
    assert main(["resolve", "Atlantis", "--store", str(gazetteer_store)]) == 1
    assert "nearest" in capsys.readouterr().err
    assert main(["resolve", "Pokrovsk", "--near", "x,y"]) == 2
    assert main(["gazetteer", "import", str(gazetteer_store / "missing.zip")]) == 2


def test_real_gazetteer_resolves_required_settlements(shared_data, tmp_path: Path) -> None:
    dump = shared_data / "gazetteer" / "UA.zip"
    if not dump.is_file():
        pytest.skip(f"{dump} not found")
    places, _ = import_gazetteer(dump, tmp_path / "store")
    assert places == 33_681
    resolver = Resolver(BUNDLED.settlements, load_gazetteer(tmp_path / "store"))
    for query, gid in (("Kupyansk", 703656), ("Slovyansk", 693468), ("Mirnograd", 710035),
                       ("Krasnoarmeysk", 704422), ("Kupiansk-Vuzlovyi", 703652)):
        assert resolver.resolve(query).geonames_id == gid, query
    dob = resolver.resolve("Dobropillia")
    assert len(dob.candidates) == 6 and dob.geonames_id == 709900
    assert resolver.resolve("Dobropillia", oblast="Zaporizhzhia").geonames_id == 705924
