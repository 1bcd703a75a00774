"""Commands on claim reliability: ``reliability`` (also ``scorecard``) and ``at`` (a place's
status on a date, with persistence)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from geo.cli.common import claimants_arg, load, maps_store_of, resolver_for, settings_of
from geo.dataset.load import Dataset
from geo.errors import FrontlineError, InputError
from geo.maps.claimant import MAP_URL
from geo.maps.placeclasses import NAME_OF, STATUS_OF, classify_places
from geo.maps.store import list_maps, read_map, stored_classes
from geo.places.placeid import is_gn_id, unknown_id
from geo.places.table import bundled_places
from geo.scores import (
    Held,
    Rules,
    build_scorecard,
    claimant_status,
    file_claims,
    map_status,
    point_status,
    reference_for,
)
from geo.scores.figures import days, percent

_COORDS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _names(ds: Dataset, args: argparse.Namespace) -> dict[str, str]:
    """Place id → name: the dataset's settlements, then the bundled places table."""
    names = dict(zip(ds.settlements["id"], ds.settlements["name"], strict=True))
    places = bundled_places(settings_of(args).data_dir)
    if places is not None:
        wanted = places["id"].isin(set(ds.claims["settlement_id"])) & \
            ~places["id"].isin(set(names))
        names.update(zip(places.loc[wanted, "id"], places.loc[wanted, "name"], strict=True))
    return names


def _share(share: Any, old_enough: Any) -> str:
    """``100% of 2`` (the share and the claims old enough for it; ``—`` when none had the
    days)."""
    return "—" if not old_enough else f"{percent(share)} of {int(old_enough)}"


def cmd_reliability(args: argparse.Namespace) -> int:
    ds = load(args)
    claimants = claimants_arg(ds, args.claimant, [])
    ref, errors = reference_for(ds, maps_store_of(args), args.reference, args.reference_from)
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    if ref.why:
        print(f"note: {ref.why} (--reference-from maps)", file=sys.stderr)
    if args.start and args.end and args.start > args.end:
        raise InputError(f"--from {args.start} is after --to {args.end}")
    card = build_scorecard(file_claims(ds), ref, _names(ds, args),
                           Rules(args.reversal_days, args.keep_days, args.window),
                           args.period, claimants, args.start, args.end)
    if args.per_claim:
        frame = card.claims()
        if args.format == "json":
            print(json.dumps(json.loads(frame.to_json(orient="records")), ensure_ascii=False,
                             indent=1))
        elif args.format == "csv":
            sys.stdout.write(card.claims_csv().decode("utf-8-sig"))
        else:
            print(frame.to_string(index=False) if len(frame) else "no scored claims")
        return 0
    if args.format == "json":
        print(card.json_bytes().decode("utf-8"))
    elif args.format == "csv":
        sys.stdout.write(card.rows_csv().decode("utf-8-sig"))
    else:
        print(f"reference: {ref.label}, {ref.dates} dates, latest {card.latest or '-'}; "
              f"reversed within {card.rules.reversal_days} d, never after "
              f"{card.rules.keep_days} d, window {card.rules.window} d")
        print(f"{'claimant':<14} {'kind':<12} {'period':<8} {'claims':>6} {'conf':>5} "
              f"{'rev':>4} {'open':>5} {'never':>5} {'judged':>6} {'≤7d':>10} {'≤30d':>10} "
              f"{'≤90d':>10} "
              f"{'median':>7} {'IQR':>11}")
        for row in card.rows.itertuples(index=False):
            iqr = f"{days(row.lead_q1_days)}..{days(row.lead_q3_days)}"
            cells = (_share(getattr(row, f"confirmed_share_{x}d"), getattr(row, f"old_enough_{x}d"))
                     for x in (7, 30, 90))
            shares = " ".join(f"{cell:>10}" for cell in cells)
            print(f"{row.claimant:<14} {row.kind:<12} {row.period:<8} {row.claims:>6} "
                  f"{row.confirmed:>5} {row.reversed:>4} {row.open:>5} {row.never:>5} "
                  f"{row.judged:>6} {shares} {days(row.median_lead_days):>7} {iqr:>11}")
        if len(card.rows):
            print("judged: confirmed + reversed + never (the reference ruled either way; open "
                  "is not judged); ≤Xd: the share the reference showed within X days, of the "
                  "claims old enough (that had X days, open ones included); median, IQR: lead "
                  "in days over the confirmed")
        if not len(card.rows):
            print("no scored claims")
        if card.not_scored:
            print("not scored: " + "; ".join(f"{n} {r}" for r, n in card.not_scored.items()))
    return 0


