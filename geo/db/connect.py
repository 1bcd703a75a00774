"""Which database, who is writing, and a connection to it.

The URL comes from ``--db URL``, else ``$FRONTLINE_DB`` (libpq's forms: a
``postgresql://user@host/db`` URL or ``host=... dbname=...``). The writer's name comes from
``--as NAME``, else the OS user; every transaction opened by :func:`transaction` sets it as
``frontline.actor``, which the audit triggers record.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import psycopg

from geo.errors import InputError, StoreError

DB_ENV = "FRONTLINE_DB"


def database_url(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``given`` (``--db``), else ``$FRONTLINE_DB``; neither: an :class:`InputError`."""
    environ = os.environ if environ is None else environ
    url = given or environ.get(DB_ENV, "")
    if not url:
        raise InputError(f"no database given: pass --db postgresql://USER@HOST/DB or set "
                         f"{DB_ENV}")
    return url


def actor_name(given: str | None) -> str:
    """``--as NAME`` when given, else the OS user's login name."""
    if given and given.strip():
        return given.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's numeric user)
        return f"uid-{os.getuid()}"


def connect(url: str) -> psycopg.Connection:
    """A connection (not autocommit); a refused or unknown server is one line naming it."""
    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
        raise StoreError(f"cannot connect to the database {redacted(url)}: {first}. Fix: "
                         "check --db / FRONTLINE_DB and that the server runs") from None


@contextmanager
def transaction(conn: psycopg.Connection, actor: str) -> Iterator[psycopg.Connection]:
    """One transaction with ``frontline.actor`` set: committed on success, rolled back on
    any exception (nothing of it stays)."""
    with conn.transaction():
        conn.execute("SELECT set_config('frontline.actor', %s, true)", (actor,))
        yield conn


def redacted(url: str) -> str:
    """The URL without a password (``postgresql://u:secret@h/db`` → ``postgresql://u@h/db``)."""
    if "://" in url and "@" in url.split("://", 1)[1]:
        scheme, rest = url.split("://", 1)
        userinfo, host = rest.split("@", 1)
        return f"{scheme}://{userinfo.split(':', 1)[0]}@{host}"
    return url
