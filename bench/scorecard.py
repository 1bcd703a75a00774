"""Benchmark (issue 15): the reliability scorecard at national scale, and on the bundled record.

National scale: the synthetic data of ``geo synth`` (30,000 places, 1,000,000 claims over
four years, seed 1) and 365 daily synthetic maps (the last year; each map's place classes
computed with :func:`geo.maps.placeclasses.classify_places`, as an import stores them).
Times the whole scorecard: the reference from the 365 maps' classes
(:func:`geo.scores.map_reference`), every claim's outcome (:func:`geo.scores.outcomes`) and
the rows per claimant, kind and quarter (:func:`geo.scores.scorecard`); target ≤ 2 s. The
baseline, in the same run: the straightforward per-claim loop
(:func:`geo.scores.outcomes_naive`) on a random sample of claims, extrapolated linearly to
all of them, and checked equal to the vectorized outcomes on that sample.

Bundled: ``data/`` against the real DeepState maps of ``../shared/data/deepstate`` imported
into a temporary store (skipped when absent).

Run: ``.venv/bin/python -m bench.scorecard [--claims N] [--maps K] [--sample S]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from geo import synth
from geo.maps.placeclasses import (
    PlaceClasses,
    classify_places,
    read_classes,
    since_dates,
    write_classes,
)
from geo.maps.store import StoredMap
from geo.scores import (
    Rules,
    claims_reference,
    map_reference,
    outcomes,
    outcomes_naive,
    scorecard,
    scored,
)
from geo.scores.reference import combined_reference
from geo.scores.stored import read_all_classes

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "deepstate"
TARGET_S = 2.0


def loaded_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Synthetic claims in the loaded frame's types (dates, row order)."""
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    out["row"] = np.arange(len(out))
    return out.sort_values(["date", "row"], kind="stable").reset_index(drop=True)


def synthetic_maps(places: pd.DataFrame, k: int) -> list[PlaceClasses]:
    """``k`` daily maps ending on synth.END, each place classified as an import would."""
    import geopandas as gpd

    ids = places["id"].astype(str).to_numpy(dtype=object)
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    out: list[PlaceClasses] = []
    for i in range(k):
        day = synth.END - dt.timedelta(days=k - 1 - i)
        t = 1.0 - (k - 1 - i) / synth.DAYS
        poly = gpd.GeoDataFrame({"class": ["occupied"]}, geometry=[synth.control_polygon(t)],
                                crs="EPSG:4326")
        codes = classify_places(lon, lat, poly)
        out.append(PlaceClasses(day, ids, codes,
                                since_dates(ids, codes, day, out[-1] if out else None),
                                "bench", "1"))
    return out


