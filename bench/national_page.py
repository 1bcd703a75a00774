"""Issue 11: the national bundled page in headless Chromium, beside the curated-only page.

Both pages run on the bundled data with the real DeepState maps of ``../shared/data``
imported into one store (place classes stored at import): "national" is ``data/`` as
shipped (every place of ``places.parquet``: 33,681), "curated" a copy whose places table
holds only the places its claims name (the page as it was before), the baseline. For
each: the first render of a fresh server ("cold": a new server process, started and
answering its health check; then the page opened → the map drawn. It includes the app's
imports, the dataset's load, the map claims' merge and every other first-run step; with
``--restart``, a second fresh server on the same store, whose disk caches (the dataset's
Parquet, the search index's keys) the first left; with ``--serve``, the server is started
by ``serve.py``, which warms the caches in the background from its start, and the page is
opened at once, during the warm-up, unless ``--after-warm-up`` waits for the server's log
to say it is done, which the report then says), the first render of a second session on
the warm server, the median of several date changes ("◀ Earlier
claim" → the map redrawn for the new date), the median of selecting a place by search
(Enter → its claims listed below the map and the place shown on the map: ringed, on a tree
that sends the selection apart from the layer, or the layer drawn again, on one that
redraws it for a selection; before 2026-12-02b the figure did not wait for the map), the
payload of the first
render (bytes received over Streamlit's websocket: the page and the map's data; and the
map's place-array file, fetched once per page since issue 16) and the
server's memory (peak RSS).

Besides the wall times: the CPU seconds of the server process and of the browser's
processes for each date change and selection, the seconds the page's main thread was busy
during each selection (DevTools' TaskDuration: the page and its map frame), and of the
server from its start to the cold first render, which other processes on the shared cores
disturb much less.

Run (one command, ~1-2 min on 2 quiet cores; needs Debian's ``chromium`` and
``../shared/data``): ``.venv/bin/python -m bench.national_page [--changes 6] [--selects
NAME ...] [--only national|curated] [--restart] [--serve [--after-warm-up]]``. Each case
prints its figures with the machine's load average before and after it (other processes on
the same cores make every figure slower: record it beside them in bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from playwright.sync_api import CDPSession, Page, sync_playwright

from bench.common import proc_status
from geo.maps.importer import import_deepstate
from geo.places.table import PLACES_FILE, load_places, write_places
from geo.vocab import COLUMNS
from harness import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, ROOT, run_server

#: what the server logs when its warm-up is done (ui.warmup.DONE; not imported, so that
#: this file also runs on trees without serve.py, as the baseline of a comparison)
DONE = "warm-up done"

#: ``../shared`` beside the tree, or $FRONTLINE_SHARED (a worktree whose parent has none)
SHARED = Path(os.environ.get("FRONTLINE_SHARED", ROOT.parent / "shared")) / "data" / "deepstate"
#: (file, map date) of every real DeepState map bundled in ../shared (None: from its id)
MAPS = [("cyterat/deepstatemap_data_20241115.geojson", "2024-11-15"),
        ("cyterat/deepstatemap_data_20251115.geojson", "2025-11-15"),
        ("cyterat/deepstatemap_data_20260101.geojson", "2026-01-01"),
        ("deepstatemaps-history_raw/1648989208.geojson", None),
        ("deepstatemaps-history_raw/1668554255.geojson", None),
        ("deepstatemaps-history_raw/1731707743.geojson", None)]
TARGETS = {"first": 5.0, "change": 0.8, "select": 0.5, "payload_mb": 3.0, "rss_mib": 1024.0}
FRAME = MAP_FRAME.replace("\\", "")
#: the place labels's and markers' drawn state: a DOM marker or the canvas stamp
_DRAWN = """(sel) => { const f = document.querySelector(sel);
  const d = f && f.contentDocument; if (!d) return false;
  const e = d.querySelector('.fc-icon');
  if (e) return !e.dataset.stale;
  const c = d.querySelector('[data-fc-canvas]');
  return !!c && c.getAttribute('data-fc-canvas') !== c.dataset.stale; }"""
_MARK = """(sel) => { const d = document.querySelector(sel).contentDocument;
  const e = d.querySelector('.fc-icon, [data-fc-canvas]');
  e.dataset.stale = e.getAttribute('data-fc-canvas') || '1'; }"""
#: before a selection: forget the canvas's timing stamp, which only a new drawing sets again
_UNSTAMP = """(sel) => { const d = document.querySelector(sel).contentDocument;
  const c = d.querySelector('.leaflet-container'); if (c) c.removeAttribute('data-fc-timing'); }"""
#: a selection is shown: the place's history is on the page ("All claims about NAME up
#: to"), and on the map the canvas says the place is the selected one (a tree that sends the
#: selection apart), or the canvas was drawn again (a tree that redraws the whole layer for
#: a selection); a map of DOM markers: the history alone. Polled every 50 ms (Playwright's
#: text waits poll every frame, and cost the page's main thread as much as the selection)
_SHOWN = """([sel, name]) => {
  if (!document.body.textContent.includes('All claims about ' + name + ' up to')) return false;
  const d = document.querySelector(sel).contentDocument;
  const c = d && d.querySelector('.leaflet-container'); if (!c) return false;
  if (d.querySelector('.fc-icon')) return true;
  return c.getAttribute('data-fc-selected') === name || c.hasAttribute('data-fc-timing'); }"""


@dataclass
class Figures:
    first_cold: float
    first_warm: float
    changes: list[float]
    selects: list[float]
    payload: int
    rss_mib: float
    places: int
    #: CPU seconds of each date change and selection: (server, browser), for when the wall
    #: times are swamped by other processes on the same cores
    change_cpu: list[tuple[float, float]]
    select_cpu: list[tuple[float, float]]
    #: CPU seconds of the server from its start to the cold first render's map drawn
    cold_cpu: float
    #: CPU seconds of the server from the page opened to the cold first render's map drawn
    cold_cpu_during: float
    #: seconds from the server's health to its warm-up done (None: not waited for)
    warmed: float | None = None
    #: seconds the page's main thread was busy during each selection
    select_busy: list[float] = dataclasses.field(default_factory=list)
    #: websocket messages the page received during each selection, and in how many bursts
    #: (runs of messages less than :data:`BURST_GAP` apart: the browser renders the page
    #: again for each burst)
    select_messages: list[int] = dataclasses.field(default_factory=list)
    select_bursts: list[int] = dataclasses.field(default_factory=list)


#: seconds between two websocket messages that start a new burst
BURST_GAP = 0.010


def bursts(stamps: list[float]) -> int:
    """How many runs of messages less than :data:`BURST_GAP` apart ``stamps`` (their
    arrival times, in order) hold."""
    return sum(1 for a, b in zip([None, *stamps], stamps, strict=False)
               if a is None or b - a > BURST_GAP)


_TICK = os.sysconf("SC_CLK_TCK")


def _stats() -> dict[int, tuple[int, float]]:
    """pid → (parent pid, CPU seconds used) of every process (from /proc/PID/stat)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()   # after the command's name
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return found


