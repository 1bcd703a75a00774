"""Command line: ``python -m geo validate|status|territory|search|assets``.

Errors print one line and exit 2; validation problems print one per line and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geo import vocab
from geo.claims.export import side_records, to_csv_bytes, to_geojson_bytes
from geo.claims.resolve import resolve
from geo.claims.territory import format_km2, format_share, territory_view
from geo.dataset.cache import load_cached
from geo.dataset.load import Dataset
from geo.errors import DataValidationError, FrontlineError, InputError
from geo.maps.area import figures
from geo.maps.changes import map_changes
from geo.maps.claimant import with_map_claims
from geo.maps.importer import describe, import_deepstate, load_snapshot, snapshot_figures
from geo.maps.store import list_maps, map_on_or_before, maps_table, read_map, store_dir
from geo.places.gazetteer import import_gazetteer, load_gazetteer
from geo.places.resolution import Resolver
from geo.places.search import search
from geo.render.assets import install_leaflet
from geo.settings import STATIC_DIR, data_dir
from geo.text.extract import Extractor


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        self.exit(2, f"error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r}: use YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m geo`` argument parser."""
    parser = _Parser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_data(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--data", type=Path, default=None,
                       help="data directory (default: $FRONTLINE_DATA_DIR or data/)")
        return p

    with_data(sub.add_parser("validate", help="check a data directory"))
    status = with_data(sub.add_parser("status", help="resolved statuses for a date"))
    status.add_argument("--date", type=_date, help="YYYY-MM-DD (default: latest in the data)")
    status.add_argument("--claimant", action="append", default=[], metavar="ID")
    status.add_argument("--side", action="append", default=[], choices=vocab.SIDES)
    status.add_argument("--format", choices=("table", "json", "csv", "geojson"), default="table")
    status.add_argument("--store", type=Path, default=None,
                        help="map store whose DeepState maps count as claims "
                             "(default: $FRONTLINE_STORE or data/local/)")
    status.add_argument("--no-maps", action="store_true",
                        help="ignore the stored maps' derived claims")
    terr = with_data(sub.add_parser("territory", help="territory figures for a date"))
    terr.add_argument("--date", type=_date, help="YYYY-MM-DD (default: latest in the data)")
    terr.add_argument("--claimant", action="append", default=[], metavar="ID")
    terr.add_argument("--format", choices=("table", "json"), default="table")
    find = with_data(sub.add_parser("search", help="find settlements by name or alias"))
    find.add_argument("query")

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", type=Path, default=None,
                       help="map store (default: $FRONTLINE_STORE or data/local/)")
        return p

    imp = sub.add_parser("import", help="import a control map into the store")
    imp_sub = imp.add_subparsers(dest="source_kind", required=True, parser_class=_Parser)
    ds_imp = with_store(imp_sub.add_parser("deepstate", help="a DeepState snapshot"))
    ds_imp.add_argument("source", help="file path or http(s) URL (e.g. "
                        "https://deepstatemap.live/api/history/last)")
    ds_imp.add_argument("--date", type=_date, help="the snapshot's date (else from the "
                        "API id/datetime or a YYYYMMDD in the file name)")
    ds_imp.add_argument("--timeout", type=float, default=30.0, help="seconds, for URLs")
    maps = sub.add_parser("maps", help="stored control maps")
    maps_sub = maps.add_subparsers(dest="maps_command", required=True, parser_class=_Parser)
    with_store(maps_sub.add_parser("list", help="list stored snapshots"))
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
    res = with_data(with_store(sub.add_parser("resolve", help="resolve a place name")))
    res.add_argument("name")
    res.add_argument("--oblast", help="oblast or region named with it")
    res.add_argument("--near", help="LAT,LON of other places in the same text")
    res.add_argument("--format", choices=("table", "json"), default="table")
    ext = with_data(with_store(sub.add_parser("extract", help="draft claims from a report")))
    ext.add_argument("file", help="a UTF-8 text file, or - for standard input")
    ext.add_argument("--date", type=_date, help="the report's date (default: today)")
    ext.add_argument("--source", default="", help="publisher, copied into each draft")
    ext.add_argument("--url", default="", help="link to the report")
    ext.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ext.add_argument("--speaker", metavar="CLAIMANT",
                     help="claimant speaking the sentences that name no speaker "
                          "(e.g. ru_mod for a Defence Ministry bulletin)")
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
    sub.add_parser("assets", help="install Leaflet's files under static/ (for offline maps)")
    return parser


