"""What changed in the database since a server read its dataset, for an incremental
refresh (:mod:`geo.store.incremental`): the claims added since, as claims.csv lines, when
adding claims is all that happened; else the reason a full reload is needed.

Where a reading stood is kept as :class:`Marks`: the highest audit row it had seen (with
the ids of the recent ones, see below), the highest claim ``entry`` it holds and its
number of claims. The audit log names every write (a trigger writes it, no writer can
forget), so the audit rows past the marks tell what happened since: only INSERTs into
``claims`` (with the evidence of those new claims: the same transaction writes both) is a
pure append. A map imported, replaced or classified again (rows of ``map_snapshots``: its
polygons and place classes go with that row in the same transaction) changes no table the
dataset is loaded from: with ``maps_store`` the caller is given the new state of the maps
(its map store, made in the same snapshot) and the claims added beside. Anything else (an
UPDATE, a DELETE, a new settlement, claimant, place or territory figure, evidence for an
older claim) asks for the full reload.

Identity values are taken when a row is written, not when it commits, so two editors'
rows can become visible out of order: an audit row can appear below the highest one seen.
Audit rows are therefore read from :data:`WINDOW` below the marks, minus those already
seen, and the claims are counted: a claim missed, or one committed below the highest
entry held (its line would not come last in a dump), makes the refresh a full one. A
transaction that stays open while more than :data:`WINDOW` audit rows are written by
others, then commits, could be missed by the window; the count still catches a claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from geo import vocab
from geo.db.dump import line_query
from geo.db.mirror import current_version

#: audit rows read below the highest seen, for writes that commit out of order
WINDOW = 10_000


@dataclass(frozen=True)
class Marks:
    """Where one reading of the database stood."""

    version: int              #: the change counter
    audit: int                #: the highest audit row id visible
    recent: frozenset[int]    #: the visible audit ids in (audit - WINDOW, audit]
    entry: int                #: the highest claims ``entry`` the dataset holds
    claims: int               #: how many claims the dataset holds


@dataclass(frozen=True)
class Appended:
    """The claims added since some marks, in ``entry`` order (claims.csv's). Some may be
    claims the dataset holds already (marks read before a load are behind it)."""

    version: int              #: the change counter of this reading
    audit: int                #: its highest audit row id
    recent: frozenset[int]    #: its audit ids in (audit - WINDOW, audit]
    ids: list[str]            #: the added claims' ids
    entries: list[int]        #: their ``entry``
    lines: list[str]          #: their claims.csv lines, as a dump writes them
    total: int                #: claims in the database now
    #: the added claims' evidence (claim id → the report's sentence), and its lines of the
    #: evidence side file as a dump writes them (in ``entry`` order)
    evidence: dict[str, str]
    evidence_lines: list[str]
    #: whether a stored map changed since; then its map store as of this reading
    #: (``maps_store``'s answer; None: the database holds no map)
    maps: bool = False
    store: Path | None = None

    def marks(self, entry: int, claims: int) -> Marks:
        """The marks of a dataset holding this reading's claims (``entry``: its highest
        entry, ``claims``: its number of claims)."""
        return Marks(self.version, self.audit, self.recent, entry, claims)


def _repeatable(conn: psycopg.Connection) -> None:
    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _audit_top(conn: psycopg.Connection) -> tuple[int, frozenset[int]]:
    row = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()
    assert row is not None
    top = int(row[0])
    recent = frozenset(int(r[0]) for r in conn.execute(
        "SELECT id FROM audit_log WHERE id > %s", (top - WINDOW,)))
    return top, recent


def _gaps(marks: Marks) -> list[int]:
    """The ids of ``marks``' window (``audit - WINDOW``, ``audit``] not visible when the
    marks were read: a writer's row still uncommitted then, or an id never used."""
    return sorted(set(range(max(marks.audit - WINDOW, 0) + 1, marks.audit + 1)) - marks.recent)


