"""What a reader's rerun costs right after an accept on a database (issue 16).

One in-process page (Streamlit's AppTest) on a throw-away cluster holding the bundled data
(``FRONTLINE_DB``). Then ``--reruns`` times: another writer accepts one claim, the page's
server snapshot is refreshed at once (what its background check does within 2 s: the new
claims are appended to the dataset in memory), and the reader changes the date; the same
number of date changes without an accept in between are timed alternately. So "after" is
the first rerun of a new data version on this server, "plain" one of an unchanged one.

CPU is the process's, from the rerun's start until the background work that rerun started
(the search index's warm-up thread) is done; the refresh itself is outside (it runs in the
server's refresh thread, measured by ``bench.db_store``). The reruns after an accept are
then profiled (cProfile on the script thread) and the page's parts printed as
``bench.profile_rerun`` prints them.

Run: ``.venv/bin/python -m bench.profile_append [--reruns 6] [--top 20]``.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.load_ws import DATE_KEY, claim_dates
from bench.profile_rerun import part_times

ROOT = Path(__file__).resolve().parent.parent


def _settled(cpu_start: float) -> float:
    """Process CPU since ``cpu_start`` once the page's background threads are done."""
    for _ in range(600):
        if not any(t.name == "place-index" for t in threading.enumerate()):
            break
        time.sleep(0.05)
    return time.process_time() - cpu_start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reruns", type=int, default=6)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    from bench.db_store import fresh
    from harness.postgres import pg_bin, postgis_present, start

    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        raise SystemExit("PostgreSQL with PostGIS is not installed")
    data = ROOT / "data"
    cluster = start(bindir)
    try:
        url = fresh(cluster, "profile_append", data)
        _run(url, data, args)
    finally:
        cluster.stop()
    return 0


def _run(url: str, data: Path, args: argparse.Namespace) -> None:
    import psycopg
    from streamlit.testing.v1 import AppTest

    from bench.db_store import _claim
    from geo.store.database import DatabaseStorage
    from ui import data as page_data

    os.environ.update(FRONTLINE_TILES="none", FRONTLINE_STORE=tempfile.mkdtemp(),
                      FRONTLINE_DATA_DIR=str(data), FRONTLINE_DB=url)
    with psycopg.connect(url) as conn:
        places = [r[0] for r in conn.execute("SELECT id FROM settlements ORDER BY id LIMIT 200")]
    writer = DatabaseStorage(url, Path(tempfile.mkdtemp()), actor="profile")
    days = claim_dates(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["date"] = days[0].isoformat()
    at.run()
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception}")
    _settled(time.process_time())
    snapshot = next(iter(page_data._MIRRORS.values()))
    step = [0]

    def accepted() -> None:
        k = step[0]
        step[0] += 1
        writer.accept([_claim(places[k % len(places)], dt.date(2024, 1, 1)
                              + dt.timedelta(days=k), f"p{k}")])
        snapshot.refresh()

    def rerun() -> tuple[float, float]:
        at.date_input(key=DATE_KEY).set_value(days[(step[0] * 7 + 1) % len(days)])
        started, cpu = time.perf_counter(), time.process_time()
        at.run()
        wall = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"the app failed: {at.exception}")
        return wall, _settled(cpu)

    plain: list[tuple[float, float]] = []
    after: list[tuple[float, float]] = []
    for _ in range(args.reruns):   # alternated: a rerun of the same version, then a new one
        plain.append(rerun())
        accepted()
        after.append(rerun())
    profiles: list[cProfile.Profile] = []

    def start_profiler(*_args: object) -> None:
        profiler = cProfile.Profile()
        profiles.append(profiler)
        profiler.enable()

    for _ in range(args.reruns):
        accepted()
        threading.setprofile(start_profiler)
        try:
            rerun()
        finally:
            threading.setprofile(None)  # type: ignore[arg-type]
    print(f"appends seen by the page's snapshot: {snapshot.appends} of {snapshot.loads} loads")
    for label, runs in (("plain (same version)", plain), ("after an accept", after)):
        print(f"{label}: wall median {1000 * statistics.median(w for w, _ in runs):.0f} ms, "
              f"max {1000 * max(w for w, _ in runs):.0f} ms; CPU median "
              f"{1000 * statistics.median(c for _, c in runs):.0f} ms, max "
              f"{1000 * max(c for _, c in runs):.0f} ms per rerun")
    stats = pstats.Stats(*profiles)
    print("\nAfter an accept, the page's parts (cumulative ms per rerun, calls per rerun):")
    for label, ms, calls in part_times(stats, args.reruns):
        print(f"  {ms:7.1f} ms  x{calls:<3d} {label}")
    print(f"\nTop {args.top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    raise SystemExit(main())
