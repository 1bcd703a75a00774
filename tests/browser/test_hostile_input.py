"""Hostile links in headless Chromium: script payloads and invalid values in the query string.

The app reads its filters from the URL (``geo.claims.urlcodec``). A link carrying payloads must
be ignored with a notice that never repeats the value, no script may run (no dialog, no
request to another host, no live element built from the payload, in the page or in the
map's frame), and the dashboard must still draw every marker.
"""

from __future__ import annotations

import urllib.parse

import pytest

from tests.browser.conftest import MAP_FRAME, Server

pytestmark = pytest.mark.browser

PAYLOADS = {
    "date": "<script>alert(1)</script>",
    "claimants": "<img src=x onerror=alert(2)>",
    "settlement": '"><svg onload=alert(3)>',
    "status": "javascript:alert(4)",
    "max_age": "-1",
    "disputed": "maybe",
}
#: One notice per ignored parameter (geo.claims.urlcodec.decode), in the words the page uses.
NOTICES = [
    "Ignored the link's 'date' parameter: not a date",
    "Ignored unknown claimant id(s) in the link's 'claimants' parameter.",
    "No known claimant in the link; showing all claimants.",
    "Ignored the link's 'settlement' parameter: unknown settlement id.",
    "Ignored unknown value(s) in the link's 'status' parameter",
    "Ignored the link's 'max_age' parameter (use a number of days).",
    "Ignored the link's 'disputed' parameter (use 1 or 0).",
]
#: Elements a payload would create if it became markup (an ``on*`` handler anywhere, too).
LIVE = 'img[src="x"], svg[onload], [onerror], [onload], [onmouseover]'
FIND_LIVE = """(sel) => {
    const docs = [document];
    for (const f of document.querySelectorAll('iframe')) {
        try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
    }
    const out = [];
    for (const d of docs) {
        for (const el of d.querySelectorAll(sel)) out.push(el.outerHTML.slice(0, 200));
        for (const s of d.querySelectorAll('script')) {
            if (/alert\\(/.test(s.textContent)) out.push(s.outerHTML.slice(0, 200));
        }
    }
    return out;
}"""


@pytest.fixture(scope="module")
def tiny(small_server: Server) -> Server:
    """The dashboard on a three-settlement data directory, no basemap, an empty store
    (shared with other modules: tests/browser/conftest.py)."""
    return small_server


def wait_markers(page, count: int, timeout: float = 30_000) -> None:
    """Wait until the map frame holds exactly ``count`` settlement markers."""
    page.frame_locator(MAP_FRAME).locator(".fc-icon").first.wait_for(timeout=timeout)
    page.wait_for_function(
        """([sel, n]) => { const f = document.querySelector(sel);
                           return f && f.contentDocument &&
                                  f.contentDocument.querySelectorAll('.fc-icon').length === n; }""",
        arg=[MAP_FRAME.replace("\\", ""), count], timeout=timeout)


def marker_states(page) -> dict[str, tuple[str, ...]]:
    """Each marker's settlement and the status each side claims (ru, ua, independent)."""
    pairs = page.frame_locator(MAP_FRAME).locator(".fc-icon").evaluate_all(
        """els => els.map(e => [e.dataset.settlement,
                                [e.dataset.ru, e.dataset.ua, e.dataset.independent]])""")
    return {settlement: tuple(sides) for settlement, sides in pairs}


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def frame_html(page) -> str:
    return page.frame_locator(MAP_FRAME).locator("html").evaluate("el => el.outerHTML")


def test_link_with_payloads_is_ignored_and_runs_nothing(tiny: Server, open_page) -> None:
    query = urllib.parse.urlencode(PAYLOADS, quote_via=urllib.parse.quote)
    w = open_page(f"{tiny.url}/?{query}")
    wait_markers(w.page, 3)
    # every claimant's latest claims on the latest date (tests.helpers' CLAIMS)
    assert marker_states(w.page) == {"alpha": ("russian", "ukrainian", "none"),
                                     "beta": ("russian", "russian", "none"),
                                     "gamma": ("none", "none", "contested")}
    for notice in NOTICES:
        w.page.get_by_text(notice).first.wait_for(timeout=15_000)
    # the app rewrites the link to the view it shows: the latest date, nothing else
    w.page.wait_for_url(f"{tiny.url}/?date=2025-03-01", timeout=15_000)
    w.page.wait_for_timeout(1000)                   # give any injected handler time to run
    assert w.dialogs == [], w.dialogs
    assert w.foreign == [], w.foreign
    assert w.page.evaluate(FIND_LIVE, LIVE) == []
    body, html = main_text(w.page), frame_html(w.page)
    for value in PAYLOADS.values():
        if len(value) > 5:                          # "-1" and "maybe" could occur innocently
            assert value not in body, value         # notices never repeat the link's value
            assert value not in html, value
    assert "alert(" not in body and "alert(" not in html
    assert not w.all_errors(), w.all_errors()


def test_unencoded_repeated_and_oversized_parameters(tiny: Server, open_page) -> None:
    """A hand-typed link: raw quotes and brackets, a key given twice, a 5,000-character value,
    template-literal and backtick breakers."""
    url = (f"{tiny.url}/?date=2025-02-01&date=`${{alert(5)}}`"
           f"&claimants=ru_mod,'-alert(6)-'&settlement=alpha\"onmouseover=alert(7)"
           f"&status={'x' * 5000}")
    w = open_page(url)
    for notice in ("Ignored the link's 'date' parameter: not a date",
                   "Ignored unknown claimant id(s) in the link's 'claimants' parameter.",
                   "Ignored the link's 'settlement' parameter: unknown settlement id.",
                   "Ignored the link's 'status' parameter: it is too long."):
        w.page.get_by_text(notice).first.wait_for(timeout=15_000)
    wait_markers(w.page, 3)
    # the valid part of the link is kept: only ru_mod's claims
    assert marker_states(w.page) == {"alpha": ("contested", "none", "none"),
                                     "beta": ("russian", "none", "none"),
                                     "gamma": ("none", "none", "none")}
    frame = w.page.frame_locator(MAP_FRAME)
    w.page.wait_for_url(f"{tiny.url}/?date=2025-03-01&claimants=ru_mod", timeout=15_000)
    frame.locator('.fc-icon[data-settlement="alpha"]').hover()
    w.page.wait_for_timeout(1000)
    assert w.dialogs == [], w.dialogs
    assert w.foreign == [], w.foreign
    assert w.page.evaluate(FIND_LIVE, LIVE) == []
    assert "alert(" not in main_text(w.page) and "alert(" not in frame_html(w.page)
    assert not w.all_errors(), w.all_errors()
