"""The front on a stored control map: the grey zone and the Russian-held edge facing
Ukrainian-held ground, not the border (a tiny map written in the test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.maps.front import front_points


def _store(tmp_path: Path) -> Path:
    # Russian-held square 37.0-38.0 E; its east side is the border (nothing beyond), its
    # west side faces Ukrainian-held villages; a grey strip 36.9-37.0 E in the south
    frame = gpd.GeoDataFrame({
        "class": ["occupied", "grey"], "date": "2025-06-01", "kind": "raw",
        "source": "test"}, geometry=[box(37.0, 48.0, 38.0, 49.0), box(36.9, 48.0, 37.0, 48.2)],
        crs="EPSG:4326")
    folder = tmp_path / "maps" / "deepstate"
    folder.mkdir(parents=True)
    frame.to_parquet(folder / "2025-06-01.parquet")
    return tmp_path


def test_the_edge_facing_ukrainian_held_places_and_the_grey_zone(tmp_path: Path) -> None:
    store = _store(tmp_path)
    places = pd.DataFrame({"lat": [48.5, 48.1, 48.5], "lon": [36.95, 36.85, 37.5]})
    found = front_points(store, dt.date(2025, 6, 2), places)
    assert found is not None
    points, source = found
    assert "2025-06-01" in source and "grey zone" in source
    lat, lon = points[:, 0], points[:, 1]
    assert ((lon > 36.89) & (lon < 37.01)).all()  # the west edge and the grey strip only
    assert (abs(lat - 48.5) < 0.05).any() and (lat < 48.1).any()  # beside the villages
    assert not (lat > 48.7).any()  # no Ukrainian-held place beside the edge's north end
    assert not (lon > 37.9).any()  # the border side has no Ukrainian-held place beside it


def test_no_map_on_that_day_is_no_front(tmp_path: Path) -> None:
    assert front_points(_store(tmp_path), dt.date(2025, 5, 1)) is None
    assert front_points(tmp_path / "empty") is None
