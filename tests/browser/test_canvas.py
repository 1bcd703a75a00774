"""The national-scale map (one canvas) in headless Chromium: drawn, hover, click, dates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import synth
from geo.claims.index import resolve
from geo.dataset.load import load_dataset
from geo.places.lookup import PlaceIndex
from geo.render.markers import tooltip_html
from tests.browser.conftest import MAP_FRAME, ROOT, Server, run_server
from tests.render.rendered import LABELS_JS, overlapping

pytestmark = pytest.mark.browser
FRAME = MAP_FRAME.replace("\\", "")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Iterator[tuple[Server, Path]]:
    """The dashboard on 900 generated places (above the DOM-marker limit of 400)."""
    root = tmp_path_factory.mktemp("many")
    data = synth.write(root / "data", 900, 20_000, 0, seed=3, store=None)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(root / "store")}
    with run_server(data, root / "streamlit.log", env=env, timeout=90) as server:
        yield server, data


def drawn(page) -> dict:
    """The canvas's own summary of what it drew (set after each drawing)."""
    # a map started anew (another mode) briefly sits beside the old one: wait for one frame
    page.wait_for_function(
        "(sel) => { const fs = document.querySelectorAll(sel); if (fs.length !== 1) return false;"
        " const d = fs[0].contentDocument; return d && d.querySelector('[data-fc-drawn]'); }",
        arg=FRAME, timeout=60_000)
    box = page.frame_locator(MAP_FRAME).locator("[data-fc-drawn]")
    return {"stamp": box.get_attribute("data-fc-canvas"),
            **json.loads(box.get_attribute("data-fc-drawn"))}


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")).replace("&amp;", "&")


def test_canvas_draws_every_disputed_place_and_says_what_it_left_out(many, open_page) -> None:
    server, data = many
    ds = load_dataset(data)
    day = ds.last_date
    watched = open_page(f"{server.url}/?date={day}")
    page = watched.page
    summary = drawn(page)
    frame = page.frame_locator(MAP_FRAME)
    assert summary["stamp"] == f"{day}|900"                  # all 900 places sent
    assert frame.locator(".fc-icon").count() == 0             # no per-place DOM markers
    assert summary["disputed_in_view"] > 0
    assert summary["disputed_drawn"] == summary["disputed_in_view"]
    note = frame.locator(".fc-lod-note")
    if summary["drawn"] < summary["in_view"]:                 # zoomed out: the map says so
        assert note.is_visible()
        assert f"Drawn: {summary['drawn']:,} of {summary['in_view']:,} places" in note.inner_text()
    # zoomed in, everything in view is drawn and the note goes away
    frame.locator("body").evaluate("() => window.map.setZoom(11, {animate: false})")
    page.wait_for_function(
        "(sel) => JSON.parse(document.querySelector(sel).contentDocument"
        ".querySelector('[data-fc-drawn]').getAttribute('data-fc-drawn')).zoom === 11",
        arg=FRAME, timeout=20_000)
    zoomed = drawn(page)
    assert zoomed["drawn"] == zoomed["in_view"]
    assert not note.is_visible()
    assert watched.all_errors() == [] and watched.dialogs == [] and watched.foreign == []


def test_hover_shows_the_claims_and_click_selects_the_place(many, open_page) -> None:
    server, data = many
    ds = load_dataset(data)
    day = ds.last_date
    resolved = resolve(ds.settlements, ds.claims, day)
    place = resolved[resolved["disputed"]].iloc[0]
    watched = open_page(f"{server.url}/?date={day}")
    page = watched.page
    drawn(page)
    frame = page.frame_locator(MAP_FRAME)
    # centre the map on the place, zoomed in so it is not hidden under a neighbour
    x, y = _point_of(page, float(place["lat"]), float(place["lon"]))
    page.mouse.move(x, y)
    tip = frame.locator(".fc-dot-tooltip")
    tip.wait_for(timeout=10_000)
    assert tip.inner_text().strip() == text_of(tooltip_html(place)).strip()
    page.mouse.click(x, y)
    history = page.get_by_text(f"All claims about {place['name']} up to {day}")
    history.wait_for(timeout=30_000)
    # the map stays where the reader put it, and the "loading" popup goes with the redraw
    page.wait_for_function(
        "(sel) => { const d = document.querySelector(sel).contentDocument;"
        " return d && !d.querySelector('.leaflet-popup'); }", arg=FRAME, timeout=20_000)
    assert frame.locator("body").evaluate("() => window.map.getZoom()") == 13
    # another place chosen by search replaces the clicked one, and stays chosen
    # (a name that only that place matches exactly; others are listed below it)
    places = PlaceIndex(ds.settlements)
    other = next(row for _, row in ds.settlements.iloc[::-1].iterrows()
                 if row["id"] != place["settlement"]
                 and places.find(row["name"]).query("tier == 0")["id"].tolist() == [row["id"]])
    page.get_by_role("textbox", name="Search (any spelling)").fill(other["name"])
    page.keyboard.press("Enter")
    page.get_by_text(f"All claims about {other['name']} up to {day}").wait_for(timeout=30_000)
    page.get_by_role("button", name="◀ Earlier claim").click()
    page.get_by_text(f"All claims about {other['name']} up to").wait_for(timeout=30_000)
    assert page.get_by_text(f"All claims about {place['name']} up to").count() == 0
    assert watched.all_errors() == []


