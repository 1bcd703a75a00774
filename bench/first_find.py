"""What a reader waits for at the first "Find claims" of a fresh server (the Add claims page).

    python -m bench.first_find [--data data] [--store data/local] [--rounds 2] [--paste 20]

Each run is a fresh Python process standing for a fresh server (nothing built yet in
memory; the on-disk caches, the validated frames' Parquet and the national spellings, are
as a restarted server finds them, warm in both modes). The data is loaded as the page
loads it, then, alternating in the same sitting:

* ``click`` (before): the extractor is built at the click, as the page did before its
  warm-up: the name index, the resolver, the front, the worker process's start, the
  extractor's transfer to it and the extraction, all behind the button;
* ``warm`` (after): the page's warm-up starts when the page opens
  (:func:`ui.review.warm`), the reader pastes for ``--paste`` seconds, then clicks.

The figure is the wall time from the click to the drafts (what the reader waits for),
beside the CPU seconds spent meanwhile in the server process and in the worker process.
The text is the project's own wire-story fixture (tests/texts/wire_story.txt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "tests" / "texts" / "wire_story.txt"
DAY = dt.date(2025, 11, 20)


def _worker_pids() -> list[int]:
    from ui import extraction

    pool = extraction._pool  # the benchmark reads the worker process's CPU
    return list(getattr(pool, "_processes", None) or {}) if pool is not None else []


def _worker_cpu() -> float:
    return sum(cpu_seconds(pid) for pid in _worker_pids())


def one(mode: str, data: Path, store: Path, paste: float) -> dict[str, float | int | str]:
    """One fresh server's first Find claims, in ``mode`` (click | warm)."""
    from ui import data as page_data
    from ui import extraction, review
    from ui.quiet import no_context_warnings

    with no_context_warnings("MainThread"):
        t_load = time.perf_counter()
        ds = page_data.load(data, store / "cache")
        ds_key = page_data.data_version(data)
        loaded = time.perf_counter() - t_load
        text = TEXT.read_text(encoding="utf-8")
        if mode == "warm":
            review.warm(ds, ds_key, store, store)   # the page opens
            time.sleep(paste)                        # the reader pastes
        c0, w0, t0 = time.process_time(), _worker_cpu(), time.perf_counter()
        found_by, _ = review.extractor(ds, ds_key, store, store)   # the click
        drafts = extraction.extract(found_by, review.extraction_key(ds_key, store, store),
                                    text, DAY)
        wait = time.perf_counter() - t0
        server_cpu, worker_cpu = time.process_time() - c0, _worker_cpu() - w0
        extraction.shutdown()
    return {"mode": mode, "wait_s": round(wait, 2), "server_cpu_s": round(server_cpu, 2),
            "worker_cpu_s": round(worker_cpu, 2), "drafts": len(drafts),
            "load_s": round(loaded, 2), "loadavg": round(os.getloadavg()[0], 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "local")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--paste", type=float, default=20.0,
                        help="seconds between the page opening and the click (warm mode)")
    parser.add_argument("--one", choices=["click", "warm"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.data, args.store, args.paste)))
        return 0
    print(f"first Find claims on a fresh server: {args.data}, store {args.store}, "
          f"{TEXT.name}, the click {args.paste:g} s after the page opens (warm)")
    rows = []
    for r in range(1, args.rounds + 1):
        for mode in ("click", "warm"):   # alternated, same sitting
            out = subprocess.run(
                [sys.executable, "-m", "bench.first_find", "--one", mode, "--data",
                 str(args.data), "--store", str(args.store), "--paste", str(args.paste)],
                capture_output=True, text=True, check=True, cwd=ROOT)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"round {r} {mode:5}: wait {row['wait_s']:6.2f} s  server CPU "
                  f"{row['server_cpu_s']:5.2f} s  worker CPU {row['worker_cpu_s']:5.2f} s  "
                  f"{row['drafts']} drafts  (data loaded in {row['load_s']} s; "
                  f"load average {row['loadavg']})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
