"""A date typed into the sidebar's field applies on Enter, and a day outside the data says so.

Streamlit 1.67's single-date field commits a typed day only when its calendar closes or the
focus leaves the field; ``geo/render/static/date_enter.js`` makes Enter do that.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_FRAME, Server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small(small_server: Server) -> Server:
    """The test data (claims from 2025-01-01 to 2025-03-01), no tiles (shared with other
    modules: tests/browser/conftest.py)."""
    return small_server


def type_date(page, first: str, *text: str) -> None:
    """Click a segment (which opens the calendar), type into it and the segments after it
    (year, month, day), press Enter: no Tab, no click elsewhere."""
    page.get_by_role("spinbutton", name=f"{first}, Date", exact=True).click()
    for part in text:
        page.keyboard.type(part)
    page.keyboard.press("Enter")


def test_a_typed_date_applies_on_enter(small, open_page) -> None:
    watched = open_page(f"{small.url}/?date=2025-03-01")
    page = watched.page
    page.frame_locator(MAP_FRAME).locator(".fc-icon").first.wait_for(timeout=60_000)
    type_date(page, "month", "01", "20")
    page.wait_for_function("() => location.search.includes('date=2025-01-20')",
                           timeout=30_000)
    assert page.get_by_role("spinbutton", name="day, Date", exact=True) \
        .get_attribute("aria-valuenow") == "20"
    # a day after the data: the page says so and shows the last day instead
    type_date(page, "year", "2031", "06", "01")
    page.get_by_text("No data on 2031-06-01").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('date=2025-03-01')",
                           timeout=30_000)
    assert watched.all_errors() == [] and watched.dialogs == []


def test_a_link_with_a_date_outside_the_data_is_rewritten_in_the_address_bar(
        small, open_page) -> None:
    """A new user's report: the rejected date stayed in the address bar, so a copied link
    still carried it. The page says why it was ignored and the address bar shows the day
    actually shown (checked in Chromium: AppTest sees only the query parameters)."""
    watched = open_page(f"{small.url}/?date=2031-06-01&claimants=ru_mod")
    page = watched.page
    page.get_by_text("Ignored the link's 'date' parameter").wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('date=2025-03-01')",
                           timeout=30_000)
    assert "2031" not in page.url and "claimants=ru_mod" in page.url
    assert watched.all_errors() == [] and watched.dialogs == []