def _load(args: argparse.Namespace) -> Dataset:
    """The data directory, validated; served from the store's Parquet cache when unchanged."""
    store = store_dir(getattr(args, "store", None))
    return load_cached(args.data or data_dir([]), store / "cache")


def _claimants(ds: Dataset, ids: list[str], sides: list[str]) -> list[str] | None:
    known = list(ds.claimants["id"])
    unknown = [c for c in ids if c not in known]
    if unknown:
        raise InputError(f"unknown claimant {unknown[0]!r}; known: {', '.join(known)}")
    if not ids and not sides:
        return None
    by_side = ds.claimants.loc[ds.claimants["side"].isin(sides), "id"].tolist()
    return list(dict.fromkeys([*ids, *by_side]))


def _check_date(ds: Dataset, day: dt.date | None) -> dt.date:
    day = day or ds.last_date
    if day > dt.date.today():
        raise InputError(f"date {day} is in the future")
    return day


def cmd_validate(args: argparse.Namespace) -> int:
    ds = _load(args)
    print(f"valid: {ds.directory}: {len(ds.claimants)} claimants, {len(ds.settlements)} "
          f"settlements, {len(ds.claims)} claims, {len(ds.territory)} territory figures, "
          f"{ds.first_date} to {ds.last_date}")
    return 0


#: Fields of each side in ``status --format json``.
STATUS_FIELDS = ("status", "extent", "part", "encircled", "claimant", "date", "age_days",
                 "source", "source_url", "summary", "claim")


