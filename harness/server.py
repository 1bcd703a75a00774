"""A real ``streamlit run app.py`` server on a free local port, polled until healthy."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The checkout: app.py, data/ and the packages live here.
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    """A running dashboard."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:  # noqa: S310
            return bool(resp.status == 200)
    except OSError:
        return False


@contextlib.contextmanager
def run_server(data_dir: Path, log: Path, env: dict[str, str] | None = None,
               timeout: float = 60.0, script: str = "app.py") -> Iterator[Server]:
    """Start ``streamlit run app.py -- --data DIR`` on a free port; poll until healthy.

    The server's output goes to ``log``; ``env`` is added to this process's environment
    (``FRONTLINE_DATA_DIR`` removed, so ``--data`` decides). The server is stopped on exit.
    ``script``: the entry to run instead (``serve.py``: the page with the warm-up at start).
    """
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / script),
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
        while not _healthy(url):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n"
                                   f"{log.read_text(errors='replace')}")
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
