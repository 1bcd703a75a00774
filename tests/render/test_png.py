"""The PNG of the map: what it draws (colours of each side's claim, the control map), where
(the reader's view), its level of detail, and its credits."""

from __future__ import annotations

import datetime as dt
import io

import geopandas as gpd
import numpy as np
import pandas as pd
from PIL import Image
from shapely.geometry import box

from geo.render.png import VIEW_PX, ControlMap, extent, footer, map_png, thinned
from geo.vocab import STATUS_COLORS

DAY = dt.date(2025, 11, 20)


def places(rows: list[tuple[str, float, float, str | None, str | None, bool]]) -> pd.DataFrame:
    columns = ["name", "lat", "lon", "population", "ru_status", "ua_status",
               "independent_status", "disputed"]
    return pd.DataFrame([(n, la, lo, 60_000, ru, ua, None, d) for n, la, lo, ru, ua, d in rows],
                        columns=columns)


def pixels_of(png: bytes, color: str, tolerance: int = 12) -> int:
    """How many pixels of the image are (about) ``color``."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    want = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb - want).max(axis=2) <= tolerance).sum())


def test_a_png_with_each_side_s_claim_in_its_colour() -> None:
    png = map_png(places([("Pokrovsk", 48.28, 37.18, "russian", "contested", True)]), DAY,
                  ["Russian MoD", "Ukraine's General Staff"], center=(48.28, 37.18), zoom=10)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (1800, 1260)
    assert pixels_of(png, STATUS_COLORS["russian"]) > 100      # the left half
    assert pixels_of(png, STATUS_COLORS["contested"]) > 100    # the right half
    other = map_png(places([("Pokrovsk", 48.28, 37.18, "ukrainian", None, False)]), DAY, [],
                    center=(48.28, 37.18), zoom=10)
    # no contested half: only the legend's swatch
    assert pixels_of(other, STATUS_COLORS["contested"]) < pixels_of(
        png, STATUS_COLORS["contested"]) - 100
    assert pixels_of(other, STATUS_COLORS["ukrainian"]) > pixels_of(png,
                                                                       STATUS_COLORS["ukrainian"])


def test_only_the_places_in_the_reader_s_view_are_drawn() -> None:
    far = places([("Lviv", 49.84, 24.03, "russian", "russian", False)])
    near = map_png(far, DAY, [], center=(49.84, 24.03), zoom=9)
    away = map_png(far, DAY, [], center=(48.28, 37.18), zoom=9)
    assert pixels_of(near, STATUS_COLORS["russian"]) > pixels_of(away,
                                                                  STATUS_COLORS["russian"]) + 100


def test_the_control_map_is_drawn_and_credited() -> None:
    polys = gpd.GeoDataFrame({"class": ["occupied"], "kind": ["raw"]},
                             geometry=[box(37.0, 48.0, 38.0, 49.0)], crs="EPSG:4326")
    control = ControlMap(polys, dt.date(2025, 11, 19))
    empty = places([])
    with_map = map_png(empty, DAY, [], control, center=(48.5, 37.5), zoom=7)
    without = map_png(empty, DAY, [], None, center=(48.5, 37.5), zoom=7)
    # drawn translucent over the outline's fill: a colour between the two, over a large area
    assert pixels_of(with_map, "#e49b8f", 10) > 20_000 > pixels_of(without, "#e49b8f", 10)
    assert "DeepState" in footer(control) and "2025-11-19" in footer(control)
    assert "DeepState" not in footer(None)
    assert "GeoNames" in footer(None) and "CC BY 4.0" in footer(None)
    assert "Natural Earth" in footer(None) and "OpenStreetMap" not in footer(None)


def test_extent_is_the_page_map_s_view() -> None:
    west, east, south, north = extent((48.5, 31.5), 6)
    assert abs((east - west) - VIEW_PX[0] * 360 / (256 * 2**6)) < 1e-9
    assert abs((west + east) / 2 - 31.5) < 1e-9
    assert south < 48.5 < north


def test_thinning_keeps_every_disputed_place_and_the_largest_per_cell() -> None:
    frame = places([("Big", 48.0, 37.0, "russian", "russian", False),
                    ("Small next to it", 48.0001, 37.0001, "russian", "russian", False),
                    ("Disputed next to it", 48.0002, 37.0002, "russian", "ukrainian", True),
                    ("Far", 47.0, 35.0, None, None, False)])
    kept = thinned(frame, (30.0, 40.0, 44.0, 52.0), 10)
    # the disputed place takes its cell (as on the canvas); the far place keeps its own
    assert kept["name"].tolist() == ["Disputed next to it", "Far"]


def test_a_filtered_map_says_so_under_its_title() -> None:
    from geo.claims.state import PageState
    from geo.render.png import titles

    plain = PageState(date=DAY, claimants=("ru_mod",))
    assert plain.filters_applied() == []
    assert "Filtered" not in titles(DAY, ["Russian MoD"], plain.filters_applied())[1]
    narrowed = PageState(date=DAY, claimants=("ru_mod",), disputed_only=True,
                         statuses=("russian", "contested"), max_age_days=30)
    title, line = titles(DAY, ["Russian MoD"], narrowed.filters_applied())
    assert title == "Who claims to control what, as of 2025-11-20"
    assert line == ("Claimants: Russian MoD\nFiltered: only places where claimants disagree; "
                    "statuses shown: Contested, Russian-held; claims older than 30 days ignored")
    png = map_png(places([("Pokrovsk", 48.28, 37.18, "russian", "contested", True)]), DAY,
                  ["Russian MoD"], center=(48.28, 37.18), zoom=10,
                  filters=narrowed.filters_applied())
    assert Image.open(io.BytesIO(png)).size == (1800, 1260)


def test_a_place_without_a_claim_is_a_small_dot_beside_a_claimed_one() -> None:
    claimed = map_png(places([("Pokrovsk", 48.28, 37.18, "russian", "russian", False)]), DAY,
                      [], center=(48.28, 37.18), zoom=10)
    silent = map_png(places([("Pokrovsk", 48.28, 37.18, None, None, False)]), DAY, [],
                     center=(48.28, 37.18), zoom=10)
    grey = STATUS_COLORS["none"]
    # the same town: its claimed marker's colour covers far more than the unclaimed dot's
    assert pixels_of(claimed, STATUS_COLORS["russian"]) > 5 * max(
        1, pixels_of(silent, grey) - pixels_of(claimed, grey))
