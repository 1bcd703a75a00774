"""Oblast names on the zoomed-out map, at points derived from the places table itself.

No boundary data: each oblast's label goes at the median latitude and longitude of its
places (the ``oblast`` column of ``data/places.parquet``), which falls inside the oblast
for Ukraine's compact oblasts. Cities with an oblast's status (Kyiv, Sevastopol) are places
with their own labels, so they get none here. ``static/labels.js`` draws these names below
zoom :data:`geo.render.labels.LABEL_STYLE` ``region_max_zoom``, where they fit between
the place names.
"""

from __future__ import annotations

import pandas as pd

#: Oblast values that are cities (labelled as places) and need no region label.
CITIES = frozenset({"Kyiv City", "Sevastopol"})
#: Names that are not "<name> Oblast".
OWN_NAMES = {"Crimea": "Crimea"}
#: An oblast needs this many places for its median point to mean something.
MIN_PLACES = 20


def region_labels(places: pd.DataFrame) -> list[list[object]]:
    """``[lat, lon, label]`` per oblast of ``places`` (columns ``oblast``, ``lat``, ``lon``),
    sorted by label, coordinates rounded to 3 decimals (~100 m)."""
    if places.empty or "oblast" not in places:
        return []
    oblast = places["oblast"].astype("string").fillna("").str.strip()
    frame = pd.DataFrame({"oblast": oblast, "lat": pd.to_numeric(places["lat"]),
                          "lon": pd.to_numeric(places["lon"])})
    frame = frame[(frame["oblast"] != "") & ~frame["oblast"].isin(CITIES)]
    stats = frame.groupby("oblast").agg(n=("lat", "size"), lat=("lat", "median"),
                                        lon=("lon", "median"))
    stats = stats[stats["n"] >= MIN_PLACES]
    labels = [OWN_NAMES.get(name, f"{name} Oblast") for name in stats.index]
    rows = sorted(zip(labels, stats["lat"].round(3), stats["lon"].round(3), strict=True))
    return [[float(lat), float(lon), label] for label, lat, lon in rows]
