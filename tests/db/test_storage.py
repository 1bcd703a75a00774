"""The storage interface on the database: the same dataset, accepts and errors as the
files; a second server sees an accept within the stated bound; an unchanged version
costs no reload."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
import pytest

from geo.dataset.load import Dataset
from geo.errors import DataValidationError, StoreError
from geo.store import FileStorage, Snapshot
from geo.store.database import DatabaseStorage
from tests.db.data import TODAY, tiny_data
from tests.helpers import claim

#: what the README promises: a server shows a commit within its check interval plus one
#: load; here the interval is 0.2 s and a load of the tiny data well under 2 s
INTERVAL = 0.2
BOUND = INTERVAL + 4.0


def _frames(ds: Dataset) -> dict[str, pd.DataFrame]:
    return {name: getattr(ds, name).reset_index(drop=True)
            for name in ("claimants", "settlements", "claims", "territory")}


def _same(a: Dataset, b: Dataset) -> None:
    for name, frame in _frames(a).items():
        pd.testing.assert_frame_equal(frame, _frames(b)[name], obj=name)


def _new(settlement: str, date: str, claimant: str = "ru_mod", status: str = "russian",
         **extra: str) -> dict[str, Any]:
    row = claim("", date, settlement, claimant, status, **extra)
    row.pop("id")
    return row


ACCEPTED = [_new("beta", "2025-05-01"), _new("gn-1001", "2025-05-02", status="contested"),
            _new("alpha", "2025-05-03", summary='says "taken", again')]
FIGURE = {"date": "2025-05-01", "claimant": "ru_mod", "share_pct": "19.5",
          "qualifier": "about", "area_km2": "", "denominator_km2": "", "includes": "",
          "summary": "s", "source": "Wire", "source_url": "", "refers_to": ""}


@pytest.fixture
def both(loaded: str, tmp_path: Path) -> tuple[FileStorage, DatabaseStorage]:
    files = FileStorage(tiny_data(tmp_path / "files"), tmp_path / "fcache")
    db = DatabaseStorage(loaded, tmp_path / "dbcache", actor="editor")
    yield files, db
    db.close()


def test_the_database_gives_the_files_dataset(both: tuple[FileStorage, DatabaseStorage]
                                              ) -> None:
    files, db = both
    for places in ("claimed", "all"):
        _same(files.load(places), db.load(places))  # type: ignore[arg-type]
    # the mirror lives where the Parquet cache's pruning of old entries never looks
    first = db.directory().relative_to(db.cache_dir).parts[0]
    assert first.startswith(".")


def test_an_accept_lands_the_same_on_both(both: tuple[FileStorage, DatabaseStorage]) -> None:
    files, db = both
    before = db.version()
    # Delta (gn-1001) is no settlement yet: both add its row from the places table
    places = {"gn-1001": {"name": "Delta", "lat": 48.2, "lon": 37.8, "geonames_id": 1001}}
    on_files = files.accept(ACCEPTED, places, [FIGURE], today=TODAY)
    on_db = db.accept(ACCEPTED, places, [FIGURE], today=TODAY)
    assert on_db.claims_written == on_files.claims_written
    assert on_db.settlements_added == on_files.settlements_added == ["delta"]
    assert on_db.figures_written == on_files.figures_written == 1
    assert db.version() != before
    _same(files.load("all"), db.load("all"))
    again = db.accept(ACCEPTED[:1], today=TODAY)  # present: skipped, nothing written
    assert again.claims_written == [] and len(again.duplicates_skipped) == 1


def test_a_claims_evidence_arrives_as_on_the_files(both: tuple[FileStorage, DatabaseStorage]
                                                  ) -> None:
    """The evidence lands in the database with its claim, and the page's mirror has the
    side file the files have, byte for byte."""
    files, db = both
    said = ['The ministry said: "Gamma is ours", at dawn.', "The staff said Beta was held."]
    batch = [{**_new("gamma", "2025-05-06"), "evidence": said[0]},
             {**_new("beta", "2025-05-07"), "evidence": said[1]}, _new("alpha", "2025-05-08")]
    on_files = files.accept(batch, today=TODAY)
    done = db.accept(batch, today=TODAY)
    assert done.claims_written == on_files.claims_written
    claims = db.load().claims.set_index("id")["evidence"]
    assert [claims[i] for i in done.claims_written] == [*said, ""]
    _same(files.load("all"), db.load("all"))
    name = "claims-evidence.csv"
    assert (db.directory() / name).read_bytes() == (files.directory() / name).read_bytes()
    with psycopg.connect(db.url) as conn:
        audited = conn.execute("SELECT row_key, actor, after ->> 'evidence' FROM audit_log "
                               "WHERE table_name = 'claim_evidence' ORDER BY id").fetchall()
    assert audited == [(done.claims_written[0], "editor", said[0]),
                       (done.claims_written[1], "editor", said[1])]


@pytest.mark.parametrize("bad", [
    {"claimant": "nobody"}, {"status": "won"}, {"date": "2025-13-01"},
    {"settlement_id": "atlantis"}, {"date": "2025-07-01"}])
def test_a_refusal_is_the_files_refusal(both: tuple[FileStorage, DatabaseStorage],
                                        bad: dict[str, str]) -> None:
    files, db = both
    before, on_disk = db.version(), files.version()
    row = {**_new("beta", "2025-05-01"), **bad}
    with pytest.raises(DataValidationError) as on_files:
        files.accept([row], today=TODAY)
    with pytest.raises(DataValidationError) as on_db:
        db.accept([row], today=TODAY)
    assert on_db.value.summary() == on_files.value.summary()
    assert db.version() == before and files.version() == on_disk  # nothing written


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
        done = editor.accept([_new("gamma", "2025-05-04")], today=TODAY)
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
