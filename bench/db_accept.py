"""What one editor's accept costs on a database (issue 16): process CPU and wall time of
:meth:`geo.store.database.DatabaseStorage.accept` of one claim on a throw-away cluster
holding the bundled data (33,681 places), and where it goes.

After one warm-up accept (it writes the places table's Parquet once per machine),
``--accepts`` accepts are timed one after another; then as many again with the accept's
steps timed apart (the scratch copy, the validating loads, the database's transaction);
then ``--profiled`` more under cProfile, printing the top ``--top`` functions by
cumulative time.

Run: ``.venv/bin/python -m bench.db_accept [--accepts 20] [--profiled 0] [--top 25]``.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib
import io
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: the accept's steps timed apart (module, name): the scratch copy, the file store's
#: validating loads (the accept's own, and the database storage's kept base), and the
#: database's transaction
STEPS = (("geo.store.database", "accept_directory"), ("geo.dataset.accept", "load_dataset"),
         ("geo.store.acceptbase", "load_dataset"), ("geo.store.acceptbase", "with_claims"),
         ("geo.store.database", "add_settlements"), ("geo.store.database", "accept_claims"))


def _claim(settlement: str, k: int) -> dict[str, str]:
    day = (dt.date(2024, 1, 1) + dt.timedelta(days=k % 700)).isoformat()
    return {"date": day, "settlement_id": settlement, "claimant": "ru_mod",
            "status": "contested", "extent": "full", "part": "", "encircled": "",
            "summary": f"Bench accept {k}.", "source": "Bench Wire",
            "source_url": "https://example.org/bench", "source_date": day}


def _timed(spent: dict[str, list[float]]) -> None:
    """Wrap each of :data:`STEPS` that exists to add its wall and CPU seconds to ``spent``."""
    for module_name, name in STEPS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:   # the code before the kept base
            continue
        inner = getattr(module, name, None)
        if inner is None:
            continue
        label = f"{module_name.rsplit('.', 1)[-1]}.{name}"
        spent[label] = [0.0, 0.0]

        def wrapper(*a: Any, _inner: Any = inner, _label: str = label, **k: Any) -> Any:
            w0, c0 = time.perf_counter(), time.process_time()
            try:
                return _inner(*a, **k)
            finally:
                spent[_label][0] += time.perf_counter() - w0
                spent[_label][1] += time.process_time() - c0

        setattr(module, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accepts", type=int, default=20)
    parser.add_argument("--profiled", type=int, default=0)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    from bench.db_store import fresh
    from geo.store.database import DatabaseStorage
    from harness.postgres import pg_bin, postgis_present, start

    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        raise SystemExit("PostgreSQL with PostGIS is not installed")
    cluster = start(bindir)
    try:
        url = fresh(cluster, "bench_accept", ROOT / "data")
        with tempfile.TemporaryDirectory(prefix="fc-accept-bench-") as work:
            storage = DatabaseStorage(url, Path(work), actor="bench-editor")
            places = list(storage.load("all").settlements["id"].astype(str)[:500])
            storage.accept([_claim(places[0], 0)])  # warm-up: the places table's Parquet
            load = os.getloadavg()[0]
            cpu, wall = [], []
            for k in range(1, args.accepts + 1):
                c0, w0 = time.process_time(), time.perf_counter()
                storage.accept([_claim(places[k % len(places)], k)])
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
            print(f"{args.accepts} accepts of one claim, load average {load:.2f} → "
                  f"{os.getloadavg()[0]:.2f}: CPU median {statistics.median(cpu) * 1e3:.0f} ms"
                  f" (min {min(cpu) * 1e3:.0f}), wall median {statistics.median(wall) * 1e3:.0f}"
                  f" ms (min {min(wall) * 1e3:.0f})", flush=True)
            spent: dict[str, list[float]] = {}
            _timed(spent)
            for k in range(args.accepts + 1, 2 * args.accepts + 1):
                storage.accept([_claim(places[k % len(places)], k)])
            print("per accept, by step (wall / CPU ms, mean): " + "; ".join(
                f"{name} {w / args.accepts * 1e3:.0f} / {c / args.accepts * 1e3:.0f}"
                for name, (w, c) in spent.items()), flush=True)
            if args.profiled:
                profile = cProfile.Profile()
                profile.enable()
                for k in range(args.profiled):
                    storage.accept([_claim(places[(k + 7) % len(places)], 10_000 + k)])
                profile.disable()
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
                print(out.getvalue())
            storage.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
