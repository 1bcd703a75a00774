"""A place named at a point: the populated place of that name nearest the point, within a
few km (a DeepState link's ``#zoom/lat/lon``), or nothing, reported, never guessed.

Names are compared by their folded and transliterated keys (:mod:`geo.places.fold`), after
reducing inflected Ukrainian or Russian words to their dictionary form with pymorphy3
(``поблизу Степового`` → Степове). When no spelling matches exactly, a close spelling of a
place inside the radius is accepted (lower confidence): the point already rules out every
namesake elsewhere. Distances are numpy haversine over the whole table at once.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.places.fold import fold, latin
from geo.places.gazetteer import spelling_index

#: Default search radius around a link's point, km.
RADIUS_KM = 5.0
#: Lowest rapidfuzz ratio (0-100) for a spelling accepted inside the radius.
NEAR_FUZZY_CUTOFF = 80.0
_EARTH_KM = 6371.0088
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


@dataclass(frozen=True)
class NearMatch:
    """The place a (name, point) pair names."""

    id: str
    name: str
    oblast: str
    lat: float
    lon: float
    geonames_id: int | None
    population: int
    distance_km: float
    confidence: float
    reason: str


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) from one point to arrays of points."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dlat, dlon = p2 - p1, np.radians(lons - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@functools.cache
def _morph(lang: str) -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def load_morphology() -> None:
    """Load the Ukrainian and Russian dictionaries now (once per process), not on the first
    inflected name of the first document."""
    for lang in ("uk", "ru"):
        _morph(lang)


def name_forms(name: str, limit: int = 3) -> list[str]:
    """``name`` and, for Cyrillic text, its words' dictionary forms (a few combinations)."""
    return list(_name_forms(name, limit))


@functools.lru_cache(maxsize=65536)
def _name_forms(name: str, limit: int) -> tuple[str, ...]:
    forms = [name]
    if not _CYRILLIC.search(name):
        return (name,)
    words = name.split()
    for lang in ("uk", "ru"):
        analyzer = _morph(lang)
        options = []
        for word in words:
            parsed = analyzer.parse(word.lower())  # type: ignore[attr-defined]
            lemmas = list(dict.fromkeys(p.normal_form for p in parsed[:limit]))
            options.append(lemmas or [word.lower()])
        forms += [" ".join(combo) for combo in itertools.islice(
            itertools.product(*options), 9)]
    return tuple(dict.fromkeys(forms))


class NearPlaces:
    """Name-at-a-point lookup over a places table (``geo.places.table`` columns)."""

    def __init__(self, places: pd.DataFrame, radius_km: float = RADIUS_KM,
                 spellings: pd.DataFrame | None = None) -> None:
        """``spellings``: the places' :func:`~geo.places.gazetteer.spelling_index` by
        ``geonameid`` when already built (it is the slow part)."""
        self.places = places.reset_index(drop=True)
        self.radius_km = radius_km
        self.lats = self.places["lat"].astype(float).to_numpy()
        self.lons = self.places["lon"].astype(float).to_numpy()
        if spellings is None:
            spellings = spelling_index(self.places)
        row_of = pd.Series(np.arange(len(self.places)), index=self.places["geonameid"])
        row_of = row_of[~row_of.index.duplicated()]
        names = spellings.assign(row=spellings["geonameid"].map(row_of))
        names = names.dropna(subset=["row"]).astype({"row": "int64"})
        self.names = names
        self._by_key: dict[str, set[int]] = {}
        for column in ("fold", "latin"):
            for key, row in zip(names[column].to_numpy(), names["row"].to_numpy(),
                                strict=True):
                self._by_key.setdefault(str(key), set()).add(int(row))

    def _record(self, row: int, distance: float, confidence: float, reason: str) -> NearMatch:
        place = self.places.iloc[row]
        gid = place.get("geonameid")
        pop = place.get("population")
        return NearMatch(
            id=str(place["id"]), name=str(place["name"]), oblast=str(place.get("oblast", "")),
            lat=float(place["lat"]), lon=float(place["lon"]),
            geonames_id=None if pd.isna(gid) else int(gid),
            population=0 if pd.isna(pop) else int(pop), distance_km=round(float(distance), 2),
            confidence=confidence, reason=reason)

    def match(self, name: str, lat: float, lon: float) -> NearMatch | None:
        """The place called ``name`` nearest (lat, lon) within the radius, else None."""
        forms = name_forms(name.strip())
        keys = {k for f in forms for k in (fold(f), latin(f)) if k}
        rows = sorted(set().union(*(self._by_key.get(k, set()) for k in keys)))
        if rows:
            dist = haversine_km(lat, lon, self.lats[rows], self.lons[rows])
            best = int(np.argmin(dist))
            if dist[best] <= self.radius_km:
                return self._record(rows[best], dist[best], 1.0,
                                    f"the name, {dist[best]:.1f} km from the link's point")
        dist = haversine_km(lat, lon, self.lats, self.lons)
        inside = np.flatnonzero(dist <= self.radius_km)
        if inside.size == 0:
            return None
        spellings = self.names[self.names["row"].isin(inside)]
        choices = spellings["latin"].astype(str).tolist()
        best_score, best_row = 0.0, -1
        for key in {latin(f) for f in forms}:
            found = process.extractOne(key, choices, scorer=fuzz.ratio)
            if found is not None and found[1] > best_score:
                best_score, best_row = found[1], int(spellings["row"].iloc[found[2]])
        if best_score >= NEAR_FUZZY_CUTOFF:
            return self._record(best_row, dist[best_row], 0.9,
                                f"a close spelling ({best_score:.0f}/100), "
                                f"{dist[best_row]:.1f} km from the link's point")
        return None

    def nearest(self, lat: float, lon: float) -> tuple[str, float] | None:
        """The name of the place nearest the point and its distance (for reports)."""
        if not len(self.places):
            return None
        dist = haversine_km(lat, lon, self.lats, self.lons)
        row = int(np.argmin(dist))
        return str(self.places.iloc[row]["name"]), round(float(dist[row]), 1)
