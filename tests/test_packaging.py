"""The project builds into a wheel (offline) that holds every package and the render assets,
and ``python -m geo`` runs from that wheel in another directory."""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What the build reads: the project's metadata and the two packages it installs.
SOURCES = ("pyproject.toml", "requirements.txt", "geo", "ui")


def source_packages() -> set[str]:
    """Dotted names of every package (folder with ``__init__.py``) of geo/ and ui/."""
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("geo", "ui")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def static_assets() -> list[str]:
    """The render assets (JS, CSS, SVG, ...) as wheel paths."""
    static = ROOT / "geo" / "render" / "static"
    assert static.is_dir(), f"{static} is missing: the render engine reads its assets there"
    return sorted(p.relative_to(ROOT).as_posix() for p in static.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel --no-deps --no-build-isolation`` of a clean copy of the sources.

    A copy, so the build leaves nothing in the checkout and no stale ``build/`` can add
    modules that no longer exist.
    """
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", str(src), "-w", str(dist)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(dist.glob("frontline_claims-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_holds_every_package_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packages = {n.rsplit("/", 1)[0].replace("/", ".") for n in names
                if n.endswith("/__init__.py")}
    expected = source_packages()
    assert {"geo", "geo.render", "ui"} <= expected
    assert expected <= packages, f"missing from the wheel: {sorted(expected - packages)}"
    tops = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert tops == {"geo", "ui"}, "tests/, bench/, harness/ and app.py stay in the checkout"


def test_wheel_holds_the_render_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = static_assets()
    assert any(a.endswith(".js") for a in assets)
    missing = [a for a in assets if a not in names]
    assert not missing, f"render assets missing from the wheel: {missing}"


def test_wheel_requires_the_pinned_runtime_dependencies(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(zf.read(meta_name).decode())
    pins = [line.split("#", 1)[0].strip()
            for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert sorted(meta.get_all("Requires-Dist") or []) == sorted(p for p in pins if p)


def test_python_m_geo_runs_from_the_unpacked_wheel_elsewhere(wheel: Path,
                                                             tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    found = subprocess.run(
        [sys.executable, "-c", "import geo, ui; print(geo.__file__); print(ui.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert found.returncode == 0, found.stderr
    assert all(Path(line).is_relative_to(site) for line in found.stdout.split()), (
        f"imported from the checkout, not the wheel: {found.stdout}")
    done = subprocess.run([sys.executable, "-m", "geo", "--help"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("usage:"), done.stdout
    assert "geo" in done.stdout.splitlines()[0]
