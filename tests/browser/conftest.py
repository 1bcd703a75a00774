"""A real ``streamlit run`` server and headless Debian Chromium (Playwright), for map tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("FRONTLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
MAP_FRAME = 'iframe[title="streamlit_folium\\.st_folium"]'

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running dashboard."""

    url: str
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def run_server(data_dir: Path, log: Path, env: dict[str, str] | None = None,
               timeout: float = 60.0) -> Iterator[Server]:
    """Start ``streamlit run app.py -- --data DIR`` on a free port; poll until healthy."""
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.headless", "true", "--server.fileWatcherType", "none",
           "--", "--data", str(data_dir)]
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("FRONTLINE_DATA_DIR", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env=full_env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n"
                                   f"{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit not ready after {timeout}s:\n"
                                   f"{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield Server(url, proc, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


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
    response = route.fetch()
    body = response.text().replace("<head>", "<head>" + ERROR_RECORDER, 1)
    route.fulfill(response=response, body=body)


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
