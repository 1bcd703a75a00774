"""Benchmark 5 (issue 5): the server's resident memory at national scale, and per-rerun growth.

Starts ``streamlit run`` on the national-scale synthetic data (30,000 settlements,
1,000,000 claims; ``bench.common.national_data``, Parquet cache in the benchmarks' store),
opens ``--sessions`` websocket sessions (``bench.wsdriver``, no browser) and drives
interactions in a fixed cycle (``CYCLE``): the date a week later, the Russian-side
claimants (1, 2, then all 3), the status filter (one, two, then any). After the first
block of 20 interactions per session and after each further block (each ending in the same
state) it prints the server's RSS (VmRSS of /proc/PID/status) two seconds after the last
rerun.

Targets: RSS ≤ 1 GiB after 20 interactions, and no per-rerun leak: growth after the
first block below 1 MB per interaction on average (RSS after the last block minus after
the first, divided by the interactions in between).

Run: ``.venv/bin/python -m bench.memory [--blocks 3] [--sessions 1]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import BENCH_DIR, national_data, p50_p95, proc_status, rss_mb
from bench.wsdriver import Run, Session, date_value, strings_value
from harness import run_server

BLOCK = 20
TARGET_MB = 1024.0
TARGET_GROWTH_MB = 1.0
START = dt.date(2025, 6, 1)
STEP = dt.timedelta(days=7)


#: One cycle of interactions; a block (20) is two cycles, so every block ends in the same
#: state (all claimants, any status, the date 4 weeks later) and the RSS readings compare.
CYCLE = ["date", ("claimants", 1), ("status", 1), "date", ("claimants", 2), ("status", 2),
         "date", ("claimants", 3), ("status", 0), "date"]


def interaction(session: Session, j: int, day: dt.date) -> tuple[str, str, list]:
    """The ``j``-th interaction of a session: its kind, what it does, the widget states."""
    step = CYCLE[j % len(CYCLE)]
    if step == "date":
        return "date", f"date {day}", [date_value(session.widget_id("f_date"), day)]
    kind, count = step
    if kind == "claimants":
        chosen = list(session.element("f_claimants_ru").options)[:count]
        return (kind, f"{len(chosen)} Russian-side claimant(s)",
                [strings_value(session.widget_id("f_claimants_ru"), chosen)])
    chosen = list(session.element("f_status").options)[:count]
    return kind, f"status {chosen or 'any'}", [
        strings_value(session.widget_id("f_status"), chosen)]


def growth_per_interaction(rss: list[float], block: int = BLOCK) -> float:
    """Average MB per interaction after the first block: (last - first) / interactions."""
    if len(rss) < 2:
        return float("nan")
    return (rss[-1] - rss[0]) / ((len(rss) - 1) * block)


async def drive(url: str, pid: int, sessions: int, blocks: int, timeout: float
                ) -> tuple[list[float], dict[str, list[float]], list[str], float]:
    """Blocks of ``BLOCK`` interactions per session (sessions side by side).

    Returns the RSS after each block, the interactions' times by kind, the errors, and the
    first view's time.
    """
    errors: list[str] = []
    times: dict[str, list[float]] = {"date": [], "claimants": [], "status": []}
    slow: list[tuple[float, str]] = []
    rss: list[float] = []
    opened = [Session(url, f"date={START.isoformat()}", timeout) for _ in range(sessions)]
    for s in opened:
        await s.__aenter__()
    start = time.monotonic()
    firsts = await asyncio.gather(*(s.rerun() for s in opened))
    first = time.monotonic() - start
    for run in firsts:
        if not run.ok:
            raise RuntimeError(f"the first view failed: {run.errors}")
    days = [START] * sessions

    async def one(i: int, j: int) -> None:
        s = opened[i]
        if CYCLE[j % len(CYCLE)] == "date":  # a week later; back to the start at the end
            latest = dt.date.fromisoformat(s.element("f_date").max)
            days[i] = days[i] + STEP if days[i] + STEP <= latest else START
        kind, what, states = interaction(s, j, days[i])
        run: Run = await s.rerun(states)
        if run.ok and run.map_hash is not None and run.shows(f"for {days[i].isoformat()}"):
            times[kind].append(run.seconds)
            slow.append((run.seconds, f"interaction {j + 1}: {what}"))
        else:
            errors.append(f"session {i} interaction {j + 1} ({what}): "
                          f"{run.errors or 'view not updated'}")

    for b in range(blocks):
        for j in range(b * BLOCK, (b + 1) * BLOCK):
            await asyncio.gather(*(one(i, j) for i in range(sessions)))
        await asyncio.sleep(2)  # let the server settle (sends, collections) before reading
        rss.append(rss_mb(pid))
        print(f"  after {(b + 1) * BLOCK} interactions per session: RSS {rss[-1]:.0f} MB "
              f"(peak so far {proc_status(pid, 'VmHWM'):.0f} MB)", flush=True)
    for s in opened:
        await s.__aexit__(None, None, None)
    print("  slowest:", "; ".join(f"{what} {sec:.2f} s" for sec, what in sorted(slow)[-3:]))
    return rss, times, errors, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=3,
                        help=f"blocks of {BLOCK} interactions (default 3: 20, 40, 60)")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--settlements", type=int, default=30_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds allowed for one rerun (default 300: the first loads)")
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment of the server (an experiment)")
    args = parser.parse_args()
    if not 2 <= args.blocks <= 10 or not 1 <= args.sessions <= 5:
        parser.error("bounded: 2 to 10 blocks, 1 to 5 sessions")
    data = national_data(args.settlements, args.claims)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(BENCH_DIR / "store"),
           **dict(item.split("=", 1) for item in args.server_env)}
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    print(f"national data {data.name}, {args.sessions} session(s), blocks of {BLOCK} "
          "interactions (cycle: date, claimants, status)"
          + (f", server env {' '.join(args.server_env)}" if args.server_env else ""))
    with run_server(data, log, env=env, timeout=300) as server:
        pid = server.process.pid
        print(f"  server started: RSS {rss_mb(pid):.0f} MB")
        rss, times, errors, first = asyncio.run(
            drive(server.url, pid, args.sessions, args.blocks, args.timeout))
        peak = proc_status(pid, "VmHWM")
    growth = growth_per_interaction(rss)
    every = [t for kind in times.values() for t in kind]
    p50, p95 = p50_p95(every)
    kinds = ", ".join(f"{kind} {statistics.median(ts):.2f} s" for kind, ts in times.items()
                      if ts)
    met = rss[0] <= TARGET_MB and growth < TARGET_GROWTH_MB and not errors
    marks = ", ".join(f"{rss_:.0f} MB after {(i + 1) * BLOCK}" for i, rss_ in enumerate(rss))
    print(f"RSS {marks} (peak {peak:.0f} MB); growth after the first {BLOCK}: "
          f"{growth:+.2f} MB per interaction; {len(every)} interactions, "
          f"p50 {p50:.2f} s, p95 {p95:.2f} s (medians: {kinds}); "
          f"first view {first:.1f} s; errors {len(errors)} — "
          f"{'meets' if met else 'MISSES'} the target (≤ {TARGET_MB:.0f} MB after {BLOCK}, "
          f"growth < {TARGET_GROWTH_MB:.0f} MB per interaction, no errors)")
    for error in errors[:5]:
        print("  error:", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
