"""Places closer than their radius stay distinguishable, on DOM markers and on the canvas.

The tooltip of the place on top names the others under the pointer, and a click there lists
them all to pick from (positions stay true: no offsets on a front-line map).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import MAP_FRAME, ROOT, Server, run_server
from tests.helpers import SETTLEMENTS, claim, write_data

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME.replace("\\", "")
ARTIFACTS = ROOT / "test-artifacts"
#: Pokrovsk and Myrnohrad (data/settlements.csv): 6.5 km apart, one blob at zoom 7.
POKROVSK, MYRNOHRAD = (48.28014, 37.17706), (48.3099, 37.26513)


def hover_and_click(page, lat: float, lon: float, zoom: int) -> tuple[str, list[str]]:
    """Centre the map on a point at ``zoom``, hover it, click it: the tooltip's text and the
    names listed in the popup that opens."""
    body = page.frame_locator(MAP_FRAME).locator("body")
    body.evaluate(f"() => window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    page.wait_for_timeout(1500)
    frame = page.locator(MAP_FRAME).bounding_box()
    point = body.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    x, y = frame["x"] + point["x"], frame["y"] + point["y"]
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    tip = page.frame_locator(MAP_FRAME).locator(".leaflet-tooltip").last
    tip.wait_for(timeout=15_000)
    text = tip.inner_text()
    page.mouse.click(x, y)
    picks = page.frame_locator(MAP_FRAME).locator(".fc-choose a")
    picks.first.wait_for(timeout=15_000)
    return text, picks.all_inner_texts()


@pytest.fixture(scope="module")
def close_pair(tmp_path_factory) -> Iterator[Server]:
    """Three settlements, two of them 700 m apart (DOM markers with embedded popups)."""
    root = tmp_path_factory.mktemp("pair")
    near = dict(SETTLEMENTS[0], id="alpha-station", name="Alpha Station", name_uk="",
                aliases="", population="9000", lat="48.285", lon="37.186", geonames_id="")
    claims = [claim("c1", "2025-01-01", "alpha", "ru_mod", "russian"),
              claim("c2", "2025-01-01", "alpha-station", "ua_gs", "ukrainian")]
    data = write_data(root / "data", settlements=[*SETTLEMENTS, near], claims=claims)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(root / "store")}
    with run_server(data, root / "streamlit.log", env=env) as server:
        yield server


def test_dom_markers_on_one_spot_are_named_and_listed(close_pair, open_page) -> None:
    watched = open_page(f"{close_pair.url}/?date=2025-01-01")
    page = watched.page
    page.frame_locator(MAP_FRAME).locator(".fc-icon").first.wait_for(timeout=60_000)
    text, picks = hover_and_click(page, 48.2825, 37.183, 8)
    assert "Also here:" in text
    assert sorted(picks) == ["Alpha", "Alpha Station"]
    page.frame_locator(MAP_FRAME).locator(".fc-choose a", has_text="Alpha Station").click()
    popup = page.frame_locator(MAP_FRAME).locator(".fc-popup h4")
    popup.wait_for(timeout=10_000)
    assert popup.inner_text().startswith("Alpha Station")
    assert watched.all_errors() == [] and watched.dialogs == []


@pytest.fixture(scope="module")
def national(national_server: Server) -> Server:
    """The bundled data, no tiles, an empty store (shared: tests/browser/conftest.py)."""
    return national_server


def test_canvas_places_on_one_spot_are_named_listed_and_picked(national, open_page) -> None:
    """Pokrovsk and Myrnohrad at zoom 7: the tooltip names the other, a click lists both,
    and picking Myrnohrad selects it (the sidebar's selected settlement)."""
    watched = open_page(f"{national.url}/?date=2025-11-20")
    page = watched.page
    page.wait_for_function(
        "(sel) => { const f = document.querySelector(sel); const d = f && f.contentDocument;"
        " return d && d.querySelector('[data-fc-drawn]'); }", arg=FRAME, timeout=90_000)
    mid = ((POKROVSK[0] + MYRNOHRAD[0]) / 2, (POKROVSK[1] + MYRNOHRAD[1]) / 2)
    text, picks = hover_and_click(page, *mid, 7)
    assert "Also here:" in text
    assert {"Pokrovsk", "Myrnohrad"} <= set(picks)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-overlap-canvas.png"))
    page.frame_locator(MAP_FRAME).locator(".fc-choose a", has_text="Myrnohrad").click()
    page.wait_for_function("() => location.search.includes('settlement=myrnohrad')",
                           timeout=60_000)
    assert watched.all_errors() == [] and watched.dialogs == []
