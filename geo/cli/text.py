"""Place and text commands: ``gazetteer import``, ``places build``, ``resolve``, ``extract``,
``evaluate``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import pandas as pd

from geo.claims.export import to_csv_bytes
from geo.cli.common import (
    database_of,
    load,
    maps_store_of,
    read_text_arg,
    resolver_for,
    settings_of,
    store_of,
)
from geo.dataset.load import Dataset
from geo.errors import InputError
from geo.maps.front import front_points
from geo.places.gazetteer import import_gazetteer
from geo.places.placeid import is_gn_id, unknown_id
from geo.places.resolution import Resolver
from geo.places.table import PLACES_FILE, build_places_file
from geo.text.dates import document_date
from geo.text.evaluate import report
from geo.text.extract import Extractor
from geo.text.front import Front, front_from_claims


def cmd_gazetteer(args: argparse.Namespace) -> int:
    db = database_of(args)
    if db:
        return _gazetteer_into_database(args, db)
    store = store_of(args)
    places, names = import_gazetteer(args.path, store)
    print(f"imported {places:,} populated places ({names:,} spellings) into {store}")
    return 0


def _gazetteer_into_database(args: argparse.Namespace, db: str) -> int:
    """``gazetteer import DUMP --db URL --as NAME``: the database's places table refreshed
    (geo.db.places), its maps' place classes derived again in PostGIS."""
    from geo.db.connect import actor_name, connect, redacted
    from geo.db.migrate import require_current
    from geo.db.places import places_of_dump, refresh_places

    table = places_of_dump(args.path, load(args).settlements)  # checked before writing
    with connect(db) as conn:
        require_current(conn)
        done = refresh_places(conn, table, actor_name(args.who), str(args.path))
    if not (done.added or done.changed or done.removed):
        print(f"unchanged: the places table of {redacted(db)} already holds the "
              f"{len(table):,} populated places of {args.path}; nothing was written")
        return 0
    print(f"refreshed the places table of {redacted(db)} from {args.path}: {len(table):,} "
          f"populated places ({done.added:,} added, {done.changed:,} changed, "
          f"{done.removed:,} removed); the place classes of {done.maps} stored map(s) "
          "derived again in PostGIS")
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
            print(unknown_id(args.name) if is_gn_id(args.name) else
                  f"unknown place {args.name!r}; nearest: {names}", file=sys.stderr)
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


def front_for(store: Path, ds: Dataset, resolver: Resolver,
              day: dt.date | None = None) -> Front | None:
    """Where the fighting is, to tell namesakes apart: the store's control map in force on
    ``day`` (the latest without one: its grey zone and Russian-held edge), else the places
    of recent claims (also the "Add claims" page's)."""
    found = front_points(store, day, resolver.places)
    if found is not None:
        return Front(*found)
    return front_from_claims(ds.claims, resolver.places)


def cmd_extract(args: argparse.Namespace) -> int:
    ds = load(args)
    text = read_text_arg(args.file)
    resolver = resolver_for(args, ds)
    if args.speaker and args.speaker not in set(ds.claimants["id"]):
        raise InputError(f"unknown claimant {args.speaker!r} for --speaker")
    day = args.date
    if day is None:
        day = document_date(text)
        if day is None:
            raise InputError(f"{args.file}: no --date given and no date found in the text "
                             "(a dateline such as 'KYIV, Dec 4 (Reuters)' or '04.12.2025'). "
                             "Fix: pass --date YYYY-MM-DD")
        print(f"report date {day} taken from the text (pass --date to override)",
              file=sys.stderr)
    front = front_for(maps_store_of(args), ds, resolver, day)
    extractor = Extractor(resolver, ds.claimants, front=front)
    drafts = extractor.extract(text, day, default_claimant=args.speaker,
                               include_fighting=args.fighting)
    records = [{**d.as_dict(), "source": args.source, "source_url": args.url} for d in drafts]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        frame = pd.DataFrame(records)
        if "geonames_id" in frame:
            frame["geonames_id"] = frame["geonames_id"].astype("Int64")  # 703656, not 703656.0
        sys.stdout.write(to_csv_bytes(frame).decode("utf-8-sig"))
    else:
        print(f"{len(drafts)} draft claim(s) (claims by the named claimants, not facts)")
        for d in drafts:
            enc = {None: "", True: ", encircled", False: ", not encircled"}[d.encircled]
            if d.kind == "territory":
                what = (f"territory {d.qualifier} {d.share_pct:g}% as of {d.refers_to}"
                        f"{'' if d.area_km2 is None else f', {d.area_km2:,.0f} km²'}")
            else:
                what = (f"{d.name} ({d.oblast}): {d.status or 'fighting near'} {d.extent or ''}"
                        f"{' (' + d.part + ')' if d.part else ''}{enc}")
            print(f"  [{d.confidence:.2f}] {d.kind:<10} {d.claimant:<12} {d.date} {what}"
                  f"  rule={d.rule}")
    return 0


