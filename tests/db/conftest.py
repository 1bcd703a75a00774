"""Fixtures of the PostgreSQL tests: one cluster per session with a migrated template
database; each test gets a fresh database copied from it (``CREATE DATABASE ... TEMPLATE``,
a file copy: milliseconds)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from geo.db.migrate import upgrade
from geo.store import Storage
from harness.postgres import Cluster, pg_bin, postgis_present, start

TEMPLATE = "frontline_template"
_counter = itertools.count()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI installs postgresql and postgresql-15-postgis-3 (.ci/run)")
    pytest.skip(f"{reason} (apt-get install postgresql postgresql-15-postgis-3)")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = pg_bin()
    if bindir is None:
        _unavailable("PostgreSQL's initdb is not installed")
    assert bindir is not None
    if not postgis_present(bindir):
        _unavailable(f"PostGIS is not installed for {bindir}")
    try:
        cluster = start(bindir)
    except (RuntimeError, KeyError) as exc:
        _unavailable(f"cannot start a throw-away PostgreSQL cluster: {exc}")
        raise
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
        with psycopg.connect(cluster.url(TEMPLATE)) as conn:
            upgrade(conn, init=True)
        yield cluster
    finally:
        cluster.stop()


def _database(cluster: Cluster, prefix: str, template: str | None) -> Iterator[str]:
    name = f"{prefix}{os.getpid()}_{next(_counter)}"
    copy = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}{copy}")
    yield cluster.url(name)
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh, migrated database of its own for one test."""
    yield from _database(pg_cluster, "t", TEMPLATE)


@pytest.fixture
def empty_db_url(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh database with no schema (for init/upgrade)."""
    yield from _database(pg_cluster, "e", None)


LOADED = "frontline_loaded"


@pytest.fixture(scope="session")
def loaded_template(pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A template database holding the tiny data directory (tests.db.data), loaded once."""
    from geo.db.load import load_directory
    from tests.db.data import TODAY, tiny_data

    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {LOADED} TEMPLATE {TEMPLATE}")
    with psycopg.connect(pg_cluster.url(LOADED)) as conn:
        load_directory(conn, tiny_data(tmp_path_factory.mktemp("tiny")), "loader", today=TODAY)
    return LOADED


@pytest.fixture
def loaded(pg_cluster: Cluster, loaded_template: str) -> Iterator[str]:
    """A fresh database of its own holding the tiny data directory."""
    yield from _database(pg_cluster, "l", loaded_template)


@pytest.fixture(params=["files", "database"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """One backend holding the tiny data directory (tests.db.data), fresh for one test: a
    copy of its files, or a database copied from the loaded template (``loaded``). The
    database parameter skips with ``pg_cluster``'s reason where PostgreSQL is missing (and
    fails in CI); the files parameter never needs it."""
    from geo.store import FileStorage
    from tests.db.data import tiny_data

    if request.param == "files":
        yield FileStorage(tiny_data(tmp_path / "data"), tmp_path / "cache")
        return
    from geo.store.database import DatabaseStorage

    db = DatabaseStorage(request.getfixturevalue("loaded"), tmp_path / "cache", actor="editor")
    try:
        yield db
    finally:
        db.close()
