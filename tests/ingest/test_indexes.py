"""The ingest's place indexes: the spelling index cached in the store by the table's hash
(read back instead of rebuilt, rebuilt when damaged or when the table changes), and the
resolvers built once per process for the same table and settlements.csv."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.ingest import indexes
from geo.ingest.model import IngestContext
from geo.io.fetch import Fetcher
from geo.places import spellcache
from geo.places.fold import fold, latin
from geo.places.gazetteer import spelling_index
from tests.ingest.fixtures import ingest_data, places_frame


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each test starts as a new process would: nothing built yet."""
    indexes._SPELLINGS.clear()
    indexes._RESOLVERS.clear()
    yield
    indexes._SPELLINGS.clear()
    indexes._RESOLVERS.clear()


def cached(store: Path) -> list[Path]:
    return sorted((store / indexes.CACHE).glob("spellings-*.parquet"))


def test_spellings_are_kept_in_the_store_and_read_back(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    places, store = places_frame(), tmp_path / "store"
    built = indexes.spellings(places, store)
    pd.testing.assert_frame_equal(built, spelling_index(places))
    (path,) = cached(store)
    assert indexes.table_key(places) in path.name

    indexes._SPELLINGS.clear()  # a new process: read from the store, not rebuilt
    monkeypatch.setattr(spellcache, "spelling_index", lambda *_, **__: pytest.fail("rebuilt"))
    pd.testing.assert_frame_equal(indexes.spellings(places, store), built)
    monkeypatch.undo()

    indexes._SPELLINGS.clear()  # a damaged file is rebuilt, without an error
    path.write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(indexes.spellings(places, store), built)
    assert pd.read_parquet(path).shape == built.shape

    changed = places.assign(name=places["name"].replace({"Stepove": "Stepne"}))
    assert indexes.table_key(changed) != indexes.table_key(places)
    assert "stepne" in set(indexes.spellings(changed, store)["fold"])
    assert [p.name for p in cached(store)] == [
        f"spellings-{indexes.table_key(changed)}.parquet"]  # the old one is gone


def test_resolvers_are_built_once_per_table_and_settlements(tmp_path: Path) -> None:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"

    def context() -> IngestContext:
        return IngestContext(data_dir=data, store=store, fetcher=Fetcher(),
                             places=places_frame())

    first, second = context(), context()
    assert first.placenames is second.placenames and first.resolver is second.resolver
    names = first.placenames
    assert list(names.folded) == [fold(n) for n in names.names]
    assert list(names.latins) == [latin(n) for n in names.names]
    assert names.resolve("Novoselovka", oblast="Kharkiv").geonames_id == 1002

    settlements = data / "settlements.csv"
    stat = settlements.stat()
    os.utime(settlements, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert context().placenames is not names  # settlements.csv changed: built anew
