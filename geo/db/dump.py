"""``geo db dump DIR``: a database back to the file format: the four CSV files as the
file store writes them (byte for byte the bundled files after a load), the evidence side
file when the database holds evidence, ``places.parquet`` and the stored maps in the map
store's layout (``maps/``, :mod:`geo.db.mapfiles`). Each row is written with
the quoting it was read with (``quoted``), ``\\n`` line ends, numbers with their stored
digits, an empty field for NULL.
Each file is replaced atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import psycopg
from psycopg import sql

from geo import vocab
from geo.db.load import PLACE_COLUMNS
from geo.db.mapfiles import dump_maps, link_store, shared_store
from geo.db.migrate import require_current
from geo.io.atomic import atomic_write_bytes, atomic_write_parquet
from geo.places.table import PLACES_FILE

#: each file's fields as SQL text expressions (NULL: empty), in file column order
_FIELDS = {
    "claimants.csv": ("id", "name", "short", "side", "kind", "url"),
    "settlements.csv": ("id", "name", "name_uk", "aliases", "oblast", "kind",
                        "population::text", "lat::text", "lon::text", "geonames_id::text"),
    "claims.csv": ("id", "date::text", "settlement_id", "claimant", "status", "extent", "part",
                   "CASE encircled WHEN true THEN 'true' WHEN false THEN 'false' END",
                   "summary", "source", "source_url", "source_date::text", "channel"),
    "territory.csv": ("date::text", "claimant", "share_pct::text", "qualifier",
                      "area_km2::text", "denominator_km2::text", "includes", "summary",
                      "source", "source_url", "refers_to::text"),
    vocab.EVIDENCE_FILE: ("claim_id", "evidence"),
}
_TABLES = {"claimants.csv": "claimants", "settlements.csv": "settlements",
           "claims.csv": "claims", "territory.csv": "territory",
           vocab.EVIDENCE_FILE: "claim_evidence"}


def line_query(name: str, where: str = "", also: str = "") -> str:
    """The SELECT giving each row's CSV line, quoted as the row was written (``quoted``);
    ``where``: a condition on the rows (this package's own SQL), ``also``: columns selected
    before the line."""
    parts = [f"CASE WHEN quoted & {1 << i} <> 0 THEN '\"' || replace(coalesce({expr}, ''), "
             f"'\"', '\"\"') || '\"' ELSE coalesce({expr}, '') END"
             for i, expr in enumerate(_FIELDS[name])]
    joined = " || ',' || ".join(parts)
    # every part is a constant of this module: nothing from outside is spliced in
    where = f" WHERE {where}" if where else ""
    also = f"{also}, " if also else ""
    return f"SELECT {also}{joined} FROM {_TABLES[name]}{where} ORDER BY entry"  # noqa: S608


def csv_bytes(conn: psycopg.Connection, name: str) -> bytes:
    """One data file's bytes, header first, one ``\\n``-ended line per row."""
    lines = [",".join(vocab.COLUMNS.get(name, vocab.EVIDENCE_COLUMNS))]
    with conn.cursor() as cur:
        cur.execute(line_query(name).encode())
        lines += [row[0] for row in cur]
    return ("\n".join(lines) + "\n").encode("utf-8")


def places_frame(conn: psycopg.Connection) -> pd.DataFrame | None:
    """The places table as ``places.parquet`` holds it (None: the database has none)."""
    with conn.cursor() as cur:
        cur.execute(sql.SQL("SELECT {} FROM places ORDER BY geonameid").format(
            sql.SQL(", ").join(map(sql.Identifier, PLACE_COLUMNS))))
        rows = cur.fetchall()
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    return frame.astype({"geonameid": "int64", "population": "int64", "lat": "float64",
                         "lon": "float64"})


def dump_directory(conn: psycopg.Connection, out: Path,
                   shared_maps: Path | None = None) -> list[str]:
    """Write the data files into ``out`` (created when missing) and the stored maps under
    ``out/maps/`` (:func:`geo.db.mapfiles.dump_maps`; with ``shared_maps``, a link to their
    shared store under that folder instead, :func:`geo.db.mapfiles.shared_store`); returns
    the files written. With no evidence in the database there is no side file: one left in
    ``out`` by an earlier dump is removed (it would name claims of other data)."""
    require_current(conn)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with conn.transaction():
        if idle:  # one snapshot for every file (else: the caller's open transaction's)
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        texts = {name: csv_bytes(conn, name) for name in _FIELDS}
        places = places_frame(conn)
        if shared_maps is None:
            maps = dump_maps(conn, out, places)
        else:
            link_store(shared_store(conn, shared_maps, lambda: places), out)
            maps = ["maps"] if (out / "maps").is_symlink() else []
    if texts[vocab.EVIDENCE_FILE].count(b"\n") == 1:  # the header only: the files have none
        del texts[vocab.EVIDENCE_FILE]
        (out / vocab.EVIDENCE_FILE).unlink(missing_ok=True)
    for name, data in texts.items():
        atomic_write_bytes(out / name, data)
        written.append(name)
    if places is not None:
        atomic_write_parquet(places, out / PLACES_FILE)
        written.append(PLACES_FILE)
    return written + maps
