"""A database connection lost during an accept (the server stopped, an administrator ended
the session) is one line naming the database and the fix, never a psycopg traceback; it
writes nothing, and the next accept opens a new connection and lands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from geo.errors import StoreError
from geo.store import database as database_mod
from geo.store.database import DatabaseStorage
from tests.db.data import TODAY
from tests.db.data import new_claim as new

BATCH = [new("gamma", "2025-05-04"), new("gn-1001", "2025-05-05")]
DELTA = {"gn-1001": {"name": "Delta", "oblast": "", "lat": 48.2, "lon": 37.8,
                     "population": 0, "geonames_id": 1001}}


@pytest.fixture
def db(loaded: str, tmp_path: Path) -> Iterator[DatabaseStorage]:
    storage = DatabaseStorage(loaded, tmp_path / "cache", actor="editor")
    yield storage
    storage.close()


def _end_session(db: DatabaseStorage) -> None:
    """End the storage's server session from another connection (as a restart would)."""
    with db.connection() as (conn, _):
        pid = conn.info.backend_pid
    with psycopg.connect(db.url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def _refused_then_retried(db: DatabaseStorage, before: str) -> None:
    with pytest.raises(StoreError) as err:
        db.accept(BATCH, DELTA, today=TODAY)
    text = str(err.value)
    assert text.startswith(f"lost the connection to the database {db.label} during an "
                           "accept: ") and "\n" not in text
    assert "Fix: check that the server runs, then accept again" in text
    assert db.version() == before  # a new connection; nothing of the batch went in
    done = db.accept(BATCH, DELTA, today=TODAY)
    assert done.claims_written == ["gamma-2025-05-04-ru-mod", "delta-2025-05-05-ru-mod"]
    assert done.settlements_added == ["delta"] and db.version() != before


def test_a_session_ended_before_an_accept_is_one_line(db: DatabaseStorage) -> None:
    before = db.version()
    _end_session(db)
    _refused_then_retried(db, before)


def test_a_session_ended_inside_the_write_writes_nothing(
        db: DatabaseStorage, monkeypatch: pytest.MonkeyPatch) -> None:
    before = db.version()
    real = database_mod.accept_claims
    calls: list[int] = []

    def lost_midway(conn: psycopg.Connection, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:  # the settlement is inserted, the claims not yet
            with psycopg.connect(db.url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return real(conn, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database_mod, "accept_claims", lost_midway)
    _refused_then_retried(db, before)
    assert len(calls) == 2
    settlements = db.load("all", TODAY).settlements
    assert (settlements["geonames_id"] == 1001).sum() == 1  # the first try left no row
