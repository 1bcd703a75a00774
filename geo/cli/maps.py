"""Control-map commands: ``import deepstate``, ``maps list|rederive``, ``area``, ``changes``."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from geo.claims.export import to_csv_bytes
from geo.cli.common import load, refuse_database, settings_of, store_of
from geo.errors import InputError
from geo.maps.area import figures
from geo.maps.changes import map_changes
from geo.maps.importer import describe, import_deepstate, load_snapshot, snapshot_figures
from geo.maps.store import list_maps, map_on_or_before, maps_table, read_map, rederive
from geo.places.table import PLACES_FILE, bundled_places, load_places


def cmd_import(args: argparse.Namespace) -> int:
    refuse_database(args, "import deepstate: storing a map",
                    "import it without --db (and $FRONTLINE_DB unset): it goes to the map "
                    "store (--store), which the page and the commands read on either backend")
    data_dir = settings_of(args).data_dir
    places = bundled_places(data_dir)
    imported = import_deepstate(args.source, store_of(args), args.date, args.timeout, places,
                                force=args.force)
    print("\n".join(describe(imported)))
    if places is None:
        print(f"note: no places table in {data_dir} ({PLACES_FILE}): no place classes stored; "
              "build it and run `python -m geo maps rederive`")
    return 0


def cmd_rederive(args: argparse.Namespace) -> int:
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
    table = maps_table(store_of(args))
    if table.empty:
        print(f"no maps stored in {store_of(args)}")
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
        store = store_of(args)
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
    result = map_changes(store_of(args), ds.settlements, args.start, args.end)
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
