"""The PNG download draws the map as the reader sees it: where they moved it, else where
the page put it for the selected place (a new user got the whole country after zooming to a
place); the GeoJSON's sizes are said in words."""

from __future__ import annotations

from ui.downloads import file_size, shown_view


def test_the_png_is_of_the_readers_move_then_of_the_selected_place_else_the_country() -> None:
    moved, place = ((48.1, 37.2), 9), ((48.28, 37.18), 10)
    assert shown_view({"view": moved, "page_view": place}) == moved
    assert shown_view({"view": None, "page_view": place}) == place
    assert shown_view({"view": None, "page_view": None}) is None
    assert shown_view({}) is None


def test_sizes_in_words() -> None:
    assert [file_size(n) for n in (12, 44_514, 24_880_956)] == ["12 bytes", "45 kB", "24.9 MB"]
