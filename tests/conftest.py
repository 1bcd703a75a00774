from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_data

ROOT = Path(__file__).resolve().parent.parent

SHARED = ROOT.parent / "shared" / "data"

#: Fixture scopes that hold one thing (a Streamlit server, a loaded dataset) for many tests.
_SHARED_SCOPES = {"class": "module", "module": "module", "package": "package"}
#: Session-scoped servers that several browser modules read (tests/browser/conftest.py):
#: the tests using one go to one worker, which starts it once.
_ONE_WORKER = frozenset({"national_server", "small_server"})


def _groups(items: list[pytest.Item]) -> dict[pytest.Item, str]:
    """The xdist group of each test that shares something built once: the module (package)
    of a module- (package-) scoped fixture, or the name of a shared server; tests that share
    any of these with each other, directly or through a third, get one group (its
    alphabetically first key)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    keys_of: dict[pytest.Item, list[str]] = {}
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        defs = [fd for fds in info.name2fixturedefs.values() for fd in fds]
        scopes = {_SHARED_SCOPES[fd.scope] for fd in defs if fd.scope in _SHARED_SCOPES}
        keys = sorted({fd.argname for fd in defs if fd.argname in _ONE_WORKER})
        if scopes:
            where = item.path.parent if scopes == {"package"} else item.path
            keys.append(str(where.relative_to(ROOT)))
        if keys:
            keys_of[item] = keys
            for key in keys[1:]:
                a, b = sorted((find(keys[0]), find(key)))
                parent[b] = a
    return {item: find(keys[0]) for item, keys in keys_of.items()}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n 2 --dist loadgroup`` (``make test``), keep the tests of a module (or
    package) that share a module- (package-) scoped fixture on one worker, so each server or
    dataset is built once, and likewise the tests of the modules that share one of the
    browser's session-scoped servers (``_ONE_WORKER``); every other test goes to whichever
    worker is free. Runs before xdist's own hook, which reads the ``xdist_group`` marks.
    Other session-scoped fixtures (the browser, tests/db's throw-away cluster) are built
    once per worker: each cluster lives in its own temporary directory and socket, so two
    never meet."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item, group in _groups(items).items():
        item.add_marker(pytest.mark.xdist_group(group))


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
