"""What import-linter (``make lint``) cannot check: app.py's and bench/'s imports, module sizes."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Longest module allowed in the packages: past it, a module does more than one job.
MAX_LINES = 400
#: What app.py may import besides the standard library: it lays out the page from ui/.
APP_IMPORTS = {"streamlit", "geo", "ui"}


def top_level_imports(source: str) -> set[str]:
    """First names of every module a Python source imports (absolute imports only)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." if node.level else (node.module or "").split(".")[0])
    return names


def oversized(root: Path, packages: tuple[str, ...], limit: int) -> dict[str, int]:
    """Modules of ``packages`` under ``root`` longer than ``limit`` lines, with their lengths."""
    found: dict[str, int] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > limit:
                found[path.relative_to(root).as_posix()] = lines
    return found


def test_app_imports_only_streamlit_geo_ui_and_the_standard_library() -> None:
    imported = top_level_imports((ROOT / "app.py").read_text(encoding="utf-8"))
    assert "streamlit" in imported
    others = imported - APP_IMPORTS - set(sys.stdlib_module_names) - {"__future__"}
    assert not others, f"app.py imports {sorted(others)}: reach them through ui/ or geo/"


def test_bench_and_harness_never_import_the_tests() -> None:
    offenders: dict[str, list[str]] = {}
    for folder, banned in (("bench", {"tests"}), ("harness", {"tests", "bench"})):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found = top_level_imports(path.read_text(encoding="utf-8")) & banned
            if found:
                offenders[path.relative_to(ROOT).as_posix()] = sorted(found)
    assert not offenders, f"shared helpers belong in harness/: {offenders}"


def test_import_scan_sees_third_party_relative_and_nested_imports() -> None:
    source = ("import os.path\nimport folium as f\nfrom . import x\n"
              "def g():\n    from pandas import DataFrame\n")
    assert top_level_imports(source) == {"os", "folium", ".", "pandas"}


def test_no_module_in_the_packages_is_over_the_limit() -> None:
    found = oversized(ROOT, ("geo", "ui", "harness"), MAX_LINES)
    assert not found, f"modules over {MAX_LINES} lines (split them by job): {found}"


def test_size_check_counts_lines(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "small.py").write_text("x = 1\n" * 3)
    (tmp_path / "pkg" / "big.py").write_text("x = 1\n" * 5)
    assert oversized(tmp_path, ("pkg",), 4) == {"pkg/big.py": 5}
