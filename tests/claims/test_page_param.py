"""The URL's ``page`` parameter: a link opens the page it names (the Map by default)."""

from __future__ import annotations

from geo.claims.urlcodec import PAGES, decode_page, encode_page


def test_every_page_round_trips_and_the_map_is_left_out() -> None:
    for title in PAGES.values():
        assert decode_page({"page": encode_page(title) or ""}) == (title, [])
    assert encode_page("Map") is None
    assert encode_page("Sources") == "sources"


def test_a_link_without_a_page_opens_the_map() -> None:
    assert decode_page({}) == ("Map", [])
    assert decode_page({"page": ["reliability", "sources"]}) == ("Sources", [])  # the last


def test_an_unknown_page_opens_the_map_with_a_notice_that_does_not_repeat_it() -> None:
    title, notices = decode_page({"page": "<b>evil</b>"})
    assert title == "Map" and len(notices) == 1
    assert "evil" not in notices[0] and "sources" in notices[0]
    assert decode_page({"page": " Sources "}) == ("Sources", [])   # case and spaces
    assert encode_page("No such page") is None
