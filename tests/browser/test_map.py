"""The map in headless Chromium: markers, date change without remount, popups, no errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator

import pytest

from tests.browser.conftest import MAP_FRAME, ROOT, Server, run_server
from tests.fixtures import FROZEN
from tests.helpers import CLAIMANTS, SETTLEMENTS, TERRITORY, claim, write_data
from tests.render.rendered import LABELS_JS, overlapping

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
TILE_HOST = "tile.openstreetmap.org"
ICON = ".fc-icon"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Iterator[Server]:
    """The dashboard on the bundled data as it was before the record and the national table
    (tests/fixtures/bundled: 8 places, DOM markers), with the default (unreachable here)
    tile server."""
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with run_server(FROZEN, log) as server:
        yield server


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def wait_markers(page, count: int, timeout: float = 30_000):
    frame = map_frame(page)
    frame.locator(ICON).first.wait_for(timeout=timeout)
    page.wait_for_function(
        """([sel, n]) => {
             const f = document.querySelector(sel);
             return f && f.contentDocument &&
                    f.contentDocument.querySelectorAll('.fc-icon').length === n;
           }""",
        arg=[MAP_FRAME.replace("\\", ""), count], timeout=timeout)
    return frame


def set_date(page, iso: str) -> None:
    """Paste a date into Streamlit's date field (react-aria segments), then leave it."""
    year = page.get_by_role("spinbutton", name="year, Date", exact=True)
    year.click()
    year.evaluate(
        """(el, text) => {
             const data = new DataTransfer();
             data.setData('text/plain', text);
             el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                            cancelable: true}));
           }""", iso)
    page.keyboard.press("Tab")


