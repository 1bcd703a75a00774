"""The ``python -m geo`` argument parser: every command, its options and their help."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import NoReturn

from geo import vocab
from geo.cli.common import add_db_options
from geo.cli.db import add_db_parser
from geo.cli.ingest import add_ingest_parsers
from geo.cli.scores import add_score_commands

#: The parser's description (shown by ``--help``).
DESCRIPTION = """Frontline Claims on the command line: who claims to control what, dated and
sourced (claims, not verified facts). Start with ``status`` (every place's claimed status
on a date), ``at PLACE`` (one place), ``reliability`` (claims against a reference) or
``import deepstate FILE`` (a DeepState map); ``python -m geo COMMAND --help`` for each.

Errors print one line and exit 2; validation problems print one per line and exit 2.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        self.exit(2, f"error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r}: use YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m geo`` argument parser."""
    parser = _Parser(prog="python -m geo", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_data(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--data", type=Path, default=None,
                       help="data directory (default: $FRONTLINE_DATA_DIR or data/)")
        return p

    with_data(sub.add_parser("validate", help="check a data directory"))
    status = with_data(sub.add_parser("status", help="resolved statuses for a date"))
    status.add_argument("--date", type=_date, help="YYYY-MM-DD (default: latest in the data)")
    status.add_argument("--claimant", action="append", default=[], metavar="ID",
                        help="only this claimant's claims (repeat for several)")
    status.add_argument("--side", action="append", default=[], choices=vocab.SIDES)
    status.add_argument("--format", choices=("table", "json", "csv", "geojson"), default="table")
    status.add_argument("--disputed", action="store_true",
                        help="only the places where the sides' claims disagree")
    status.add_argument("--store", type=Path, default=None,
                        help="map store whose DeepState maps count as claims "
                             "(default: $FRONTLINE_STORE or data/local/)")
    status.add_argument("--no-maps", action="store_true",
                        help="ignore the stored maps' derived claims")
    status.add_argument("--places", choices=("all", "claimed"), default="claimed",
                        help="every place of the places table, or only the curated "
                             "settlements and the places a selected claimant speaks about "
                             "(default: claimed, for every format)")
    terr = with_data(sub.add_parser("territory", help="territory figures for a date"))
    terr.add_argument("--date", type=_date, help="YYYY-MM-DD (default: latest in the data)")
    terr.add_argument("--claimant", action="append", default=[], metavar="ID",
                      help="only this claimant's figures (repeat for several)")
    terr.add_argument("--format", choices=("table", "json"), default="table")
    find = with_data(sub.add_parser("search", help="find settlements by name or alias"))
    find.add_argument("query")

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", type=Path, default=None,
                       help="map store (default: $FRONTLINE_STORE or data/local/)")
        return p

    imp = sub.add_parser("import", help="import a control map into the store")
    imp_sub = imp.add_subparsers(dest="source_kind", required=True, parser_class=_Parser)
    ds_imp = with_data(with_store(imp_sub.add_parser("deepstate", help="a DeepState snapshot")))
    ds_imp.add_argument("source", help="file path or http(s) URL (e.g. "
                        "https://deepstatemap.live/api/history/last)")
    ds_imp.add_argument("--date", type=_date, help="the snapshot's date (else from the "
                        "API id/datetime or a YYYYMMDD in the file name)")
    ds_imp.add_argument("--timeout", type=float, default=30.0, help="seconds, for URLs")
    ds_imp.add_argument("--force", action="store_true", help="import a map that does not "
                        "look like a DeepState front-line map (e.g. over 50%% Russian-held)")
    def with_db(p: argparse.ArgumentParser, writes: str) -> argparse.ArgumentParser:
        p.add_argument("--db", default=None, metavar="URL",
                       help=f"the PostgreSQL database instead of the files: {writes} "
                            "(default: $FRONTLINE_DB; unset: the files)")
        p.add_argument("--as", dest="who", default=None, metavar="NAME",
                       help="who writes, recorded in the database's audit log (default: "
                            "$USER)")
        return p

    with_db(ds_imp, "the map, its figures and its places' classes (computed in PostGIS) "
                    "in one audited transaction")
    maps = sub.add_parser("maps", help="stored control maps")
    maps_sub = maps.add_subparsers(dest="maps_command", required=True, parser_class=_Parser)
    maps_sub.add_parser("list", help="list stored snapshots").add_argument(
        "--db", default=None, metavar="URL",
        help="list the maps of the PostgreSQL database (default: $FRONTLINE_DB)")
    with_store(maps_sub.choices["list"])
    with_db(with_data(with_store(maps_sub.add_parser(
        "rederive", help="re-derive every stored map's place classes from data/places.parquet "
                         "(--db: from the database's places table, in PostGIS)"))),
        "every map's place classes derived again")
    area = with_store(sub.add_parser("area", help="areas and shares of the stored maps"))
    area.add_argument("--date", type=_date, help="only the snapshot in force on this date")
    area.add_argument("--file", help="compute for one file without storing it")
    area.add_argument("--denominator", type=float, default=vocab.UKRAINE_AREA_KM2,
                      help="Ukraine's area in km² (default 603,628)")
    area.add_argument("--format", choices=("table", "json", "csv"), default="table")
    gaz = sub.add_parser("gazetteer", help="the GeoNames gazetteer in the store")
    gaz_sub = gaz.add_subparsers(dest="gazetteer_command", required=True, parser_class=_Parser)
    gaz_imp = with_store(gaz_sub.add_parser("import", help="import UA.zip or UA.txt"))
    gaz_imp.add_argument("path", type=Path)
    with_db(gaz_imp, "refresh its places table (the one places build writes to "
                     "places.parquet) and derive its maps' place classes again, in one "
                     "audited transaction; nothing goes to --store")
    plc = sub.add_parser("places", help="the bundled national places table")
    plc_sub = plc.add_subparsers(dest="places_command", required=True, parser_class=_Parser)
    plc_build = with_data(plc_sub.add_parser(
        "build", help="write data/places.parquet from a GeoNames dump (UA.zip or UA.txt)"))
    plc_build.add_argument("dump", type=Path)
    plc_build.add_argument("--out", type=Path, default=None,
                           help="output file (default: places.parquet in the data directory)")
    res = with_data(with_store(sub.add_parser("resolve", help="resolve a place name")))
    res.add_argument("name")
    res.add_argument("--oblast", help="oblast or region named with it")
    res.add_argument("--near", help="LAT,LON of other places in the same text")
    res.add_argument("--format", choices=("table", "json"), default="table")
    ext = with_data(with_store(sub.add_parser("extract", help="draft claims from a report")))
    ext.add_argument("file", help="a UTF-8 text file, or - for standard input")
    ext.add_argument("--date", type=_date,
                     help="the report's date (default: the dateline's, else an error)")
    ext.add_argument("--fighting", action="store_true",
                     help="also list where fighting is reported (not control claims)")
    ext.add_argument("--source", default="", help="publisher, copied into each draft")
    ext.add_argument("--url", default="", help="link to the report")
    ext.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ext.add_argument("--speaker", metavar="CLAIMANT",
                     help="claimant speaking the sentences that name no speaker "
                          "(e.g. ru_mod for a Defence Ministry bulletin)")
    ev = with_data(with_store(sub.add_parser("evaluate", help="score the extractor on texts")))
    ev.add_argument("spec", nargs="*", help="expected.json files or folders holding them "
                    "(default tests/texts/...)")
    ev.add_argument("--format", choices=("table", "json"), default="table")
    ev.add_argument("--details", action="store_true", help="list each text's misses")
    ev.add_argument("--per-text", action="store_true",
                    help="each text's correct/found/expected counts")
    syn = sub.add_parser("synth", help="generate a national-scale data directory and maps")
    syn.add_argument("--settlements", type=int, default=30_000)
    syn.add_argument("--claims", type=int, default=1_000_000)
    syn.add_argument("--snapshots", type=int, default=0)
    syn.add_argument("--seed", type=int, default=1)
    syn.add_argument("--out", type=Path, required=True)
    syn.add_argument("--store", type=Path, default=None,
                     help="take settlements from this store's gazetteer when imported")
    chg = with_data(with_store(sub.add_parser("changes", help="map changes between dates")))
    chg.add_argument("--from", dest="start", type=_date, required=True)
    chg.add_argument("--to", dest="end", type=_date, required=True)
    chg.add_argument("--format", choices=("table", "json"), default="table")
    add_ingest_parsers(sub)
    add_db_parser(sub)
    add_score_commands(sub, with_data, with_store, _date)
    add_db_options(sub)
    sub.add_parser("assets", help="install Leaflet's files under static/ (for offline maps)")
    return parser
