"""Load test (issue 6): N concurrent dashboard sessions against one ``streamlit run`` server.

Loopback only, bounded: N real Chromium pages (one browser, N contexts) open the bundled
dashboard, then each changes the date 3 times ("Later claim ▶") at the same moment as the
others; the time from the click to that page's map showing new markers is recorded.
Reports sessions held, p50/p95 time to updated view, errors, and the server's memory.

Run: ``.venv/bin/python -m bench.load [--sessions 10 30]``. ``bench.load_ws`` drives the
same test over Streamlit's websocket protocol, without browsers competing for the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench.common import p50_p95, rss_mb
from harness import MAP_FRAME, ROOT, launch_async, run_server

ROUNDS = 3
TARGET_P95 = 3.0
FRAME_SELECTOR = MAP_FRAME.replace("\\", "")


async def session(browser, url: str, start_at: list[float], times: list[float],
                  errors: list[str]) -> bool:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        frame = page.frame_locator(MAP_FRAME)
        await frame.locator(".fc-icon").first.wait_for(timeout=120_000)
        for round_no in range(ROUNDS):
            while time.monotonic() < start_at[round_no]:
                await asyncio.sleep(0.01)
            await frame.locator(".fc-icon").first.evaluate("e => { e.dataset.stale = '1'; }")
            clicked = time.monotonic()
            await page.get_by_role("button", name="Later claim ▶").click()
            await page.wait_for_function(
                """(sel) => { const f = document.querySelector(sel);
                   const d = f && f.contentDocument; if (!d) return false;
                   const e = d.querySelector('.fc-icon'); return e && !e.dataset.stale; }""",
                arg=FRAME_SELECTOR, timeout=60_000)
            times.append(time.monotonic() - clicked)
        return True
    except Exception as exc:  # a load test counts failures instead of stopping
        errors.append(f"{exc.__class__.__name__}: {str(exc)[:120]}")
        return False
    finally:
        await context.close()


async def run(n: int, url: str, pid: int) -> None:
    async with async_playwright() as pw:
        browser = await launch_async(pw)
        times: list[float] = []
        errors: list[str] = []
        base = time.monotonic() + 20 + n  # let every session open first
        start_at = [base + 8 * i for i in range(ROUNDS)]
        held = await asyncio.gather(*(session(browser, url, start_at, times, errors)
                                      for _ in range(n)))
        await browser.close()
    p50, p95 = p50_p95(times)
    verdict = "meets" if not errors and p95 <= TARGET_P95 else "MISSES"
    print(f"N={n}: sessions held {sum(held)}/{n}, updates {len(times)}, p50 {p50:.2f} s, "
          f"p95 {p95:.2f} s, errors {len(errors)}, server RSS {rss_mb(pid):.0f} MB — "
          f"{verdict} the target (no errors, p95 ≤ {TARGET_P95:.0f} s)")
    for error in errors[:3]:
        print("  error:", error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    args = parser.parse_args()
    for n in args.sessions:
        log = Path(tempfile.mkdtemp()) / "streamlit.log"
        store = Path(tempfile.mkdtemp())
        with run_server(ROOT / "data", log, env={"FRONTLINE_TILES": "none",
                                                 "FRONTLINE_STORE": str(store)}) as server:
            asyncio.run(run(n, f"{server.url}/?date=2025-11-01", server.process.pid))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
