"""``gazetteer import DUMP --db``: the database's places table refreshed from a GeoNames
dump in one audited transaction, then every stored map's place classes derived again in
PostGIS (:func:`geo.db.maps.reclassify_all`).

The dump is read and checked by the file store's own code (:func:`geo.places.gazetteer.
read_populated`, the same one-line refusals), and the rows built as ``places build`` builds
``places.parquet`` (:func:`geo.places.table.build_places`: a place a curated settlement
names keeps that settlement's id). Only what differs is written: new places inserted,
changed ones updated, gone ones deleted (each row in the audit log with its before and
after). A place that claims still name is never deleted: the import is refused, naming
the places, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import psycopg
from psycopg import sql

from geo.db.connect import transaction
from geo.db.load import PLACE_COLUMNS, PLACE_TEXT, copy_places
from geo.db.maps import reclassify_all
from geo.db.problems import refusal
from geo.errors import InputError
from geo.places.gazetteer import read_populated
from geo.places.table import build_places

_DATA = [c for c in PLACE_COLUMNS if c != "geonameid"]


@dataclass(frozen=True)
class PlacesRefresh:
    """What a refresh changed."""

    added: int
    changed: int
    removed: int
    #: the stored maps whose place classes were derived again
    maps: int


def places_of_dump(path: Path, settlements: pd.DataFrame | None) -> pd.DataFrame:
    """The places table of a dump, as ``places build`` writes it (its columns, no NaN)."""
    dump, _ = read_populated(path)
    table = build_places(dump, settlements, path)
    return table.loc[:, list(PLACE_COLUMNS)].fillna(dict.fromkeys(PLACE_TEXT, ""))


def refresh_places(conn: psycopg.Connection, table: pd.DataFrame, actor: str, source: str
                   ) -> PlacesRefresh:
    """Make the database's places table ``table`` (see the module); ``source`` names the
    dump in a refusal."""
    with transaction(conn, actor):
        conn.execute("CREATE TEMP TABLE incoming (LIKE places INCLUDING DEFAULTS) "
                     "ON COMMIT DROP")
        conn.execute("ALTER TABLE incoming DROP COLUMN geom")
        copy_places(conn, table, into="incoming")
        named = conn.execute(
            "SELECT DISTINCT 'gn-' || c.place_ref FROM claims c WHERE c.place_ref IS NOT NULL "
            "AND NOT EXISTS (SELECT FROM incoming i WHERE i.geonameid = c.place_ref) "
            "ORDER BY 1 LIMIT 6").fetchall()
        if named:
            listed = ", ".join(r[0] for r in named[:5]) + (" and more" if len(named) > 5
                                                           else "")
            raise InputError(f"{source}: lacks place(s) that claims in the database name "
                             f"({listed}); nothing was written. Fix: import a full dump "
                             "(UA.zip of download.geonames.org/export/dump/)")
        if not _differs(conn):  # the same table: nothing written, no new version
            return PlacesRefresh(0, 0, 0, 0)
        conn.execute("DELETE FROM map_place_classes")  # derived again below
        try:
            added, changed, removed = _write(conn)
        except psycopg.errors.IntegrityError as exc:
            raise refusal(exc, "places", source) from None
        maps = reclassify_all(conn)
    return PlacesRefresh(added, changed, removed, maps)


def _write(conn: psycopg.Connection) -> tuple[int, int, int]:
    """``incoming`` into ``places``: (added, changed, removed)."""
    removed = conn.execute("DELETE FROM places p WHERE NOT EXISTS (SELECT FROM incoming i "
                           "WHERE i.geonameid = p.geonameid)").rowcount
    columns = sql.SQL(", ").join(map(sql.Identifier, _DATA))
    theirs = sql.SQL(", ").join(sql.SQL("i.{}").format(sql.Identifier(c)) for c in _DATA)
    changed = conn.execute(sql.SQL(
        "UPDATE places p SET ({}) = ROW({}) FROM incoming i WHERE p.geonameid = i.geonameid "
        "AND ROW({}) IS DISTINCT FROM ROW({})").format(
            columns, theirs, sql.SQL(", ").join(sql.SQL("p.{}").format(sql.Identifier(c))
                                                for c in _DATA), theirs)).rowcount
    every = sql.SQL(", ").join(map(sql.Identifier, PLACE_COLUMNS))
    added = conn.execute(sql.SQL(
        "INSERT INTO places ({}) SELECT {} FROM incoming i WHERE NOT EXISTS (SELECT FROM "
        "places p WHERE p.geonameid = i.geonameid) ORDER BY i.geonameid").format(
            every, every)).rowcount
    return added, changed, removed


def _differs(conn: psycopg.Connection) -> bool:
    """Whether ``incoming`` differs from ``places`` in any row."""
    columns = sql.SQL(", ").join(map(sql.Identifier, PLACE_COLUMNS))
    row = conn.execute(sql.SQL(
        "SELECT EXISTS (SELECT {} FROM places EXCEPT SELECT {} FROM incoming) OR "
        "EXISTS (SELECT {} FROM incoming EXCEPT SELECT {} FROM places)").format(
            columns, columns, columns, columns)).fetchone()
    return bool(row and row[0])
