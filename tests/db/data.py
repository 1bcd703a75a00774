"""A tiny data directory with a places table and a store holding one DeepState map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from geo.maps.importer import import_deepstate
from geo.places.table import bundled_places
from tests.deepstate_fixtures import as_bytes, raw_collection
from tests.helpers import CLAIMANTS, claim, write_data

#: the tests' "today" (the tiny data's claims are of 2025)
TODAY = dt.date(2025, 6, 1)

PLACES = pd.DataFrame({
    "id": ["gn-1001", "gn-1002", "alpha", "gn-1003"],
    "geonameid": [1001, 1002, 704422, 1003],
    "name": ["Delta", "Epsilon", "Alpha", "Zeta"],
    "name_uk": ["Дельта", "", "Альфа", ""],
    "name_ru": ["", "", "Альфа", ""],
    "alternatenames": ["Delta,Дельта", "", "Alfa", ""],
    "oblast": ["Donetsk", "Donetsk", "Donetsk", "Kyiv"],
    "raion": ["Pokrovsk Raion", "", "Pokrovsk Raion", ""],
    "population": [1200, 0, 60000, 0],
    # Delta in the fixture's grey square, Alpha in its occupied one, Zeta far from the front
    "lat": [48.2, 48.3, 48.28, 50.4],
    "lon": [37.8, 37.9, 37.18, 30.5],
    "feature_code": ["PPL", "PPLX", "PPLA2", "PPL"],
})


def tiny_data(directory: Path, deepstate: bool = True) -> Path:
    """The helpers' data directory plus places.parquet (claims may name gn- places) and,
    with ``deepstate``, the claimant of stored maps."""
    extra = [{"id": "deepstate", "name": "DeepState", "side": "ua", "kind": "osint",
              "url": "https://deepstatemap.live"}] if deepstate else []
    write_data(directory, claimants=[*CLAIMANTS, *extra])
    PLACES.to_parquet(directory / "places.parquet", index=False)
    return directory


def tiny_store(data_dir: Path, store: Path) -> Path:
    """A store with the raw fixture map of 2024-01-01, its place classes derived."""
    raw = store.parent / "raw.json"
    raw.write_bytes(as_bytes(raw_collection()))
    import_deepstate(str(raw), store, date=dt.date(2024, 1, 1), places=bundled_places(data_dir))
    return store


def new_claim(settlement: str, date: str, claimant: str = "ru_mod", status: str = "russian",
              **extra: str) -> dict[str, Any]:
    """A valid claim to accept (no ``id``: the store makes one); keywords override fields."""
    row = claim("", date, settlement, claimant, status, **extra)
    row.pop("id")
    return row
