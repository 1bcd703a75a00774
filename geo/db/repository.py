"""Writes to the database: accepting claims (and territory figures) in one transaction.

All or nothing by construction: every row of one accept goes in inside one transaction,
and any refusal (a constraint, a future date) rolls all of it back. Two editors accepting
at once both land: each takes transaction-scoped advisory locks on the accept keys and id
stems it writes (in one sorted order, so two accepts never deadlock), then checks and
inserts under them; a claim equal to one present (same place, claimant, date and status,
the file store's rule) is skipped. A claim's ``evidence`` (the report's sentence) goes into
``claim_evidence`` in the same transaction, as the file store's accept writes it to the side
file, and only for a claim written (a skipped duplicate keeps what it had). A row refused
by the database is reported as the file store does: table, key, field, value and the fix
(:mod:`geo.db.problems`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import psycopg

from geo import vocab
from geo.db.connect import transaction
from geo.db.layout import minimal_quotes
from geo.db.problems import refusal
from geo.errors import InputError

_GN = re.compile(r"^gn-(\d+)$")


@dataclass
class Accepted:
    """What one accept wrote or skipped."""

    claims_written: list[str] = field(default_factory=list)
    duplicates_skipped: list[str] = field(default_factory=list)
    figures_written: int = 0


def _slug(text: str) -> str:
    from geo.places.fold import latin

    return re.sub(r"[^a-z0-9]+", "-", latin(text)).strip("-") or "place"


def _row(claim: dict[str, Any], today: dt.date) -> dict[str, str]:
    """A claims.csv row of text; a missing or future date is refused as the file store does."""
    row = {k: "" if claim.get(k) is None else str(claim.get(k)).strip()
           for k in vocab.COLUMNS["claims.csv"]}
    for name in ("date", "source_date"):
        if row[name] == "" and name == "source_date":
            continue
        try:
            day = dt.date.fromisoformat(row[name])
        except ValueError:
            raise InputError(f"claims[{row['settlement_id']} {row['claimant']}] {name} = "
                             f"{row[name]!r}: not a valid date. Fix: write it as YYYY-MM-DD, "
                             "e.g. 2025-11-11") from None
        if day > today:
            raise InputError(f"claims[{row['settlement_id']} {row['claimant']}] {name} = "
                             f"{row[name]!r}: date is in the future (after {today}). Fix: use "
                             "the day the claim was made, not a later one")
    return row


def _resolve(conn: psycopg.Connection, ids: list[str]) -> dict[str, str]:
    """Each settlement id's place key: a curated id, or ``gn-N`` of an uncurated place."""
    gids = {sid: int(m.group(1)) for sid in ids if (m := _GN.match(sid))}
    curated: dict[int, str] = dict(conn.execute(
        "SELECT geonames_id, id FROM settlements WHERE geonames_id = ANY(%s)",
        (list(gids.values()),)).fetchall()) if gids else {}
    return {sid: curated.get(gids[sid], sid) if sid in gids else sid for sid in ids}


def _lock(conn: psycopg.Connection, keys: set[str]) -> None:
    for key in sorted(keys):
        conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))


_INSERT = """
    INSERT INTO claims (quoted, id, date, settlement_id, settlement_ref, place_ref, claimant,
                        status, extent, part, encircled, summary, source, source_url,
                        source_date, channel)
    SELECT %(quoted)s, %(id)s, %(date)s::date, %(settlement_id)s,
           CASE WHEN %(place)s ~ '^gn-[0-9]+$' THEN NULL ELSE %(place)s END,
           CASE WHEN %(place)s ~ '^gn-[0-9]+$' THEN substr(%(place)s, 4)::bigint END,
           %(claimant)s, %(status)s, %(extent)s, nullif(%(part)s, ''),
           nullif(%(encircled)s, '')::boolean, %(summary)s, %(source)s,
           nullif(%(source_url)s, ''), nullif(%(source_date)s, '')::date,
           nullif(%(channel)s, '')
    WHERE NOT EXISTS (
        SELECT 1 FROM claims c
        WHERE c.claimant = %(claimant)s AND c.date = %(date)s::date
          AND c.status = %(status)s
          AND coalesce(c.settlement_ref, 'gn-' || c.place_ref::text) = %(place)s)
    RETURNING id"""

