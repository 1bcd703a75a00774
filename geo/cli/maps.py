"""Control-map commands: ``import deepstate``, ``maps list|rederive``, ``area``, ``changes``."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from geo.claims.export import to_csv_bytes
from geo.cli.common import database_of, load, maps_store_of, settings_of, store_of
from geo.errors import InputError
from geo.maps.area import figures
from geo.maps.changes import map_changes
from geo.maps.importer import Imported, describe, import_deepstate, load_snapshot, snapshot_figures
from geo.maps.store import list_maps, map_on_or_before, maps_table, read_map, rederive
from geo.places.table import PLACES_FILE, bundled_places, load_places


def _report(imported: Imported) -> str:
    """The import's report, its figures said to be DeepState's claim (the areas and the
    places' sides are what its map draws, not measured facts)."""
    words = {"Russian-held:": "Russian-held on DeepState's map:",
             "places:": "places, by DeepState's map:"}
    lines = [next((line.replace(k, v, 1) for k, v in words.items() if line.startswith(k)),
                  line) for line in describe(imported)]
    return "\n".join([*lines, "(figures: DeepState's claim as drawn on its map, not verified "
                             "facts)"])


def cmd_import(args: argparse.Namespace) -> int:
    db = database_of(args)
    if db:
        return _import_into_database(args, db)
    data_dir = settings_of(args).data_dir
    places = bundled_places(data_dir)
    imported = import_deepstate(args.source, store_of(args), args.date, args.timeout, places,
                                force=args.force)
    print(_report(imported))
    if places is None:
        print(f"note: no places table in {data_dir} ({PLACES_FILE}): no place classes stored; "
              "build it and run `python -m geo maps rederive`")
    return 0


def _import_into_database(args: argparse.Namespace, db: str) -> int:
    """``import deepstate --db URL --as NAME``: one audited transaction (geo.db.maps)."""
    from geo.db.connect import actor_name, redacted
    from geo.db.maps import import_deepstate_db

    imported, written = import_deepstate_db(db, args.source, actor_name(args.who), args.date,
                                            args.timeout, force=args.force)
    if written.outcome == "unchanged":
        print(f"unchanged: {redacted(db)} already holds this map of {imported.snapshot.date} "
              f"(map {written.snapshot}); nothing was written")
        return 0
    print(_report(imported))
    print(f"stored in {redacted(db)} as map {written.snapshot}, place classes computed in "
          "PostGIS" + (f"; `since` brought up to date on {written.later_updated} later "
                       "map(s)" if written.later_updated else ""))
    if imported.place_counts is None:
        print(f"note: {redacted(db)} holds no places table: no place classes stored; load "
              "one (python -m geo gazetteer import --db) and the maps are classified")
    return 0


def cmd_rederive(args: argparse.Namespace) -> int:
    db = database_of(args)
    if db:
        from geo.db.connect import actor_name, connect, redacted, transaction
        from geo.db.maps import reclassify_all
        from geo.db.migrate import require_current

        with connect(db) as conn:
            require_current(conn)
            with transaction(conn, actor_name(args.who)):
                count = reclassify_all(conn)
        print(f"re-derived {count} stored map(s) in {redacted(db)} from its places table")
        return 0
    places = load_places(settings_of(args).data_dir)
    done, errors = rederive(store_of(args), places)
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    for day, count in done:
        print(f"{day}: {count:,} places classified")
    print(f"re-derived {len(done)} stored map(s) from {len(places):,} places")
    return 1 if errors else 0


def cmd_maps(args: argparse.Namespace) -> int:
    if args.maps_command == "rederive":
        return cmd_rederive(args)
    store = maps_store_of(args)
    table = maps_table(store)
    if table.empty:
        print(f"no maps stored in {store}")
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
        store = maps_store_of(args)
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
    ds = load(args)
    result = map_changes(maps_store_of(args), ds.settlements, args.start, args.end)
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
