"""Benchmark (issue 11): one place's timeline at national scale.

Loads the synthetic national data (30,000 settlements, 1,000,000 claims; generated once
by :func:`bench.common.national_data`), gives one place exactly 500 claims (random claims
moved to it), builds the claim index, and times, for that place and the two with the most
claims, the index version (:func:`geo.claims.timeline.timeline`: one key range found by
``searchsorted``) beside the straightforward boolean filter over every claim
(:func:`geo.claims.timeline.timeline_naive`), in the same run; the two are checked equal.
Also times the chart's data and Vega-Lite spec (:mod:`ui.timeline`, uncached) for the
500-claim place.

Run: ``.venv/bin/python -m bench.timeline [--settlements N --claims M]``.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial

import numpy as np
import pandas as pd

from bench.common import median_ms, national_args, national_data
from geo.claims.index import ClaimIndex, build_index
from geo.claims.timeline import timeline, timeline_naive
from geo.dataset.load import Dataset, load_dataset
from ui.timeline import chart_data, chart_spec

TARGET_MS = 100.0   # "well under a second" for a place with 500 claims




def main() -> int:
    args = national_args(__doc__)
    data = national_data(args.settlements, args.claims, args.dir)
    start = time.perf_counter()
    ds = load_dataset(data)
    print(f"load: {time.perf_counter() - start:.1f} s; {len(ds.claims):,} claims")
    counts = ds.claims["settlement_id"].value_counts()
    hot = str(counts.index[-1])
    moved = np.random.default_rng(1).choice(len(ds.claims), 500 - int(counts.iloc[-1]),
                                            replace=False)
    claims = ds.claims.copy()
    ids = claims["settlement_id"].to_numpy(copy=True)
    ids[moved] = hot
    claims["settlement_id"] = ids
    start = time.perf_counter()
    index = build_index(claims)
    print(f"index build: {time.perf_counter() - start:.1f} s")
    places = [hot, *counts.index[:2]]
    on = ds.claims["date"].max().date() + dt.timedelta(days=1)
    ok = True
    print(f"{'place':>10} {'claims':>7} {'lanes':>5} {'index ms':>9} {'filter ms':>10} "
          f"{'speed-up':>8}")
    for place in places:
        fast = timeline(index, place, on)
        slow = timeline_naive(claims, place, on)
        pd.testing.assert_frame_equal(fast.segments, slow.segments)
        fast_ms = median_ms(partial(timeline, index, place, on), repeat=7)
        slow_ms = median_ms(partial(timeline_naive, claims, place, on), repeat=7)
        ok &= fast_ms < TARGET_MS
        print(f"{place:>10} {len(fast.segments):>7} {len(fast.lanes):>5} {fast_ms:>9.2f} "
              f"{slow_ms:>10.1f} {slow_ms / fast_ms:>7.0f}×")
    chart_ms = median_ms(lambda: _chart(ds, index, hot, on), repeat=7)
    print(f"{hot}: timeline + chart data + Vega-Lite spec (uncached): {chart_ms:.0f} ms")
    print(f"target: < {TARGET_MS:.0f} ms per timeline with the index: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def _chart(ds: Dataset, index: ClaimIndex, place: str, on: dt.date) -> dict:
    t = timeline(index, place, on)
    data = chart_data(ds, t)
    return chart_spec(data, str(on))


if __name__ == "__main__":
    raise SystemExit(main())
