"""The storage interface on what only the database has: its mirror's place, the evidence's
audit rows and the mirror's side file byte for byte as the files write it, an unreachable
server in one line, a second server seeing an accept within the stated bound. What both
backends share is tested on both in test_shared_behaviour.py."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest

from geo.errors import StoreError
from geo.store import FileStorage, Snapshot
from geo.store.database import DatabaseStorage
from tests.db.data import TODAY, tiny_data
from tests.db.data import new_claim as new

#: what the README promises: a server shows a commit within its check interval plus one
#: load; here the interval is 0.2 s and a load of the tiny data well under 2 s
INTERVAL = 0.2
BOUND = INTERVAL + 4.0


def _pair(url: str, root: Path) -> tuple[FileStorage, DatabaseStorage]:
    files = FileStorage(tiny_data(root / "files"), root / "fcache")
    return files, DatabaseStorage(url, root / "dbcache", actor="editor")


@pytest.fixture
def both(loaded: str, tmp_path: Path) -> tuple[FileStorage, DatabaseStorage]:
    files = FileStorage(tiny_data(tmp_path / "files"), tmp_path / "fcache")
    db = DatabaseStorage(loaded, tmp_path / "dbcache", actor="editor")
    yield files, db
    db.close()


def test_the_mirror_is_where_the_cache_pruning_never_looks(loaded: str, tmp_path: Path
                                                          ) -> None:
    db = DatabaseStorage(loaded, tmp_path / "cache")
    try:
        first = db.directory().relative_to(db.cache_dir).parts[0]
        assert first.startswith(".")
    finally:
        db.close()


def test_a_claims_evidence_arrives_as_on_the_files(both: tuple[FileStorage, DatabaseStorage]
                                                  ) -> None:
    """The evidence's audit rows name the editor, and the page's mirror has the side file
    the files have, byte for byte (what both read back: test_shared_behaviour.py)."""
    files, db = both
    said = ['The ministry said: "Gamma is ours", at dawn.', "The staff said Beta was held."]
    batch = [{**new("gamma", "2025-05-06"), "evidence": said[0]},
             {**new("beta", "2025-05-07"), "evidence": said[1]}, new("alpha", "2025-05-08")]
    on_files = files.accept(batch, today=TODAY)
    done = db.accept(batch, today=TODAY)
    assert done.claims_written == on_files.claims_written
    name = "claims-evidence.csv"
    assert (db.directory() / name).read_bytes() == (files.directory() / name).read_bytes()
    with psycopg.connect(db.url) as conn:
        audited = conn.execute("SELECT row_key, actor, after ->> 'evidence' FROM audit_log "
                               "WHERE table_name = 'claim_evidence' ORDER BY id").fetchall()
    assert audited == [(done.claims_written[0], "editor", said[0]),
                       (done.claims_written[1], "editor", said[1])]


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/none?host={tmp_path}"
    with pytest.raises(StoreError) as err:
        DatabaseStorage(url, tmp_path).version()
    assert "cannot connect to the database" in str(err.value) and "\n" not in str(err.value)
    assert "Fix:" in str(err.value)


def test_a_second_server_sees_an_accept_within_the_bound(loaded: str, tmp_path: Path) -> None:
    editor = DatabaseStorage(loaded, tmp_path / "editor", actor="editor")
    server = DatabaseStorage(loaded, tmp_path / "server")
    snapshot = Snapshot(server, places="all", interval=INTERVAL)
    try:
        first = snapshot.current()
        assert snapshot.loads == 1
        # unchanged: each check is one query and no load
        assert [snapshot.refresh() for _ in range(3)] == [False, False, False]
        assert snapshot.loads == 1 and snapshot.current() is first
        done = editor.accept([new("gamma", "2025-05-04")], today=TODAY)
        committed = time.monotonic()
        seen = threading.Event()
        while time.monotonic() - committed < BOUND and not seen.is_set():
            if snapshot.current().version != first.version:
                seen.set()
            else:
                seen.wait(0.02)
        lag = time.monotonic() - committed
        assert seen.is_set(), f"not seen within {BOUND} s"
        assert done.claims_written[0] in set(snapshot.dataset().claims["id"])
        assert snapshot.loads == 2 and lag < BOUND
    finally:
        snapshot.stop()
        editor.close()
        server.close()