def _moved(marks: Marks, new: list[int]) -> tuple[int, frozenset[int]]:
    """The highest audit id visible and the window's visible ids, from ``marks`` and the
    ``new`` ids visible since (every id past the marks, and the gaps that filled): what
    :func:`_audit_top` reads, without reading the window's rows again (the log is
    append-only: an id visible once stays visible)."""
    top = max([marks.audit, *new])
    return top, frozenset(i for i in (*marks.recent, *new) if i > top - WINDOW)


def read_marks(conn: psycopg.Connection) -> Marks:
    """The marks of the database as it is (one snapshot; ``conn`` idle, autocommit).
    Read before a full load, they are at or behind what the load holds: a refresh from
    them finds some claims the dataset has already (:func:`appended_since` returns them;
    the caller drops those it holds) and never misses one."""
    with conn.transaction():
        _repeatable(conn)
        version = current_version(conn)
        top, recent = _audit_top(conn)
        row = conn.execute("SELECT coalesce(max(entry), 0), count(*) FROM claims").fetchone()
        assert row is not None
    return Marks(version, top, recent, int(row[0]), int(row[1]))


def entry_of(conn: psycopg.Connection, claim_id: str) -> int:
    """The ``entry`` of one claim (0: none has that id)."""
    row = conn.execute("SELECT entry FROM claims WHERE id = %s", (claim_id,)).fetchone()
    return int(row[0]) if row else 0


def appended_since(conn: psycopg.Connection, marks: Marks,
                   maps_store: Callable[[psycopg.Connection], Path | None] | None = None
                   ) -> Appended | str:
    """The claims added since ``marks`` (one snapshot; ``conn`` idle, autocommit), or why
    what happened since is not only that (a one-line reason, for the log). With
    ``maps_store``, changed maps are allowed too: it is called in the same snapshot and
    its map store returned."""
    with conn.transaction():
        _repeatable(conn)
        version = current_version(conn)
        # the rows past the marks, and those of the window below them not visible then
        # (the gaps: a few ids, mostly none): not the window's thousands of rows seen
        rows = conn.execute("SELECT id, table_name, action, row_key FROM audit_log "
                            "WHERE id > %s OR id = ANY(%s::bigint[]) ORDER BY id",
                            (marks.audit, _gaps(marks))).fetchall()
        new = [r for r in rows if r[0] not in marks.recent]
        added = {str(r[3]) for r in new if (r[1], r[2]) == ("claims", "INSERT")}
        said = [str(r[3]) for r in new if (r[1], r[2]) == ("claim_evidence", "INSERT")
                and str(r[3]) in added]   # a new claim's evidence, written with it
        maps = any(r[1] == "map_snapshots" for r in new)
        other = [r for r in new if (r[1], r[2]) != ("claims", "INSERT")
                 and not ((r[1], r[2]) == ("claim_evidence", "INSERT") and str(r[3]) in added)
                 and not (maps_store is not None and r[1] == "map_snapshots")]
        if other:
            _, table, action, key = other[0]
            return (f"not only new claims: {action} on {table} ({key}) and "
                    f"{len(other) - 1} more change(s) besides new claims")
        ids = list(dict.fromkeys(str(r[3]) for r in new if r[1] == "claims"))
        found = conn.execute(line_query("claims.csv", "id = ANY(%s)", "entry, id").encode(),
                             (ids,)).fetchall() if ids else []
        told = conn.execute(line_query(vocab.EVIDENCE_FILE, "claim_id = ANY(%s)",
                                       "claim_id, evidence").encode(),
                            (said,)).fetchall() if said else []
        count = conn.execute("SELECT count(*) FROM claims").fetchone()
        assert count is not None
        top, recent = _moved(marks, [int(r[0]) for r in new])
        store = maps_store(conn) if maps and maps_store is not None else None
    return Appended(version, top, recent, [str(r[1]) for r in found],
                    [int(r[0]) for r in found], [str(r[2]) for r in found], int(count[0]),
                    {str(r[0]): str(r[1]) for r in told}, [str(r[2]) for r in told],
                    maps, store)
