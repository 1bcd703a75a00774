"""``geo db load DIR``: a data directory (the four CSV files, the evidence side file,
``places.parquet``) and, with ``--store``, its stored DeepState maps, into an empty
database in one transaction.

The directory is validated first with the file store's own rules
(:func:`geo.dataset.load.load_dataset`); the rows then go in as written (text fields as
they are, numbers with their written digits) through ``COPY``, so a dump gives the files
back. A claim naming a curated place by its ``gn-`` id keeps that id and refers to the
curated row. Evidence goes into ``claim_evidence``: the side file's lines as written, and
before them claims.csv's older ``evidence`` column for each claim the side file does not
name (a dump writes both as the side file: the same dataset, claims.csv without the older
column). Any failure rolls the whole load back.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geo import vocab
from geo.dataset.load import load_dataset
from geo.db.connect import transaction
from geo.db.layout import NEEDS_QUOTES, file_quotes
from geo.db.maps import INSERT_POLYGON, classify, map_digest
from geo.db.migrate import require_current
from geo.db.problems import refusal
from geo.errors import InputError
from geo.io.csvfile import read_csv_file
from geo.maps.placeclasses import fingerprint
from geo.maps.store import FIGURE_COLUMNS, list_maps, read_map, stored_classes
from geo.places.table import bundled_places

#: places.parquet's columns, in file order
PLACE_COLUMNS = ("id", "geonameid", "name", "name_uk", "name_ru", "alternatenames", "oblast",
                 "raion", "population", "lat", "lon", "feature_code")
PLACE_TEXT = ("name_uk", "name_ru", "alternatenames", "oblast", "raion", "feature_code")


@dataclass
class LoadResult:
    """Rows loaded per table."""

    rows: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return ", ".join(f"{n:,} {table}" for table, n in self.rows.items())


def _copy_frame(conn: psycopg.Connection, table: str, frame: pd.DataFrame,
                not_null: tuple[str, ...] = ()) -> int:
    """COPY ``frame`` into ``table`` (its columns by name); empty text becomes NULL, except
    in the ``not_null`` columns (an empty string there)."""
    if frame.empty:
        return 0
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=False, lineterminator="\n")
    keep = sql.SQL(", FORCE_NOT_NULL ({})").format(
        sql.SQL(", ").join(map(sql.Identifier, not_null))) if not_null else sql.SQL("")
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv{})").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, frame.columns)), keep)
    with conn.cursor() as cur, cur.copy(statement) as copy:
        copy.write(buffer.getvalue().encode("utf-8"))
    return len(frame)


def _raw(directory: Path, name: str) -> pd.DataFrame:
    """The file's rows as written (stripped text) with each row's ``quoted`` mask; the
    file's optional extra columns too (``""`` when it has none)."""
    extra = vocab.EXTRA_COLUMNS.get(name, ())
    columns = vocab.COLUMNS.get(name, vocab.EVIDENCE_COLUMNS)
    frame, _ = read_csv_file(directory / name, (*columns, *extra),
                             (*vocab.MAY_BE_ABSENT.get(name, ()), *extra))
    out = frame.loc[:, [*columns, *extra]]
    out["quoted"] = file_quotes(directory / name, frame)
    return out


def _evidence(conn: psycopg.Connection, directory: Path, claims: pd.DataFrame) -> int:
    """``claim_evidence``: claims.csv's older column for the claims the side file does not
    name (quoted as the accept path would), then the side file's lines as written."""
    side = _raw(directory, vocab.EVIDENCE_FILE) if (
        directory / vocab.EVIDENCE_FILE).is_file() else pd.DataFrame(
        {"claim_id": pd.Series(dtype=object), "evidence": pd.Series(dtype=object),
         "quoted": pd.Series(dtype="int64")})
    old = claims.loc[(claims["evidence"] != "") & ~claims["id"].isin(side["claim_id"]),
                     ["id", "evidence"]].rename(columns={"id": "claim_id"})
    # minimal_quotes, column-wise: ids are slugs (never quoted); a text with , " or a break
    old["quoted"] = np.where(old["evidence"].str.contains(NEEDS_QUOTES.pattern), 2, 0)
    rows = pd.concat([old, side], ignore_index=True)[["quoted", "claim_id", "evidence"]]
    return _copy_frame(conn, "claim_evidence", rows, not_null=("evidence",))


