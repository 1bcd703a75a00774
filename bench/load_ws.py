"""Load test (issue 6) over Streamlit's websocket protocol: N sessions, no browsers.

Starts one ``streamlit run`` server on the bundled data (loopback only), connects N
websocket sessions (``bench.wsdriver``: what a browser tab sends and receives, minus the
JavaScript), lets each draw its first view, then runs rounds in which every session at the
same moment sets the sidebar date (``f_date``) one claim date later than its previous
one. Sessions start on different dates, so they do not all ask for the same view. The
time of an update is from sending the rerun to that session's ``script_finished``; an
update counts only if the page then says "Showing ... for <the new date>" and the map
component was sent, with no exception or error element. Timeouts, disconnects and error
elements are errors.

Reports sessions held, updates, p50/p95, errors, the server's RSS (and peak) from
/proc/PID/status, and the server's CPU seconds per rerun (with the GIL, per-rerun CPU
time × N bounds the p95 of N simultaneous updates), and how many cores this driver and
all other processes used during the rounds (/proc/stat): on a shared machine a busy
neighbour shows there.

With ``--db`` (issue 16): first the files baseline (one server, the same sessions and
rounds), then two servers (``--servers``) on one database of a throw-away cluster holding
the bundled data, while ``--editors`` (4) editor processes accept 50 claims each (one claim
per accept, ``bench.db_store.editor``), started with the first round; the rounds go on
until the editors are done. Then: every accepted claim present once, the audit log's
inserts by the editors, the editors' median and p95 per accept. ``--editors-warm``: the
editor processes start (Python start-up, imports, the connection) after the first views
and accept from the first round on; by default they start with the first round, as before.
Each round's median and slowest update are printed under each result.

After the first views the rounds wait until the servers are idle (a fresh server builds
its search index in the background: ``--no-idle-wait`` to start at once, as before).
``--schedule`` chooses the readers' dates: ``staggered`` (default), ``same``, ``distinct``
(:func:`schedule`); several are run one after the other, each on fresh servers.

Run: ``.venv/bin/python -m bench.load_ws [--sessions 10 30] [--rounds 5] [--store DIR]
[--db [--editors 4]] [--schedule staggered same distinct]`` (``bench.load`` is the variant
with N real Chromium pages).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import cpu_seconds, machine_busy_seconds, p50_p95, proc_status, rss_mb
from bench.wsdriver import Run, Session, date_value
from harness import ROOT, run_server

TARGET_P95 = 3.0
DATE_KEY = "f_date"
#: rounds at most while editors work (``--db``)
MOST_ROUNDS = 100


def claim_dates(data: Path) -> list[dt.date]:
    """Distinct days with a claim or a territory figure in ``data`` (the "Later claim" steps)."""
    days: set[dt.date] = set()
    for name in ("claims.csv", "territory.csv"):
        path = data / name
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as fh:
                days |= {dt.date.fromisoformat(row["date"]) for row in csv.DictReader(fh)}
    return sorted(days)


#: How the readers' dates are chosen (``--schedule``).
SCHEDULES = ("staggered", "same", "distinct")


def schedule(days: list[dt.date], sessions: int, rounds: int, kind: str = "staggered"
             ) -> list[list[dt.date]]:
    """Per session: its start date, then one date per round.

    ``staggered`` (the figures before issue 16's per-view cache): session ``i`` starts on
    the ``i``-th date and goes one claim date later per round, so a round's readers ask for
    different views, but the date a reader asks for now is the one its neighbour asked for
    a round ago. ``same``: every reader on the same date, one claim date later per round
    (a newsroom reading the latest day). ``distinct``: every reader on a date no reader
    asked for in the last ``len(days) // sessions`` rounds (round ``r``'s ``sessions``
    dates follow round ``r - 1``'s), so no view is seen twice within that many rounds.
    The dates wrap around to the first when they run out.
    """
    if not days:
        raise ValueError("no claim dates")
    if kind not in SCHEDULES:
        raise ValueError(f"schedule: {kind!r} is not one of {', '.join(SCHEDULES)}")
    step = {"staggered": lambda i, r: i + r, "same": lambda _i, r: r,
            "distinct": lambda i, r: r * sessions + i}[kind]
    return [[days[step(i, r) % len(days)] for r in range(rounds + 1)]
            for i in range(sessions)]


#: The server is idle when it uses less than this share of a core over :data:`IDLE_WINDOW`.
IDLE_SHARE = 0.05
IDLE_WINDOW = 1.0


async def until_idle(pids: list[int], most: float = 180.0) -> float:
    """Wait until every server is idle (:data:`IDLE_SHARE` of a core over
    :data:`IDLE_WINDOW` seconds), at most ``most`` seconds; the seconds waited.

    After the first views a server still builds its search index in a background thread
    (``ui.placesearch``, ~15 s of CPU at national scale, once per server); the rounds
    measure the reruns, not that start-up work."""
    start = time.monotonic()
    while time.monotonic() - start < most:
        before = sum(cpu_seconds(pid) for pid in pids)
        await asyncio.sleep(IDLE_WINDOW)
        if sum(cpu_seconds(pid) for pid in pids) - before < IDLE_SHARE * IDLE_WINDOW * len(pids):
            break
    return time.monotonic() - start


def updated(run: Run, day: dt.date) -> bool:
    """The run ended normally, shows the new date in the map caption, and sent the map."""
    return run.ok and run.shows(f"for {day.isoformat()}") and run.map_hash is not None


@dataclass
class Result:
    """Figures of one load test."""

    n: int
    servers: int = 1
    held: int = 0
    first: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    maps_changed: int = 0
    cpu_per_rerun: float = float("nan")
    rss: float = float("nan")
    peak: float = float("nan")
    wall: float = 0.0
    driver_cores: float = float("nan")
    other_cores: float = float("nan")
    schedule: str = "staggered"
    #: seconds waited after the first views for the servers to be idle (None: not waited)
    idle_wait: float | None = None
    #: each round's update times
    rounds: list[list[float]] = field(default_factory=list)

    def rounds_line(self) -> str:
        """Each round's median and slowest update (where the p95 comes from)."""
        return "per round, median / slowest: " + ", ".join(
            f"{sorted(t)[len(t) // 2]:.1f}/{max(t):.1f}" for t in self.rounds if t)

    def line(self) -> str:
        p50, p95 = p50_p95(self.times)
        f50, f95 = p50_p95(self.first)
        ok = not self.errors and p95 <= TARGET_P95
        where = f" on {self.servers} servers" if self.servers > 1 else ""
        waited = ("" if self.idle_wait is None else
                  f", rounds after {self.idle_wait:.0f} s waiting for idle servers")
        return (f"N={self.n}{where}, {self.schedule} dates{waited}: sessions held "
                f"{self.held}/{self.n}, updates {len(self.times)} "
                f"({self.maps_changed} with a changed map), p50 {p50:.2f} s, p95 {p95:.2f} s, "
                f"errors {len(self.errors)}, server RSS {self.rss:.0f} MB (peak "
                f"{self.peak:.0f} MB), server CPU {self.cpu_per_rerun * 1000:.0f} ms per "
                f"rerun; first view p50 {f50:.2f} s, p95 {f95:.2f} s; during the rounds "
                f"this driver used {self.driver_cores:.2f} cores, other processes "
                f"{max(self.other_cores, 0):.2f} of 2 — "
                f"{'meets' if ok else 'MISSES'} the target (no errors, p95 ≤ "
                f"{TARGET_P95:.0f} s)")


async def _first_view(session: Session, day: dt.date, result: Result) -> Run | None:
    try:
        await session.__aenter__()
    except Exception as exc:  # a load test counts failures instead of stopping
        result.errors.append(f"connect: {exc.__class__.__name__}: {exc}"[:200])
        return None
    run = await session.rerun()
    if not updated(run, day):
        result.errors.append(f"first view on {day}: {run.errors or 'view not shown'}")
        return None
    result.first.append(run.seconds)
    return run


async def drive(urls: list[str], pids: list[int], n: int, rounds: int, days: list[dt.date],
                timeout: float, budget: float, gap: float,
                busy: Callable[[], bool] | None = None, started_rounds: Callable[[], None]
                | None = None, kind: str = "staggered", wait_idle: bool = True,
                before_idle: Callable[[], None] | None = None) -> Result:
    """Connect ``n`` sessions (spread over the servers), then ``rounds`` simultaneous date
    changes, and more (up to :data:`MOST_ROUNDS`) while ``busy()`` (the editors at work;
    ``started_rounds()`` is called once before the first round, ``before_idle()`` once
    after the first views, before the wait for idle servers). Memory and CPU figures
    are summed over the servers. ``kind``: the dates' :func:`schedule`; ``wait_idle``:
    start the rounds once the servers are idle (:func:`until_idle`)."""
    result = Result(n, servers=len(urls), schedule=kind)
    most = MOST_ROUNDS if busy else rounds
    plan = schedule(days, n, most, kind)
    sessions = [Session(urls[i % len(urls)], f"date={plan[i][0].isoformat()}", timeout)
                for i in range(n)]
    started = time.monotonic()
    firsts = await asyncio.gather(*(_first_view(s, plan[i][0], result)
                                    for i, s in enumerate(sessions)))
    alive = [run is not None for run in firsts]
    last_map = [run.map_hash if run else None for run in firsts]
    if before_idle:
        before_idle()
    if wait_idle:
        result.idle_wait = await until_idle(pids)
    reruns = 0
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    busy_before, own_before, wall_before = (machine_busy_seconds(), time.process_time(),
                                            time.monotonic())
    if started_rounds:
        started_rounds()
    for r in range(1, most + 1):
        if r > rounds and not (busy and busy()):
            break
        if time.monotonic() - started > budget:
            result.errors.append(f"time budget of {budget:.0f} s spent before round {r}")
            break
        await asyncio.sleep(gap)
        active = [i for i in range(n) if alive[i]]
        runs = await asyncio.gather(*(
            sessions[i].rerun([date_value(sessions[i].widget_id(DATE_KEY), plan[i][r])])
            for i in active))
        reruns += len(active)
        result.rounds.append([])
        for i, run in zip(active, runs, strict=True):
            if updated(run, plan[i][r]):
                result.times.append(run.seconds)
                result.rounds[-1].append(run.seconds)
                result.maps_changed += run.map_hash != last_map[i]
                last_map[i] = run.map_hash
            else:
                result.errors.append(f"session {i} round {r} ({plan[i][r]}): "
                                     f"{run.errors or 'view not updated'}")
                if sessions[i].closed_reason:
                    alive[i] = False
    if reruns:
        server_cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
        result.cpu_per_rerun = server_cpu / reruns
        result.driver_cores = (time.process_time() - own_before) / (
            time.monotonic() - wall_before)
        result.other_cores = (machine_busy_seconds() - busy_before - server_cpu
                              - (time.process_time() - own_before)) / (
            time.monotonic() - wall_before)
    result.rss = sum(rss_mb(pid) for pid in pids)
    result.peak = sum(proc_status(pid, "VmHWM") for pid in pids)
    result.held = sum(1 for i in range(n) if alive[i] and not sessions[i].closed_reason)
    for session in sessions:
        if session.ws is not None:
            await session.__aexit__(None, None, None)
    result.wall = time.monotonic() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds allowed for one rerun (default 60)")
    parser.add_argument("--budget", type=float, default=600.0,
                        help="no new round after this many seconds per N (default 600)")
    parser.add_argument("--gap", type=float, default=1.0, help="idle seconds between rounds")
    parser.add_argument("--servers", type=int, default=1,
                        help="server processes, sessions spread evenly (as behind a sticky "
                             "proxy); default 1")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment of the server, e.g. "
                             "STREAMLIT_RUNNER_POST_SCRIPT_GC=false (an experiment)")
    parser.add_argument("--store", type=Path, help="a store of control maps for the servers "
                        "(e.g. DeepState's maps, as bench.national_page imports them); "
                        "default: an empty one each")
    parser.add_argument("--db", action="store_true",
                        help="issue 16: the files baseline (one server) first, then the "
                             "servers (--servers, default 2) on one database of a throw-away "
                             "cluster holding the bundled data, while --editors editor "
                             "processes accept 50 claims each")
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--editors-warm", action="store_true",
                        help="start the editor processes (Python start-up, connection) "
                             "before the rounds and let them accept from the first round "
                             "(default: the processes start with the first round, as before)")
    parser.add_argument("--schedule", nargs="+", choices=SCHEDULES, default=["staggered"],
                        help="how the readers' dates are chosen (each one is run in turn): "
                             "staggered (default, as before), same (every reader on one "
                             "date), distinct (no date seen twice for several rounds)")
    parser.add_argument("--no-idle-wait", action="store_true",
                        help="start the rounds right after the first views, while a server "
                             "may still build its search index (the figures before)")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.server_env)
    if max(args.sessions) > 100 or args.rounds > 50 or not 1 <= args.servers <= 4:
        parser.error("bounded: at most 100 sessions, 50 rounds and 4 servers")
    data = ROOT / "data"
    days = claim_dates(data)
    for n, kind in ((n, kind) for n in args.sessions for kind in args.schedule):
        args.kind = kind
        if args.db:
            result = _servers(1, n, args, days, extra)
            print("files, one server (baseline): " + result.line(), flush=True)
            print("  " + result.rounds_line(), flush=True)
            for error in result.errors[:5]:
                print("  error:", error)
            with _database(data) as url:
                _with_editors(url, n, args, days, extra)
            continue
        result = _servers(args.servers, n, args, days, extra)
        print(result.line() + (f" [server env: {' '.join(args.server_env)}]"
                               if extra else ""), flush=True)
        for error in result.errors[:5]:
            print("  error:", error)
    return 0


