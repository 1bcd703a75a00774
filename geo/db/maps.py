"""Control maps in the database: ``import deepstate --db`` stores a parsed snapshot, its
stored figures, its polygons per class (PostGIS) and every place's class on it, in one
transaction recorded in the audit log (the ``map_snapshots`` row: who, when, what).

What moved into PostGIS: which class each place of the ``places`` table falls in
(:data:`geo.db.spatial.CLASSES_SQL`, one ``ST_Covers`` join over the GiST indexes), and
``since`` (the first map of the unbroken run that gave a place its status), chained from
the previous map's rows in SQL, and brought up to date on the later maps when an earlier
map arrives late (as :func:`geo.maps.placeclasses.chain_since` does for the files). Parsing,
validation and the area figures stay the file store's own code
(:mod:`geo.maps.importer`): the same refusals in the same words on both backends.

A map whose content (:func:`map_digest`) equals the stored one of its date writes nothing
(no audit row, no new version); other content for a stored date replaces that map's rows
and moves its ``revision``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import psycopg
import shapely
from psycopg import sql

from geo.db.connect import connect, transaction
from geo.db.migrate import require_current
from geo.db.problems import refusal
from geo.db.spatial import CLASSES_SQL, status_of_code
from geo.maps.area import Figures
from geo.maps.deepstate import Snapshot
from geo.maps.importer import Imported, checked_snapshot
from geo.maps.placeclasses import CODES
from geo.maps.store import FIGURE_COLUMNS, MAP_CLAIMANT

#: a polygonal geometry kept as it is (so a dump gives the same WKB back); anything else
#: reduced to its polygons
POLYGON_SQL = ("(SELECT CASE WHEN GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') THEN g "
               "ELSE ST_Multi(ST_CollectionExtract(g, 3)) END "
               "FROM ST_SetSRID(ST_GeomFromWKB(%s), 4326) AS g)")
#: one polygon row (snapshot, class, WKB), the geometry kept when polygonal
INSERT_POLYGON = ("INSERT INTO map_polygons (snapshot, class, geom) "  # noqa: S608 - constants
                  f"VALUES (%s, %s, {POLYGON_SQL})")
# pg_advisory_xact_lock key: one map import per claimant at a time (the since chain reads
# the neighbouring maps); "maps" in ASCII
_LOCK = 0x6D617073

_SINCE = (f"CASE WHEN p.place IS NOT NULL AND {status_of_code('p.class')} = "
          f"{status_of_code('k.class')} THEN p.since ELSE %(day)s::date END")
_CLASSIFY = (f"INSERT INTO map_place_classes (snapshot, place, class, since) "  # noqa: S608
             f"SELECT %(snapshot)s, k.place, k.class, {_SINCE} FROM ({CLASSES_SQL}) AS k "
             "LEFT JOIN map_place_classes p ON p.snapshot = %(previous)s AND p.place = k.place")
_CHAIN = (f"WITH want AS (SELECT k.place, {_SINCE} AS since "  # noqa: S608
          "FROM map_place_classes k LEFT JOIN map_place_classes p "
          "ON p.snapshot = %(previous)s AND p.place = k.place WHERE k.snapshot = %(snapshot)s) "
          "UPDATE map_place_classes c SET since = w.since FROM want w "
          "WHERE c.snapshot = %(snapshot)s AND c.place = w.place AND c.since <> w.since")


def map_digest(polygons: gpd.GeoDataFrame, kind: str, source: str) -> str:
    """A hash of what a stored map shows: its kind, source and each class's polygons (WKB)."""
    digest = hashlib.sha256(f"{kind}\x00{source}\x00".encode())
    wkb = shapely.to_wkb(polygons.geometry.to_numpy(), hex=False)
    for cls, geom in zip(polygons["class"].astype(str), wkb, strict=True):
        digest.update(cls.encode() + b"\x00" + bytes(geom) + b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class MapWrite:
    """What storing one map in the database did."""

    snapshot: int               #: its ``map_snapshots.id``
    #: ``new``, ``replaced`` (other content stood for the date) or ``unchanged``
    outcome: str
    #: places per class name on this map (None: the database holds no places table)
    place_counts: dict[str, int] | None
    #: the later maps whose ``since`` dates this map changed
    later_updated: int = 0
    #: the kind and source of the map this one replaced
    replaced: str | None = None


def store_map(conn: psycopg.Connection, snapshot: Snapshot, figures: Figures, actor: str,
              claimant: str = MAP_CLAIMANT, imported_at: str | None = None) -> MapWrite:
    """Store one parsed, checked map in one transaction (see the module). A row the schema
    refuses (an unknown claimant) is an :class:`~geo.errors.InputError` naming it; nothing
    stays of a failed import."""
    digest = map_digest(snapshot.polygons, snapshot.kind, snapshot.source)
    at = imported_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    values = {"claimant": claimant, "date": snapshot.date, "kind": snapshot.kind,
              "source": snapshot.source, "imported_at": at, "digest": digest,
              **{c: getattr(figures, c) for c in FIGURE_COLUMNS}}
    with transaction(conn, actor):
        conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK, claimant))
        held = conn.execute("SELECT id, digest, kind, source FROM map_snapshots WHERE "
                            "claimant = %s AND date = %s FOR UPDATE",
                            (claimant, snapshot.date)).fetchone()
        if held is not None and held[1] == digest:
            return MapWrite(held[0], "unchanged", _counts(conn, held[0]))
        try:
            snap = _snapshot_row(conn, values, held[0] if held else None)
        except psycopg.errors.IntegrityError as exc:
            raise refusal(exc, "map_snapshots", f"{claimant} {snapshot.date}",
                          {k: str(v) for k, v in values.items()}) from None
        wkb = shapely.to_wkb(snapshot.polygons.geometry.to_numpy(), hex=False)
        with conn.cursor() as cur:
            cur.executemany(INSERT_POLYGON, [(snap, str(c), bytes(g)) for c, g in zip(
                snapshot.polygons["class"], wkb, strict=True)])
        later = classify(conn, snap, claimant, snapshot.date)
        return MapWrite(snap, "replaced" if held else "new", _counts(conn, snap), later,
                        f"a {held[2]} map from {held[3]}" if held else None)


