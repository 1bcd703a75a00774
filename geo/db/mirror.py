"""A read-only mirror of one database version as a data directory, for the file store's
own loading and validation (:func:`geo.dataset.cache.load_cached`), its Parquet cache
and everything that reads a data directory (the places table, the review page).

Each version is dumped once per machine into ``<root>/<database key>/<version>/`` from one
``REPEATABLE READ`` snapshot (the version counter read in the same snapshot as the rows),
written as one directory (temp directory, then rename: a reader never sees half of one)
under a lock, so two servers of one machine dump it once.
The newest :data:`KEEP` versions stay. The dump writes the evidence side file as the
files keep it, so the page shows a claim's evidence on the database too. The stored maps
are in it too, in the map store's layout (``<mirror>/maps/``, a link to one store per
state of the maps, :func:`geo.db.mapfiles.shared_store`), so the map readers on a
database read the mirror as their store.

An accept needs less: :func:`accept_directory` writes the small files (claimants,
settlements, territory, the places table) and claims.csv's header only, from one snapshot,
so accepting costs the same with a million stored claims as with ten.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import psycopg

from geo import vocab
from geo.db.connect import redacted
from geo.db.dump import csv_bytes, dump_directory, line_query, places_frame
from geo.db.mapfiles import link_store, prune_cache, prune_stores, relink, shared_store
from geo.io.atomic import atomic_directory, atomic_write_parquet
from geo.io.locking import locked
from geo.places.table import PLACES_FILE

KEEP = 4
#: the folder of each stored map's files, written once per revision (geo.db.mapfiles)
MAPS = "maps"
_COMPLETE = ".complete"


def database_key(conn: psycopg.Connection, url: str) -> str:
    """Names this database among others: its URL (no password), the server's port and the
    database's oid (a database dropped and created again gets another)."""
    row = conn.execute("SELECT oid, coalesce(inet_server_port(), 0) FROM pg_database "
                       "WHERE datname = current_database()").fetchone()
    assert row is not None
    return hashlib.sha256(f"{redacted(url)}|{row[0]}|{row[1]}".encode()).hexdigest()[:16]


def current_version(conn: psycopg.Connection) -> int:
    """The database's change counter (bumped by every write, in the writing transaction)."""
    row = conn.execute("SELECT version FROM data_version").fetchone()
    assert row is not None
    return int(row[0])