def national(claims_n: int, maps_k: int, sample: int) -> None:
    start = time.perf_counter()
    data = synth.generate(30_000, claims_n, seed=1)
    claims = loaded_claims(data.claims)
    claims["channel"] = np.where(claims["claimant"] == "ru_genstaff", "briefing", "bulletin")
    maps = synthetic_maps(data.settlements, maps_k)
    print(f"set-up: {len(claims):,} claims, {len(data.settlements):,} places, {len(maps)} maps "
          f"in {time.perf_counter() - start:.1f} s")
    rules = Rules()
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        ref = map_reference(maps, "deepstate")
        t1 = time.perf_counter()
        table = outcomes(claims, ref, rules)
        t2 = time.perf_counter()
        rows = scorecard(scored(table), "quarter")
        t3 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0))
    ref_s, out_s, card_s, total = (statistics.median(r[i] for r in runs) for i in range(4))
    counts = table["outcome"].value_counts()
    print(f"reference: {len(ref):,} observations (changes) from {ref.dates} maps")
    print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if v))
    why = table.loc[table["outcome"] == "not scored", "reason"].value_counts()
    print("not scored: " + "; ".join(f"{v:,} {k}" for k, v in why.items() if v))
    print(f"scorecard rows: {len(rows):,}")
    print(f"ours (median of 5): reference {ref_s:.2f} s + outcomes {out_s:.2f} s + "
          f"scorecard {card_s:.2f} s = {total:.2f} s (target ≤ {TARGET_S:.0f} s: "
          f"{'met' if total <= TARGET_S else 'MISSED'})")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"{m.day.isoformat()}.places.parquet" for m in maps]
        for item, path in zip(maps, paths, strict=True):
            write_classes(item, path)
        stored = [StoredMap(m.day, Path(tmp) / f"{m.day.isoformat()}.parquet", "deepstate")
                  for m in maps]
        reads, whole = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            again, _errors = read_all_classes(stored)
            reads.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            [read_classes(path) for path in paths]
            whole.append(time.perf_counter() - t0)
        assert map_reference(again, "deepstate").code.tolist() == ref.code.tolist()
        size = sum(p.stat().st_size for p in paths) / 1e6
    read_s = statistics.median(reads)
    print(f"reading the {len(again)} stored classes files ({size:.1f} MB, as the CLI and the "
          f"page do first; read_all_classes, codes only after the first): {read_s:.2f} s "
          f"(every file read whole: {statistics.median(whole):.2f} s); with it, "
          f"{read_s + total:.2f} s")
    t0 = time.perf_counter()
    own = claims_reference(claims, "deepstate")
    both = combined_reference(map_reference(maps, "deepstate", every_map=list(own.places)), own)
    t1 = time.perf_counter()
    outcomes(claims, both, rules)
    t2 = time.perf_counter()
    print(f"maps and claims merged (--reference-from both; the synthetic DeepState speaks of "
          f"{len(own.places):,} places, so every map adds an observation of each: "
          f"{len(both):,}): reference {t1 - t0:.2f} s + outcomes {t2 - t1:.2f} s (1 run)")
    rng = np.random.default_rng(3)
    pick = np.sort(rng.choice(len(claims), size=min(sample, len(claims)), replace=False))
    part = claims.iloc[pick].reset_index(drop=True)
    t0 = time.perf_counter()
    slow = outcomes_naive(part, ref, rules)
    loop_s = time.perf_counter() - t0
    fast = outcomes(part, ref, rules)  # the same claims alone: "new" judged within them
    same = (fast["outcome"].to_numpy() == slow["outcome"].to_numpy()).all() and \
        (fast["lead_days"].astype("float64").fillna(-1e9).to_numpy()
         == slow["lead_days"].astype("float64").fillna(-1e9).to_numpy()).all()
    per_claim = loop_s / len(part)
    print(f"loop: {len(part):,} claims in {loop_s:.2f} s = {per_claim * 1e3:.2f} ms per claim; "
          f"{per_claim * len(claims):.0f} s for all {len(claims):,} (extrapolated), "
          f"{per_claim * len(claims) / out_s:.0f}x the vectorized outcomes; equal on the "
          f"sample: {bool(same)}")


def bundled() -> None:
    if not SHARED.is_dir():
        print(f"bundled: skipped, the real DeepState files are not at {SHARED}")
        return
    from geo.dataset.load import load_dataset
    from geo.maps.importer import import_deepstate
    from geo.places.table import load_places
    from geo.scores import build_scorecard, file_claims, reference_for

    ds = load_dataset(ROOT / "data")
    places = load_places(ROOT / "data")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp)
        for path in sorted(SHARED.glob("*/*.geojson")):
            import_deepstate(str(path), store, places=places)
        t0 = time.perf_counter()
        ref, _ = reference_for(ds, store, use="maps")  # the maps, not auto's choice
        names = dict(zip(ds.settlements["id"], ds.settlements["name"], strict=True))
        card = build_scorecard(file_claims(ds), ref, names)
        took = time.perf_counter() - t0
    print(f"bundled: {len(ds.claims)} claims against {ref.dates} real maps: "
          f"{len(card.table)} scored in {took * 1e3:.0f} ms (classes read included)")
    for row in card.claims().itertuples(index=False):
        print(f"  {row.date} {row.claimant:<12} {row.name:<16} {row.status}/{row.extent:<8} "
              f"{row.outcome:<9} lead {row.lead_days if pd.notna(row.lead_days) else '-'} "
              f"(map then: {row.reference_then}; shown {row.shown_date or '-'}, previous "
              f"map {row.reference_previous or '-'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--maps", type=int, default=365)
    parser.add_argument("--sample", type=int, default=5_000)
    args = parser.parse_args()
    bundled()
    national(args.claims, args.maps, args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
