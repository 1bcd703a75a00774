"""The national bundled page (every place of data/places.parquet) in headless Chromium.

A real DeepState map from ``../shared/data`` is imported into the server's store when it
is there (place classes of every place stored at import), else a hand-made one: either way
every place carries DeepState's claim, as on a newsroom's server.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator

import pytest

from geo.dataset.load import load_dataset
from geo.maps.importer import import_deepstate
from geo.places.table import load_places
from tests.browser.conftest import MAP_FRAME, ROOT, Server, run_server
from tests.browser.test_canvas import _point_of, drawn, labels_at
from tests.render.rendered import overlapping

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME.replace("\\", "")
ARTIFACTS = ROOT / "test-artifacts"
REAL_MAP = ROOT.parent / "shared" / "data" / "deepstate" / "cyterat" / \
    "deepstatemap_data_20260101.geojson"


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Iterator[tuple[Server, dt.date]]:
    root = tmp_path_factory.mktemp("national")
    places = load_places(ROOT / "data")
    if REAL_MAP.is_file():
        day = dt.date(2026, 1, 1)
        import_deepstate(str(REAL_MAP), root / "store", date=day, places=places)
    else:   # a hand-made square over Pokrovsk (tests/deepstate_fixtures)
        from tests.deepstate_fixtures import as_bytes, raw_collection

        day = dt.date(2025, 11, 15)
        (root / "map.json").write_bytes(as_bytes(raw_collection()))
        import_deepstate(str(root / "map.json"), root / "store", date=day, places=places)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(root / "store")}
    # served as `make run` serves it: serve.py, the page with the warm-up at start
    with run_server(ROOT / "data", root / "streamlit.log", env=env, timeout=120,
                    script="serve.py") as server:
        yield server, day


def test_every_place_is_drawn_and_named_without_overlaps(national, open_page) -> None:
    server, day = national
    ds = load_dataset(ROOT / "data", places="all")
    watched = open_page(f"{server.url}/?date={day}")
    page = watched.page
    summary = drawn(page)
    caption = page.get_by_text("Showing ").first.inner_text()
    assert f"of {len(ds.settlements):,} settlements" in caption
    # every place has DeepState's claim from the stored map's classes
    assert f"({len(ds.settlements) - 1:,} with a claim" in caption or \
        f"({len(ds.settlements):,} with a claim" in caption
    assert summary["zoom"] >= 5
    far = labels_at(page, summary["zoom"])
    assert far["boxes"] and overlapping(far["boxes"]) == []
    assert {"Kyiv", "Kharkiv", "Odesa"} <= set(far["names"])       # the largest cities
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-bundled.png"))
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("body").evaluate(
        "() => window.map.setView([48.3, 37.22], 10, {animate: false})")  # Pokrovsk front
    near = labels_at(page, 10)
    assert near["boxes"] and overlapping(near["boxes"]) == []
    assert {"Pokrovsk", "Myrnohrad"} <= set(near["names"])
    assert len(near["boxes"]) > len(far["boxes"]) / 4   # villages get names when zoomed in
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-donbas.png"))
    assert watched.all_errors() == []


class Received:
    """The bytes the page receives over Streamlit's websocket from now on (Chrome's
    DevTools protocol: it also reports a socket opened before it was enabled)."""

    def __init__(self, page) -> None:
        self.frames: list[bytes] = []
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameReceived", self._on_frame)
        cdp.send("Network.enable")

    def _on_frame(self, event: dict) -> None:
        response = event["response"]
        data = response["payloadData"]
        self.frames.append(base64.b64decode(data) if response.get("opcode") == 2
                           else data.encode())

    def has(self, text: str) -> bool:
        return text.encode() in b"".join(self.frames)


def test_selecting_a_place_by_search_opens_it(national, open_page) -> None:
    """...and reruns only the place's fragment: the page's other parts (the territory
    panel, the downloads) are not sent again, the map is not mounted again and its
    component is not rendered again (the selection and the view reach it by a page
    script)."""
    server, day = national
    watched = open_page(f"{server.url}/?date={day}")
    page = watched.page
    drawn(page)
    frame = page.frame_locator(MAP_FRAME)
    # the map's window, and its layers: a selection evaluates none of them again
    frame.locator("body").evaluate(
        "() => { window.fcMounted = 1; window.feature_group.forEach(g => { g.fcKept = 1; });"
        " window.fcRenders = 0; window.addEventListener('message', e => {"
        " if (e.data && e.data.type === 'streamlit:render') window.fcRenders += 1; }); }")
    received = Received(page)
    page.get_by_role("textbox", name="Search (any spelling)").fill("Часів Яр")
    page.keyboard.press("Enter")
    page.get_by_text(f"All claims about Chasiv Yar up to {day}").wait_for(timeout=60_000)
    page.get_by_text("Timeline: what each claimant said about Chasiv Yar").wait_for(
        timeout=30_000)
    assert received.has("Chasiv Yar")
    assert not received.has("Download claims (CSV)")          # drawn by the full run only
    assert not received.has("Share of Ukraine said to be held by Russia")
    page.wait_for_function(
        "(sel) => { const w = document.querySelector(sel).contentWindow;"
        " if (!w.map) return false; const c = w.map.getCenter();"
        " return Math.abs(c.lat - 48.59) < 0.05 && Math.abs(c.lng - 37.85) < 0.05; }",
        arg=FRAME, timeout=30_000)                       # the map moved to the place
    assert frame.locator("body").evaluate("() => window.map.getZoom()") >= 10
    assert frame.locator("body").evaluate("() => window.fcMounted") == 1   # same map
    # the place is ringed on the map already drawn: its layers were not evaluated again
    page.wait_for_function(
        "(sel) => { const d = document.querySelector(sel).contentDocument;"
        " const c = d.querySelector('.leaflet-container');"
        " return c.getAttribute('data-fc-selected') === 'Chasiv Yar'; }",
        arg=FRAME, timeout=30_000)
    assert frame.locator("body").evaluate(
        "() => window.feature_group.every(g => g.fcKept === 1)")
    assert frame.locator(".leaflet-fc-selected-pane path").count() == 1
    # the map's component got no new arguments: the selection did not send the map
    assert frame.locator("body").evaluate("() => window.fcRenders") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "national-selected.png"))
    assert watched.all_errors() == []


def test_the_url_of_a_gn_place_selects_it(national, open_page) -> None:
    """A place only the table knows (no settlements.csv row) is addressable by its id."""
    server, day = national
    ds = load_dataset(ROOT / "data", places="all")
    place = ds.settlements[ds.settlements["id"].str.startswith("gn-")
                           & (ds.settlements["oblast"] == "Sumy")].iloc[0]
    watched = open_page(f"{server.url}/?date={day}&settlement={place['id']}")
    page = watched.page
    drawn(page)
    page.get_by_text(f"All claims about {place['name']} up to {day}").wait_for(timeout=60_000)
    assert watched.all_errors() == []


_TIP_BOX = """(sel) => { const d = document.querySelector(sel).contentDocument;
  const t = d.querySelector('.leaflet-tooltip'), c = d.querySelector('.leaflet-container');
  if (!t) return null; const a = t.getBoundingClientRect(), m = c.getBoundingClientRect();
  return {left: a.left - m.left, right: m.right - a.right, top: a.top - m.top,
          bottom: m.bottom - a.bottom, width: a.width, map: m.width}; }"""
#: the drawn place nearest the map's top right corner, in page pixels
_CORNER = """(sel) => { const f = document.querySelector(sel), w = f.contentWindow, m = w.map;
  const at = f.getBoundingClientRect(), size = m.getSize(); let layer = null, best = null;
  m.eachLayer(l => { if (l._drawn) layer = l; });
  for (const i of layer._drawn) {
    const p = m.layerPointToContainerPoint([layer._xs[i], layer._ys[i]]);
    if (p.x < 8 || p.y < 8 || p.x > size.x - 8 || p.y > size.y - 8) continue;
    if (!best || p.x - p.y > best.s) best = {s: p.x - p.y, x: at.left + p.x, y: at.top + p.y};
  }
  return best; }"""


def test_unclaimed_places_stay_under_the_claims_and_tooltips_inside_the_map(
        national, open_page) -> None:
    """Before the stored map's date most places have no claim: at country zoom they are
    drawn few and faint under the claimed ones (no grey blob over the outline); a hovered
    place's tooltip near the map's corner wraps and stays inside the map."""
    server, _ = national
    watched = open_page(f"{server.url}/?date=2025-06-01")
    page = watched.page
    summary = drawn(page)
    frame = page.frame_locator(MAP_FRAME)
    got = frame.locator("[data-fc-drawn]").evaluate(
        "(e) => JSON.parse(e.getAttribute('data-fc-drawn'))")
    assert got["unclaimed_in_view"] > 30_000               # every place but the curated
    assert got["unclaimed_drawn"] < got["unclaimed_in_view"] / 20
    assert got["disputed_drawn"] == got["disputed_in_view"] > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-unclaimed.png"))
    frame.locator("body").evaluate(
        "() => window.map.setView([48.3, 36.5], 8, {animate: false})")
    page.wait_for_function(
        "(sel) => { const c = document.querySelector(sel).contentDocument"
        ".querySelector('[data-fc-drawn]');"
        " return c && JSON.parse(c.getAttribute('data-fc-drawn')).zoom === 8; }",
        arg=FRAME, timeout=20_000)
    assert summary["zoom"] < 8
    spot = page.evaluate(_CORNER, FRAME)
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_function(f"(sel) => ({_TIP_BOX})(sel) !== null", arg=FRAME, timeout=10_000)
    box = page.evaluate(_TIP_BOX, FRAME)
    assert min(box["left"], box["right"], box["top"], box["bottom"]) >= 0, box
    assert box["width"] <= 300                            # wrapped, not one long line
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-tooltip-corner.png"))
    assert watched.all_errors() == []


_VIEW = """(sel) => { const m = document.querySelector(sel).contentWindow.map;
  if (!m) return null; const c = m.getCenter(); return {lat: c.lat, lon: c.lng,
  zoom: m.getZoom()}; }"""


def _at(page, lat: float, lon: float, zoom: int) -> None:
    page.wait_for_function(
        f"(sel) => {{ const v = ({_VIEW})(sel); return v && v.zoom === {zoom} &&"
        f" Math.abs(v.lat - {lat}) < 0.02 && Math.abs(v.lon - {lon}) < 0.02; }}",
        arg=FRAME, timeout=30_000)


def test_a_search_after_a_click_zoomed_in_frames_the_found_place(national, open_page) -> None:
    """A search frames the place it finds (zoom 10), also after a click at zoom 13: the
    selection kept the reader's zoom 13, as the zoom the page sent (10) was the one it had
    sent before (issue 11, i11e's note); the same place searched again after the click is
    framed again. A click leaves the map where the reader put it."""
    server, day = national
    ds = load_dataset(ROOT / "data", places="all")
    place = ds.settlements.set_index("id")
    pokrovsk, myrnohrad, kramatorsk = (place.loc[k] for k in ("pokrovsk", "myrnohrad",
                                                                "kramatorsk"))
    watched = open_page(f"{server.url}/?date={day}")
    page = watched.page
    drawn(page)
    box = page.get_by_role("textbox", name="Search (any spelling)")
    box.fill("Pokrovsk")
    page.keyboard.press("Enter")
    _at(page, float(pokrovsk["lat"]), float(pokrovsk["lon"]), 10)
    frame = page.frame_locator(MAP_FRAME)
    x, y = _point_of(page, float(myrnohrad["lat"]), float(myrnohrad["lon"]))
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.get_by_text(f"All claims about Myrnohrad up to {day}").wait_for(timeout=30_000)
    assert page.evaluate(_VIEW, FRAME)["zoom"] == 13            # the click: map left alone
    box.fill("Pokrovsk")       # the same place as the map was last sent: framed again
    page.keyboard.press("Enter")
    page.get_by_text(f"All claims about Pokrovsk up to {day}").wait_for(timeout=30_000)
    _at(page, float(pokrovsk["lat"]), float(pokrovsk["lon"]), 10)
    frame.locator("body").evaluate("() => window.map.setZoom(13, {animate: false})")
    box.fill("Kramatorsk")     # another place, the same zoom as last sent: framed at 10
    page.keyboard.press("Enter")
    page.get_by_text(f"All claims about Kramatorsk up to {day}").wait_for(timeout=30_000)
    _at(page, float(kramatorsk["lat"]), float(kramatorsk["lon"]), 10)
    assert watched.all_errors() == []
