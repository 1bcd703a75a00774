"""The Reliability page in headless Chromium: reached from the summary under the map, it
draws the scorecard table, the lead chart (Vega-Lite, served by Streamlit: no request
leaves the machine) and every claim's outcome, on the bundled record judged against the
real DeepState maps of ../shared when they are there; a screenshot is left in
test-artifacts/reliability.png for a person to look at (``make screenshot`` copies it to
docs/screenshots/reliability.png)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.browser.conftest import ROOT, Server, run_server

pytestmark = pytest.mark.browser
SHOT = ROOT / "test-artifacts" / "reliability.png"
DOCS_SHOT = ROOT / "docs" / "screenshots" / "reliability.png"
SHARED_MAPS = ROOT.parent / "shared" / "data" / "deepstate"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[Server, bool]]:
    """The dashboard on the bundled data, with the shared DeepState maps in its store when
    they are there (else no maps: DeepState's own statements are the reference)."""
    root = tmp_path_factory.mktemp("reliability")
    store = root / "store"
    maps = sorted(SHARED_MAPS.glob("*/*.geojson")) if SHARED_MAPS.is_dir() else []
    if maps:
        from geo.maps.importer import import_deepstate
        from geo.places.table import load_places

        places = load_places(ROOT / "data")
        for path in maps:
            import_deepstate(str(path), store, places=places)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(store)}
    with run_server(ROOT / "data", root / "streamlit.log", env=env, timeout=120) as server:
        yield server, bool(maps)


def test_the_reliability_page_in_chromium_with_a_screenshot(served, open_page) -> None:
    server, with_maps = served
    watched = open_page(f"{server.url}/?date=2025-12-31")
    page = watched.page
    page.get_by_role("button", name="Open the Reliability page").click(timeout=180_000)
    page.get_by_text("Judged against DeepState's", exact=False).wait_for(timeout=60_000)
    kind = "stored maps" if with_maps else "own claims"
    assert page.get_by_text(f"Judged against DeepState's {kind}", exact=False).count() == 1
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)   # vega-embed drew it
    tables = page.locator("[data-testid='stDataFrame']")
    tables.nth(1).wait_for(timeout=60_000)                          # rows, every claim
    for label in ("Scorecard (CSV)", "Every claim's outcome (CSV)",
                  "Scorecard with outcomes (JSON)"):
        page.get_by_role("button", name=label).wait_for(timeout=30_000)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150
    # the sidebar's Page radio follows the button
    radio = page.locator("[data-testid='stSidebar'] [role='radiogroup'] input:checked")
    assert radio.evaluate("e => e.closest('label').innerText").strip() == "Reliability"
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 2000})    # the page down to the chart
    heading = page.get_by_role("heading", name="Reliability: capture claims measured")
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_function("e => e.getBoundingClientRect().top < 150", arg=heading
                           .element_handle())
    page.screenshot(path=str(SHOT))
    assert not watched.errors, watched.errors
    assert not watched.dialogs and not watched.foreign, watched.foreign
    assert SHOT.stat().st_size > 20_000
    # each share with the claims behind it, worded as a measure against DeepState
    assert page.get_by_text("judged", exact=False).count() > 0
    assert page.get_by_text("shown by DeepState within 30 days", exact=False).count() > 0
    if os.environ.get("FRONTLINE_SCREENSHOT"):                 # make screenshot
        shutil.copyfile(SHOT, DOCS_SHOT)


def test_the_timeline_in_the_side_column(served, open_page) -> None:
    """The selected place's timeline beside the map, its legends inside the side column
    (the "Claimed extent" legend overflowed it); a screenshot for a person to look at."""
    server, _ = served
    watched = open_page(f"{server.url}/?date=2025-12-31&settlement=pokrovsk")
    page = watched.page
    page.get_by_text("Timeline: what each claimant said about", exact=False).wait_for(
        timeout=180_000)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)
    drawn = chart.locator("canvas, svg").first.bounding_box()
    column = chart.locator("xpath=ancestor::div[@data-testid='stColumn'][1]").bounding_box()
    assert drawn is not None and column is not None
    assert drawn["x"] + drawn["width"] <= column["x"] + column["width"] + 1  # nothing cut
    chart.screenshot(path=str(SHOT.with_name("timeline-reliability.png")))
    assert not watched.errors, watched.errors
    assert not watched.foreign, watched.foreign
