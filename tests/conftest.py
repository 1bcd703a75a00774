from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_data

ROOT = Path(__file__).resolve().parent.parent

SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _empty_store(tmp_path_factory, monkeypatch) -> None:
    """Every test starts with an empty map store, never a developer's data/local/."""
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path_factory.mktemp("store")))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A small valid data directory."""
    return write_data(tmp_path / "data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (real third-party data); skips when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"real data not found at {SHARED} (it exists in CI)")
    return SHARED
