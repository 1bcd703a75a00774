"""The PNG download of the national map in headless Chromium: built on click, the reader's view."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import MAP_FRAME, ROOT, Server, run_server

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME.replace("\\", "")
ARTIFACTS = ROOT / "test-artifacts"
DEEPSTATE = ROOT.parent / "shared" / "data" / "deepstate" / "cyterat" / \
    "deepstatemap_data_20260101.geojson"


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Iterator[Server]:
    """The bundled data with DeepState's map of 2026-01-01 stored (when ../shared has it)."""
    root = tmp_path_factory.mktemp("png")
    store = root / "store"
    if DEEPSTATE.exists():
        subprocess.run([sys.executable, "-m", "geo", "import", "deepstate", str(DEEPSTATE),
                        "--date", "2026-01-01", "--store", str(store)], cwd=ROOT, check=True,
                       capture_output=True)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(store)}
    with run_server(ROOT / "data", root / "streamlit.log", env=env, timeout=90) as server:
        yield server


def test_the_png_download_is_the_map_in_view(national, open_page, tmp_path: Path) -> None:
    watched = open_page(f"{national.url}/?date=2026-01-01&center=48.4,37.6&zoom=8")
    page = watched.page
    page.wait_for_function(
        "(sel) => { const f = document.querySelector(sel); const d = f && f.contentDocument;"
        " return d && d.querySelector('[data-fc-drawn]'); }", arg=FRAME, timeout=90_000)
    button = page.get_by_role("button", name="Download map image (PNG)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "map.png"
    info.value.save_as(path)
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert image.format == "PNG" and image.size == (1800, 1260)
    assert info.value.suggested_filename == "frontline-claims-2026-01-01.png"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "map-download.png").write_bytes(path.read_bytes())
    assert watched.all_errors() == []
