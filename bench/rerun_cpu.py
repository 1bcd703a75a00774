"""The script thread's CPU per date change, by part of the page, without a profiler.

Runs ``app.py`` in-process (Streamlit's AppTest) on the bundled data (``--data DIR``), draws
the first view, waits until the process is idle (the search index's background build),
then changes the sidebar's date ``--reruns`` times, each to a claim date not shown before
(no per-view cache of ``ui.views`` / ``ui.viewcache`` helps). Each rerun's CPU is the
script thread's own (``time.thread_time`` around Streamlit's ``_run_script``), so neither
background threads nor other processes are counted; the page's parts are timed the same
way by wrapping the functions ``app.py`` and the page's modules call (their figures
include what they call: they are nested, not a sum). cProfile (``bench.profile_rerun``)
roughly doubles the cost of Python calls; these figures do not carry that overhead.

The process's other threads' CPU during the reruns is printed too: a background build
still running then (it competes for the cores and the caches) shows there.

A real server also serialises and sends the messages (its other threads): compare with
``bench.load_ws``'s CPU per rerun, which counts the whole process.

``--db``: the page on a throw-away PostgreSQL cluster holding the bundled data
(``FRONTLINE_DB``); ``--accept``: before each date change another writer accepts one claim
and the page's snapshot is refreshed (what its 2 s check does), so every rerun is the first
of a new data version, as in ``bench.load_ws --db`` while editors work.

Run: ``.venv/bin/python -m bench.rerun_cpu [--reruns 15] [--store DIR] [--db [--accept]]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.load_ws import DATE_KEY
from bench.profile_rerun import first_run

ROOT = Path(__file__).resolve().parent.parent

#: The parts timed: (module, function), looked up on the module at call time by their
#: callers (``app.py`` calls ``ui.x.f``; the others are called by name in their module).
PARTS: list[tuple[str, str]] = [
    ("ui.state", "sidebar"),
    ("ui.views", "shared_view"),
    ("ui.views", "build_view"),
    ("ui.mapwidget", "show"),
    ("ui.placelayer", "layer"),
    ("ui.mapwidget", "st_folium"),
    ("ui.selection", "place"),
    ("ui.territory", "panel"),
    ("ui.territory", "chart"),
    ("ui.tables", "claims_panel"),
    ("ui.tables", "claims_table"),
    ("ui.downloads", "panel"),
    ("ui.downloads", "_sizes"),
    ("ui.scorecard", "summary"),
]


class Timer:
    """Thread CPU of each wrapped function during the current rerun."""

    def __init__(self) -> None:
        self.now: dict[str, float] = {}
        self.runs: list[float] = []

    def wrap(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.now[label] = self.now.get(label, 0.0) + time.thread_time() - start
        return timed

    def install(self) -> None:
        for module, name in PARTS:
            mod = importlib.import_module(module)
            if hasattr(mod, name):
                setattr(mod, name, self.wrap(f"{module}.{name}", getattr(mod, name)))
        from streamlit.runtime.scriptrunner import script_runner

        runner = script_runner.ScriptRunner
        original = runner._run_script
        runs = self.runs

        def run_script(self: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return original(self, *args, **kwargs)
            finally:
                runs.append(time.thread_time() - start)

        runner._run_script = run_script  # type: ignore[method-assign]


def idle(most: float = 180.0) -> None:
    """Wait until this process uses < 5 % of a core over a second (background builds)."""
    start = time.monotonic()
    while time.monotonic() - start < most:
        cpu = time.process_time()
        time.sleep(1.0)
        if time.process_time() - cpu < 0.05:
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--store", type=Path, help="a store of control maps (default: empty)")
    parser.add_argument("--db", action="store_true", help="the page on a throw-away database")
    parser.add_argument("--accept", action="store_true",
                        help="with --db: one claim accepted and refreshed before each rerun")
    args = parser.parse_args()
    del sys.argv[1:]   # app.py reads its own options (--db URL) from the command line
    os.environ.update(FRONTLINE_TILES="none", FRONTLINE_DATA_DIR=str(args.data),
                      FRONTLINE_STORE=str(args.store or tempfile.mkdtemp()))
    if not args.db:
        _measure(args, None)
        return 0
    from bench.db_store import fresh
    from harness.postgres import pg_bin, postgis_present, start

    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        raise SystemExit("PostgreSQL with PostGIS is not installed")
    cluster = start(bindir)
    try:
        url = fresh(cluster, "rerun_cpu", args.data)
        os.environ["FRONTLINE_DB"] = url
        _measure(args, url)
    finally:
        cluster.stop()
    return 0


def _accepter(url: str) -> Callable[[], None]:
    """One claim accepted by another writer, then the page's snapshot refreshed."""
    import psycopg

    from bench.db_store import _claim
    from geo.store.database import DatabaseStorage
    from ui import data as page_data

    with psycopg.connect(url) as conn:
        places = [r[0] for r in conn.execute("SELECT id FROM settlements ORDER BY id LIMIT 200")]
    writer = DatabaseStorage(url, Path(tempfile.mkdtemp()), actor="rerun_cpu")
    step = [0]

    def accept() -> None:
        k = step[0]
        step[0] += 1
        writer.accept([_claim(places[k % len(places)], dt.date(2024, 1, 1)
                              + dt.timedelta(days=k), f"r{k}")])
        next(iter(page_data._MIRRORS.values())).refresh()
    return accept


def _measure(args: argparse.Namespace, url: str | None) -> None:
    timer = Timer()
    timer.install()
    at, days = first_run(args.data)
    accept = _accepter(url) if url and args.accept else None
    idle()
    timer.runs.clear()
    parts: dict[str, list[float]] = {f"{m}.{n}": [] for m, n in PARTS}
    walls = []
    process = time.process_time()
    for i in range(args.reruns):
        if accept is not None:
            accept()
        timer.now.clear()
        at.date_input(key=DATE_KEY).set_value(days[(i + 1) % len(days)])
        start = time.perf_counter()
        at.run()
        walls.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"the app failed on rerun {i}: {at.exception}")
        for label, values in parts.items():
            values.append(timer.now.get(label, 0.0))
    others = (time.process_time() - process - sum(timer.runs)) / args.reruns
    load = Path("/proc/loadavg").read_text().split()[:3]
    where = "database" + (", an accept before each" if accept else "") if url else "files"
    print(f"{ROOT.name} ({where}): {args.reruns} date changes to new dates; script thread "
          f"CPU median {1000 * statistics.median(timer.runs):.1f} ms, min "
          f"{1000 * min(timer.runs):.1f} ms; wall median {1000 * statistics.median(walls):.0f}"
          f" ms; the process's other threads {1000 * others:.1f} ms per rerun (a background"
          f" build still running shows here); load {' '.join(load)}")
    for label, values in parts.items():
        print(f"  {1000 * statistics.median(values):7.1f} ms  {label}")


if __name__ == "__main__":
    raise SystemExit(main())
