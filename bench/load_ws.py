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

Run: ``.venv/bin/python -m bench.load_ws [--sessions 10 30] [--rounds 5] [--store DIR]``
(``bench.load`` is the variant with N real Chromium pages).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import cpu_seconds, machine_busy_seconds, p50_p95, proc_status, rss_mb
from bench.wsdriver import Run, Session, date_value
from harness import ROOT, run_server

TARGET_P95 = 3.0
DATE_KEY = "f_date"


def claim_dates(data: Path) -> list[dt.date]:
    """Distinct days with a claim or a territory figure in ``data`` (the "Later claim" steps)."""
    days: set[dt.date] = set()
    for name in ("claims.csv", "territory.csv"):
        path = data / name
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as fh:
                days |= {dt.date.fromisoformat(row["date"]) for row in csv.DictReader(fh)}
    return sorted(days)


def schedule(days: list[dt.date], sessions: int, rounds: int) -> list[list[dt.date]]:
    """Per session: its start date, then one later claim date per round.

    Session ``i`` starts on the ``i``-th date (wrapping), so concurrent sessions ask for
    different views; the dates wrap around to the first when they run out.
    """
    if not days:
        raise ValueError("no claim dates")
    return [[days[(i + r) % len(days)] for r in range(rounds + 1)] for i in range(sessions)]


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

    def line(self) -> str:
        p50, p95 = p50_p95(self.times)
        f50, f95 = p50_p95(self.first)
        ok = not self.errors and p95 <= TARGET_P95
        where = f" on {self.servers} servers" if self.servers > 1 else ""
        return (f"N={self.n}{where}: sessions held {self.held}/{self.n}, updates {len(self.times)} "
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
                timeout: float, budget: float, gap: float) -> Result:
    """Connect ``n`` sessions (spread over the servers), then ``rounds`` simultaneous date
    changes. Memory and CPU figures are summed over the servers."""
    result = Result(n, servers=len(urls))
    plan = schedule(days, n, rounds)
    sessions = [Session(urls[i % len(urls)], f"date={plan[i][0].isoformat()}", timeout)
                for i in range(n)]
    started = time.monotonic()
    firsts = await asyncio.gather(*(_first_view(s, plan[i][0], result)
                                    for i, s in enumerate(sessions)))
    alive = [run is not None for run in firsts]
    last_map = [run.map_hash if run else None for run in firsts]
    reruns = 0
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    busy_before, own_before, wall_before = (machine_busy_seconds(), time.process_time(),
                                            time.monotonic())
    for r in range(1, rounds + 1):
        if time.monotonic() - started > budget:
            result.errors.append(f"time budget of {budget:.0f} s spent before round {r}")
            break
        await asyncio.sleep(gap)
        active = [i for i in range(n) if alive[i]]
        runs = await asyncio.gather(*(
            sessions[i].rerun([date_value(sessions[i].widget_id(DATE_KEY), plan[i][r])])
            for i in active))
        reruns += len(active)
        for i, run in zip(active, runs, strict=True):
            if updated(run, plan[i][r]):
                result.times.append(run.seconds)
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
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.server_env)
    if max(args.sessions) > 100 or args.rounds > 50 or not 1 <= args.servers <= 4:
        parser.error("bounded: at most 100 sessions, 50 rounds and 4 servers")
    data = ROOT / "data"
    days = claim_dates(data)
    for n in args.sessions:
        with contextlib.ExitStack() as stack:
            servers = []
            for _ in range(args.servers):
                tmp = Path(tempfile.mkdtemp())
                env = {"FRONTLINE_TILES": "none",
                       "FRONTLINE_STORE": str(args.store or tmp / "store"),
                       **extra}
                servers.append(stack.enter_context(
                    run_server(data, tmp / "streamlit.log", env=env)))
            result = asyncio.run(drive([s.url for s in servers],
                                       [s.process.pid for s in servers], n, args.rounds,
                                       days, args.timeout, args.budget, args.gap))
        print(result.line() + (f" [server env: {' '.join(args.server_env)}]"
                               if extra else ""), flush=True)
        for error in result.errors[:5]:
            print("  error:", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