_EVIDENCE = "INSERT INTO claim_evidence (quoted, claim_id, evidence) VALUES (%s, %s, %s)"


def accept_claims(conn: psycopg.Connection, claims: list[dict[str, Any]], actor: str,
                  figures: list[dict[str, Any]] | None = None,
                  today: dt.date | None = None) -> Accepted:
    """Add ``claims`` (claims.csv fields and ``evidence``, optional; ``id`` optional: made
    from settlement, date and claimant like the file store's, else used as given) and
    territory ``figures``.

    Raises
    ------
    geo.errors.InputError
        A row is refused (one line: table, key, field, value, fix); nothing is written.
    """
    today = today or dt.date.today()
    rows = [_row(c, today) for c in claims]
    said = [str(c.get("evidence") or "").strip() for c in claims]
    result = Accepted()
    with transaction(conn, actor):
        place = _resolve(conn, sorted({r["settlement_id"] for r in rows}))
        stems = {r["id"] or _slug(f"{r['settlement_id']}-{r['date']}-{r['claimant']}")
                 for r in rows}
        _lock(conn, {f"claim {place[r['settlement_id']]} {r['claimant']} {r['date']} "
                     f"{r['status']}" for r in rows} | {f"id {s}" for s in stems})
        for row, evidence in zip(rows, said, strict=True):
            key = f"{row['settlement_id']} {row['claimant']} {row['date']} {row['status']}"
            if not row["id"]:
                row["id"] = _free_id(conn, _slug(f"{row['settlement_id']}-{row['date']}-"
                                                 f"{row['claimant']}"))
            values = [row[k] for k in vocab.COLUMNS["claims.csv"]]
            params = {**row, "place": place[row["settlement_id"]],
                      "quoted": minimal_quotes(values)}
            try:
                with conn.transaction():
                    done = conn.execute(_INSERT, params).fetchone()
            except psycopg.errors.IntegrityError as exc:
                raise refusal(exc, "claims", row["id"], dict(row)) from None
            if done is None:
                result.duplicates_skipped.append(key)
                continue
            result.claims_written.append(str(done[0]))
            if evidence:
                line = [str(done[0]), evidence]
                conn.execute(_EVIDENCE, (minimal_quotes(line), *line))
        result.figures_written = _figures(conn, figures or [])
    return result


def _free_id(conn: psycopg.Connection, stem: str) -> str:
    """``stem``, else ``stem-2``, ``stem-3``...: the first id no claim has (under its lock)."""
    taken = {r[0] for r in conn.execute(
        "SELECT id FROM claims WHERE id = %s OR id ~ ('^' || %s || '-[0-9]+$')", (stem, stem))}
    cid, n = stem, 2
    while cid in taken:
        cid, n = f"{stem}-{n}", n + 1
    return cid


#: territory.csv columns that are not text in the database
_CASTS = {"date": "date", "refers_to": "date", "share_pct": "numeric", "area_km2": "numeric",
          "denominator_km2": "numeric"}


def _figures(conn: psycopg.Connection, figures: list[dict[str, Any]]) -> int:
    """Territory figures; one equal to a stored one is skipped by its unique constraint."""
    columns = vocab.COLUMNS["territory.csv"]
    values = ", ".join(f"nullif(%({k})s, '')::{_CASTS.get(k, 'text')}" for k in columns)
    sql = (f"INSERT INTO territory (quoted, {', '.join(columns)}) SELECT %(quoted)s, {values} "
           "ON CONFLICT ON CONSTRAINT territory_figure_key DO NOTHING")
    written = 0
    for fig in figures:
        row: dict[str, Any] = {k: "" if fig.get(k) is None else str(fig.get(k)).strip()
                               for k in columns}
        row["quoted"] = minimal_quotes([row[k] for k in columns])
        try:
            with conn.transaction():
                written += conn.execute(sql, row).rowcount
        except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as exc:
            raise refusal(exc, "territory", f"{row['claimant']} {row['date']}", row) from None
    return written