def _claims(conn: psycopg.Connection, frame: pd.DataFrame) -> int:
    """Claims through a staging table, each resolved to its settlement or place."""
    conn.execute("CREATE TEMP TABLE claims_in (n bigint, quoted integer, id text, date text, "
                 "settlement_id text, claimant text, status text, extent text, part text, "
                 "encircled text, summary text, source text, source_url text, source_date "
                 "text, channel text) ON COMMIT DROP")
    _copy_frame(conn, "claims_in", frame.assign(n=range(len(frame)))[
        ["n", "quoted", *vocab.COLUMNS["claims.csv"]]])
    # an empty table: its foreign keys are checked once, set-based, when they are added
    # back (ALTER TABLE ... ADD: one join) rather than by a trigger per row; the same
    # definitions, read from the catalogue, and the same transaction (a refusal undoes all)
    keys = conn.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                        "conrelid = 'claims'::regclass AND contype = 'f' ORDER BY conname"
                        ).fetchall()
    conn.execute(sql.SQL("ALTER TABLE claims {}").format(sql.SQL(", ").join(
        sql.SQL("DROP CONSTRAINT {}").format(sql.Identifier(name)) for name, _ in keys)))
    cur = conn.execute("""
        INSERT INTO claims (quoted, id, date, settlement_id, settlement_ref, place_ref, claimant,
                            status, extent, part, encircled, summary, source, source_url,
                            source_date, channel)
        SELECT c.quoted, c.id, c.date::date, c.settlement_id,
               CASE WHEN g.gid IS NULL THEN c.settlement_id ELSE s.id END,
               CASE WHEN g.gid IS NOT NULL AND s.id IS NULL THEN g.gid END,
               c.claimant, c.status, c.extent, c.part, c.encircled::boolean, c.summary,
               c.source, c.source_url, c.source_date::date, c.channel
        FROM claims_in c
        CROSS JOIN LATERAL (SELECT CASE WHEN c.settlement_id ~ '^gn-[0-9]+$'
                                   THEN substr(c.settlement_id, 4)::bigint END AS gid) g
        LEFT JOIN settlements s ON s.geonames_id = g.gid
        ORDER BY c.n""")
    try:
        with conn.transaction():
            conn.execute(sql.SQL("ALTER TABLE claims {}").format(sql.SQL(", ").join(
                sql.SQL("ADD CONSTRAINT {} {}").format(sql.Identifier(name), sql.SQL(definition))
                for name, definition in keys)))
    except psycopg.errors.ForeignKeyViolation as exc:
        raise refusal(exc, "claims", "") from None
    return cur.rowcount


_SNAPSHOT = sql.SQL("INSERT INTO map_snapshots ({}) VALUES ({}) RETURNING id").format(
    sql.SQL(", ").join(map(sql.Identifier, ("claimant", "date", "kind", "source",
                                            "imported_at", "digest", *FIGURE_COLUMNS))),
    sql.SQL(", ").join([sql.Placeholder()] * (6 + len(FIGURE_COLUMNS))))


