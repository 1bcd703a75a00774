"""Shared test and benchmark harness: a real dashboard server and headless Chromium.

Used by ``tests/browser`` (pytest fixtures) and ``bench/`` (timings); neither imports the
other. Not part of the installed package.
"""

from harness.chromium import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, launch, launch_async
from harness.server import ROOT, Server, free_port, run_server

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "MAP_FRAME",
    "ROOT",
    "Server",
    "free_port",
    "launch",
    "launch_async",
    "run_server",
]
