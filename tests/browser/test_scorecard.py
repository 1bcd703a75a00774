"""The reliability scorecard in headless Chromium: the section under the map draws its
table, figures and lead chart on the bundled record, with no page error; a screenshot
is left in test-artifacts/ for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, Server, run_server

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
SHARED_MAPS = ROOT.parent / "shared" / "data" / "deepstate"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Server]:
    """The dashboard on the bundled data; the real DeepState maps in its store when the
    shared data is there (the scorecard is judged against them), else no maps."""
    root = tmp_path_factory.mktemp("scorecard")
    store = root / "store"
    if SHARED_MAPS.is_dir():
        from geo.maps.importer import import_deepstate
        from geo.places.table import load_places

        places = load_places(ROOT / "data")
        for path in sorted(SHARED_MAPS.glob("*/*.geojson")):
            import_deepstate(str(path), store, places=places)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(store)}
    with run_server(ROOT / "data", root / "streamlit.log", env=env, timeout=120) as server:
        yield server


def test_the_scorecard_draws_under_the_map(served, open_page) -> None:
    watched = open_page(f"{served.url}/?date=2025-12-31&settlement=pokrovsk")
    page = watched.page
    heading = page.get_by_text("Reliability: how far ahead of the map each claimant runs")
    heading.wait_for(timeout=120_000)
    heading.scroll_into_view_if_needed()
    chart = page.locator(".stVegaLiteChart, [data-testid='stVegaLiteChart']").last
    chart.wait_for(timeout=60_000)
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)  # vega-embed drew it
    page.get_by_text("Outcomes of the claims about Pokrovsk").wait_for(timeout=60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "scorecard.png"))
    chart.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "scorecard-chart.png"))
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150
    assert page.get_by_text("Scorecard (CSV)").count() == 1
    assert page.get_by_text("Scorecard with outcomes (JSON)").count() == 1
    assert not watched.errors, watched.errors
    assert not watched.dialogs and not watched.foreign
    assert Path(ARTIFACTS / "scorecard.png").stat().st_size > 10_000
