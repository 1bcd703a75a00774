"""A server's refresh by what was added: claims accepted on one storage reach another
server's Snapshot by appending them (no new load), giving the very dataset and mirror a
full load gives; any other change, or claims committed out of order, takes the full load
and says why in the log."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
import pytest

from geo.dataset.load import Dataset
from geo.db.connect import transaction
from geo.store import Snapshot
from geo.store.database import DatabaseStorage
from tests.db.data import TODAY
from tests.helpers import claim


def _new(settlement: str, date: str, **extra: str) -> dict[str, Any]:
    row = claim("", date, settlement, "ru_mod", "russian", **extra)
    row.pop("id")
    return row


def _same(a: Dataset, b: Dataset) -> None:
    for name in ("claimants", "settlements", "claims", "territory"):
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True),
                                      getattr(b, name).reset_index(drop=True), obj=name)


def _full(url: str, cache: Path) -> Dataset:
    """The dataset a server starting now loads (its own mirror and cache)."""
    storage = DatabaseStorage(url, cache)
    try:
        return storage.load(places="all")
    finally:
        storage.close()


@pytest.fixture
def servers(loaded: str, tmp_path: Path) -> Iterator[tuple[DatabaseStorage, Snapshot]]:
    editor = DatabaseStorage(loaded, tmp_path / "editor", actor="editor")
    snapshot = Snapshot(DatabaseStorage(loaded, tmp_path / "server"), places="all",
                        interval=0)  # refreshed by hand: no thread
    snapshot.current()
    yield editor, snapshot
    editor.close()
    snapshot.storage.close()  # type: ignore[attr-defined]


def test_accepted_claims_are_appended_as_a_full_load_reads_them(
        servers: tuple[DatabaseStorage, Snapshot], loaded: str, tmp_path: Path) -> None:
    editor, snapshot = servers
    first = snapshot.current()
    # one before every held claim's date, one between, one quoted, one naming a gn- place
    done = editor.accept([_new("beta", "2024-12-01"), _new("alpha", "2025-01-15"),
                          _new("gn-1001", "2025-05-02", summary='says "taken", again')],
                         today=TODAY)
    editor.accept([_new("gamma", "2025-05-04")], today=TODAY)  # a second version
    assert snapshot.refresh()
    now = snapshot.current()
    assert (now.how, snapshot.appends, snapshot.loads) == ("appended", 1, 2)
    assert now.version == editor.version() != first.version
    assert set(done.claims_written) <= set(now.dataset.claims["id"])
    _same(now.dataset, _full(loaded, tmp_path / "fresh"))
    # the version's mirror: the bytes a dump writes, in its own folder (the page's key)
    dumped = DatabaseStorage(loaded, tmp_path / "dump").directory()
    assert now.dataset.directory != first.dataset.directory
    for name in ("claims.csv", "claimants.csv", "settlements.csv", "territory.csv"):
        assert (now.dataset.directory / name).read_bytes() == (dumped / name).read_bytes()
    # and again from the appended dataset's own marks
    editor.accept([_new("alpha", "2025-05-05")], today=TODAY)
    assert snapshot.refresh() and snapshot.current().how == "appended"
    _same(snapshot.dataset(), _full(loaded, tmp_path / "fresh2"))


def test_an_edit_a_new_figure_or_an_out_of_order_claim_takes_the_full_load(
        servers: tuple[DatabaseStorage, Snapshot], loaded: str, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    editor, snapshot = servers
    caplog.set_level(logging.INFO, logger="geo.store.snapshot")
    with psycopg.connect(loaded) as conn, transaction(conn, "fixer"):
        conn.execute("UPDATE claims SET summary = 'Corrected.' WHERE id = 'c3'")
    assert snapshot.refresh() and snapshot.current().how == "full"
    assert "UPDATE on claims (c3)" in caplog.text
    claims = snapshot.dataset().claims
    assert claims.loc[claims["id"] == "c3", "summary"].tolist() == ["Corrected."]

    editor.accept([], figures=[{"date": "2025-05-01", "claimant": "ru_mod", "share_pct": "19.5",
                                "qualifier": "about", "summary": "s", "source": "Wire"}],
                  today=TODAY)
    assert snapshot.refresh() and snapshot.current().how == "full"
    assert "INSERT on territory" in caplog.text

    # a claim that becomes visible below the highest entry held (a writer that took its
    # entry first and committed last): its line is not last in a dump
    with psycopg.connect(loaded) as conn, transaction(conn, "late"):
        conn.execute("INSERT INTO claims (entry, id, date, settlement_id, settlement_ref, "
                     "claimant, status, extent, summary, source) OVERRIDING SYSTEM VALUE "
                     "VALUES (0, 'late', '2025-04-01', 'alpha', 'alpha', 'ru_mod', 'russian', "
                     "'full', 'Late.', 'Wire')")
    assert snapshot.refresh() and snapshot.current().how == "full"
    assert "out of entry order" in caplog.text
    assert snapshot.appends == 0
    _same(snapshot.dataset(), _full(loaded, tmp_path / "fresh"))


def test_claims_accepted_with_their_evidence_are_appended_too(
        servers: tuple[DatabaseStorage, Snapshot], loaded: str, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    """A reviewed draft carries its report's sentence: the accept writes the claim and its
    evidence in one transaction, and that is still an append (before, any evidence row took
    the full load, so reviewed accepts never got the quick path)."""
    editor, snapshot = servers
    caplog.set_level(logging.INFO, logger="geo.store.snapshot")
    editor.accept([_new("beta", "2025-05-01", evidence="Officials said beta had fallen.")],
                  today=TODAY)
    assert snapshot.refresh()   # a first side file may take the full load; it says why
    editor.accept([_new("alpha", "2025-05-06", evidence='A "quoted" line, with a comma.'),
                   _new("gamma", "2025-05-07")], today=TODAY)
    assert snapshot.refresh() and snapshot.current().how == "appended"
    claims = snapshot.dataset().claims
    said = dict(zip(claims["id"], claims["evidence"], strict=True))
    assert said["alpha-2025-05-06-ru-mod"] == 'A "quoted" line, with a comma.'
    assert said["gamma-2025-05-07-ru-mod"] == ""
    _same(snapshot.dataset(), _full(loaded, tmp_path / "fresh"))
    dumped = DatabaseStorage(loaded, tmp_path / "dump").directory()
    for name in ("claims.csv", "claims-evidence.csv"):
        assert (snapshot.dataset().directory / name).read_bytes() == \
            (dumped / name).read_bytes()


def test_an_imported_map_keeps_the_frames_and_reads_no_places(
        servers: tuple[DatabaseStorage, Snapshot], loaded: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A map import (or a replaced map) changes no table the dataset is read from: the
    server keeps its frames, takes the version's mirror (the data files linked, the maps'
    new store) and reads neither the claims nor the places table again."""
    import datetime as dt

    from geo.db import dump
    from geo.db.maps import import_deepstate_db
    from geo.maps.placeclasses import classes_path, read_classes
    from geo.maps.store import list_maps, read_map
    from tests.deepstate_fixtures import as_bytes, poly, raw_collection, square

    editor, snapshot = servers
    first = snapshot.current()
    march = raw_collection()
    march["features"][0]["geometry"] = poly(square(37.0, 48.0, size=1.0))
    (tmp_path / "jan.json").write_bytes(as_bytes(raw_collection()))
    (tmp_path / "mar.json").write_bytes(as_bytes(march))

    def no_dump(*_: object) -> None:
        raise AssertionError("a maps-only refresh read the places table")

    def mirrored(name: str, day: dt.date) -> Snapshot:
        import_deepstate_db(loaded, str(tmp_path / name), "importer", day)
        with monkeypatch.context() as patch:
            patch.setattr(dump, "places_frame", no_dump)
            assert snapshot.refresh()
        return snapshot

    mirrored("jan.json", dt.date(2024, 1, 1))
    now = snapshot.current()
    assert (now.how, snapshot.appends) == ("maps", 1)
    assert now.dataset.claims is first.dataset.claims
    assert now.dataset.settlements is first.dataset.settlements
    assert now.version == editor.version() and now.dataset.directory != first.dataset.directory
    # a map and a claim in one refresh: the claim appended, the map's store linked
    editor.accept([_new("gamma", "2025-05-04")], today=TODAY)
    mirrored("mar.json", dt.date(2024, 3, 1))
    now = snapshot.current()
    assert now.how == "appended" and snapshot.appends == 2 and snapshot.loads == 3
    _same(now.dataset, _full(loaded, tmp_path / "fresh"))
    dumped = DatabaseStorage(loaded, tmp_path / "dump").directory()
    for name in ("claims.csv", "claimants.csv", "settlements.csv", "territory.csv",
                 "places.parquet"):
        assert (now.dataset.directory / name).read_bytes() == (dumped / name).read_bytes()
    ours, theirs = list_maps(now.dataset.directory), list_maps(dumped)
    assert [m.date for m in ours] == [m.date for m in theirs] == [dt.date(2024, 1, 1),
                                                                   dt.date(2024, 3, 1)]
    for a, b in zip(ours, theirs, strict=True):
        assert read_map(a).geometry.geom_equals_exact(read_map(b).geometry, 0).all()
        x, y = read_classes(classes_path(a.path)), read_classes(classes_path(b.path))
        assert (x.fingerprint, list(x.ids), x.codes.tolist(), x.since.tolist()) == \
            (y.fingerprint, list(y.ids), y.codes.tolist(), y.since.tolist())