#: The project's own texts: the first hand-written ones, the corpus of issue 13 and the
#: once-blind sets (tests/texts/blind/dev and test, copied in after they were scored).
DEFAULT_SPECS = tuple(Path("tests/texts") / p for p in (
    "expected.json", "corpus/expected.json", "blind/dev/expected.json",
    "blind/test/expected.json"))


def _spec_files(path: Path) -> list[Path]:
    """An expectation file, or every ``expected.json`` under a folder (sorted)."""
    if path.is_dir():
        found = sorted(path.rglob("expected.json"))
        if not found:
            raise InputError(f"no expected.json under {path}. Fix: name an expectation "
                             "file or a folder that holds some (e.g. tests/texts/blind)")
        return found
    return [path]


def cmd_evaluate(args: argparse.Namespace) -> int:
    ds = load(args)
    specs = [f for s in args.spec for f in _spec_files(Path(s))] or [
        p for p in DEFAULT_SPECS if p.is_file()]
    for spec in specs:
        if not spec.is_file():
            raise InputError(f"expectation file not found: {spec}. Fix: name an "
                             "expected.json (default tests/texts/expected.json)")
    resolver = resolver_for(args, ds)
    front = front_for(maps_store_of(args), ds, resolver)
    result = report(Extractor(resolver, ds.claimants, front=front), specs)
    if args.format == "json":
        print(json.dumps(result.as_dict() | ({"details": [
            {k: v for k, v in d.items() if k not in ("score", "fighting")}
            | (d["score"].as_dict() if "score" in d else {})
            for d in result.details]}
            if args.details or args.per_text else {}), ensure_ascii=False, indent=1,
            default=str))
        return 0
    o = result.overall
    print(f"{result.texts} texts: precision {o.precision:.3f}, recall {o.recall:.3f} "
          f"({o.correct} of {o.found} found, {o.expected} expected)")
    print(f"name resolution (right GeoNames id): {result.resolution_accuracy:.3f} "
          f"({result.resolved_right}/{result.resolved_named})")
    f = result.fighting
    print(f"fighting near (not control, scored apart): P {f.precision:.3f}  R {f.recall:.3f} "
          f"({f.correct}/{f.found} found, {f.expected} expected)")
    for title, table in (("folder", result.by_folder), ("style", result.by_style),
                         ("language", result.by_language),
                         ("failure class", result.by_class)):
        print(f"by {title}:")
        for name, s in sorted(table.items()):
            print(f"  {name:<14} P {s.precision:.3f}  R {s.recall:.3f}  "
                  f"({s.correct}/{s.found} found, {s.expected} expected)")
    for v in result.violations:
        print(f"violation: {v}")
    if args.per_text:
        print("per text (correct/found/expected):")
        for row in result.per_text():
            print(f"  {row['folder'] + '/' + row['file']:<44} {row['style']:<10} "
                  f"{row['language']:<3} {row['correct']:>3}/{row['found']:>3}/"
                  f"{row['expected']:>3}  P {row['precision']:.3f}  R {row['recall']:.3f}")
    if args.details:
        for d in result.details:
            if d.get("missed") or d.get("extra"):
                print(f"{d['file']}:\n  missed {d['missed']}\n  extra  {d['extra']}")
    return 0
