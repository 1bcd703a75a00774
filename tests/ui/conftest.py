"""Fixtures shared by the page's AppTests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixtures import BUNDLED_DIR, SMALL_DIR


def _writable(source: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("local", ".backup"))
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(target))
    return target


@pytest.fixture
def writable_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the frozen data with the small places table (``SMALL_DIR``: the curated
    places and their neighbours) the review page may write to (``FRONTLINE_DATA_DIR``).
    The name index over the national table costs 5-10 s of CPU per new directory; the
    tests that need all of it take ``writable_national_data``."""
    return _writable(SMALL_DIR, tmp_path / "data", monkeypatch)


@pytest.fixture
def writable_national_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As ``writable_data``, with the whole bundled places table (``BUNDLED_DIR``)."""
    return _writable(BUNDLED_DIR, tmp_path / "data", monkeypatch)
