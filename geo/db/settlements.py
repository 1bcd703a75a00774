"""Adding settlements rows (a place a claim names that settlements.csv lacks, as the file
store's accept adds it) inside the caller's transaction, safe against a second editor
adding the same place at the same moment."""

from __future__ import annotations

import re
from typing import Any

import psycopg

from geo import vocab
from geo.db.layout import minimal_quotes
from geo.db.problems import refusal

_NUMBERS = {"population": "numeric", "lat": "numeric", "lon": "numeric", "geonames_id": "bigint"}


def _lock(conn: psycopg.Connection, key: str) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))


def _free(conn: psycopg.Connection, stem: str) -> str:
    """``stem``, else ``stem-2``...: the first id no settlement has (under the stem's lock)."""
    taken = {r[0] for r in conn.execute(
        "SELECT id FROM settlements WHERE id = %s OR id ~ ('^' || %s || '-[0-9]+$')",
        (stem, re.escape(stem)))}
    sid, n = stem, 2
    while sid in taken:
        sid, n = f"{stem}-{n}", n + 1
    return sid


def add_settlements(conn: psycopg.Connection, rows: list[dict[str, Any]]
                    ) -> tuple[dict[str, str], list[str]]:
    """Insert settlements.csv ``rows`` (text fields); returns each row's id → the id it has
    in the database: its own, the next free one when another editor took it meanwhile, or
    the settlement that already has its GeoNames id (then nothing is added); and the ids
    added. Run it inside a transaction (the advisory locks are the transaction's)."""
    columns = vocab.COLUMNS["settlements.csv"]
    values = ", ".join(f"nullif(%({k})s, '')::{_NUMBERS.get(k, 'text')}" for k in columns)
    insert = (f"INSERT INTO settlements (quoted, {', '.join(columns)}) "  # noqa: S608
              f"VALUES (%(quoted)s, {values})")
    mapping: dict[str, str] = {}
    added: list[str] = []
    for given in rows:
        row = {k: "" if given.get(k) is None else str(given.get(k)).strip() for k in columns}
        gid = row["geonames_id"]
        if gid:
            _lock(conn, f"settlement gn {gid}")
            found = conn.execute("SELECT id FROM settlements WHERE geonames_id = %s::bigint",
                                 (gid,)).fetchone()
            if found is not None:
                mapping[row["id"]] = str(found[0])
                continue
        stem = re.sub(r"-\d+$", "", row["id"]) or row["id"]
        _lock(conn, f"settlement id {stem}")
        final = row["id"] if _free(conn, row["id"]) == row["id"] else _free(conn, stem)
        row["id"] = final
        row["quoted"] = str(minimal_quotes([row[k] for k in columns]))
        try:
            with conn.transaction():
                conn.execute(insert, row)
        except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as exc:
            shown: dict[str, object] = dict(row)
            raise refusal(exc, "settlements", final, shown) from None
        mapping[str(given.get("id"))] = final
        added.append(final)
    return mapping, added
