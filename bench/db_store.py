"""Benchmark (issue 16, second step): the page's and the CLI's storage on PostgreSQL, on a
throw-away cluster of its own (harness/postgres.py), each figure beside its baseline from
the same run.

* **Cold start** of ``python -m geo status`` (a new process, ``--format csv --no-maps``) at
  national scale (``--settlements``/``--claims``, default 30,000 / 1,000,000), from the
  database (``--db``) against the files (``--data``): the first run on a machine (the
  files: validation, no Parquet cache; the database: the mirror's dump, then the same) and
  the median of 3 later runs (both read their Parquet cache). Target: ≤ 3 s both.
* **Staleness at national scale**: one accept, then how long until a second server's
  :class:`geo.store.Snapshot` (2 s checks) holds it: a server that loads every new version
  in full (before) and one that appends the added claims (after), alternated twice.
* **Editors**: 4 editor processes accept 50 claims each at once (one claim per accept,
  through :class:`geo.store.database.DatabaseStorage`) on the bundled data while 2 reader
  processes keep a Snapshot (2 s checks) fresh: every accepted claim present once, the audit
  log's claim inserts per editor equal to what each wrote, editors' median and p95 per
  accept, readers' lag from a commit to their dataset holding it.
* **kill -9**: an editor accepting batches of 20 claims is killed at a random moment, 50
  times: every batch is in the database whole or not at all (0 partial writes), and the
  audit log holds exactly the claims present.

Run: ``.venv/bin/python -m bench.db_store [--settlements N --claims M] [--skip-national]
[--only cold,staleness,editors,kill]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

from bench.common import BENCH_DIR, national_data
from geo.db import load_directory, upgrade
from harness.postgres import Cluster, pg_bin, postgis_present, start

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()


def fresh(cluster: Cluster, name: str, data: Path) -> str:
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    url = cluster.url(name)
    with psycopg.connect(url) as conn:
        upgrade(conn, init=True)
        load_directory(conn, data, "bench")
    return url


def _status(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "status", "--format", "csv", "--no-maps",
                    *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_cold(cluster: Cluster, data: Path, work: Path) -> str:
    started = time.perf_counter()
    url = fresh(cluster, "bench_cold", data)
    print(f"loaded {data.name} into the database in {time.perf_counter() - started:.1f} s")
    files = ["--data", str(data), "--store", str(work / "files-store")]
    database = ["--db", url, "--store", str(work / "db-store")]
    first_files, first_db = _status(*files), _status(*database)
    later_files = statistics.median(_status(*files) for _ in range(3))
    later_db = statistics.median(_status(*database) for _ in range(3))
    print(f"{'geo status, seconds':<34} {'files':>8} {'database':>9}")
    print(f"{'first run (no cache, no mirror)':<34} {first_files:>8.2f} {first_db:>9.2f}")
    print(f"{'later runs (median of 3)':<34} {later_files:>8.2f} {later_db:>9.2f}")
    return url


def _staleness(url: str, cache: Path, editor: Any, append: bool, tag: str, days: int
               ) -> tuple[float, float, str]:
    """One server (2 s checks) that loaded the current version, one accept by ``editor``:
    seconds until the server held it, the refresh's own seconds, and how it refreshed."""
    from geo.store import Snapshot
    from geo.store.database import DatabaseStorage

    server = DatabaseStorage(url, cache)
    snapshot = Snapshot(server, places="all", append=append)
    first = snapshot.current()  # the first load: not timed
    time.sleep(1.0)
    place = str(first.dataset.settlements["id"].iloc[0])
    done = editor.accept([_claim(place, TODAY - dt.timedelta(days=days), tag)])
    committed = time.monotonic()
    while snapshot.current() is first and time.monotonic() - committed < 900:
        time.sleep(0.05)  # waits on the swap
    lag = time.monotonic() - committed
    now = snapshot.current()
    assert done.claims_written[0] in set(now.dataset.claims["id"])
    snapshot.stop()
    server.close()
    return lag, snapshot.load_seconds, now.how