def _maps(conn: psycopg.Connection, store: Path, places: pd.DataFrame | None) -> dict[str, int]:
    """Every stored DeepState map: its figures, polygons per class and place classes. A
    map the store holds without its classes file gets its classes here, in PostGIS, as
    ``import deepstate --db`` derives them (with the later maps' ``since`` brought up to
    date), once the places table is in: every stored map carries its classes."""
    counts = {"map_snapshots": 0, "map_polygons": 0, "map_place_classes": 0}
    print_ = fingerprint(places) if places is not None else None
    unclassified: list[tuple[int, str, dt.date]] = []
    for stored in list_maps(store):
        frame = read_map(stored)
        first = frame.iloc[0]
        figures = [None if pd.isna(first.get(c)) else float(first[c]) for c in FIGURE_COLUMNS]
        row = {"claimant": stored.claimant, "date": stored.date, "kind": str(first["kind"]),
               "source": str(first["source"]),
               "imported_at": str(first.get("imported_at", "") or "")}
        row["digest"] = map_digest(frame, str(first["kind"]), str(first["source"]))
        try:
            with conn.transaction():
                snap = conn.execute(_SNAPSHOT, (*row.values(), *figures)).fetchone()
        except psycopg.errors.IntegrityError as exc:
            raise refusal(exc, "map_snapshots", f"{stored.claimant} {stored.date}", row) from None
        assert snap is not None
        wkb = shapely.to_wkb(frame.geometry.to_numpy(), hex=False)
        with conn.cursor() as cur:
            cur.executemany(INSERT_POLYGON,
                            [(snap[0], str(c), bytes(g)) for c, g in
                             zip(frame["class"], wkb, strict=True)])
        counts["map_snapshots"] += 1
        counts["map_polygons"] += len(frame)
        classes = stored_classes(stored)
        if classes is None:
            unclassified.append((int(snap[0]), stored.claimant, stored.date))
            continue
        if classes.fingerprint != print_:
            raise InputError(f"{stored.path}: its place classes were derived from another "
                             "places table than this directory's places.parquet. Fix: "
                             "python -m geo maps rederive --data DIR --store STORE, then load")
        table = pd.DataFrame({"snapshot": snap[0], "place": classes.ids,
                              "class": classes.codes.astype(int),
                              "since": pd.to_datetime(classes.since).strftime("%Y-%m-%d")})
        counts["map_place_classes"] += _copy_frame(conn, "map_place_classes", table)
    if places is not None and unclassified:
        for snapshot, claimant, day in unclassified:   # oldest first, as listed
            classify(conn, snapshot, claimant, day)
        held = conn.execute("SELECT count(*) FROM map_place_classes").fetchone()
        assert held is not None
        counts["map_place_classes"] = int(held[0])
    return counts


def load_directory(conn: psycopg.Connection, data_dir: Path, actor: str,
                   store: Path | None = None, today: dt.date | None = None) -> LoadResult:
    """Validate ``data_dir`` and load it (and ``store``'s maps) into an empty database.

    Raises
    ------
    geo.errors.DataValidationError
        The directory fails the file store's validation; nothing is loaded.
    geo.errors.InputError
        The database already holds data, or a row is refused; nothing is loaded.
    """
    require_current(conn)
    load_dataset(data_dir, today=today)  # the file store's rules, every problem listed
    places = bundled_places(data_dir)
    result = LoadResult()
    with transaction(conn, actor):
        held = conn.execute("SELECT (SELECT count(*) FROM claimants) + (SELECT count(*) "
                            "FROM places) + (SELECT count(*) FROM map_snapshots)").fetchone()
        if held and held[0]:
            raise InputError("the database already holds data. Fix: load into a fresh "
                             "database (createdb, then python -m geo db init --db URL)")
        result.rows["claimants"] = _copy_frame(conn, "claimants", _raw(data_dir,
                                                                        "claimants.csv"))
        if places is not None:
            frame = places.loc[:, list(PLACE_COLUMNS)].fillna(dict.fromkeys(PLACE_TEXT, ""))
            result.rows["places"] = copy_places(conn, frame)
        result.rows["settlements"] = _copy_frame(conn, "settlements",
                                                 _raw(data_dir, "settlements.csv"))
        claims = _raw(data_dir, "claims.csv")
        result.rows["claims"] = _claims(conn, claims)
        result.rows["claim_evidence"] = _evidence(conn, data_dir, claims)
        result.rows["territory"] = _copy_frame(conn, "territory", _raw(data_dir,
                                                                        "territory.csv"))
        if store is not None:
            result.rows.update(_maps(conn, store, places))
    return result


def copy_places(conn: psycopg.Connection, frame: pd.DataFrame, into: str = "places") -> int:
    """The places table (into the table ``into``, this package's name) by COPY's text
    format (an empty string stays an empty string)."""
    buffer = io.StringIO()
    escaped = frame.astype(dict.fromkeys(frame.columns, str)).apply(
        lambda col: col.str.replace("\\", "\\\\", regex=False).str.replace(
            "\t", "\\t", regex=False).str.replace("\n", "\\n", regex=False).str.replace(
            "\r", "\\r", regex=False))
    escaped.to_csv(buffer, sep="\t", index=False, header=False, quoting=3, escapechar=None,
                   lineterminator="\n")
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT text)").format(
        sql.Identifier(into), sql.SQL(", ").join(map(sql.Identifier, frame.columns)))
    with conn.cursor() as cur, cur.copy(statement) as copy:
        copy.write(buffer.getvalue().encode("utf-8"))
    return len(frame)
