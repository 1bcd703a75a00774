"""Tiny hand-made claims and maps for the scorecard tests."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo.maps.placeclasses import CODES, PlaceClasses

PLACES = np.array(["a", "b", "c"], dtype=object)


def claims(*rows: tuple[str, str, str, str, str] | tuple[str, str, str, str, str, str]
           ) -> pd.DataFrame:
    """A loaded-claims-like frame from (id, date, place, claimant, status[, extent])."""
    out = []
    for i, row in enumerate(rows):
        cid, day, place, claimant, status = row[:5]
        extent = row[5] if len(row) > 5 else "full"
        out.append({"id": cid, "date": pd.Timestamp(day), "settlement_id": place,
                    "claimant": claimant, "status": status, "extent": extent,
                    "source": f"Wire on {day}", "source_url": f"https://example.org/{cid}",
                    "row": i})
    frame = pd.DataFrame(out)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame.sort_values(["date", "row"], kind="stable").reset_index(drop=True)


def classes(day: str, **by_place: str) -> PlaceClasses:
    """One map: each place's class name (default ``none``)."""
    codes = np.array([CODES[by_place.get(p, "none")] for p in PLACES], dtype=np.uint8)
    date = dt.date.fromisoformat(day)
    return PlaceClasses(date, PLACES, codes, np.full(len(PLACES), np.datetime64(date, "D")),
                        "test", "1")
