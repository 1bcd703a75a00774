"""Where the fighting is, for telling namesakes apart: a village 5 km from the front is far
likelier than its namesake 600 km behind the lines.

A :class:`Front` is a set of (lat, lon) points and what they were taken from, which the
resolver names in ``why_place``. :func:`front_from_claims` takes the places of the recent
claims (contested ones, and every claim of the last :data:`RECENT_DAYS` days before the
data's latest claim); the stored control maps' grey zone and Russian-held edge come from
``geo.maps.front`` (a layer this package does not import) and are passed in as a Front.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Claims this many days before the latest one count as recent.
RECENT_DAYS = 180


@dataclass(frozen=True)
class Front:
    """(lat, lon) points where fighting is, as an (N, 2) array, and their source."""

    points: Any
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "points",
                           np.asarray(self.points, dtype=float).reshape(-1, 2))


def front_from_claims(claims: pd.DataFrame, places: pd.DataFrame,
                      days: int = RECENT_DAYS) -> Front | None:
    """The places of the claims dated within ``days`` of the latest claim, or claimed
    contested; None when no claim names a place of ``places`` (indexed by id, with lat and
    lon)."""
    if claims.empty or "settlement_id" not in claims:
        return None
    dates = pd.to_datetime(claims["date"], errors="coerce")
    recent = (dates >= dates.max() - pd.Timedelta(days=days)) | (
        claims.get("status", pd.Series("", index=claims.index)) == "contested")
    ids = pd.Index(claims.loc[recent, "settlement_id"].astype(str).unique())
    ids = ids[ids.isin(places.index)]
    if ids.empty:
        return None
    points = places.loc[ids, ["lat", "lon"]].to_numpy(dtype=float)
    return Front(points, f"the places of recent claims ({len(ids)} places, since "
                         f"{(dates.max() - pd.Timedelta(days=days)).date()})")
