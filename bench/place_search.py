"""Benchmark (issue 11): one search in every place's spellings, as the sidebar's search box
and ``geo search`` make it, on the bundled national table (33,680 places, ~152,000
spellings).

Times :meth:`geo.places.lookup.PlaceIndex.find` (binary searches in sorted keys, one
substring scan only when the earlier tiers leave room) beside
:meth:`~geo.places.lookup.PlaceIndex.find_by_masks` (the masks over every spelling it
replaced), alternated in the same run, process CPU, median of ``--repeat`` per query; the two
are checked equal. Also the index's build time, with and without the sorted keys.

Run: ``.venv/bin/python -m bench.place_search [--repeat 15]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from bench.common import median_ms
from geo.dataset.load import load_dataset
from geo.places.lookup import PlaceIndex
from geo.places.spellindex import SpellingIndex
from geo.places.table import bundled_places

QUERIES = ("Pokrovsk", "Chasiv Yar", "Kupyansk", "Бахмут", "kupyansk vuzlovyi", "Kramatorsk",
           "Dzerzhinsk", "Купянск", "Novo", "Xyzzyville")


def _cpu_ms(fn: Callable[[], object], repeat: int) -> float:
    return median_ms(fn, repeat, clock=time.process_time)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    ds = load_dataset(args.data)
    places = bundled_places(args.data)
    start = time.process_time()
    index = PlaceIndex(ds.settlements, places)
    built = time.process_time() - start
    keys = _cpu_ms(lambda: SpellingIndex(index.names), 3)
    print(f"{len(index.names):,} spellings of {len(index.places):,} places; index built in "
          f"{built * 1000:.0f} ms CPU, of which the sorted keys {keys:.0f} ms")
    print(f"{'query':<20} {'masks ms':>9} {'keys ms':>8}  found")
    for query in QUERIES:
        pd.testing.assert_frame_equal(index.find(query), index.find_by_masks(query))
        base = _cpu_ms(lambda q=query: index.find_by_masks(q), args.repeat)
        after = _cpu_ms(lambda q=query: index.find(q), args.repeat)
        print(f"{query:<20} {base:>9.1f} {after:>8.1f}  {len(index.find(query))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