def cpu_seconds(server: int) -> tuple[float, float]:
    """CPU seconds used so far by the server process, and by every other process this one
    started (the browser: Playwright's driver and Chromium's processes; the bench's own
    process is not counted)."""
    stats = _stats()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in stats.items():
        children.setdefault(parent, []).append(pid)

    def tree(root: int) -> set[int]:
        seen, todo = set(), [root]
        while todo:
            pid = todo.pop()
            seen.add(pid)
            todo += children.get(pid, [])
        return seen

    ours = tree(os.getpid()) - {os.getpid()}
    served = tree(server)
    return (sum(stats[p][1] for p in served),
            sum(stats[p][1] for p in ours - served))


def store_with_maps(store: Path) -> None:
    """Import the real maps (place classes of the bundled table stored with each)."""
    places = load_places(ROOT / "data")
    for name, day in MAPS:
        date = None if day is None else dt.date.fromisoformat(day)
        import_deepstate(str(SHARED / name), store, date=date, places=places)


def curated_copy(target: Path) -> Path:
    """The bundled data's four CSVs with a places table of only the places they name: the
    page of the curated settlements and the record's places, as before issue 11."""
    target.mkdir(parents=True, exist_ok=True)
    for name in COLUMNS:
        shutil.copy2(ROOT / "data" / name, target / name)
    named = set(pd.read_csv(target / "claims.csv", usecols=["settlement_id"])["settlement_id"])
    places = load_places(ROOT / "data")
    write_places(places[places["id"].isin(named)], target / PLACES_FILE)
    return target