def _place(args: argparse.Namespace, ds: Dataset) -> tuple[dict[str, Any], tuple[float, float]
                                                            | None]:
    """(the place: id, name, lat, lon [, distance_km], the query's coordinates or None)."""
    found = _COORDS.match(args.place)
    if not found:
        resolver = resolver_for(args, ds)
        hit = resolver.by_id(args.place) or resolver.resolve(args.place)
        if hit is None and is_gn_id(args.place):
            raise InputError(unknown_id(args.place))
        if hit is None:
            near = ", ".join(c["name"] for c in resolver.nearest(args.place))
            raise InputError(f"unknown place {args.place!r}; nearest names: {near or 'none'}")
        return {"id": hit.id, "name": hit.name, "lat": hit.lat, "lon": hit.lon}, None
    lat, lon = float(found.group(1)), float(found.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"bad --place {args.place!r}: use LAT,LON, e.g. 48.28,37.18")
    frames = [ds.settlements[["id", "name", "lat", "lon"]]]
    places = bundled_places(settings_of(args).data_dir)
    if places is not None:
        frames.append(places.loc[~places["id"].isin(ds.settlements["id"]),
                                 ["id", "name", "lat", "lon"]])
    every = pd.concat([pd.DataFrame(f) for f in frames], ignore_index=True)
    if every.empty:
        raise InputError("no places to search near these coordinates")
    rad = np.radians
    la, lo = every["lat"].to_numpy(float), every["lon"].to_numpy(float)
    a = np.sin(rad(la - lat) / 2) ** 2 + np.cos(rad(lat)) * np.cos(rad(la)) * \
        np.sin(rad(lo - lon) / 2) ** 2
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
    i = int(np.nanargmin(km))
    return {"id": str(every["id"].iloc[i]), "name": str(every["name"].iloc[i]),
            "lat": float(la[i]), "lon": float(lo[i]),
            "distance_km": round(float(km[i]), 2)}, (lat, lon)


def _point_on_maps(args: argparse.Namespace, lat: float, lon: float, day: dt.date
                   ) -> tuple[Held | None, list[str]]:
    """The reference map's class at the point itself: the map in force, back to the start
    of its run (for ``since``), and the next ``--persist`` maps."""
    maps = list_maps(maps_store_of(args), args.reference)
    before = [i for i, m in enumerate(maps) if m.date <= day]
    if not before:
        return None, []
    codes: list[tuple[dt.date, int]] = []
    errors: list[str] = []

    def status(i: int) -> str | None:
        try:
            value = int(classify_places(np.array([lon]), np.array([lat]), read_map(maps[i]))[0])
        except FrontlineError as exc:
            errors.append(str(exc))
            return None
        codes.append((maps[i].date, value))
        return STATUS_OF[NAME_OF.get(value, "outside")]

    first = status(before[-1])
    for i in range(before[-1] - 1, -1, -1):  # walk back while the status stays the same
        if status(i) != first:
            break
    for i in range(before[-1] + 1, min(before[-1] + 1 + args.persist, len(maps))):
        status(i)
    return point_status(codes, day, args.persist, args.reference, MAP_URL), errors


