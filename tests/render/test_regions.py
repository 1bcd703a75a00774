"""Oblast labels from the places table: one per oblast at its places' median point."""

from __future__ import annotations

import pandas as pd

from geo.render.basemap import base_map
from geo.render.regions import MIN_PLACES, region_labels


def frame(rows: list[tuple[str, float, float, int]]) -> pd.DataFrame:
    out = []
    for oblast, lat, lon, n in rows:
        out += [{"oblast": oblast, "lat": lat + i * 0.001, "lon": lon, "name": f"p{i}"}
                for i in range(n)]
    return pd.DataFrame(out)


def test_one_label_per_oblast_at_the_median_of_its_places() -> None:
    places = frame([("Donetsk", 48.0, 37.8, 25), ("Crimea", 45.3, 34.2, 30),
                    ("Kyiv City", 50.45, 30.5, 40), ("Tiny", 49.0, 30.0, MIN_PLACES - 1),
                    ("", 51.0, 25.0, 30)])
    labels = region_labels(places)
    assert [label for _, _, label in labels] == ["Crimea", "Donetsk Oblast"]
    lat, lon, _ = labels[1]
    assert lon == 37.8 and abs(lat - (48.0 + 0.012)) < 1e-9   # median of 25 rows


def test_no_places_no_labels_and_the_base_map_carries_them() -> None:
    assert region_labels(pd.DataFrame({"lat": [], "lon": []})) == []
    labels = region_labels(frame([("Sumy", 50.9, 34.1, 30)]))
    html = base_map(regions=labels).get_root().render()
    assert "Sumy Oblast" in html and "region_max_zoom" in html
