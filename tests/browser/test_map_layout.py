"""The national page's map in headless Chromium: its share of the page, and its view in the URL."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import MAP_FRAME, ROOT, Server

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME.replace("\\", "")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def national(national_server: Server) -> Server:
    """The dashboard on the bundled data (every place of data/places.parquet), no tiles
    (shared with other modules: tests/browser/conftest.py)."""
    return national_server


def wait_drawn(page) -> dict:
    """The canvas's summary of its latest drawing (see static/canvas.js)."""
    page.wait_for_function(
        "(sel) => { const f = document.querySelector(sel); const d = f && f.contentDocument;"
        " return d && d.querySelector('[data-fc-drawn]'); }", arg=FRAME, timeout=90_000)
    box = page.frame_locator(MAP_FRAME).locator("[data-fc-drawn]")
    return dict(json.loads(box.get_attribute("data-fc-drawn")))


def open_at(browser, url: str, width: int, height: int):
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(url)
    wait_drawn(page)
    return ctx, page


def test_the_map_fills_a_laptop_screen_with_the_panels_beside_it(national, browser) -> None:
    """Wide screen: the map is most of the main area's width, fits the screen's height, and the
    territory panel is beside it (the map was 3/5 of the width and 600 px tall)."""
    ctx, page = open_at(browser, f"{national.url}/?date=2025-11-20", 1440, 900)
    try:
        main = page.locator("h1").first.bounding_box()     # the main area's content width
        frame = page.locator(MAP_FRAME).bounding_box()
        panel = page.get_by_text("Share of Ukraine said to be held by Russia").bounding_box()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map-layout-wide.png"))
        assert frame["width"] >= 0.68 * main["width"], (frame, main)
        assert frame["height"] >= 640
        assert frame["y"] + frame["height"] <= 900          # the whole map on screen
        assert panel["x"] >= frame["x"] + frame["width"]     # beside the map
        # the shares' chart below the map at the page's width (it was squeezed beside it)
        chart = page.get_by_text("The announced shares over time").bounding_box()
        assert chart["y"] >= frame["y"] + frame["height"]
        canvas = page.locator("[data-testid=stVegaLiteChart]").last.bounding_box()
        assert canvas["width"] >= 0.9 * main["width"], (canvas, main)
    finally:
        ctx.close()


def test_on_a_narrow_screen_the_panels_go_below_the_map(national, browser) -> None:
    ctx, page = open_at(browser, f"{national.url}/?date=2025-11-20", 600, 1000)
    try:
        frame = page.locator(MAP_FRAME).bounding_box()
        panel = page.get_by_text("Share of Ukraine said to be held by Russia").bounding_box()
        assert frame["width"] >= 0.9 * 600 - 40
        assert panel["y"] >= frame["y"] + frame["height"]    # below the map
    finally:
        ctx.close()


def map_view(page) -> tuple[float, float, int]:
    found = page.frame_locator(MAP_FRAME).locator("body").evaluate(
        "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    return found[0], found[1], found[2]


def test_the_link_keeps_the_map_centre_and_zoom(national, browser) -> None:
    """Pan and zoom: the URL gets the map's centre (rounded for the zoom) and zoom; the link
    reopens the map there; a bad zoom in a link is ignored with a notice."""
    ctx, page = open_at(browser, f"{national.url}/?date=2025-11-20", 1440, 900)
    try:
        page.wait_for_timeout(3000)   # the map's first report of its view (pixel-snapped)
        assert "center=" not in page.url and "zoom=" not in page.url   # the page's own view
        page.frame_locator(MAP_FRAME).locator("body").evaluate(
            "() => window.map.setView([48.28312, 37.17688], 10, {animate: false})")
        page.wait_for_function("() => location.search.includes('zoom=10')", timeout=60_000)
        assert "center=48.283%2C37.177" in page.url              # 3 decimals at zoom 10
        link = page.url
        again = ctx.new_page()
        again.goto(link)
        wait_drawn(again)
        again.wait_for_function(
            "(sel) => document.querySelector(sel).contentWindow.map.getZoom() === 10",
            arg=FRAME, timeout=60_000)
        lat, lon, _ = map_view(again)
        assert abs(lat - 48.283) < 0.002 and abs(lon - 37.177) < 0.002
        again.wait_for_timeout(2000)                 # the map's own first report changes nothing
        assert "center=48.283%2C37.177" in again.url and "zoom=10" in again.url
        bad = ctx.new_page()
        bad.goto(f"{national.url}/?date=2025-11-20&zoom=99")
        wait_drawn(bad)
        assert bad.get_by_text("Ignored the link's 'zoom' parameter").count() == 1
        assert map_view(bad)[2] <= 7                 # the page's own view of Ukraine
    finally:
        ctx.close()


def test_oblast_names_at_the_country_s_zoom_without_overlaps(national, browser) -> None:
    """Zoom 6: the oblasts are named (from the places table) after the most important
    places' names, no two names' boxes meet; zoom 9: no oblast names."""
    ctx, page = open_at(browser, f"{national.url}/?date=2025-11-20&zoom=6", 1440, 900)
    try:
        box = page.frame_locator(MAP_FRAME).locator("[data-fc-labels]")
        page.wait_for_function(
            "(sel) => { const d = document.querySelector(sel).contentDocument;"
            " const e = d.querySelector('[data-fc-labels]');"
            " return e && JSON.parse(e.getAttribute('data-fc-labels')).zoom === 6; }",
            arg=FRAME, timeout=60_000)
        labels = json.loads(box.get_attribute("data-fc-labels"))
        assert len(labels["regions"]) >= 12 and "Kyiv Oblast" in labels["regions"]
        assert len(labels["names"]) >= 12              # the most important places first
        boxes = labels["boxes"]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
                            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]), (a, b)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map-oblasts.png"))
        page.frame_locator(MAP_FRAME).locator("body").evaluate(
            "() => window.map.setZoom(9, {animate: false})")
        page.wait_for_function(
            "(sel) => JSON.parse(document.querySelector(sel).contentDocument"
            ".querySelector('[data-fc-labels]').getAttribute('data-fc-labels')).zoom === 9",
            arg=FRAME, timeout=60_000)
        assert json.loads(box.get_attribute("data-fc-labels"))["regions"] == []
    finally:
        ctx.close()
