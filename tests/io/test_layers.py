"""The lower layers import only what is below them (read from the source, not by importing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parents[2] / "geo"

#: Which geo packages and top-level modules each package may import (besides itself).
ALLOWED = {
    "io": {"settings", "vocab", "errors"},
    "places": {"io", "settings", "vocab", "errors"},
    "dataset": {"places", "io", "settings", "vocab", "errors"},
}


def geo_imports(package: str) -> set[tuple[str, str]]:
    """(module file, first part after ``geo.``) of every geo import in a package."""
    found = set()
    for path in sorted((GEO / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if isinstance(node, ast.ImportFrom) and node.module == "geo":
                names = [f"geo.{a.name}" for a in node.names]
            for name in names:
                if name.startswith("geo."):
                    found.add((path.name, name.split(".")[1]))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_lower_layers(package: str) -> None:
    wrong = sorted((f, target) for f, target in geo_imports(package)
                   if target != package and target not in ALLOWED[package])
    assert wrong == [], f"geo.{package} imports a higher layer: {wrong}"


def test_the_check_sees_imports() -> None:
    assert ("atomic.py", "errors") not in geo_imports("io")  # atomic needs no geo module
    assert ("load.py", "io") in geo_imports("dataset")