def open_drawn(page: Page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(".fc-icon, [data-fc-canvas]").first.wait_for(
        timeout=300_000)
    return time.perf_counter() - start


def _used(server: int, before: tuple[float, float]) -> tuple[float, float]:
    after = cpu_seconds(server)
    return after[0] - before[0], after[1] - before[1]


def change_dates(page: Page, count: int, server: int
                 ) -> tuple[list[float], list[tuple[float, float]]]:
    times, used = [], []
    for _ in range(count):
        button = page.get_by_role("button", name="◀ Earlier claim")
        if button.is_disabled():
            break
        page.evaluate(_MARK, FRAME)
        cpu = cpu_seconds(server)
        start = time.perf_counter()
        button.click()
        page.wait_for_function(_DRAWN, arg=FRAME, timeout=120_000)
        times.append(time.perf_counter() - start)
        used.append(_used(server, cpu))
    return times, used


def main_thread_seconds(cdp: CDPSession) -> float:
    """Seconds the page's renderer main thread (the page and its same-origin map frame)
    has been busy so far (DevTools' ``TaskDuration``)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))


def select_places(page: Page, names: list[str], server: int, stamps: list[float]
                  ) -> tuple[list[float], list[tuple[float, float]], list[float], list[int],
                             list[int]]:
    """Select each of ``names`` by search; ``stamps``: the arrival times of the page's
    websocket messages (appended as they come)."""
    times, used, busy, messages, runs = [], [], [], [], []
    box = page.get_by_role("textbox", name="Search (any spelling)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    for name in names:
        box.fill(name)
        page.evaluate(_UNSTAMP, FRAME)
        cpu = cpu_seconds(server)
        task = main_thread_seconds(cdp)
        start = time.perf_counter()
        page.keyboard.press("Enter")
        page.wait_for_function(_SHOWN, arg=[FRAME, name], timeout=60_000, polling=50)
        end = time.perf_counter()
        times.append(end - start)
        used.append(_used(server, cpu))
        busy.append(main_thread_seconds(cdp) - task)
        during = [t for t in stamps if start <= t <= end]
        messages.append(len(during))
        runs.append(bursts(during))   # the previous selection's last messages included
    return times, used, busy, messages, runs


def wait_warm(log: Path, timeout: float = 600.0) -> float:
    """Seconds until the server's log says its warm-up is done (:mod:`ui.warmup`)."""
    start = time.perf_counter()
    while DONE not in log.read_text(errors="replace"):
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"no {DONE!r} in {log} after {timeout:.0f} s")
        time.sleep(0.1)
    return time.perf_counter() - start


def run_case(data: Path, store: Path, changes: int, names: list[str], script: str = "app.py",
             after_warm_up: bool = False) -> Figures:
    """One fresh server (``script``: app.py, or serve.py with its warm-up) and its figures;
    ``after_warm_up``: the first visitor opens the page once the warm-up is done, not at
    once (the cold render then measures a visitor who comes later than the warm-up)."""
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(store)}
    entry = {} if script == "app.py" else {"script": script}   # a baseline's harness: no
    with run_server(data, log, env=env, timeout=120, **entry) as server, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        warmed = wait_warm(log) if after_warm_up else None
        before = cpu_seconds(server.process.pid)[0]
        cold = open_drawn(page, server.url + "/")
        cold_cpu = cpu_seconds(server.process.pid)[0]
        during = cold_cpu - before
        page.close()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        received: list[int] = []   # the page's data arrives over Streamlit's websocket
        stamps: list[float] = []   # and when each message came

        def came(frame: str | bytes) -> None:
            received.append(len(frame))
            stamps.append(time.perf_counter())

        page.on("websocket", lambda ws: ws.on("framereceived", came))
        # and the canvas's place arrays, a static file fetched once per page (issue 16)
        page.on("response", lambda r: received.append(int(r.headers.get("content-length", 0)))
                if "/app/static/places/" in r.url else None)
        warm = open_drawn(page, server.url + "/")
        payload = sum(received)
        caption = page.get_by_text("Showing ").first.inner_text()
        places = int(caption.split(" of ")[1].split()[0].replace(",", ""))
        pid = server.process.pid
        moved, moved_cpu = change_dates(page, changes, pid)
        picked, picked_cpu, picked_busy, picked_messages, picked_bursts = select_places(
            page, names, pid, stamps)
        rss = proc_status(pid, "VmHWM")   # peak resident memory
        browser.close()
    return Figures(cold, warm, moved, picked, payload, rss, places, moved_cpu, picked_cpu,
                   cold_cpu, during, warmed, picked_busy, picked_messages, picked_bursts)


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):g}" if values else "n/a"


