"""Commands on the data directory's claims: ``validate``, ``status``, ``territory``, ``search``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pandas as pd

from geo import vocab
from geo.claims.export import side_records, to_csv_bytes, to_geojson_bytes
from geo.claims.index import resolve
from geo.claims.territory import format_km2, format_share, territory_view
from geo.cli.common import check_date, claimants_arg, load, places_for, store_of
from geo.maps.claimant import with_map_claims
from geo.places.fold import fold
from geo.places.lookup import TIERS, PlaceIndex


def cmd_validate(args: argparse.Namespace) -> int:
    ds = load(args)
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
    ds = load(args)
    if not args.no_maps:
        ds, errors = with_map_claims(ds, store_of(args))
        for error in errors:
            print(f"warning: {error}", file=sys.stderr)
    selected = claimants_arg(ds, args.claimant, args.side)
    day = check_date(ds, args.date)
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
    ds = load(args)
    selected = claimants_arg(ds, args.claimant, [])
    day = check_date(ds, args.date)
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
    ds = load(args)
    index = PlaceIndex(ds.settlements, places_for(args))
    found = index.find(args.query)
    if found.empty:
        nearest = ", ".join(f"{c['name']} ({c['oblast']})" for c in index.nearest(args.query))
        print(f"no settlement or place matches {args.query!r}; nearest: {nearest}",
              file=sys.stderr)
        return 1
    for row in found.to_dict("records"):
        spelled = "" if fold(row["matched"]) == fold(row["name"]) else f" as {row['matched']}"
        print(f"{row['id']}\t{row['name']}\t{row['oblast']}\tpopulation {row['population']:,}"
              f"\t{TIERS[row['tier']]}{spelled}")
    return 0