def _insert(conn: psycopg.Connection, cid: str) -> None:
    conn.execute("INSERT INTO claims (id, date, settlement_id, settlement_ref, claimant, "
                 "status, extent, summary, source) VALUES (%s, '2025-04-01', 'alpha', "
                 "'alpha', 'ru_mod', 'russian', 'full', 'Late.', 'Wire')", (cid,))


def test_the_window_s_gaps_are_read_again_and_the_marks_move_as_a_reading_gives(
        loaded: str) -> None:
    """The refresh reads the audit rows past its marks and the window's gaps only (not the
    window's rows seen): a row that was not visible at the marks (its writer still open)
    is found once visible, an id never used (a rolled-back write) is no claim, and the
    marks returned are those a fresh reading gives."""
    from geo.db.changes import _audit_top, appended_since, read_marks

    with psycopg.connect(loaded, autocommit=True) as reader:
        marks = read_marks(reader)
        with (psycopg.connect(loaded) as gone, pytest.raises(RuntimeError),
              transaction(gone, "gone")):
            _insert(gone, "gone-1")                  # takes an audit id, rolled back
            raise RuntimeError
        with psycopg.connect(loaded) as writer, transaction(writer, "writer"):
            _insert(writer, "kept-1")
        found = appended_since(reader, marks)
        assert not isinstance(found, str) and found.ids == ["kept-1"]
        assert (found.audit, found.recent) == _audit_top(reader)
        # as if kept-1's audit row had not been visible yet (committed after the reading)
        hidden = dataclasses.replace(found.marks(0, 0), recent=found.recent - {found.audit})
        late = appended_since(reader, hidden)
        assert not isinstance(late, str) and late.ids == ["kept-1"]
        assert (late.audit, late.recent) == _audit_top(reader)
        again = appended_since(reader, late.marks(0, 0))
        assert not isinstance(again, str) and again.ids == []