def load_average() -> str:
    """The 1-minute load average (processes running or waiting for the 2 cores)."""
    return f"{os.getloadavg()[0]:.1f}"


def report(name: str, f: Figures, load: str) -> None:
    def med(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s (n={len(values)})" if values else "n/a"

    def cpu(used: list[tuple[float, float]]) -> str:
        if not used:
            return "n/a"
        return (f"CPU server {statistics.median(u[0] for u in used):.2f} s + browser "
                f"{statistics.median(u[1] for u in used):.2f} s")

    waited = "" if f.warmed is None else f"opened {f.warmed:.1f} s after start, when warm; "
    print(f"{name} ({f.places:,} places; load {load} -> {load_average()}): {waited}"
          f"first render cold {f.first_cold:.2f} s (server CPU since its start "
          f"{f.cold_cpu:.2f} s, of which {f.cold_cpu_during:.2f} s after the page opened), "
          f"warm "
          f"{f.first_warm:.2f} s (target ≤ {TARGETS['first']:.0f} s); date change "
          f"{med(f.changes)} (≤ {TARGETS['change']} s; {cpu(f.change_cpu)}); select "
          f"{med(f.selects)} (≤ {TARGETS['select']} s; {cpu(f.select_cpu)}; the page's "
          f"main thread busy {med(f.select_busy)}; websocket messages "
          f"{_median(f.select_messages)} in {_median(f.select_bursts)} bursts); payload "
          f"{f.payload / 1e6:.2f} MB "
          f"(≤ {TARGETS['payload_mb']:.0f} MB); server peak RSS {f.rss_mib:,.0f} MiB "
          f"(≤ {TARGETS['rss_mib']:,.0f} MiB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=6)
    parser.add_argument("--selects", nargs="*", default=["Pokrovsk", "Chasiv Yar",
                                                         "Kupiansk", "Kramatorsk"])
    parser.add_argument("--only", choices=["national", "curated"],
                        help="run one case (default: the curated baseline, then national)")
    parser.add_argument("--serve", action="store_true",
                        help="start the server with serve.py (the page with its warm-up at "
                             "start) instead of app.py")
    parser.add_argument("--after-warm-up", action="store_true",
                        help="with --serve: the first visitor opens the page once the "
                             "server's warm-up is done (by default at once, during it)")
    parser.add_argument("--restart", action="store_true",
                        help="run the national case a second time on the same store: a "
                             "restarted server, whose caches (dataset, search index) are kept")
    args = parser.parse_args()
    entry = {"script": "serve.py" if args.serve else "app.py",
             "after_warm_up": bool(args.serve and args.after_warm_up)}
    if not SHARED.is_dir():
        print(f"skipped: the real DeepState maps are not here ({SHARED})")
        return 0
    work = Path(tempfile.mkdtemp(prefix="frontline-national-"))
    store_with_maps(work / "store")
    if args.only != "national":
        load = load_average()
        report("curated only", run_case(curated_copy(work / "curated"), work / "store",
                                        args.changes, args.selects), load)
    if args.only != "curated":
        load = load_average()
        report("national", run_case(ROOT / "data", work / "store", args.changes,
                                    args.selects, **entry), load)
        if args.restart:
            load = load_average()
            report("national, restarted server", run_case(ROOT / "data", work / "store",
                                                          args.changes, args.selects, **entry),
                   load)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
