"""Fixtures for the map tests: headless Debian Chromium (Playwright) and watched pages.

The server and browser helpers live in :mod:`harness` (shared with ``bench/``); the names
the tests import from here are re-exported.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from harness import CHROMIUM, MAP_FRAME, ROOT, Server, launch, run_server
from tests.helpers import write_data

__all__ = ["MAP_FRAME", "ROOT", "Server", "Watched", "run_server"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


# Servers that several modules only read, one per worker for the session: tests/conftest.py
# sends every test of a module using one to the same worker (its ``_ONE_WORKER``), so each
# starts once. A module names its own fixture for one (``national = ...``), so its tests
# read as before. A server a test writes to (or whose store it changes) stays the module's.


@pytest.fixture(scope="session")
def national_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on the bundled data (every place of data/places.parquet), no tiles, an
    empty store."""
    root = tmp_path_factory.mktemp("national-server")
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(root / "store")}
    with run_server(ROOT / "data", root / "streamlit.log", env=env, timeout=90) as server:
        yield server


@pytest.fixture(scope="session")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The test data (tests.helpers: three settlements, claims from 2025-01-01 to
    2025-03-01), no tiles, an empty store."""
    root = tmp_path_factory.mktemp("small-server")
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(root / "store")}
    with run_server(write_data(root / "data"), root / "streamlit.log", env=env) as server:
        yield server


#: Recorder of uncaught errors, injected at the top of the map frame's page (Playwright's
#: ``pageerror`` event does not report errors inside the component iframe).
ERROR_RECORDER = (
    "<script>window.__fcErrors=[];"
    "addEventListener('error',function(e){__fcErrors.push(String(e.message))});"
    "addEventListener('unhandledrejection',function(e){__fcErrors.push(String(e.reason))});"
    "</script>"
)


@dataclass
class Watched:
    """A page plus what it reported: uncaught errors, dialogs, requests to other hosts."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def all_errors(self) -> list[str]:
        """Uncaught errors of the page and of the map frame (while it is open)."""
        found = list(self.errors)
        for frame in self.page.frames:
            if "streamlit_folium" in frame.url:
                found += frame.evaluate("() => window.__fcErrors || ['recorder missing']")
        return found


def _inject_recorder(route) -> None:
    """Serve the map frame's page with the recorder at the top of its head.

    A frame that is dropped while it loads (Streamlit replaces the component on a rerun, or
    the test closes its context) disposes the response under the handler; Playwright then
    raises in whichever call comes next, often a later test's. Such a frame is gone, so
    there is nothing to record: the handler lets go of it. A frame that stays without the
    recorder still fails the test that reads it (``all_errors`` reports "recorder missing").
    """
    from playwright.sync_api import Error

    try:
        response = route.fetch()
        body = response.text().replace("<head>", "<head>" + ERROR_RECORDER, 1)
        route.fulfill(response=response, body=body)
    except Error:
        with contextlib.suppress(Error):            # the request or its page is gone
            route.abort()


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[str], Watched]]:
    """Open a URL in a fresh context, recording errors, dialogs and off-host requests."""
    contexts = []

    def _open(url: str, allowed_hosts: tuple[str, ...] = ("127.0.0.1",)) -> Watched:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.route("**/component/streamlit_folium.st_folium/index.html*", _inject_recorder)
        contexts.append(ctx)
        page = ctx.new_page()
        watched = Watched(page)
        page.on("pageerror", lambda exc: watched.errors.append(str(exc)))

        def on_dialog(dialog) -> None:
            watched.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def on_request(request) -> None:
            host = request.url.split("/")[2] if "://" in request.url else ""
            if request.url.startswith("http") and host.split(":")[0] not in allowed_hosts:
                watched.foreign.append(request.url)

        page.on("request", on_request)
        page.goto(url)
        return watched

    yield _open
    for ctx in contexts:
        ctx.close()
