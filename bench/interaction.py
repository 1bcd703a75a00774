"""Benchmark 3 (issue 5): first render and date changes in a real browser (Debian Chromium).

Starts ``streamlit run`` on the bundled data and on the national-scale synthetic data
(see ``bench.resolution``), opens the page in headless Chromium, and measures the first
full render (page open → every marker drawn) and 10 date changes (the "Later claim ▶"
button → the map showing the new date's markers), medians printed beside the targets.

Run: ``.venv/bin/python -m bench.interaction [--skip-national]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import national_data
from harness import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, ROOT, run_server

TARGETS = {"bundled": (4.0, 0.5), "national": (8.0, 1.5)}   # first render s, change s


def measure(url: str, changes: int = 10) -> tuple[float, list[float]]:
    """First render seconds, and seconds per date change."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        frame = page.frame_locator(MAP_FRAME)
        # small views: DOM markers (.fc-icon); large ones: one canvas stamped when drawn
        frame.locator(".fc-icon, [data-fc-canvas]").first.wait_for(timeout=180_000)
        first = time.perf_counter() - start
        times = []
        for _ in range(changes):
            button = page.get_by_role("button", name="Later claim ▶")
            if button.is_disabled():
                break
            mark = frame.locator("body").evaluate(
                "() => { const e = document.querySelector('.fc-icon, [data-fc-canvas]');"
                " e.dataset.stale = e.getAttribute('data-fc-canvas') || '1'; return 1; }")
            assert mark == 1
            start = time.perf_counter()
            button.click()
            # new markers replace the old ones: wait until none carries the stale mark;
            # the canvas's map box stays, so it is re-stamped with the new date once drawn
            page.wait_for_function(
                """(sel) => { const f = document.querySelector(sel);
                   const d = f && f.contentDocument; if (!d) return false;
                   const e = d.querySelector('.fc-icon');
                   if (e) return !e.dataset.stale;
                   const c = d.querySelector('[data-fc-canvas]');
                   return c && c.getAttribute('data-fc-canvas') !== c.dataset.stale; }""",
                arg=MAP_FRAME.replace("\\\\", ""), timeout=120_000)
            times.append(time.perf_counter() - start)
        browser.close()
    return first, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "frontline-bench")
    args = parser.parse_args()
    cases = [("bundled", ROOT / "data", "?date=2025-11-01")]
    if not args.skip_national:
        data = national_data(30_000, 1_000_000, args.dir)
        cases.append(("national", data, "?date=2025-06-01"))
    for name, data, query in cases:
        log = Path(tempfile.mkdtemp()) / "streamlit.log"
        with run_server(data, log, env={"FRONTLINE_TILES": "none",
                                        "FRONTLINE_STORE": str(args.dir / "store")},
                        timeout=120) as server:
            first, changes = measure(f"{server.url}/{query}")
        target_first, target_change = TARGETS[name]
        median = statistics.median(changes) if changes else float("nan")
        print(f"{name}: first render {first:.2f} s (target ≤ {target_first:.1f} s, "
              f"{'met' if first <= target_first else 'MISSED'}); date change median "
              f"{median:.2f} s over {len(changes)} changes (target ≤ {target_change:.1f} s, "
              f"{'met' if median <= target_change else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
