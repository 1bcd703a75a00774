"""Choosing the backend, and the file backend's version and load."""

from __future__ import annotations

import os
from pathlib import Path

from geo.dataset.load import load_dataset
from geo.settings import Settings
from geo.store import FileStorage, Snapshot, database_option, open_storage
from tests.helpers import claim, write_data


def test_the_database_comes_from_db_else_the_environment_else_none() -> None:
    env = {"FRONTLINE_DB": "postgresql://env@h/db"}
    assert database_option(["--db", "postgresql://a@h/x"], env) == "postgresql://a@h/x"
    assert database_option(["--data", "d", "--db=postgresql://b@h/y"], env) == \
        "postgresql://b@h/y"
    assert database_option(["--data", "d"], env) == "postgresql://env@h/db"
    assert database_option([], {}) is None
    assert database_option([], {"FRONTLINE_DB": ""}) is None


def test_files_by_default(tmp_path: Path) -> None:
    settings = Settings.from_options(tmp_path / "data", tmp_path / "store", environ={})
    storage = open_storage(settings)
    assert isinstance(storage, FileStorage) and storage.directory() == tmp_path / "data"


def test_file_version_changes_with_the_files_and_load_is_the_dataset(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    storage = FileStorage(data, tmp_path / "cache")
    first = storage.version()
    assert storage.version() == first  # no change, same token
    loaded = storage.load()
    assert list(loaded.claims["id"]) == list(load_dataset(data).claims["id"])
    snapshot = Snapshot(storage, places="claimed", interval=0)  # no thread: checks by hand
    snapshot.current()
    assert snapshot.refresh() is False and snapshot.loads == 1
    storage.accept([{**claim("", "2025-01-05", "beta", "ru_mod", "russian"), "id": ""}])
    os.utime(data / "claims.csv", ns=(1, 1))  # a new mtime even on a coarse clock
    assert storage.version() != first
    assert snapshot.refresh() is True and snapshot.loads == 2
    assert "beta-2025-01-05-ru-mod" in set(snapshot.dataset().claims["id"])
