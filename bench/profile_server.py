"""Where a ``streamlit run`` server spends its CPU per rerun, script and server threads apart.

Starts the dashboard on the bundled data with every thread under cProfile (a
``sitecustomize`` module on ``PYTHONPATH`` of the server only; the stats are written when
the server exits), drives ``--reruns`` date changes from ``--sessions`` websocket sessions
(``bench.wsdriver``), stops the server and prints the profiled CPU per rerun split into
the script threads (the app itself, as in ``bench.profile_rerun``, plus Streamlit's
``gc.collect`` after each run, printed apart) and the rest (the
event loop: receiving, serialising and sending messages, session bookkeeping), with the
top functions of the rest. Profiles measure CPU time (``time.thread_time``), from the
first rerun after every session's first view, once the server is idle (its search index
built: ``bench.load_ws.until_idle``). cProfile slows Python code about twofold:
compare shares, and ``bench.load_ws``'s unprofiled CPU per rerun.

Run: ``.venv/bin/python -m bench.profile_server [--reruns 40] [--sessions 1] [--top 20]
[--store DIR]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import signal
import tempfile
from pathlib import Path

from bench.common import cpu_seconds
from bench.load_ws import DATE_KEY, claim_dates, until_idle
from bench.profile_rerun import part_times
from bench.wsdriver import Session, date_value
from harness import ROOT, run_server

#: Installed in the server's interpreter only (``PYTHONPATH``): after SIGUSR1, one CPU-time
#: profiler (``time.thread_time``) for the main thread and per new thread, written at exit.
SITECUSTOMIZE = '''
import atexit, cProfile, os, pstats, signal, threading, time
_out = os.environ.get("FRONTLINE_PROFILE_OUT")
if _out:
    _on = threading.Event()
    _profiles, _lock = [], threading.Lock()
    _main = cProfile.Profile(timer=time.thread_time)
    def _start(*_args):
        if not _on.is_set():
            return
        profiler = cProfile.Profile(timer=time.thread_time)
        with _lock:
            _profiles.append((threading.current_thread().name, profiler))
        profiler.enable()
    def _begin(*_args):
        _on.set()
        _main.enable()
    threading.setprofile(_start)
    signal.signal(signal.SIGUSR1, _begin)
    def _dump():
        _main.disable()
        if not _on.is_set():
            return
        pstats.Stats(_main).dump_stats(_out + ".main")
        script = [p for name, p in _profiles if "ScriptRunner" in name]
        other = [p for name, p in _profiles if "ScriptRunner" not in name]
        if script:
            pstats.Stats(*script).dump_stats(_out + ".script")
        if other:
            pstats.Stats(*other).dump_stats(_out + ".threads")
    atexit.register(_dump)
'''


def total_seconds(stats: pstats.Stats) -> float:
    """Sum of the functions' own times."""
    return sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.stats.values())


async def drive(url: str, pid: int, sessions: int, reruns: int, days: list
                ) -> tuple[int, float]:
    """First views, then (profiled) ``reruns`` date changes per session, sessions side by
    side; returns the reruns done and the server's CPU seconds for them."""
    done = 0
    ready = asyncio.Barrier(sessions + 1)
    go = asyncio.Event()

    async def one(i: int) -> None:
        nonlocal done
        async with Session(url, f"date={days[i % len(days)].isoformat()}", 120) as s:
            first = await s.rerun()
            if not first.ok:
                raise RuntimeError(f"first view failed: {first.errors}")
            await ready.wait()
            await go.wait()
            for r in range(reruns):
                run = await s.rerun([date_value(s.widget_id(DATE_KEY),
                                                days[(i + r + 1) % len(days)])])
                if not run.ok:
                    raise RuntimeError(f"rerun failed: {run.errors}")
                done += 1

    tasks = [asyncio.create_task(one(i)) for i in range(sessions)]
    await ready.wait()
    await until_idle([pid])   # the search index's background build: start-up, not reruns
    os.kill(pid, signal.SIGUSR1)  # profile from here on
    await asyncio.sleep(0.5)
    before = cpu_seconds(pid)
    go.set()
    await asyncio.gather(*tasks)
    return done, cpu_seconds(pid) - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reruns", type=int, default=40)
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--store", type=Path, help="a store of control maps (e.g. one "
                        "bench.national_page builds with --keep); default: an empty one")
    args = parser.parse_args()
    data = ROOT / "data"
    days = claim_dates(data)
    tmp = Path(tempfile.mkdtemp())
    (tmp / "sitecustomize.py").write_text(SITECUSTOMIZE)
    out = tmp / "server.prof"
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(args.store or tmp / "store"),
           "PYTHONPATH": str(tmp), "FRONTLINE_PROFILE_OUT": str(out)}
    with run_server(data, tmp / "streamlit.log", env=env, timeout=120) as server:
        done, cpu = asyncio.run(drive(server.url, server.process.pid, args.sessions,
                                      args.reruns, days))
    print(f"{done} reruns ({args.sessions} session(s)): server CPU {1000 * cpu / done:.0f} ms "
          "per rerun under cProfile (profiled CPU time, by thread:)")
    parts = {}
    for suffix, label in ((".script", "script threads (the app)"),
                          (".main", "main thread (event loop, websocket)"),
                          (".threads", "other threads")):
        path = Path(str(out) + suffix)
        if path.is_file():
            parts[label] = pstats.Stats(str(path))
    total = sum(total_seconds(s) for s in parts.values())
    for label, stats in parts.items():
        sec = total_seconds(stats)
        print(f"  {label}: {1000 * sec / done:.0f} ms per rerun ({100 * sec / total:.0f}%)")
    script = parts.get("script threads (the app)")
    if script is not None:
        gc_time = sum(tt for (_f, _l, name), (_cc, _nc, tt, _ct, _c) in script.stats.items()
                      if name == "<built-in method gc.collect>")
        print(f"\nIn the script threads: gc.collect after each run (runner.postScriptGC) "
              f"{1000 * gc_time / done:.0f} ms per rerun; the page's parts (cumulative ms "
              "per rerun):")
        for label, ms, _calls in part_times(script, done):
            print(f"  {ms:7.1f} ms  {label}")
    for label, stats in parts.items():
        if label.startswith("script"):
            continue
        print(f"\nTop {args.top} of the {label} by cumulative time:")
        stats.sort_stats("cumulative").print_stats(args.top)
        print(f"Top {args.top} of the {label} by own time:")
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
