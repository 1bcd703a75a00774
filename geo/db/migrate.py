"""Schema migrations: plain versioned SQL files (``migrations/NNNN_name.sql``) applied in
order, each in its own transaction with its version recorded in ``schema_migrations``.

Plain SQL rather than Alembic: the schema leans on PostgreSQL itself (PostGIS columns,
triggers, transition tables, CHECKs) that Alembic would only pass through as text, and the
project has no ORM models for it to compare against. An advisory lock keeps two servers
upgrading at once from applying a file twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg

from geo.errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
#: pg_advisory_xact_lock key held while migrating (any constant; "frontline" in ASCII)
_LOCK = 0x66726F6E74


@dataclass(frozen=True)
class Migration:
    """One versioned SQL file."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The bundled migrations, oldest first."""
    folder = resources.files("geo.db") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def applied(conn: psycopg.Connection) -> list[int]:
    """Versions applied to the database (empty: a database never initialised)."""
    with conn.transaction():
        exists = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()
        if not exists or exists[0] is None:
            return []
        return [int(r[0]) for r in conn.execute(
            "SELECT version FROM schema_migrations ORDER BY version")]


def upgrade(conn: psycopg.Connection, init: bool = False) -> list[str]:
    """Apply every pending migration; returns the files applied.

    ``init`` (``geo db init``): the database must hold no schema of ours yet.
    """
    done: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY "
                     "KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        have = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
        if init and have:
            raise StoreError(f"the database is already initialised (schema version "
                             f"{max(have)}). Fix: run `python -m geo db upgrade` instead")
        for migration in migrations():
            if migration.version in have:
                continue
            try:
                conn.execute(migration.sql.encode())
            except psycopg.Error as exc:
                raise StoreError(f"migration {migration.name} failed: "
                                 f"{str(exc).strip().splitlines()[0]}. Fix: correct the "
                                 "database or the file; nothing of it was applied") from None
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                         (migration.version, migration.name))
            done.append(migration.name)
    return done


def require_current(conn: psycopg.Connection) -> None:
    """Raise a one-line StoreError unless every bundled migration is applied."""
    have = set(applied(conn))
    if not have:
        raise StoreError("the database holds no Frontline schema. Fix: run "
                         "`python -m geo db init --db URL` first")
    missing = [m.name for m in migrations() if m.version not in have]
    if missing:
        raise StoreError(f"the database schema is behind ({', '.join(missing)} not applied). "
                         "Fix: run `python -m geo db upgrade --db URL`")
