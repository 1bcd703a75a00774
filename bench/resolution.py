"""Benchmark 1 (issue 5): claim resolution for a date at national scale.

Generates (or reuses) a synthetic data directory with 30,000 settlements and 1,000,000
claims, loads it, and times, for 10 dates spread over the 4 years, the fast resolution
(:func:`geo.claims.index.resolve` with a prebuilt index) against the straightforward pandas
version (:func:`geo.claims.reference.resolve_naive`: boolean filter on date, then group-by-last),
measured in the same run. Also prints the load and index-build times.

Run: ``make bench`` or ``.venv/bin/python -m bench.resolution [--settlements N --claims M]``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pandas as pd

from bench.common import median_ms, national_args, national_data
from geo.claims.index import _chosen_rows, build_index, resolve
from geo.claims.reference import resolve_naive
from geo.dataset.load import load_dataset

TARGET_MS = 50.0
TARGET_SPEEDUP = 20.0




def main() -> int:
    args = national_args(__doc__)
    data = national_data(args.settlements, args.claims, args.dir)
    t = time.perf_counter()
    ds = load_dataset(data)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    index = build_index(ds.claims)
    index_s = time.perf_counter() - t
    print(f"{len(ds.settlements):,} settlements, {len(ds.claims):,} claims: load + validate "
          f"{load_s:.2f} s, index build {index_s:.2f} s (both once per data version)")
    days = pd.date_range(ds.first_date, ds.last_date, periods=10).date
    claims = ds.claims

    def naive_selection(day, chosen):
        mask = claims["date"] <= pd.Timestamp(day)
        if chosen is not None:
            mask &= claims["claimant"].isin(set(chosen))
        return claims[mask].groupby(["settlement_id", "side"], sort=False).tail(1).index

    for label, chosen in (("all claimants", None), ("2 claimants", ["ru_mod", "deepstate"])):
        fast = [median_ms(lambda d=d, c=chosen: _chosen_rows(index, d, c)) for d in days]
        slow = [median_ms(lambda d=d, c=chosen: naive_selection(d, c), repeat=1) for d in days]
        f, s = statistics.median(fast), statistics.median(slow)
        print(f"selection only ({label}): searchsorted index median {f:.1f} ms; filter + "
              f"groupby-last median {s:.1f} ms; {s / f:.1f}x faster")
    for label, chosen in (("all claimants", None), ("2 claimants", ["ru_mod", "deepstate"])):
        fast = [median_ms(lambda d=d, c=chosen: resolve(ds.settlements, ds.claims, d, c,
                                                        index=index)) for d in days]
        slow = [median_ms(lambda d=d, c=chosen: resolve_naive(ds.settlements, ds.claims, d, c),
                          repeat=1) for d in days]
        f, s = statistics.median(fast), statistics.median(slow)
        ok = "meets" if f <= TARGET_MS and s / f >= TARGET_SPEEDUP else "MISSES"
        print(f"resolve, {label}: fast median {f:.1f} ms (max {max(fast):.1f}); straightforward "
              f"median {s:.1f} ms; {s / f:.1f}x faster — {ok} the target "
              f"(≤ {TARGET_MS:.0f} ms and ≥ {TARGET_SPEEDUP:.0f}x)")
    print(f"machine date {dt.date.today()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
