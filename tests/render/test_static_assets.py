"""The map's JavaScript, CSS and SVG files (geo/render/static/): they parse, and are used."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geo.render.elements import asset
from geo.render.legend import legend_html

STATIC = Path(__file__).resolve().parents[2] / "geo" / "render" / "static"
SCRIPTS = sorted(STATIC.glob("*.js"))
RENDER = STATIC.parent


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        pytest.fail("node is not installed: the map's JavaScript cannot be syntax-checked "
                    "(install Debian's nodejs: apt-get install nodejs)")
    return found


def test_there_are_scripts() -> None:
    names = {p.name for p in SCRIPTS}
    assert {"canvas.js", "control.js", "layer.js", "legend.js", "notice.js"} <= names


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_script_passes_node_check(path: Path) -> None:
    result = subprocess.run([node(), "--check", str(path)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, f"{path.name}: {result.stderr}"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_script_is_one_function_of_target_and_values(path: Path) -> None:
    """Script appends ``(target, {values});``: the file must evaluate to a function of two."""
    check = ("const f = (0, eval)(require('fs').readFileSync(process.argv[1], 'utf8'));"
             "if (typeof f !== 'function' || f.length !== 2) {"
             " console.error(typeof f, f && f.length); process.exit(1); }")
    result = subprocess.run([node(), "-e", check, str(path)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, f"{path.name} is not a function expression: {result.stderr}"
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("})"), f"{path.name} must end with the function's '}})'"
    # inlined in a <script> element and never a template: no way out, no template syntax
    assert "</script" not in text.lower() and "<!--" not in text
    assert "{{" not in text and "{%" not in text


def test_css_is_rules_of_declarations() -> None:
    css = re.sub(r"/\*.*?\*/", "", asset("map.css"), flags=re.S).strip()
    assert css
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    assert "".join(f"{s}{{{b}}}" for s, b in rules).replace("\n", "") == css.replace("\n", ""), \
        "map.css: unbalanced braces or text outside a rule"
    for selector, body in rules:
        assert selector.strip(), f"empty selector before {{{body}}}"
        for declaration in filter(None, (d.strip() for d in body.split(";"))):
            assert re.fullmatch(r"-?[a-z][a-z-]*\s*:\s*\S.*", declaration), (
                f"map.css: bad declaration {declaration!r} in {selector.strip()}")


@pytest.mark.parametrize("path", sorted(STATIC.glob("*.svg")), ids=lambda p: p.name)
def test_svg_parses(path: Path) -> None:
    root = ET.fromstring(path.read_text(encoding="utf-8"))  # noqa: S314 - our own file
    assert root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
    assert len(root) > 0


VOID = {"br", "img", "hr", "input", "meta", "link"}


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def test_legend_template_renders_balanced_markup() -> None:
    html = legend_html()
    assert "\n" not in html and "{{" not in html and "{%" not in html
    parser = _Balance()
    parser.feed(html)
    assert parser.errors == [] and parser.stack == []


def test_every_asset_is_used_by_the_package() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in RENDER.glob("*.py"))
    for path in STATIC.iterdir():
        assert path.stat().st_size > 0, f"{path.name} is empty"
        assert f'"{path.name}"' in code, f"{path.name} is not read by geo/render"