def bench_national_staleness(url: str, work: Path, rounds: int = 2) -> None:
    """Staleness before (every change a full load) and after (added claims appended),
    alternated in one run, each on a server of its own."""
    from geo.store.database import DatabaseStorage

    editor = DatabaseStorage(url, work / "editor", actor="bench-editor")
    started = time.perf_counter()
    for r in range(rounds):
        for k, append in enumerate((False, True)):
            name = "appended (after)" if append else "full load (before)"
            t0 = time.perf_counter()
            lag, load, how = _staleness(url, work / f"srv-{r}-{append}", editor, append,
                                        f"national-{r}-{append}", 3 + 2 * r + k)
            print(f"national staleness, {name}: held {lag:.2f} s after the commit "
                  f"(refresh {load:.2f} s, {how}); round took {time.perf_counter() - t0:.0f} s; "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
    editor.close()
    print(f"staleness rounds: {time.perf_counter() - started:.0f} s")


def _claim(settlement: str, day: dt.date, tag: str, claimant: str = "ru_mod"
           ) -> dict[str, str]:
    return {"date": day.isoformat(), "settlement_id": settlement, "claimant": claimant,
            "status": "contested", "extent": "full", "part": "", "encircled": "",
            "summary": f"Bench claim {tag}.", "source": "Bench Wire",
            "source_url": "https://example.org/bench", "source_date": day.isoformat()}


def editor(url: str, cache: str, index: int, settlements: list[str], out: Any,
           go: Any = None) -> None:
    """An editor process: 50 accepts of one claim each, timed; each commit and the end
    reported on ``out``. With ``go`` (an event): the process starts up (imports, connects)
    first, says ``("ready", index)`` on ``out`` and waits for ``go`` before its first
    accept (an editor already at work, not a process starting)."""
    from geo.store.database import DatabaseStorage

    storage = DatabaseStorage(url, Path(cache), actor=f"editor-{index}")
    if go is not None:
        storage.version()   # connected, the schema checked
        out.put(("ready", index))
        go.wait()
    times, written = [], []
    for j in range(50):
        k = index * 50 + j
        claim = _claim(settlements[k % len(settlements)], dt.date(2024, 1, 1) +
                       dt.timedelta(days=k), f"e{index}-{j}")
        started = time.perf_counter()
        done = storage.accept([claim])
        times.append(time.perf_counter() - started)
        written += done.claims_written
        out.put(("commit", done.claims_written, time.monotonic()))
    out.put(("editor", index, times, written))


def written_line(url: str, written: list[str], before: int) -> str:
    """What the editors left in the database: claims written, new rows, each present once,
    the audit log's claim inserts by an editor (all of them: nothing lost, nothing twice)."""
    with psycopg.connect(url) as conn:
        after = conn.execute("SELECT count(*) FROM claims").fetchone()
        once = conn.execute("SELECT count(*) FROM (SELECT id FROM claims WHERE id = ANY(%s) "
                            "GROUP BY id HAVING count(*) = 1) x", (written,)).fetchone()
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'claims' "
                               "AND action = 'INSERT' AND actor LIKE 'editor-%%' AND "
                               "row_key = ANY(%s)", (written,)).fetchone()
    assert after and once and audited
    return (f"{len(written)} written, {after[0] - before} new rows, {once[0]} present once, "
            f"{audited[0]} audit inserts")


def times_line(times: list[float]) -> str:
    ordered = sorted(times)
    return (f"median {statistics.median(ordered):.2f} s, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.2f} s")


def _reader(url: str, cache: str, stop: Any, out: Any) -> None:
    from geo.store import Snapshot
    from geo.store.database import DatabaseStorage

    snapshot = Snapshot(DatabaseStorage(url, Path(cache)), places="all", interval=2.0)
    seen: dict[str, float] = {}
    ids: set[str] = set(snapshot.dataset().claims["id"])
    while not stop.is_set():
        current = snapshot.current()
        now = time.monotonic()
        for cid in set(current.dataset.claims["id"]) - ids:
            seen[cid] = now
        ids = set(current.dataset.claims["id"])
        time.sleep(0.1)
    snapshot.stop()
    out.put(("reader", seen, snapshot.loads, snapshot.appends))