def status_records(resolved: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``status --format json`` records (one per settlement), built column-wise."""
    sides = {side: side_records(resolved, side, STATUS_FIELDS) for side in vocab.SIDES}
    return [{"settlement": settlement, "name": name, "lat": lat, "lon": lon,
             "sides": {side: sides[side][i] for side in vocab.SIDES}, "disputed": disputed}
            for i, (settlement, name, lat, lon, disputed) in enumerate(zip(
                resolved["settlement"].tolist(), resolved["name"].tolist(),
                resolved["lat"].astype(float).tolist(), resolved["lon"].astype(float).tolist(),
                resolved["disputed"].astype(bool).tolist(), strict=True))]


def cmd_status(args: argparse.Namespace) -> int:
    ds = _load(args)
    if not args.no_maps:
        ds, errors = with_map_claims(ds, store_dir(args.store))
        for error in errors:
            print(f"warning: {error}", file=sys.stderr)
    selected = _claimants(ds, args.claimant, args.side)
    day = _check_date(ds, args.date)
    resolved = resolve(ds.settlements, ds.claims, day, selected)
    if args.format == "json":
        print(json.dumps(status_records(resolved), ensure_ascii=False, indent=1))
    elif args.format == "geojson":
        sys.stdout.write(to_geojson_bytes(resolved, day.isoformat(),
                                          selected or list(ds.claimants["id"])).decode())
        print()
    else:
        cols = ["settlement"]
        for side in vocab.SIDES:
            cols += [f"{side}_status", f"{side}_extent", f"{side}_claimant", f"{side}_date"]
        table = resolved[[*cols, "disputed"]].copy()
        for side in vocab.SIDES:
            table[f"{side}_date"] = table[f"{side}_date"].dt.date
        if args.format == "csv":
            sys.stdout.write(to_csv_bytes(table).decode("utf-8-sig"))
        else:
            print(f"Claimed statuses on {day} (claims, not verified facts)")
            print(table.fillna("-").to_string(index=False))
    return 0


def territory_records(view: pd.DataFrame) -> list[dict[str, Any]]:
    """The ``territory --format json`` records."""
    out = []
    for _, row in view.iterrows():
        area = row["area_km2"]
        out.append({
            "claimant": row["claimant"], "side": row["side"],
            "date": row["date"].date().isoformat(),
            "share_pct": float(row["share_pct"]), "qualifier": row["qualifier"],
            "area_km2": None if pd.isna(area) else float(area),
            "denominator_km2": float(row["denominator_km2"]), "source": row["source"],
        })
    return out


def cmd_territory(args: argparse.Namespace) -> int:
    ds = _load(args)
    selected = _claimants(ds, args.claimant, [])
    day = _check_date(ds, args.date)
    view = territory_view(ds.territory, day, selected)
    if args.format == "json":
        print(json.dumps(territory_records(view), ensure_ascii=False, indent=1))
        return 0
    print(f"Share of Ukraine said to be held by Russia, as of {day} (claims, not facts)")
    for _, row in view.iterrows():
        print(f"  {row['claimant']:<12} {format_share(row['share_pct'], row['qualifier']):<16} "
              f"{format_km2(row['km2'], row['km2_derived'], row['qualifier']):<14} "
              f"stated {row['date'].date()}  source: {row['source']}")
    if view.empty:
        print("  (no figure from the selected claimants on or before this date)")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    ds = _load(args)
    ids = search(ds.settlements, args.query)
    if not ids:
        print(f"no settlement matches {args.query!r}", file=sys.stderr)
        return 1
    names = ds.settlements.set_index("id")
    for sid in ids:
        print(f"{sid}\t{names.at[sid, 'name']}\t{names.at[sid, 'oblast']}")
    return 0


def cmd_assets(args: argparse.Namespace) -> int:
    print(f"Leaflet installed in {install_leaflet(STATIC_DIR)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    imported = import_deepstate(args.source, store_dir(args.store), args.date, args.timeout)
    print("\n".join(describe(imported)))
    return 0


def cmd_maps(args: argparse.Namespace) -> int:
    table = maps_table(store_dir(args.store))
    if table.empty:
        print(f"no maps stored in {store_dir(args.store)}")
    else:
        print(table.to_string(index=False))
    return 0


AREA_FIELDS = ("date", "occupied_km2", "occupied_pct", "grey_km2", "occupied_with_grey_pct",
               "pre2022_km2", "denominator_km2", "source")


def cmd_area(args: argparse.Namespace) -> int:
    if args.file:
        snap = load_snapshot(args.file, args.date)
        rows = [snapshot_figures(snap, args.denominator).as_dict()]
    else:
        store = store_dir(args.store)
        maps = list_maps(store)
        if args.date:
            found = map_on_or_before(maps, args.date)
            maps = [found] if found else []
        if not maps:
            when = f" on or before {args.date}" if args.date else ""
            raise InputError(f"no stored map{when} in {store}; import one with "
                             "`python -m geo import deepstate`")
        rows = []
        for stored in maps:
            frame = read_map(stored)
            split = frame["kind"].iloc[0] == "raw"
            rows.append(figures(frame, stored.date.isoformat(), str(frame["source"].iloc[0]),
                                args.denominator, split).as_dict())
    records = [{k: row[k] for k in AREA_FIELDS} for row in rows]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(to_csv_bytes(pd.DataFrame(records)).decode("utf-8-sig"))
    else:
        print("Areas computed from the stored maps (EPSG:6933 equal-area); occupied = "
              "Russian-held incl. before 2022, grey zone excluded")
        print(pd.DataFrame(records).to_string(index=False))
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    ds = _load(args)
    result = map_changes(store_dir(args.store), ds.settlements, args.start, args.end)
    if args.format == "json":
        print(json.dumps({"from": result.from_date.isoformat(), "to": result.to_date.isoformat(),
                          "gained_km2": round(result.gained_km2, 3),
                          "lost_km2": round(result.lost_km2, 3),
                          "net_km2": round(result.net_km2, 3),
                          "settlements": result.settlements.to_dict("records")},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"Maps of {result.from_date} → {result.to_date}: Russian-held area "
          f"+{result.gained_km2:,.1f} km² gained, -{result.lost_km2:,.1f} km² lost, "
          f"net {result.net_km2:+,.1f} km²")
    if result.settlements.empty:
        print("no settlement changed status")
    else:
        print(result.settlements.to_string(index=False))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    store = store_dir(args.store)
    places, names = import_gazetteer(args.path, store)
    print(f"imported {places:,} populated places ({names:,} spellings) into {store}")
    return 0


def resolver_for(args: argparse.Namespace) -> Resolver:
    """A resolver over the data directory's settlements and the store's gazetteer."""
    ds = _load(args)
    return Resolver(ds.settlements, load_gazetteer(store_dir(args.store)))


def cmd_resolve(args: argparse.Namespace) -> int:
    near = []
    if args.near:
        try:
            lat, lon = (float(v) for v in args.near.split(","))
        except ValueError:
            raise InputError(f"bad --near {args.near!r}: use LAT,LON e.g. 48.3,37.2") from None
        near = [(lat, lon)]
    resolver = resolver_for(args)
    found = resolver.resolve(args.name, oblast=args.oblast, near=near)
    if found is None:
        nearest = resolver.nearest(args.name)
        if args.format == "json":
            print(json.dumps({"query": args.name, "id": None, "candidates": nearest},
                             ensure_ascii=False, indent=1))
        else:
            names = ", ".join(f"{c['name']} ({c['oblast']})" for c in nearest)
            print(f"unknown place {args.name!r}; nearest: {names}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(found.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"{found.query} → {found.name} ({found.oblast}) id={found.id} "
              f"geonames={found.geonames_id} {found.lat:.5f},{found.lon:.5f} "
              f"confidence {found.confidence:.2f}: {found.reason}")
        for c in found.candidates:
            print(f"  candidate: {c['name']} ({c['oblast']}), population {c['population']}")
    return 0


def read_text_arg(name: str) -> str:
    """The text of a file path, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise InputError(f"file not found: {name}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def cmd_extract(args: argparse.Namespace) -> int:
    ds = _load(args)
    text = read_text_arg(args.file)
    extractor = Extractor(Resolver(ds.settlements, load_gazetteer(store_dir(args.store))),
                          ds.claimants)
    if args.speaker and args.speaker not in set(ds.claimants["id"]):
        raise InputError(f"unknown claimant {args.speaker!r} for --speaker")
    drafts = extractor.extract(text, args.date or dt.date.today(), default_claimant=args.speaker)
    records = [{**d.as_dict(), "source": args.source, "source_url": args.url} for d in drafts]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(to_csv_bytes(pd.DataFrame(records)).decode("utf-8-sig"))
    else:
        print(f"{len(drafts)} draft claim(s) (claims by the named claimants, not facts)")
        for d in drafts:
            enc = {None: "", True: ", encircled", False: ", not encircled"}[d.encircled]
            what = (f"{d.name}: {d.status} {d.extent}{' (' + d.part + ')' if d.part else ''}"
                    f"{enc}" if d.kind == "settlement" else
                    f"territory {d.qualifier} {d.share_pct:g}% as of {d.refers_to}"
                    f"{'' if d.area_km2 is None else f', {d.area_km2:,.0f} km²'}")
            print(f"  [{d.confidence:.2f}] {d.claimant:<12} {d.date} {what}")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from geo import synth

    out = synth.write(args.out, args.settlements, args.claims, args.snapshots, args.seed,
                      store_dir(args.store))
    print(f"wrote {args.settlements:,} settlements, {args.claims:,} claims and "
          f"{args.snapshots:,} daily maps to {out} (maps in {out / 'local'}: run the app with "
          f"--data {out} --store {out / 'local'})")
    return 0


COMMANDS = {"validate": cmd_validate, "status": cmd_status, "territory": cmd_territory,
            "search": cmd_search, "assets": cmd_assets, "import": cmd_import, "maps": cmd_maps,
            "area": cmd_area, "changes": cmd_changes, "gazetteer": cmd_gazetteer,
            "resolve": cmd_resolve, "extract": cmd_extract, "synth": cmd_synth}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a bad argument (2), already printed
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except DataValidationError as exc:
        print(exc.summary(), file=sys.stderr)
        return 2
    except (FrontlineError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
