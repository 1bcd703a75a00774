"""Where one rerun of the dashboard spends its CPU time (cProfile around Streamlit's AppTest).

Runs ``app.py`` in-process on the bundled data (or ``--data DIR``), draws the first view,
then times ``--reruns`` date changes without the profiler and profiles as many again (the
sidebar's ``f_date`` one claim date later each time, like ``bench.load_ws``; the profiled
ones on the dates after the unprofiled ones, so that no view is met twice: the shared
per-view caches, ``ui.views`` and ``ui.viewcache``, do not hide a view's cost). Streamlit
runs the script in a thread of its own, so each script thread gets its own profiler
(``threading.setprofile``) and the stats are merged. Prints the time per rerun, the
page's parts (cumulative time of the app's top-level calls) and the functions with the
most time of their own.

The server does a little more per rerun than AppTest (serialising and sending the
messages over the websocket): compare with ``bench.load_ws``'s CPU per rerun.

Run: ``.venv/bin/python -m bench.profile_rerun [--reruns 20] [--top 25] [--store DIR]``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.load_ws import DATE_KEY, claim_dates

QUERY_KEY = "f_query"

ROOT = Path(__file__).resolve().parent.parent

#: The page's parts: (label, module path suffix, function name), as app.py calls them.
PARTS = [
    ("data.dataset_or_stop (cached load)", "ui/data.py", "dataset_or_stop"),
    ("uploads.own_files", "ui/uploads.py", "own_files"),
    ("controlmaps.stored_maps + with_map_claims + claim_index", "ui/controlmaps.py",
     "stored_maps"),
    ("state.sidebar (filters)", "ui/state.py", "sidebar"),
    ("geo.claims.view.build_view", "geo/claims/view.py", "build_view"),
    ("selection.place (the fragment a selection reruns)", "ui/selection.py", "place"),
    ("  state.place_search (search box and list)", "ui/state.py", "place_search"),
    ("  timeline.panel", "ui/timeline.py", "panel"),
    ("mapwidget.show (whole map)", "ui/mapwidget.py", "show"),
    ("  render.place_layer (markers or canvas)", "geo/render/settlements.py", "place_layer"),
    ("  render.base_map", "geo/render/basemap.py", "base_map"),
    ("  st_folium (renders the folium map to HTML/JS)", "streamlit_folium/__init__.py",
     "st_folium"),
    ("controlmaps.compare (cached map comparison)", "ui/controlmaps.py", "compare"),
    ("territory.panel", "ui/territory.py", "panel"),
    ("comparison.panel", "ui/comparison.py", "panel"),
    ("tables.history_panel", "ui/tables.py", "history_panel"),
    ("tables.claims_panel", "ui/tables.py", "claims_panel"),
    ("downloads.panel", "ui/downloads.py", "panel"),
    ("state.write_url", "ui/state.py", "write_url"),
]


def part_times(stats: pstats.Stats, reruns: int) -> list[tuple[str, float, int]]:
    """(label, cumulative ms per rerun, calls per rerun) of each part found in ``stats``."""
    out = []
    for label, path, name in PARTS:
        cum, calls = 0.0, 0
        for (filename, _line, func), (_cc, nc, _tt, ct, _callers) in stats.stats.items():
            if func == name and filename.endswith(path):
                cum += ct
                calls += nc
        out.append((label, 1000 * cum / reruns, calls // max(reruns, 1)))
    return out


def first_run(data: Path) -> tuple[Any, list]:
    """The page run once in AppTest on the data's first claim date (the environment set
    before), and the data's claim dates; exits naming the page's exception if it failed."""
    from streamlit.testing.v1 import AppTest

    days = claim_dates(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["date"] = days[0].isoformat()
    at.run()
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception}")
    return at, days


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="write the merged pstats file here")
    parser.add_argument("--select", nargs="*", metavar="NAME",
                        help="profile selecting these places by search (Enter in the search "
                        "box, as bench.national_page does) instead of date changes")
    parser.add_argument("--store", type=Path, help="a store of control maps (e.g. one "
                        "bench.national_page builds with --keep); default: an empty one")
    parser.add_argument("--seen", action="store_true",
                        help="profile the unprofiled reruns' dates again: what a second "
                             "reader of the same views costs (keep --reruns within the "
                             "shared views' budget, ui.views: 8 national views)")
    args = parser.parse_args()
    os.environ["FRONTLINE_TILES"] = "none"
    os.environ["FRONTLINE_STORE"] = str(args.store or tempfile.mkdtemp())
    os.environ["FRONTLINE_DATA_DIR"] = str(args.data)
    at, days = first_run(args.data)

    def change(i: int) -> None:   # the i-th interaction, before its run
        if args.select:
            at.text_input(key=QUERY_KEY).set_value(args.select[i % len(args.select)])
        else:
            at.date_input(key=DATE_KEY).set_value(days[(i + 1) % len(days)])

    if args.select:   # the first search waits for the index (built in the background)
        change(0)
        at.run()

    plain_wall, plain_cpu = [], []
    for i in range(args.reruns):  # the same reruns without the profiler, for its overhead
        change(i)
        start, cpu = time.perf_counter(), time.process_time()
        at.run()
        plain_wall.append(time.perf_counter() - start)
        plain_cpu.append(time.process_time() - cpu)

    profiles: list[cProfile.Profile] = []

    def start_profiler(*_args: object) -> None:  # first event in a new thread
        profiler = cProfile.Profile()
        profiles.append(profiler)
        profiler.enable()

    walls = []
    threading.setprofile(start_profiler)
    try:
        # dates (or places) not seen above: none of the per-view caches' hits; --seen: the
        # same ones again, as a second reader of the same views
        for i in range(0 if args.seen else args.reruns, (1 if args.seen else 2) * args.reruns):
            change(i)
            start = time.perf_counter()
            at.run()
            walls.append(time.perf_counter() - start)
            if at.exception:
                raise SystemExit(f"the app failed on rerun {i}: "
                                 f"{at.exception}")
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    stats = pstats.Stats(*profiles) if profiles else None
    if stats is None:
        raise SystemExit("no script thread was profiled")
    if args.save:
        stats.dump_stats(args.save)
    total = sum(tt for (_cc, _nc, tt, _ct, _c) in stats.stats.values())
    what = "selections" if args.select else "date changes"
    print(f"{args.reruns} {what} on {args.data}: without the profiler, wall median "
          f"{1000 * statistics.median(plain_wall):.0f} ms, process CPU median "
          f"{1000 * statistics.median(plain_cpu):.0f} ms per rerun; under cProfile, wall "
          f"median {1000 * statistics.median(walls):.0f} ms, profiled script threads "
          f"{1000 * total / args.reruns:.0f} ms per rerun")
    print("\nThe page's parts (cumulative ms per rerun, calls per rerun):")
    for label, ms, calls in part_times(stats, args.reruns):
        print(f"  {ms:7.1f} ms  x{calls:<3d} {label}")
    print(f"\nTop {args.top} by own time:")
    stats.sort_stats("tottime").print_stats(args.top)
    print(f"Top {args.top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