def _snapshot_row(conn: psycopg.Connection, values: dict, replaces: int | None) -> int:
    """Insert the map's row, or update the one of its date (its old rows removed)."""
    names = list(values)
    if replaces is None:
        query = sql.SQL("INSERT INTO map_snapshots ({}) VALUES ({}) RETURNING id").format(
            sql.SQL(", ").join(map(sql.Identifier, names)),
            sql.SQL(", ").join(sql.Placeholder(n) for n in names))
        row = conn.execute(query, values).fetchone()
        assert row is not None
        return int(row[0])
    query = sql.SQL("UPDATE map_snapshots SET {}, revision = revision + 1 WHERE id = {}").format(
        sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(n), sql.Placeholder(n))
                           for n in names), sql.Placeholder("id"))
    conn.execute(query, {**values, "id": replaces})
    conn.execute("DELETE FROM map_polygons WHERE snapshot = %s", (replaces,))
    conn.execute("DELETE FROM map_place_classes WHERE snapshot = %s", (replaces,))
    return replaces


def classify(conn: psycopg.Connection, snapshot: int, claimant: str, day: dt.date) -> int:
    """Every place's class on map ``snapshot`` (dated ``day``) with its ``since``, then the
    later maps' ``since`` brought up to date (stopping at the first unchanged one, as the
    files do); returns the later maps changed. Nothing when the database has no places."""
    if conn.execute("SELECT NOT EXISTS (SELECT FROM places)").fetchone() == (True,):
        return 0
    conn.execute(_CLASSIFY, {"snapshot": snapshot, "day": day,
                             "previous": _previous(conn, claimant, day)})
    changed = 0
    later = conn.execute("SELECT id, date FROM map_snapshots WHERE claimant = %s AND "
                         "date > %s ORDER BY date", (claimant, day)).fetchall()
    previous = snapshot
    for snap, when in later:
        moved = conn.execute(_CHAIN, {"snapshot": snap, "previous": previous, "day": when})
        if not moved.rowcount:
            break
        conn.execute("UPDATE map_snapshots SET revision = revision + 1 WHERE id = %s", (snap,))
        changed, previous = changed + 1, snap
    return changed


def reclassify_all(conn: psycopg.Connection, claimant: str = MAP_CLAIMANT) -> int:
    """Every stored map's place classes derived again from the places table, oldest first
    (in the caller's transaction: a new places table); returns the maps classified."""
    maps = conn.execute("SELECT id, date FROM map_snapshots WHERE claimant = %s ORDER BY date",
                        (claimant,)).fetchall()
    conn.execute("DELETE FROM map_place_classes WHERE snapshot IN (SELECT id FROM "
                 "map_snapshots WHERE claimant = %s)", (claimant,))
    if conn.execute("SELECT NOT EXISTS (SELECT FROM places)").fetchone() == (True,):
        return 0
    previous = None
    for snap, day in maps:
        conn.execute(_CLASSIFY, {"snapshot": snap, "day": day, "previous": previous})
        previous = snap
    if maps:
        conn.execute("UPDATE map_snapshots SET revision = revision + 1 WHERE claimant = %s",
                     (claimant,))
    return len(maps)


def _previous(conn: psycopg.Connection, claimant: str, day: dt.date) -> int | None:
    row = conn.execute("SELECT id FROM map_snapshots WHERE claimant = %s AND date < %s "
                       "ORDER BY date DESC LIMIT 1", (claimant, day)).fetchone()
    return int(row[0]) if row else None


def _counts(conn: psycopg.Connection, snapshot: int) -> dict[str, int] | None:
    """Places per class name on one stored map (None: no place classes stored)."""
    found: dict[int, int] = dict(conn.execute("SELECT class, count(*) FROM map_place_classes WHERE "
                              "snapshot = %s GROUP BY class", (snapshot,)).fetchall())
    if not found:
        return None
    return {name: int(found.get(code, 0)) for name, code in CODES.items()}


def import_deepstate_db(url: str, source: str, actor: str, date: dt.date | None = None,
                        timeout: float = 30.0, force: bool = False) -> tuple[Imported, MapWrite]:
    """``import deepstate --db``: the file store's reading, parsing and checks
    (:func:`geo.maps.importer.checked_snapshot`, before any connection), then
    :func:`store_map` into the database at ``url``, audited as ``actor``."""
    snapshot, result = checked_snapshot(source, date, timeout, force)
    with connect(url) as conn:
        require_current(conn)
        written = store_map(conn, snapshot, result, actor)
    return Imported(snapshot, None, result, written.place_counts, written.replaced), written


def map_writer(url: str, actor: str, claimant: str = MAP_CLAIMANT
               ) -> Callable[[Snapshot, Figures], MapWrite]:
    """:func:`store_map` into the database at ``url`` as ``actor``, one connection per map
    (for ``ingest deepstate --db``, whose maps arrive one update at a time)."""
    def write(snapshot: Snapshot, figures: Figures) -> MapWrite:
        with connect(url) as conn:
            require_current(conn)
            return store_map(conn, snapshot, figures, actor, claimant)
    return write