def bench_editors(cluster: Cluster, work: Path) -> None:
    url = fresh(cluster, "bench_editors", ROOT / "data")
    with psycopg.connect(url) as conn:
        settlements = [r[0] for r in conn.execute("SELECT id FROM settlements ORDER BY id")]
        before = conn.execute("SELECT count(*) FROM claims").fetchone()
    ctx = mp.get_context("spawn")
    out, stop = ctx.Queue(), ctx.Event()
    readers = [ctx.Process(target=_reader, args=(url, str(work / f"r{i}"), stop, out))
               for i in range(2)]
    for r in readers:
        r.start()
    time.sleep(15)  # the readers' first load (not timed)
    editors = [ctx.Process(target=editor, args=(url, str(work / f"e{i}"), i, settlements,
                                                 out)) for i in range(4)]
    started = time.perf_counter()
    for e in editors:
        e.start()
    commits: dict[str, float] = {}
    times: list[float] = []
    written: list[str] = []
    finished = 0
    while finished < len(editors):
        item = out.get(timeout=900)
        if item[0] == "commit":
            commits.update(dict.fromkeys(item[1], item[2]))
        elif item[0] == "editor":
            finished += 1
            times += item[2]
            written += item[3]
    wall = time.perf_counter() - started
    time.sleep(6)  # a last check interval plus a load
    stop.set()
    lags: list[float] = []
    for _ in readers:
        item = out.get(timeout=120)
        lags += [item[1][cid] - commits[cid] for cid in commits if cid in item[1]]
        missing = sum(cid not in item[1] for cid in commits)
        print(f"reader: {item[2]} loads ({item[3]} by appending the added claims), "
              f"{missing} of {len(commits)} claims never seen")
    for p in (*readers, *editors):
        p.join()
    assert before is not None
    print(f"editors: 4 x 50 accepts in {wall:.1f} s; {written_line(url, written, before[0])}; "
          f"per accept {times_line(times)}")
    if lags:
        lags.sort()
        print(f"readers: a commit reached a reader's dataset in median "
              f"{statistics.median(lags):.1f} s, p95 {lags[int(0.95 * (len(lags) - 1))]:.1f} s, "
              f"max {lags[-1]:.1f} s")


def _batches(url: str, cache: str, settlements: list[str], first: int, out: Any) -> None:
    from geo.store.database import DatabaseStorage

    storage = DatabaseStorage(url, Path(cache), actor="killed")
    for b in range(first, first + 50):
        out.put(b)  # about to accept batch b
        keys = [b * 20 + k for k in range(20)]  # each its own place and day: no duplicates
        storage.accept([_claim(settlements[u % len(settlements)], dt.date(2019, 1, 1) +
                               dt.timedelta(days=u // len(settlements)), f"batch-{b}")
                        for u in keys])


def bench_kill(cluster: Cluster, work: Path, runs: int = 50) -> None:
    url = fresh(cluster, "bench_kill", ROOT / "data")
    with psycopg.connect(url) as conn:
        settlements = [r[0] for r in conn.execute("SELECT id FROM settlements ORDER BY id")]
    ctx = mp.get_context("spawn")
    rng = random.Random(16)
    for run in range(runs):
        out = ctx.Queue()
        p = ctx.Process(target=_batches, args=(url, str(work / "k"), settlements, run * 50,
                                               out))
        p.start()
        out.get(timeout=120)  # the first accept has begun
        time.sleep(rng.uniform(0.0, 2.0))  # somewhere in an accept (each takes ~0.5-1 s)
        os.kill(p.pid or 0, signal.SIGKILL)
        p.join()
    with psycopg.connect(url) as conn:
        sizes = conn.execute("SELECT summary, count(*) FROM claims WHERE summary LIKE "
                             "'Bench claim batch-%%' GROUP BY summary").fetchall()
        audit = conn.execute("SELECT count(*) FROM audit_log WHERE actor = 'killed' AND "
                             "table_name = 'claims'").fetchone()
    assert audit is not None
    partial = sum(1 for _, n in sizes if n != 20)
    print(f"kill -9: {runs} editors killed mid-run; {len(sizes)} batches landed, "
          f"{partial} partial; {sum(n for _, n in sizes)} claims, {audit[0]} audit rows")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settlements", type=int, default=30_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--only", default="cold,staleness,editors,kill",
                        help="the parts to run, comma-separated (default: all)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        print("skipped: PostgreSQL with PostGIS is not installed")
        return 0
    cluster = start(bindir)
    try:
        with tempfile.TemporaryDirectory(prefix="fc-bench-db-") as tmp:
            work = Path(tmp)
            if not args.skip_national and parts & {"cold", "staleness"}:
                data = national_data(args.settlements, args.claims, BENCH_DIR)
                if "cold" in parts:
                    url = bench_cold(cluster, data, work)
                else:
                    started = time.perf_counter()
                    url = fresh(cluster, "bench_cold", data)
                    print(f"loaded {data.name} into the database in "
                          f"{time.perf_counter() - started:.1f} s", flush=True)
                if "staleness" in parts:
                    bench_national_staleness(url, work)
            if "editors" in parts:
                bench_editors(cluster, work)
            if "kill" in parts:
                bench_kill(cluster, work)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
