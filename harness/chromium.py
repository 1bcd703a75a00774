"""Debian's Chromium, launched headless through Playwright, and the map's frame."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # playwright is a dev requirement: imported where a browser is launched
    from collections.abc import Awaitable

    from playwright.async_api import Browser as AsyncBrowser
    from playwright.async_api import Playwright as AsyncPlaywright
    from playwright.sync_api import Browser, Playwright

#: Debian's package (``apt-get install chromium``); ``FRONTLINE_CHROMIUM`` overrides it.
CHROMIUM = Path(os.environ.get("FRONTLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: CSS selector of the map component's iframe (streamlit_folium).
MAP_FRAME = 'iframe[title="streamlit_folium\\.st_folium"]'


def launch(pw: Playwright) -> Browser:
    """Headless Debian Chromium from a sync Playwright."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def launch_async(pw: AsyncPlaywright) -> Awaitable[AsyncBrowser]:
    """Headless Debian Chromium from an async Playwright (await the result)."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