def cmd_at(args: argparse.Namespace) -> int:
    if args.where and args.place and args.where != args.place:
        raise InputError(f"two places given ({args.where!r} and --place {args.place!r}): "
                         "name one")
    args.place = args.place or args.where
    if not args.place:
        raise InputError("name a place: python -m geo at Pokrovsk (or a place id, or "
                         "LAT,LON such as 48.28,37.18)")
    ds = load(args)
    day = args.date or ds.last_date
    place, point = _place(args, ds)
    wanted = claimants_arg(ds, args.claimant, [])
    held = [h for h in claimant_status(file_claims(ds), place["id"], day, args.persist)
            if not wanted or h.claimant in wanted]
    maps = list_maps(maps_store_of(args), args.reference)
    near = [m for m in maps if m.date <= day][-1:] + [m for m in maps if m.date > day][
        :args.persist]
    classes = [c for c in (stored_classes(m) for m in near) if c is not None]
    on_map = map_status(classes, place["id"], day, args.persist, args.reference, url=MAP_URL)
    out: dict[str, Any] = {"query": args.place, "date": day.isoformat(),
                           "persist": args.persist, "place": place,
                           "map": on_map.record() if on_map else None,
                           "claimants": [h.record() for h in held]}
    if point is not None:
        at_point, errors = _point_on_maps(args, point[0], point[1], day)
        for error in errors:
            print(f"warning: {error}", file=sys.stderr)
        out["point"] = {"lat": point[0], "lon": point[1],
                        "map": at_point.record() if at_point else None}
    if args.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    extra = f", {place['distance_km']} km from the point" if "distance_km" in place else ""
    print(f"{place['name']} ({place['id']}{extra}) on {day}, persistence over the next "
          f"{args.persist} update(s):")
    records = [("map", on_map)] + [("claim", h) for h in held]
    if point is not None:
        records.insert(0, ("point", at_point))
    for what, h in records:
        if h is None and what == "map" and not maps:
            print(f"  map: no {args.reference} map stored (python -m geo import deepstate ...)")
            continue
        if h is None:
            print(f"  {what}: no status")
            continue
        verdict = {True: "held", False: f"changed on {h.changed_on}",
                   None: f"not yet known ({h.updates} later update(s))"}[h.persisted]
        cls = f" [{h.map_class}]" if h.map_class else ""
        print(f"  {h.claimant} ({what}): {h.status} ({h.extent}){cls} as of {h.date}, since "
              f"{h.since}; {verdict} — {h.source}")
    return 0


#: The commands of this module by name (``scorecard`` is another name of ``reliability``).
SCORE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "reliability": cmd_reliability, "scorecard": cmd_reliability, "at": cmd_at}


def _days(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"bad number of days {text!r}: use 0 or more")
    return int(text)


def add_score_commands(sub: Any, with_data: Callable[[Any], Any],
                       with_store: Callable[[Any], Any], date: Callable[[str], dt.date]) -> None:
    """Add ``reliability`` (alias ``scorecard``) and ``at`` to the ``python -m geo`` parser."""
    rel = with_data(with_store(sub.add_parser(
        "reliability", aliases=["scorecard"],
        help="how often, and how early, each claimant's capture claims were confirmed")))
    rel.add_argument("--reference", default="deepstate", metavar="ID",
                     help="the claimant judged against (default: deepstate)")
    rel.add_argument("--reference-from", choices=("auto", "maps", "claims", "both"),
                     default="auto",
                     help="use the reference's stored maps, its claims, or both merged "
                          "(default: maps when it has any with place classes, unless its first map "
                          "came after most claims and it has claims of its own; else claims)")
    rel.add_argument("--claimant", action="append", default=[], metavar="ID",
                     help="score only this claimant's claims (repeat for several; default: "
                          "every claimant)")
    rel.add_argument("--from", dest="start", type=date, help="claims made on or after")
    rel.add_argument("--to", dest="end", type=date, help="claims made on or before")
    rel.add_argument("--period", choices=("all", "year", "quarter"), default="all",
                     help="also count per year or quarter of the claim")
    rel.add_argument("--reversal-days", type=_days, default=30,
                     help="reversed: the reference showed the opposite within N days (30)")
    rel.add_argument("--keep-days", type=_days, default=90,
                     help="never: the reference kept the opposite at least N days (90)")
    rel.add_argument("--window", type=_days, default=30,
                     help="a claim the reference already showed N days before is the "
                          "status quo, not scored (30)")
    rel.add_argument("--per-claim", action="store_true",
                     help="print every scored claim's outcome instead of the rows")
    rel.add_argument("--format", choices=("table", "json", "csv"), default="table")
    at = with_data(with_store(sub.add_parser(
        "at", help="a place's status on a date by each claimant, with persistence")))
    at.add_argument("where", nargs="?", metavar="PLACE",
                    help="a name (any spelling), a place id or LAT,LON")
    at.add_argument("--place", help="the same, as an option")
    at.add_argument("--date", type=date, help="YYYY-MM-DD (default: latest in the data)")
    at.add_argument("--persist", type=_days, default=1,
                    help="did the status hold through the next N updates (default 1)")
    at.add_argument("--reference", default="deepstate", metavar="ID",
                    help="whose stored maps to read (default: deepstate)")
    at.add_argument("--claimant", action="append", default=[], metavar="ID",
                    help="only this claimant (repeat for several; default: every claimant)")
    at.add_argument("--format", choices=("table", "json"), default="table")