def test_date_change_redraws_the_canvas(many, open_page) -> None:
    server, data = many
    ds = load_dataset(data)
    dates = sorted(set(ds.claims["date"].dt.date))
    watched = open_page(f"{server.url}/?date={dates[-5]}")
    page = watched.page
    assert drawn(page)["stamp"] == f"{dates[-5]}|900"
    page.get_by_role("button", name="Later claim ▶").click()
    page.wait_for_function(
        "([sel, want]) => { const d = document.querySelector(sel).contentDocument;"
        " const e = d.querySelector('[data-fc-canvas]');"
        " return e && e.getAttribute('data-fc-canvas') === want; }",
        arg=[FRAME, f"{dates[-4]}|900"], timeout=30_000)
    assert page.frame_locator(MAP_FRAME).locator("canvas.fc-dots").count() == 1   # replaced
    assert watched.all_errors() == []


def _point_of(page, lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates of a place, after centring the map on it at zoom 13."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("body").evaluate(
        "(el, [lat, lon]) => window.map.setView([lat, lon], 13, {animate: false})", [lat, lon])
    page.wait_for_function(
        "(sel) => JSON.parse(document.querySelector(sel).contentDocument"
        ".querySelector('[data-fc-drawn]').getAttribute('data-fc-drawn')).zoom === 13",
        arg=FRAME, timeout=20_000)
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = frame.locator("body").evaluate(
        "(el, [lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }", [lat, lon])
    return box["x"] + x, box["y"] + y


def test_clicks_select_after_switching_from_markers_to_canvas(many, open_page) -> None:
    """A few disputed places are DOM markers; unticking "Disputed only" shows all on the
    canvas, whose clicks must select (the map is started anew for the other mode)."""
    server, data = many
    ds = load_dataset(data)
    day = ds.last_date
    resolved = resolve(ds.settlements, ds.claims, day)
    assert 0 < resolved["disputed"].sum() <= 400
    watched = open_page(f"{server.url}/?date={day}&disputed=1")
    page = watched.page
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".fc-icon").first.wait_for(timeout=30_000)
    page.get_by_text("Disputed only").click()
    drawn(page)
    place = resolved[~resolved["disputed"]].iloc[0]
    x, y = _point_of(page, float(place["lat"]), float(place["lon"]))
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.get_by_text(f"All claims about {place['name']} up to {day}").wait_for(timeout=30_000)
    assert watched.all_errors() == []


def labels_at(page, zoom: int) -> dict:
    """The labeller's report once the map is drawn at ``zoom``."""
    page.wait_for_function(f"(sel) => {{ const r = ({LABELS_JS})(sel);"
                           f" return r && r.zoom === {zoom}; }}", arg=FRAME, timeout=20_000)
    return page.evaluate(LABELS_JS, FRAME)


def test_labels_name_places_without_overlap_at_two_zooms(many, open_page) -> None:
    """Names are drawn on a canvas (no element per place), never overlapping, more of them
    when zoomed in; the national map zoomed in is saved for the note."""
    server, data = many
    ds = load_dataset(data)
    watched = open_page(f"{server.url}/?date={ds.last_date}")
    page = watched.page
    frame = page.frame_locator(MAP_FRAME)
    zoom0 = drawn(page)["zoom"]
    far = labels_at(page, zoom0)
    assert far["boxes"] and overlapping(far["boxes"]) == []
    assert set(far["names"]) <= set(ds.settlements["name"])
    assert frame.locator(".leaflet-tooltip-permanent").count() == 0   # canvas, not DOM
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-far.png"))
    frame.locator("body").evaluate("() => window.map.setZoom(9, {animate: false})")
    near = labels_at(page, 9)
    assert near["boxes"] and overlapping(near["boxes"]) == []
    # zoomed in, a larger share of the places in view is named
    assert len(near["boxes"]) / near["candidates"] >= 0.2
    assert frame.locator("[data-fc-outline]").count() == 1
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "national-labels.png"))
    assert watched.all_errors() == []