def sync_mirror(conn: psycopg.Connection, root: Path) -> tuple[int, Path]:
    """The current version and its mirror under ``root`` (written first when missing).
    ``conn`` must be idle (autocommit); the dump reads one snapshot."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        version = current_version(conn)
        target = root / f"v{version}"
        if (target / _COMPLETE).is_file():
            return version, target
        root.mkdir(parents=True, exist_ok=True)
        with locked(root, timeout=300.0):  # two servers of one machine: one dump
            if not (target / _COMPLETE).is_file():
                with atomic_directory(target) as tmp:
                    dump_directory(conn, tmp, shared_maps=root)
                    (tmp / _COMPLETE).write_text(f"{version}\n", encoding="utf-8")
                _prune(root)
                prune_cache(conn, root / MAPS)
    return version, target


def extend_mirror(root: Path, previous: Path, version: int, lines: list[str],
                  evidence_lines: list[str] | None = None, maps: bool = False,
                  store: Path | None = None) -> Path:
    """Version ``version``'s mirror under ``root`` made from the ``previous`` mirror when
    claims (or maps) were all that changed since: its files linked, claims.csv copied with
    ``lines`` (the new claims' lines, as a dump writes them) after its own, and the evidence
    side file likewise with ``evidence_lines``; so the same bytes as a dump of that
    version, without reading the database's claims or places again. ``maps``: the maps
    changed, and ``store`` is their new map store (:func:`maps_store`); else the previous
    mirror's store is linked."""
    target = root / f"v{version}"
    if (target / _COMPLETE).is_file():
        return target
    with locked(root, timeout=300.0):
        if not (target / _COMPLETE).is_file():
            with atomic_directory(target) as tmp:
                grown = {"claims.csv": lines, vocab.EVIDENCE_FILE: evidence_lines or []}
                for path in previous.iterdir():
                    if grown.get(path.name) or path.name.startswith("."):
                        continue    # (claims.csv with nothing added: linked as it is)
                    if path.is_file():
                        try:
                            os.link(path, tmp / path.name)  # read only: a link will do
                        except OSError:
                            shutil.copyfile(path, tmp / path.name)
                if maps:
                    link_store(store, tmp)
                else:
                    relink(previous, tmp)  # claims only: the same maps
                for name, added in grown.items():
                    if not added:
                        continue
                    if (previous / name).is_file():
                        shutil.copyfile(previous / name, tmp / name)
                    else:   # the first evidence: the side file begins with its header
                        (tmp / name).write_text(",".join(vocab.EVIDENCE_COLUMNS) + "\n",
                                                encoding="utf-8")
                    with (tmp / name).open("ab") as handle:
                        handle.write("".join(f"{line}\n" for line in added).encode("utf-8"))
                (tmp / _COMPLETE).write_text(f"{version}\n", encoding="utf-8")
            _prune(root)
    return target


def maps_store(conn: psycopg.Connection, root: Path, previous: Path) -> Path | None:
    """The database's maps as they stand, as the shared map store under ``root`` that a
    mirror links to (written when new, under the mirrors' lock), in the caller's snapshot.
    The places table is not read from the database: the ``previous`` mirror's copy is
    the same table (a new places table is no maps-only change), and it is read only when a
    map's files must be written."""
    def places() -> pd.DataFrame | None:
        path = previous / PLACES_FILE
        return pd.read_parquet(path) if path.is_file() else None

    root.mkdir(parents=True, exist_ok=True)
    with locked(root, timeout=300.0):
        return shared_store(conn, root, places)


def _prune(root: Path) -> None:
    versions = sorted((p for p in root.iterdir() if p.is_dir() and p.name[1:].isdigit()
                       and p.name.startswith("v")), key=lambda p: int(p.name[1:]))
    for old in versions[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    prune_stores(root, {(v / "maps").resolve().parent for v in versions[-KEEP:]
                        if (v / "maps").is_symlink()})


def accept_directory(conn: psycopg.Connection, target: Path, root: Path) -> Path:
    """A new data directory ``target`` for the file store's accept to validate new rows in:
    the database's claimants, settlements and territory files, its places table (written
    once under ``root`` per row count: the table changes only by a load) and claims.csv's
    header. ``conn`` must be idle (autocommit)."""
    target.mkdir(parents=True)
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for name in ("claimants.csv", "settlements.csv", "territory.csv"):
            (target / name).write_bytes(csv_bytes(conn, name))
        header = ",".join(vocab.COLUMNS["claims.csv"]) + "\n"
        (target / "claims.csv").write_bytes(header.encode())
        row = conn.execute("SELECT count(*), coalesce(max(geonameid), 0) FROM places"
                           ).fetchone()
        assert row is not None
        if row[0]:
            places = root / f"places-{row[0]}-{row[1]}.parquet"
            if not places.is_file():
                frame = places_frame(conn)
                assert frame is not None
                root.mkdir(parents=True, exist_ok=True)
                atomic_write_parquet(frame, places)
            try:
                os.link(places, target / PLACES_FILE)  # read only: a link will do
            except OSError:
                shutil.copyfile(places, target / PLACES_FILE)
    return target


def claims_lines(conn: psycopg.Connection) -> int:
    """The physical lines of claims.csv's records as a dump writes them (a field holding a
    line break spans two): a record appended next starts on this line plus 2."""
    breaks = "length(line) - length(replace(line, chr(10), '')) + 1"
    query = (f"SELECT coalesce(sum({breaks}), 0) "  # noqa: S608 - this module's constants
             f"FROM ({line_query('claims.csv')}) AS lines (line)")
    row = conn.execute(query.encode()).fetchone()
    assert row is not None
    return int(row[0])
