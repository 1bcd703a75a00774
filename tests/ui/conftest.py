"""Fixtures shared by the page's AppTests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fixtures import BUNDLED_DIR


@pytest.fixture
def writable_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data the review page may write to (``FRONTLINE_DATA_DIR``)."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DIR, target, ignore=shutil.ignore_patterns("local", ".backup"))
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(target))
    return target
