"""Pastes and readers (issue 14.12): what a 50,000-character paste costs the server, and
another reader's date change while four pastes run.

    python -m bench.paste_load [--data data] [--store data/local] [--rounds 3]

One process stands for one Streamlit server: each session's script runs on a thread of it.
A reader thread changes the date over and over (``build_view`` of the bundled data for the
next claim date, all claimants: the view a date change resolves); meanwhile four threads
each "paste" a 50,000-character report (the held-out MoD, General Staff and ISW texts of
tests/ingest/blind, cycled) and wait for its drafts. Three runs, measured back to back in
the same run:

* ``idle``: the reader alone (its latency without pastes);
* ``inline``: the pastes extracted on their own threads, as the page did before
  (``Extractor.extract`` holds the GIL: pure Python);
* ``worker``: the pastes through :func:`ui.extraction.extract` (one worker process per
  server, the script thread waiting on a future).

"Server CPU per paste" is the CPU time of this process (the server) for one paste alone;
in the worker mode the extraction's own CPU is spent in the worker process instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.ingest_throughput import texts
from geo.claims.index import build_index
from geo.claims.state import PageState
from geo.claims.view import build_view
from geo.dataset.load import Dataset, load_dataset
from geo.errors import FrontlineError
from geo.places.gazetteer import load_gazetteer
from geo.places.resolution import Resolver
from geo.text import Extractor
from ui import extraction

PASTE_CHARS = 50_000
PASTES = 4
DAY = dt.date(2025, 11, 20)


def paste_text() -> str:
    body = "\n\n".join(text for text, _claimant, _date in texts())
    return (body * (PASTE_CHARS // len(body) + 1))[:PASTE_CHARS]


def make_extractor(ds: Dataset, store: Path) -> Extractor:
    try:
        return Extractor(Resolver(ds.settlements, load_gazetteer(store)), ds.claimants)
    except FrontlineError:
        return Extractor(Resolver(ds.settlements), ds.claimants)


def reader_latencies(ds: Dataset, stop: threading.Event, out: list[float]) -> None:
    """Change the date (the next claim date each time) until ``stop``; record each view's
    build time."""
    index = build_index(ds.claims)
    days = sorted(set(ds.claims["date"]))
    claimants = tuple(ds.claimants["id"])
    i = 0
    while not stop.is_set():
        day = days[i % len(days)]
        day = day.date() if hasattr(day, "date") else day
        start = time.perf_counter()
        build_view(ds, PageState(date=day, claimants=claimants), index)
        out.append(time.perf_counter() - start)
        i += 1
        time.sleep(0.02)  # a reader pauses between clicks


def run(ds: Dataset, paste: Callable[[], object] | None, seconds: float) -> dict[str, float]:
    """The reader's latencies while ``PASTES`` threads each run ``paste`` once (or, with
    None, for ``seconds``)."""
    stop = threading.Event()
    lat: list[float] = []
    reader = threading.Thread(target=reader_latencies, args=(ds, stop, lat))
    reader.start()
    time.sleep(0.3)
    lat.clear()  # the reader's warm-up
    walls: list[float] = []
    start = time.perf_counter()
    if paste is None:
        time.sleep(seconds)
    else:
        def one() -> None:
            t = time.perf_counter()
            paste()
            walls.append(time.perf_counter() - t)
        threads = [threading.Thread(target=one) for _ in range(PASTES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    elapsed = time.perf_counter() - start
    stop.set()
    reader.join()
    lat.sort()
    return {"reader_p50": statistics.median(lat), "reader_p95": lat[int(0.95 * (len(lat) - 1))],
            "reader_max": lat[-1], "reader_n": len(lat), "paste_wall_max": max(walls or [0]),
            "elapsed": elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--store", type=Path, default=Path("data/local"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    ds = load_dataset(args.data)
    found_by = make_extractor(ds, args.store)
    text = paste_text()
    key = ("bench", str(args.data.resolve()))

    def inline() -> object:
        return found_by.extract(text, DAY)

    def worker() -> object:
        return extraction.extract(found_by, key, text, DAY)

    worker()  # start the worker and send it the extractor
    cpu = {}
    for name, paste in (("inline", inline), ("worker", worker)):
        c0, w0 = time.process_time(), time.perf_counter()
        drafts = paste()
        cpu[name] = (time.process_time() - c0, time.perf_counter() - w0, len(drafts))  # type: ignore[arg-type]
    assert cpu["inline"][2] == cpu["worker"][2], "the worker found other drafts"
    print(f"paste of {len(text):,} characters, alone: server CPU inline {cpu['inline'][0]:.2f} s "
          f"(wall {cpu['inline'][1]:.2f} s), through the worker {cpu['worker'][0] * 1000:.0f} ms "
          f"(wall {cpu['worker'][1]:.2f} s); {cpu['inline'][2]} drafts")
    for r in range(1, args.rounds + 1):
        rows = {"inline": run(ds, inline, 0), "worker": run(ds, worker, 0)}
        rows = {"idle": run(ds, None, rows["inline"]["elapsed"]), **rows}
        for name, row in rows.items():
            print(f"round {r} {name:>6}: reader date change p50 {row['reader_p50'] * 1000:.0f} ms, "
                  f"p95 {row['reader_p95'] * 1000:.0f} ms, max {row['reader_max'] * 1000:.0f} ms "
                  f"({row['reader_n']} changes); slowest of {PASTES} pastes "
                  f"{row['paste_wall_max']:.2f} s; {row['elapsed']:.1f} s")
    extraction.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
