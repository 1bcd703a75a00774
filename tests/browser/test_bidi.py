"""An unbalanced right-to-left override in a place's name does not reverse the map's own
words after it (issue 14.10), checked where Chromium lays the text out: the rendered map
of a tiny data directory, served from a made-up origin with the bundled Leaflet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.claims.index import resolve
from geo.claims.latest import latest_claims
from geo.dataset.load import load_dataset
from geo.render.basemap import base_map
from geo.render.dom import settlement_layer
from geo.settings import MapConfig
from tests.browser.conftest import ROOT
from tests.helpers import CLAIMANTS, SETTLEMENTS, claim, write_data

pytestmark = pytest.mark.browser

RLO = "\u202e"
ORIGIN = "http://frontline.test"
LEAFLET = ROOT / "static" / "leaflet"

# Where the first and last letters of the word "disputed" after the name are drawn: left to
# right unless an override leaked into it.
DIRECTION_JS = """() => {
  const tip = document.querySelector('.leaflet-tooltip');
  if (!tip) { return null; }
  const walker = document.createTreeWalker(tip, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.data === 'disputed') {
      const at = (i) => { const r = document.createRange(); r.setStart(node, i);
                          r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
      return {first: at(0), last: at(node.data.length - 1), text: tip.textContent};
    }
  }
  return {text: tip.textContent};
}"""


def _map_html(tmp_path: Path) -> str:
    settlements = [dict(SETTLEMENTS[0], name=f"Alpha {RLO}Override")]
    claims = [claim("c1", "2025-01-01", "alpha", "ru_mod", "russian"),
              claim("c2", "2025-01-01", "alpha", "ua_gs", "ukrainian")]
    directory = write_data(tmp_path, settlements=settlements, claimants=CLAIMANTS,
                           claims=claims)
    ds = load_dataset(directory, today=dt.date(2026, 1, 1))
    day = dt.date(2025, 1, 2)
    m = base_map(MapConfig(tiles="none"))
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    settlement_layer(resolve(ds.settlements, ds.claims, day), latest_claims(ds.claims, day),
                     names, None).add_to(m)
    return str(m.get_root().render())


def test_an_override_in_a_name_stays_in_the_name(browser, tmp_path: Path) -> None:
    html = _map_html(tmp_path)
    page = browser.new_page()

    def serve(route) -> None:
        url = route.request.url
        if "/static/leaflet/" in url:
            path = LEAFLET / url.split("/static/leaflet/", 1)[1].split("?")[0]
            kind = "text/css" if path.suffix == ".css" else "application/javascript"
            if path.suffix == ".png":
                kind = "image/png"
            route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
        elif url.rstrip("/") == ORIGIN:
            route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
        else:
            route.abort()

    try:
        page.route("**/*", serve)
        page.goto(ORIGIN + "/")
        page.wait_for_selector(".fc-marker", timeout=20_000)
        marker = page.locator(".fc-marker").first
        title = marker.get_attribute("title") or ""
        assert "&quot;" not in title and "&#" not in title
        assert title.startswith(f"\u2068Alpha {RLO}Override\u2069")
        marker.hover()
        page.wait_for_selector(".leaflet-tooltip", timeout=10_000)
        found = page.evaluate(DIRECTION_JS)
        assert found and "first" in found, found
        assert found["first"] < found["last"], f"'disputed' drawn reversed: {found}"
    finally:
        page.close()
