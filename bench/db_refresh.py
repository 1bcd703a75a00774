"""What a change to the database costs a server holding a snapshot, per kind of change
(issue 16): how long from the commit until a second server (a :class:`geo.store.Snapshot`
with 2 s checks) holds it, what the refresh did, its own seconds and the process CPU it
took.

A throw-away cluster holds the bundled data (33,681 places); the real DeepState files of
``../shared/data/deepstate`` are parsed once and imported one per round, oldest first (the
processed 2024-11-15 replaces the raw map of that date). Each round is a new server on its
own cache (its first load not timed): one map import, then one accept of one claim.
"Before" is a server that loads every new version in full (``Snapshot(append=False)``:
what a map import took before this step; an accept's append is measured in the "after"
rounds); "after" refreshes incrementally. Rounds alternate before/after.

Run: ``.venv/bin/python -m bench.db_refresh``.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import psycopg

from bench import db_maps
from bench.db_maps import _snapshots
from bench.db_store import _claim, fresh
from geo.db.maps import store_map
from harness.postgres import pg_bin, postgis_present, start

ROOT = Path(__file__).resolve().parent.parent


def _held_after(snapshot: object, first: object, committed: float, cpu0: float
                ) -> tuple[float, float]:
    while snapshot.current() is first and time.monotonic() - committed < 600:  # type: ignore[attr-defined]
        time.sleep(0.02)
    return time.monotonic() - committed, time.process_time() - cpu0


def main() -> int:
    from geo.store import Snapshot
    from geo.store.database import DatabaseStorage

    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        raise SystemExit("PostgreSQL with PostGIS is not installed")
    for shared in (db_maps.SHARED, ROOT.parent.parent / "shared" / "data" / "deepstate"):
        if shared.is_dir():   # (a worktree's parent has no shared/: the checkout's does)
            db_maps.SHARED = shared
            break
    maps = _snapshots()
    if not maps:
        raise SystemExit("no DeepState files in ../shared/data/deepstate")
    cluster = start(bindir)
    try:
        url = fresh(cluster, "bench_refresh", ROOT / "data")
        editor = None
        with tempfile.TemporaryDirectory(prefix="fc-refresh-") as work:
            editor = DatabaseStorage(url, Path(work) / "editor", actor="bench-editor")
            print(f"{'round':<6}{'code':<8}{'change':<34}{'held after':>11}{'refresh':>9}"
                  f"{'CPU':>7}  how  (load average)")
            for k, (name, snap, figures) in enumerate(maps):
                append = k % 2 == 1
                code = "after" if append else "before"
                server = DatabaseStorage(url, Path(work) / f"server-{k}")
                snapshot = Snapshot(server, places="all", interval=2.0, append=append)
                first = snapshot.current()
                time.sleep(0.5)
                with psycopg.connect(url) as conn:
                    wrote = store_map(conn, snap, figures, "bench-importer")
                committed, cpu0 = time.monotonic(), time.process_time()
                lag, cpu = _held_after(snapshot, first, committed, cpu0)
                now = snapshot.current()
                print(f"{k + 1:<6}{code:<8}{'map ' + wrote.outcome + ' ' + name:<34}"
                      f"{lag:>10.2f}s{snapshot.load_seconds:>8.2f}s{cpu:>6.2f}s  {now.how}"
                      f"  ({os.getloadavg()[0]:.1f})", flush=True)
                place = str(now.dataset.settlements["id"].iloc[k])
                editor.accept([_claim(place, dt.date(2025, 1, 1) + dt.timedelta(days=k),
                                      f"refresh-{k}")])
                committed, cpu0 = time.monotonic(), time.process_time()
                lag, cpu = _held_after(snapshot, now, committed, cpu0)
                print(f"{k + 1:<6}{code:<8}{'accept of one claim':<34}{lag:>10.2f}s"
                      f"{snapshot.load_seconds:>8.2f}s{cpu:>6.2f}s  "
                      f"{snapshot.current().how}  ({os.getloadavg()[0]:.1f})", flush=True)
                snapshot.stop()
                server.close()
            editor.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