def _servers(count: int, n: int, args: argparse.Namespace, days: list[dt.date],
             extra: dict[str, str], db: str | None = None, **more: Any) -> Result:
    """``count`` servers on the bundled data (on the database ``db`` when given), ``n``
    sessions driven as :func:`drive` does."""
    with contextlib.ExitStack() as stack:
        servers = []
        for _ in range(count):
            tmp = Path(tempfile.mkdtemp())
            env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(args.store or tmp / "store"),
                   **({"FRONTLINE_DB": db} if db else {}), **extra}
            servers.append(stack.enter_context(
                run_server(ROOT / "data", tmp / "streamlit.log", env=env,
                           timeout=180.0 if db else 60.0)))
        return asyncio.run(drive([s.url for s in servers], [s.process.pid for s in servers],
                                 n, args.rounds, days, args.timeout,
                                 args.budget * (3 if db else 1), args.gap, kind=args.kind,
                                 wait_idle=not args.no_idle_wait, **more))


@contextlib.contextmanager
def _database(data: Path) -> Iterator[str]:
    """A throw-away cluster with one database holding ``data``; its URL."""
    from bench.db_store import fresh
    from harness.postgres import pg_bin, postgis_present, start

    bindir = pg_bin()
    if bindir is None or not postgis_present(bindir):
        raise SystemExit("--db: PostgreSQL with PostGIS is not installed")
    cluster = start(bindir)
    try:
        yield fresh(cluster, "load_ws", data)
    finally:
        cluster.stop()


