"""A tiny GeoNames dump (the Dobropillias, Kupiansk, Vovchansk, two Zarichnes) and the
gazetteer store and resolver built from it, shared by the places and text tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from geo.places.gazetteer import import_gazetteer, load_gazetteer
from geo.places.resolution import Resolver
from tests.fixtures import BUNDLED_DIR

BUNDLED = load_dataset(BUNDLED_DIR)


def geonames_row(gid, name, alt, lat, lon, fclass, code, adm1, adm2="", pop=0) -> str:
    cols = [str(gid), name, name, alt, str(lat), str(lon), fclass, code, "UA", "", adm1, adm2,
            "", "", str(pop), "", "100", "Europe/Kyiv", "2026-07-28"]
    return "\t".join(cols)


GEONAMES = "\n".join([
    geonames_row(709716, "Donetska Oblast", "Donetsk Oblast", 48.0, 37.8, "A", "ADM1", "05"),
    geonames_row(706482, "Kharkiv Oblast", "", 49.5, 36.5, "A", "ADM1", "07"),
    geonames_row(687699, "Zaporizhzhya Oblast", "", 47.5, 35.5, "A", "ADM1", "26"),
    geonames_row(11, "Pokrovsk Raion", "", 48.3, 37.1, "A", "ADM2", "05", "1001"),
    geonames_row(709900, "Dobropillia", "Dobropillya,Доброполье,Добропілля", 48.46674,
                 37.08567, "P", "PPLA3", "05", "1001", 28170),
    geonames_row(709901, "Dobropillia", "Dobropillya", 48.1, 37.4, "P", "PPL", "05", "", 1084),
    geonames_row(709899, "Dobropillia", "", 49.5, 36.9, "P", "PPL", "07", "", 0),
    geonames_row(705924, "Dobropillia", "", 47.78325, 36.18767, "P", "PPL", "26", "", 0),
    geonames_row(703656, "Kupyansk", "Kupiansk,Купянск,Куп’янськ", 49.71003, 37.61581, "P",
                 "PPLA2", "07", "", 27169),
    geonames_row(689304, "Vovchansk", "Volchansk,Вовчанськ", 50.29078, 36.94108, "P", "PPL",
                 "07", "", 17000),
    geonames_row(999, "Siverskyi Donets", "", 49.0, 37.0, "H", "STM", "05"),
    geonames_row(887, "Zarichne", "", 51.8, 26.1, "P", "PPL", "07", "", 700),
    geonames_row(888, "Zarichne", "", 48.9, 37.9, "P", "PPL", "05", "", 5000),
]) + "\n"


@pytest.fixture
def gazetteer_store(tmp_path: Path) -> Path:
    (tmp_path / "UA.txt").write_text(GEONAMES, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "UA.zip", "w") as archive:
        archive.write(tmp_path / "UA.txt", "UA.txt")
        archive.writestr("readme.txt", "GeoNames")
    store = tmp_path / "store"
    assert import_gazetteer(tmp_path / "UA.zip", store)[0] == 8
    return store


@pytest.fixture
def resolver(gazetteer_store: Path) -> Resolver:
    return Resolver(BUNDLED.settlements, load_gazetteer(gazetteer_store))
