from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_data

ROOT = Path(__file__).resolve().parent.parent

SHARED = ROOT.parent / "shared" / "data"

#: Fixture scopes that hold one thing (a Streamlit server, a loaded dataset) for many tests.
_SHARED_SCOPES = {"class": "module", "module": "module", "package": "package"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n 2 --dist loadgroup`` (``make test``), keep the tests of a module (or
    package) that share a module- (package-) scoped fixture on one worker, so each server or
    dataset is built once; every other test goes to whichever worker is free. Runs before
    xdist's own hook, which reads the ``xdist_group`` marks. Session-scoped fixtures (the
    browser, tests/db's throw-away cluster) are built once per worker: each cluster lives in
    its own temporary directory and socket, so two never meet."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        scopes = {_SHARED_SCOPES[fd.scope] for fds in info.name2fixturedefs.values()
                  for fd in fds if fd.scope in _SHARED_SCOPES}
        if not scopes:
            continue
        where = item.path.parent if scopes == {"package"} else item.path
        item.add_marker(pytest.mark.xdist_group(str(where.relative_to(ROOT))))


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