def test_markers_for_every_visible_settlement(bundled: Server, open_page) -> None:
    w = open_page(f"{bundled.url}/?date=2025-11-11", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    ids = {frame.locator(ICON).nth(i).get_attribute("data-settlement") for i in range(8)}
    assert ids == {"pokrovsk", "myrnohrad", "kupiansk", "kupiansk-vuzlovyi", "dobropillia",
                   "novouspenivske", "kramatorsk", "sloviansk"}
    pokrovsk = frame.locator(f'{ICON}[data-settlement="pokrovsk"]')
    assert pokrovsk.get_attribute("data-disputed") == "1"
    # Kupiansk: a partial Russian claim, striped with the page's one stripes pattern
    kupiansk = frame.locator(f'{ICON}[data-settlement="kupiansk"] path[fill="url(#fc-stripes)"]')
    assert kupiansk.count() == 1
    assert frame.locator("#fc-stripes").count() == 1
    assert frame.locator(".fc-legend").is_visible()
    # Leaflet came from the app itself, not a CDN
    assert not [u for u in w.foreign if TILE_HOST not in u], w.foreign
    assert not w.all_errors(), w.all_errors()


def test_changing_the_date_updates_markers_without_remount(bundled: Server, open_page) -> None:
    w = open_page(f"{bundled.url}/?date=2025-11-11", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    kupiansk = f'{ICON}[data-settlement="kupiansk"]'
    assert frame.locator(kupiansk).get_attribute("data-ru") == "russian"
    # a mark on the map's window survives only if the map is updated, not reloaded
    frame.locator("body").evaluate("() => { window.__fcProbe = 42; }")
    set_date(w.page, "2022-09-10")
    frame.locator(f'{kupiansk}[data-ru="none"]').wait_for(timeout=20_000)
    assert frame.locator(kupiansk).get_attribute("data-ua") == "ukrainian"
    assert frame.locator("body").evaluate("() => window.__fcProbe") == 42
    w.page.wait_for_url("**/?*date=2022-09-10*", timeout=10_000)
    assert not w.all_errors(), w.all_errors()


def test_popup_lists_claims_with_sources(bundled: Server, open_page) -> None:
    w = open_page(f"{bundled.url}/?date=2025-11-11", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    frame.locator(f'{ICON}[data-settlement="pokrovsk"]').click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    if "Several places here" in popup.inner_text():   # Myrnohrad overlaps it at this zoom
        popup.locator("a[data-fc-pick]", has_text="Pokrovsk").click()
        popup = frame.locator(".leaflet-popup-content", has_text="The sides")
        popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Pokrovsk" in text and "The sides' claims disagree" in text
    assert "Russian Ministry of Defence" in text and "says encircled" in text
    assert "says not encircled" in text and "Source:" in text
    link = popup.locator("a", has_text="Gamereactor")
    assert link.get_attribute("href").startswith("https://www.gamereactor.eu/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert not w.all_errors(), w.all_errors()


def labels(page) -> dict:
    """The labeller's report (names drawn on its canvas and their boxes)."""
    frame = MAP_FRAME.replace("\\", "")
    page.wait_for_function(f"(sel) => !!({LABELS_JS})(sel)", arg=frame, timeout=20_000)
    return page.evaluate(LABELS_JS, frame)


def test_places_are_named_on_the_map_without_overlaps(bundled: Server, open_page) -> None:
    w = open_page(f"{bundled.url}/?date=2025-11-20", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    report = labels(w.page)
    assert {"Pokrovsk", "Kupiansk", "Myrnohrad"} <= set(report["names"])
    assert overlapping(report["boxes"]) == []
    ARTIFACTS.mkdir(exist_ok=True)
    w.page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "bundled-labels.png"))
    # zoomed out, fewer names fit, none overlapping; the outline is drawn beneath
    frame.locator("body").evaluate("() => window.map.setZoom(6, {animate: false})")
    w.page.wait_for_function(f"(sel) => ({LABELS_JS})(sel).zoom === 6",
                             arg=MAP_FRAME.replace("\\", ""), timeout=20_000)
    far = labels(w.page)
    assert far["names"] and overlapping(far["boxes"]) == []
    assert frame.locator(".leaflet-fc-outline-pane path").count() >= 1
    assert not w.all_errors(), w.all_errors()


def test_popup_near_the_top_edge_stays_inside_the_map(bundled: Server, open_page) -> None:
    """Kupiansk's popup opened above the map's edge: the map now pans to keep it inside."""
    w = open_page(f"{bundled.url}/?date=2025-11-20", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    body = frame.locator("body")
    # put Kupiansk 25 px below the map's top edge, then open its popup
    body.evaluate("""() => { const m = window.map;
        const ll = document.querySelector('[data-settlement="kupiansk"]')
          .closest('.leaflet-marker-icon')._leaflet_pos;
        const p = m.layerPointToContainerPoint(ll);
        m.panBy([0, p.y - 25], {animate: false}); }""")
    frame.locator(f'{ICON}[data-settlement="kupiansk"]').click()
    popup = frame.locator(".leaflet-popup").last
    popup.wait_for(timeout=10_000)
    if "Several places here" in popup.inner_text():   # Kupiansk-Vuzlovyi overlaps it
        popup.locator("a[data-fc-pick]").get_by_text("Kupiansk", exact=True).click()
        frame.locator(".leaflet-popup-content h4").last.wait_for(timeout=10_000)
    w.page.wait_for_timeout(600)                     # the map's pan to fit the popup
    inside = body.evaluate("""() => {
        const box = window.map.getContainer().getBoundingClientRect();
        const all = document.querySelectorAll('.leaflet-popup');
        const p = all[all.length - 1].getBoundingClientRect();
        return [p.top - box.top, box.bottom - p.bottom, p.left - box.left,
                box.right - p.right]; }""")
    assert min(inside) >= 0, inside
    assert "Kupiansk" in frame.locator(".leaflet-popup-content h4").last.inner_text()
    assert not w.all_errors(), w.all_errors()


def test_tooltips_at_the_left_and_right_edges_stay_inside_the_map(bundled: Server,
                                                                  open_page) -> None:
    """A new user's review: a place's tooltip near the map's side was cut off by its edge."""
    w = open_page(f"{bundled.url}/?date=2025-11-20")
    frame = wait_markers(w.page, 8)
    body = frame.locator("body")
    for place, x in (("kupiansk", 30), ("pokrovsk", -30)):   # x < 0: from the right edge
        body.evaluate("""(el, [id, x]) => { const m = window.map;
            const ll = document.querySelector(`[data-settlement="${id}"]`)
              .closest('.leaflet-marker-icon')._leaflet_pos;
            const p = m.layerPointToContainerPoint(ll), size = m.getSize();
            m.panBy([p.x - (x > 0 ? x : size.x + x), p.y - size.y / 2], {animate: false});
            }""", [place, x])
        frame.locator(f'{ICON}[data-settlement="{place}"]').hover()
        tip = frame.locator(".leaflet-tooltip").last
        tip.wait_for(timeout=10_000)
        inside = body.evaluate("""() => {
            const box = window.map.getContainer().getBoundingClientRect();
            const all = document.querySelectorAll('.leaflet-tooltip');
            const t = all[all.length - 1].getBoundingClientRect();
            return [t.left - box.left, box.right - t.right]; }""")
        assert min(inside) >= 0, (place, inside)
        frame.locator("body").hover(position={"x": 5, "y": 5})
    assert not w.all_errors(), w.all_errors()


def test_basemap_notice_when_tiles_unavailable(bundled: Server, open_page) -> None:
    """These machines have no internet: tiles fail, the map says so and still shows claims."""
    w = open_page(f"{bundled.url}/", allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    notice = frame.locator(".fc-basemap-notice")
    notice.wait_for(timeout=20_000)
    assert "Basemap unavailable" in notice.inner_text()


def test_screenshot(bundled: Server, open_page) -> None:
    """Save a screenshot of the report day (docs/screenshot.png with FRONTLINE_SCREENSHOT)."""
    w = open_page(f"{bundled.url}/?date=2025-11-20&settlement=pokrovsk",
                  allowed_hosts=("127.0.0.1", TILE_HOST))
    frame = wait_markers(w.page, 8)
    frame.locator(f'{ICON}[data-settlement="pokrovsk"]').click()
    frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    w.page.get_by_text("Share of Ukraine said to be held by Russia").wait_for()
    w.page.wait_for_timeout(800)  # let the chart finish drawing
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "screenshot.png"
    w.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    target = os.environ.get("FRONTLINE_SCREENSHOT")
    if target:
        shutil.copyfile(shot, ROOT / target)


PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "`${alert(3)}`",
            "\"'><svg onload=alert(4)>"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[Server]:
    """A data directory whose every text field carries a script payload."""
    p = " ".join(PAYLOADS)
    d = tmp_path_factory.mktemp("hostile")
    write_data(
        d,
        claimants=[dict(c, name=f"{c['name']} {p}") for c in CLAIMANTS],
        settlements=[dict(s, name=f"{s['name']} {p}", oblast=p, aliases=p)
                     for s in SETTLEMENTS],
        claims=[claim("c1", "2025-01-01", "alpha", "ru_mod", "russian", extent="partial",
                      part=p, summary=f"Summary {p}", source=f"Wire {p}"),
                claim("c2", "2025-01-01", "alpha", "ua_gs", "contested", summary=p,
                      source=p)],
        territory=[dict(TERRITORY[0], summary=p, source=p, includes=p)],
    )
    with run_server(d, d / "streamlit.log", env={"FRONTLINE_TILES": "none"}) as server:
        yield server


def test_injected_payloads_stay_text(hostile: Server, open_page) -> None:
    # a payload in the URL is ignored with a notice (checked on this first page) ...
    w = open_page(f"{hostile.url}/?date=2025-01-01&claimants={PAYLOADS[0]}")
    wait_markers(w.page, 3)
    w.page.get_by_text("Ignored unknown claimant").wait_for(timeout=10_000)
    assert w.page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    # ... and the markers are clicked on a clean link: with the ignored parameter the first
    # click on Alpha reached the map, not the marker (known bug, see the session note)
    w.page.goto(f"{hostile.url}/?date=2025-01-01")
    frame = wait_markers(w.page, 3)
    alpha = frame.locator(f'{ICON}[data-settlement="alpha"]')
    alpha.hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert PAYLOADS[0] in tooltip.inner_text()
    alpha.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    for payload in PAYLOADS:
        assert payload in text                       # shown literally, as text
    assert popup.locator("img, script, svg[onload]").count() == 0
    # the labels draw the names as text on a canvas: the payloads read literally
    assert any(PAYLOADS[0] in name for name in labels(w.page)["names"])
    # the territory panel shows the hostile source and claimant names as plain text
    body = w.page.locator('[data-testid="stMain"]').inner_text()
    assert PAYLOADS[0] in body and PAYLOADS[1] in body
    assert w.page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    w.page.wait_for_timeout(1000)                    # give any injected handler time to run
    assert w.dialogs == [], w.dialogs
    assert w.foreign == [], w.foreign
    assert not w.all_errors(), w.all_errors()


@pytest.fixture(scope="module")
def mapped(tmp_path_factory) -> Iterator[Server]:
    """The bundled data plus a store holding one hand-made DeepState map (2025-11-15)."""
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection

    root = tmp_path_factory.mktemp("mapped")
    (root / "map.json").write_bytes(as_bytes(raw_collection()))
    import_deepstate(str(root / "map.json"), root / "store", date=dt.date(2025, 11, 15))
    with run_server(FROZEN, root / "streamlit.log",
                    env={"FRONTLINE_STORE": str(root / "store"),
                         "FRONTLINE_TILES": "none"}) as server:
        yield server


def test_control_layer_shows_and_toggles(mapped: Server, open_page) -> None:
    w = open_page(f"{mapped.url}/?date=2025-11-20")
    frame = wait_markers(w.page, 8)
    for cls in ("occupied", "pre2022", "grey", "liberated"):
        frame.locator(f"path.fc-control-{cls}").first.wait_for(state="attached",
                                                                 timeout=10_000)
    # the territory panel shows the share computed from that map beside the announced ones
    w.page.get_by_text("DeepState map: computed area").wait_for()
    assert w.page.get_by_text("map of 2025-11-15").count() >= 1
    frame.locator("body").evaluate("() => { window.__fcProbe = 7; }")
    w.page.get_by_text("Show DeepState control map").click()
    w.page.wait_for_function(
        """(sel) => { const f = document.querySelector(sel);
                      return f && f.contentDocument &&
                             !f.contentDocument.querySelector('path.fc-control'); }""",
        arg=MAP_FRAME.replace("\\", ""), timeout=15_000)
    assert frame.locator(ICON).count() == 8                # the claims stay
    assert frame.locator("body").evaluate("() => window.__fcProbe") == 7  # no remount
    w.page.get_by_text("Show DeepState control map").click()
    frame.locator("path.fc-control-occupied").first.wait_for(state="attached", timeout=15_000)
    # before the first snapshot there is no layer
    set_date(w.page, "2025-11-11")
    w.page.get_by_text("No control map on or before 2025-11-11").wait_for(timeout=15_000)
    assert not w.all_errors(), w.all_errors()


@pytest.fixture(scope="module")
def editable(tmp_path_factory) -> Iterator[tuple[Server, object]]:
    """The dashboard on a writable copy of the frozen bundled data (8 places)."""
    root = tmp_path_factory.mktemp("editable")
    shutil.copytree(FROZEN, root / "data")
    with run_server(root / "data", root / "streamlit.log",
                    env={"FRONTLINE_TILES": "none",
                         "FRONTLINE_STORE": str(root / "store")}) as server:
        yield server, root / "data"


def test_paste_review_accept(editable, open_page) -> None:
    server, data = editable
    before = (data / "claims.csv").read_text()
    w = open_page(f"{server.url}/")
    wait_markers(w.page, 8)
    w.page.get_by_text("Add claims").click()
    w.page.get_by_label("Report text").fill(
        "Russia said its forces captured the village of Novouspenivske. "
        "Kyiv said its troops were still fighting inside Dobropillia.")
    w.page.get_by_label("Source (publisher)").fill("Browser Test Wire")
    w.page.get_by_role("button", name="Find claims").click()
    w.page.get_by_text("Draft claims (2)").wait_for(timeout=20_000)
    w.page.get_by_text("The report, evidence highlighted").click()
    w.page.get_by_role("button", name="Accept 2 selected claim(s)").click()
    w.page.get_by_text("Wrote 2 claim(s)").wait_for(timeout=20_000)
    after = (data / "claims.csv").read_text()
    assert after.startswith(before)  # claims.csv only grew; the evidence is in its side file
    added = after[len(before):].strip().splitlines()
    assert len(added) == 2 and all("Browser Test Wire" in line for line in added)
    evidence = (data / "claims-evidence.csv").read_text().splitlines()
    assert len(evidence) == 3 and "Novouspenivske" in evidence[1] + evidence[2]
    ARTIFACTS.mkdir(exist_ok=True)
    w.page.screenshot(path=str(ARTIFACTS / "add-claims.png"), full_page=True)
    # back on the map, the new claims are there
    w.page.get_by_text("Map", exact=True).click()
    frame = wait_markers(w.page, 8)
    dob = frame.locator(f'{ICON}[data-settlement="dobropillia"]')
    dob.wait_for(timeout=20_000)
    assert not w.all_errors(), w.all_errors()
