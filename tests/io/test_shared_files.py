"""Every writer of shared data leaves files other users' server processes can read, and a
replaced file keeps its mode: accepted claims, stored maps, the gazetteer, the Parquet cache
and Leaflet's installed files. (Each of these was owner-only, 0600 or 0700, before the one
atomic-write helper.)"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.dataset.accept import accept
from geo.dataset.cache import load_cached
from geo.maps.importer import import_deepstate
from geo.places.gazetteer import NAMES, PLACES, import_gazetteer
from tests.deepstate_fixtures import as_bytes, raw_collection
from tests.helpers import write_data
from tests.io.sharing import assert_others_can_read, shared_tmp


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shared() -> Iterator[Path]:
    old = os.umask(0o022)
    try:
        with shared_tmp() as folder:
            yield folder
    finally:
        os.umask(old)


def _claim(day: str) -> dict:
    return {"date": day, "settlement_id": "gamma", "claimant": "ru_mod", "status": "russian",
            "extent": "full", "part": "", "encircled": "", "summary": "A test claim.",
            "source": "Test Wire", "source_url": "", "source_date": day}


@pytest.mark.parametrize("bits", [0o644, 0o640])
def test_accept_keeps_the_data_files_mode(shared: Path, bits: int) -> None:
    data = write_data(shared / "data")
    (data / "claims.csv").chmod(bits)
    result = accept(data, [_claim("2025-03-02")], today=dt.date(2025, 12, 1))
    assert len(result.claims_written) == 1
    assert mode(data / "claims.csv") == bits
    if bits == 0o644:
        assert_others_can_read(data / "claims.csv")


def test_stored_map_is_readable_by_others(shared: Path) -> None:
    source = shared / "map.json"
    source.write_bytes(as_bytes(raw_collection()))
    done = import_deepstate(str(source), shared / "store", date=dt.date(2024, 1, 1))
    assert mode(done.path) == 0o644
    assert_others_can_read(done.path)
    done.path.chmod(0o640)
    again = import_deepstate(str(source), shared / "store", date=dt.date(2024, 1, 1))
    assert again.path == done.path and mode(done.path) == 0o640


def test_gazetteer_is_readable_by_others(shared: Path) -> None:
    rows = [["1", "Donetska Oblast", "", "", "48.0", "37.8", "A", "ADM1"],
            ["2", "Alpha", "Alpha", "Alfa", "48.28", "37.18", "P", "PPL"]]
    dump = "".join("\t".join([*r, "UA", "", "05", "", "", "", "100", "", "1", "Europe/Kyiv",
                              "2026-01-01"]) + "\n" for r in rows)
    (shared / "UA.txt").write_text(dump, encoding="utf-8")
    import_gazetteer(shared / "UA.txt", shared / "store")
    for table in (PLACES, NAMES):
        assert_others_can_read(shared / "store" / table)


def test_cache_entry_is_readable_by_others(shared: Path) -> None:
    data = write_data(shared / "data")
    load_cached(data, shared / "cache", today=dt.date(2025, 12, 1))
    entries = [p for p in (shared / "cache").iterdir() if not p.name.startswith(".")]
    assert len(entries) == 1
    assert len(list(entries[0].glob("*.parquet"))) == 4
    assert_others_can_read(entries[0])


def test_installed_leaflet_is_readable_by_others(shared: Path) -> None:
    pytest.importorskip("js_lib_leaflet")
    from geo.render.assets import install_leaflet

    dest = install_leaflet(shared / "static")
    assert_others_can_read(dest)
