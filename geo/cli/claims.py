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
from geo.cli.common import (
    check_date,
    claimants_arg,
    load,
    maps_store_of,
    places_for,
    settings_of,
    storage_of,
)
from geo.dataset.load import Dataset
from geo.maps.claimant import merge_claims, place_claims, with_map_claims
from geo.maps.placeclasses import fingerprint
from geo.maps.store import list_maps, map_on_or_before, stored_classes
from geo.places.fold import fold
from geo.places.lookup import TIERS, PlaceIndex
from geo.places.table import bundled_places


def cmd_validate(args: argparse.Namespace) -> int:
    ds = load(args)
    print(f"valid: {storage_of(args).label}: {len(ds.claimants)} claimants, {len(ds.settlements)} "
          f"settlements, {len(ds.claims)} claims, {len(ds.territory)} territory figures, "
          f"{ds.first_date} to {ds.last_date}")
    return 0


#: Fields of each side in ``status --format json``.
STATUS_FIELDS = ("status", "extent", "part", "encircled", "claimant", "date", "age_days",
                 "source", "source_url", "summary", "claim")


def status_records(resolved: pd.DataFrame, map_extra: dict[str, dict[str, str]] | None = None
                   ) -> list[dict[str, Any]]:
    """The ``status --format json`` records (one per settlement), built column-wise.

    ``map_extra``: claim id → ``since`` and ``class`` of claims read from a stored map's
    place classes, added to the side that shows such a claim.
    """
    sides = {side: side_records(resolved, side, STATUS_FIELDS) for side in vocab.SIDES}
    if map_extra:
        for records in sides.values():
            for record in records:
                if record is not None and record["claim"] in map_extra:
                    record.update(map_extra[record["claim"]])
    return [{"settlement": settlement, "name": name, "lat": lat, "lon": lon,
             "sides": {side: sides[side][i] for side in vocab.SIDES}, "disputed": disputed}
            for i, (settlement, name, lat, lon, disputed) in enumerate(zip(
                resolved["settlement"].tolist(), resolved["name"].tolist(),
                resolved["lat"].astype(float).tolist(), resolved["lon"].astype(float).tolist(),
                resolved["disputed"].astype(bool).tolist(), strict=True))]


_PLACE_COLUMNS = ["id", "name", "oblast", "lat", "lon", "population"]


def _universe(ds: Dataset, places: pd.DataFrame | None) -> pd.DataFrame:
    """The curated settlements, then every other place of the places table."""
    own = pd.DataFrame({c: ds.settlements[c].to_numpy() for c in _PLACE_COLUMNS})
    if places is None:
        return own
    others = places.loc[~places["id"].isin(own["id"]), _PLACE_COLUMNS]
    return pd.concat([own, others], ignore_index=True)


def _status_inputs(args: argparse.Namespace, ds: Dataset, day: Any
                   ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict[str, str]]]:
    """(places, claims, map extras) for ``status``: the map in force on ``day`` read from
    its stored place classes; a map stored without them falls back to the derived claims
    of every map for the curated settlements (as before), with a warning."""
    store = maps_store_of(args)
    places = bundled_places(settings_of(args).data_dir)
    universe = _universe(ds, places if args.places == "all" else None)
    if args.no_maps:
        return universe, ds.claims, {}
    stored = map_on_or_before(list_maps(store), day)
    classes = stored_classes(stored) if stored else None
    if stored is None or classes is None:
        if stored is not None:
            print(f"warning: the map of {stored.date} has no stored place classes; only the "
                  "curated settlements get its status. Fix: python -m geo maps rederive",
                  file=sys.stderr)
        merged, errors = with_map_claims(ds, store)
        for error in errors:
            print(f"warning: {error}", file=sys.stderr)
        return universe, merged.claims, {}
    if places is not None and classes.fingerprint != fingerprint(places):
        print(f"warning: the place classes of the map of {stored.date} were derived from "
              "another places table. Fix: python -m geo maps rederive", file=sys.stderr)
    universe = _universe(ds, places)
    derived = place_claims(stored, classes)
    derived = derived[derived["settlement_id"].isin(universe["id"])]
    extra = {cid: {"since": since.date().isoformat(), "class": cls}
             for cid, since, cls in zip(derived["id"], derived["since"], derived["class"],
                                        strict=True)}
    sides = dict(zip(ds.claimants["id"], ds.claimants["side"], strict=True))
    return universe, merge_claims(ds.claims, derived, sides), extra


def cmd_status(args: argparse.Namespace) -> int:
    ds = load(args)
    selected = claimants_arg(ds, args.claimant, args.side)
    day = check_date(ds, args.date)
    places, claims, extra = _status_inputs(args, ds, day)
    resolved = resolve(places, claims, day, selected)
    if args.places == "claimed" and len(resolved) > len(ds.settlements):
        spoken = resolved[[f"{side}_status" for side in vocab.SIDES]].notna().any(axis=1)
        curated = resolved["settlement"].isin(ds.settlements["id"])
        resolved = resolved[spoken | curated].reset_index(drop=True)
    if args.disputed:   # where the sides' claims disagree
        resolved = resolved[resolved["disputed"].astype(bool)].reset_index(drop=True)
    if args.format == "json":
        print(json.dumps(status_records(resolved, extra), ensure_ascii=False, indent=1))
    elif args.format == "geojson":
        sys.stdout.write(to_geojson_bytes(resolved, day.isoformat(),
                                          selected or list(ds.claimants["id"])).decode())
        print()
    else:
        # the table names each place (a gn- id alone says nothing); the CSV keeps its columns
        cols = ["settlement"] + (["name", "oblast"] if args.format == "table" else [])
        for side in vocab.SIDES:
            cols += [f"{side}_status", f"{side}_extent", f"{side}_claimant", f"{side}_date"]
        table = resolved[[*cols, "disputed"]].copy()
        for side in vocab.SIDES:
            table[f"{side}_date"] = table[f"{side}_date"].dt.date
        if args.format == "csv":
            sys.stdout.write(to_csv_bytes(table).decode("utf-8-sig"))
        else:
            print(f"Claimed statuses on {day} (claims, not verified facts)")
            print(table.astype(object).fillna("-").to_string(index=False))  # dates too
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
        close = f"nearest: {nearest}" if nearest else "and no place's name is close to it"
        print(f"no settlement or place matches {args.query!r}; {close}", file=sys.stderr)
        return 1
    for row in found.to_dict("records"):
        spelled = "" if fold(row["matched"]) == fold(row["name"]) else f" as {row['matched']}"
        print(f"{row['id']}\t{row['name']}\t{row['oblast']}\tpopulation {row['population']:,}"
              f"\t{TIERS[row['tier']]}{spelled}")
    return 0
