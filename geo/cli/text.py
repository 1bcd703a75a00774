"""Place and text commands: ``gazetteer import``, ``places build``, ``resolve``, ``extract``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

import pandas as pd

from geo.claims.export import to_csv_bytes
from geo.cli.common import load, read_text_arg, resolver_for, settings_of, store_of
from geo.errors import InputError
from geo.places.gazetteer import import_gazetteer
from geo.places.table import PLACES_FILE, build_places_file
from geo.text.extract import Extractor


def cmd_gazetteer(args: argparse.Namespace) -> int:
    store = store_of(args)
    places, names = import_gazetteer(args.path, store)
    print(f"imported {places:,} populated places ({names:,} spellings) into {store}")
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    data_dir = settings_of(args).data_dir
    out = args.out or data_dir / PLACES_FILE
    settlements = load(args).settlements if (data_dir / "settlements.csv").is_file() else None
    start = time.perf_counter()
    count = build_places_file(args.dump, out, settlements)
    print(f"wrote {count:,} populated places to {out} ({out.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - start:.1f} s)")
    return 0


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


def cmd_extract(args: argparse.Namespace) -> int:
    ds = load(args)
    text = read_text_arg(args.file)
    extractor = Extractor(resolver_for(args, ds), ds.claimants)
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
