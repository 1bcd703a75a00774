"""The PostgreSQL backend: the page and the commands on a shared database (``--db URL`` or
``$FRONTLINE_DB``).

Reading: one snapshot of the database is dumped into a read-only mirror directory
(:mod:`geo.db.mirror`) and loaded by the file store's own code, so the dataset is the very
one the files give, validated the same way, and served from the Parquet cache while the
version is unchanged. Writing: the claims are first accepted into a scratch copy of the
mirror by the file store's own accept (its validation, duplicate rule, ids and one-line
errors), then the rows it would append, with the evidence it would write to the side file,
go into the database in one transaction (:func:`geo.db.accept_claims`: advisory locks,
constraints, the audit log), which settles any race with another editor.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from geo.dataset.accept import AcceptResult, accept
from geo.dataset.cache import load_cached
from geo.dataset.load import Dataset, Places
from geo.db.connect import actor_name, connect, redacted, transaction
from geo.db.migrate import require_current
from geo.db.mirror import (
    accept_directory,
    claims_lines,
    current_version,
    database_key,
    sync_mirror,
)
from geo.db.repository import accept_claims
from geo.db.settlements import add_settlements
from geo.errors import DataValidationError, StoreError
from geo.store.acceptbase import Bases, checker
from geo.vocab import EVIDENCE_FILE

#: the mirrors' folder in the Parquet cache (a dot name: the cache's pruning of old entries
#: passes over it)
MIRRORS = ".db"


class DatabaseStorage:
    """The database at ``url``; its mirrors and their Parquet cache under ``cache_dir``;
    writes recorded in the audit log as ``actor`` (default: the OS user)."""

    def __init__(self, url: str, cache_dir: Path, actor: str | None = None) -> None:
        self.url = url
        self.cache_dir = Path(cache_dir)
        self.actor = actor_name(actor)
        self.label = redacted(url)
        self._conn: psycopg.Connection | None = None
        self._key = ""
        self._lock = threading.RLock()  # one connection, used by a page's poller and reruns
        self.bases = Bases()  # the accepts' validated small tables, kept between accepts

    def _connection(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            conn = connect(self.url)
            conn.autocommit = True  # every read its own short transaction; none left open
            require_current(conn)
            self._key = database_key(conn, self.url)
            self._conn = conn
        return self._conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[tuple[psycopg.Connection, Path]]:
        """This storage's connection (idle, autocommit) and its mirrors' folder, held under
        its lock for the block (for :mod:`geo.store.incremental`)."""
        with self._lock:
            conn = self._connection()
            yield conn, self.cache_dir / MIRRORS / self._key

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def version(self) -> str:
        """``<database key>:<change counter>``: one indexed one-row query."""
        with self._lock:
            conn = self._connection()
            try:
                number = current_version(conn)
            except psycopg.OperationalError:  # the server went away: one new try
                self.close()
                conn = self._connection()
                number = current_version(conn)
            return f"{self._key}:{number}"

    def directory(self) -> Path:
        with self._lock:
            conn = self._connection()
            _, path = sync_mirror(conn, self.cache_dir / MIRRORS / self._key)
            return path

    def load(self, places: Places = "claimed", today: dt.date | None = None) -> Dataset:
        return load_cached(self.directory(), self.cache_dir, today, places)

    def accept(self, claims: list[dict], places: dict[str, dict[str, Any]] | None = None,
               figures: list[dict[str, Any]] | None = None,
               today: dt.date | None = None) -> AcceptResult:
        """As the files accept; a connection lost on the way (the server stopped, the
        session ended) is a one-line :class:`StoreError`: the transaction was not committed
        unless the server had taken the commit, and a retry skips what is in."""
        try:
            return self._accept(claims, places, figures, today)
        except psycopg.OperationalError as exc:
            self.close()  # broken: the next call opens a new one
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
            raise StoreError(
                f"lost the connection to the database {self.label} during an accept: "
                f"{first}. Fix: check that the server runs, then accept again (claims "
                "already in are skipped as duplicates)") from None

    def _accept(self, claims: list[dict], places: dict[str, dict[str, Any]] | None,
                figures: list[dict[str, Any]] | None,
                today: dt.date | None) -> AcceptResult:
        with tempfile.TemporaryDirectory(prefix="fc-accept-") as scratch:
            with self._lock:
                trial = accept_directory(self._connection(), Path(scratch) / "data",
                                         self.cache_dir / MIRRORS / self._key)
            sizes = {name: (trial / name).stat().st_size for name in _APPENDED}
            day = today or dt.date.today()
            try:
                base = self.bases.base(trial, day)
                tried = accept(trial, claims, places, figures, day, loaded=base.claimed,
                               check=checker(base, day))  # validates; may raise
            except DataValidationError as exc:  # claims.csv's lines as in a dump
                with self._lock:
                    offset = claims_lines(self._connection())
                raise _renumbered(exc, offset) from None
            settlements = _appended(trial / "settlements.csv", sizes["settlements.csv"],
                                    len(tried.settlements_added))
            rows = _appended(trial / "claims.csv", sizes["claims.csv"],
                             len(tried.claims_written))
            figure_rows = _appended(trial / "territory.csv", sizes["territory.csv"],
                                    tried.figures_written)
            said = _evidence(trial / EVIDENCE_FILE)
        result = AcceptResult(duplicates_skipped=list(tried.duplicates_skipped))
        if not (settlements or rows or figure_rows):
            return result
        with self._lock:
            conn = self._connection()
            with transaction(conn, self.actor):
                mapping, added = add_settlements(conn, settlements)
                for row in rows:  # ids are picked again under the database's locks
                    row["settlement_id"] = mapping.get(row["settlement_id"],
                                                       row["settlement_id"])
                    row["evidence"] = said.get(row["id"], "")
                    row["id"] = ""
                done = accept_claims(conn, rows, self.actor, figures=figure_rows, today=today)
        result.claims_written = done.claims_written
        result.duplicates_skipped += done.duplicates_skipped
        result.settlements_added = added
        result.figures_written = done.figures_written
        result.files_written = [f"{table} in {self.label}" for table, n in (
            ("settlements", len(result.settlements_added)),
            ("claims", len(result.claims_written)), ("territory", result.figures_written)) if n]
        return result


#: the files an accept appends to
_APPENDED = ("settlements.csv", "claims.csv", "territory.csv")


def _renumbered(exc: DataValidationError, offset: int) -> DataValidationError:
    """``exc`` with claims.csv's lines counted as the appended records of the full file."""
    return DataValidationError(
        dataclasses.replace(p, line=p.line + offset) if p.file == "claims.csv" and p.line > 1
        else p for p in exc.problems)


def _appended(path: Path, size: int, count: int) -> list[dict[str, Any]]:
    """The last ``count`` records of ``path`` (what the accept appended past ``size``
    bytes), as text fields. Only the new bytes are read when the header is unchanged; a
    file the accept rewrote (a column added) is read whole."""
    if not count or not path.is_file():
        return []
    with path.open("rb") as handle:
        header = handle.readline()
        whole = handle.tell() >= size  # a header-only copy: it all is new
        handle.seek(len(header) if whole else size)
        tail = handle.read()
    text = (header + tail).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if len(rows) < count:  # rewritten: read whole
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [{k.strip(): (v or "") for k, v in row.items() if k is not None}
            for row in rows[-count:]]


def _evidence(path: Path) -> dict[str, str]:
    """The evidence the accept wrote to the scratch copy's side file (it had none before),
    by the claim ids of the scratch copy."""
    if not path.is_file():
        return {}
    text = path.read_bytes().decode("utf-8-sig")
    return {row["claim_id"]: row["evidence"] or ""
            for row in csv.DictReader(io.StringIO(text, newline=""))}