def _with_editors(url: str, n: int, args: argparse.Namespace, days: list[dt.date],
                  extra: dict[str, str]) -> None:
    """The servers on the database while the editors accept; readers', editors' and the
    database's figures."""
    import multiprocessing as mp

    import psycopg

    from bench.db_store import editor, times_line, written_line

    with psycopg.connect(url) as conn:
        settlements = [r[0] for r in conn.execute("SELECT id FROM settlements ORDER BY id")]
        row = conn.execute("SELECT count(*) FROM claims").fetchone()
    assert row is not None
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    work = Path(tempfile.mkdtemp(prefix="fc-editors-"))
    go = ctx.Event() if args.editors_warm else None
    editors = [ctx.Process(target=editor, args=(url, str(work / f"e{i}"), i, settlements, out,
                                                go))
               for i in range(args.editors)]
    began: list[float] = []

    def prepare() -> None:
        for process in editors:
            process.start()

    def start() -> None:
        if go is None:
            prepare()
        else:
            for _ in editors:
                item = out.get(timeout=300)
                assert item[0] == "ready", item
            go.set()
        began.append(time.monotonic())

    def busy() -> bool:
        return any(process.is_alive() for process in editors)

    result = _servers(max(args.servers, 2), n, args, days, extra, db=url, busy=busy,
                      started_rounds=start, before_idle=None if go is None else prepare)
    times: list[float] = []
    written: list[str] = []
    finished = 0
    last = began[0]
    while finished < len(editors):
        item = out.get(timeout=900)
        if item[0] == "commit":
            last = max(last, item[2])
        if item[0] == "editor":
            finished += 1
            times += item[2]
            written += item[3]
    wall = last - began[0]
    for process in editors:
        process.join()
    print(f"database, {result.servers} servers, {args.editors} editors"
          f"{' (started before the rounds)' if go is not None else ''}: " + result.line(),
          flush=True)
    print("  " + result.rounds_line(), flush=True)
    for error in result.errors[:5]:
        print("  error:", error)
    print(f"editors: {args.editors} x 50 accepts in {wall:.1f} s (first round to last "
          "commit); "
          f"{written_line(url, written, int(row[0]))}; per accept {times_line(times)}",
          flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
