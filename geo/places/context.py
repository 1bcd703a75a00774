"""Choosing among namesakes with what a text says about where a place lies.

:class:`PlaceContext` carries it: the oblast named with the mention, the oblasts named in
the text, the text's other places, a direction named with the mention ("northwest of
Kupiansk", "on the Pokrovsk axis") and the front (where fighting is: the stored control
maps' grey zone and Russian-held edge, or the places of recent claims). :func:`choose`
scores the candidates, vectorized: distance by ratio (30 points per tenfold km), population
(20 points per tenfold, villages under 1,000 alike), 15 points off a curated place, 25 on a
place outside every oblast the text names. A direction named with the mention decides
first: the candidates within 60 km of the named town (in the stated direction, when one is
given) are the only ones kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from geo.places.fold import latin, skeleton

#: Compass words → bearing in degrees (0 = north, clockwise).
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
            "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0}
#: A place named "northwest of X" lies within this many km of X.
TOWARD_KM = 60.0
#: A place "in X hromada" ("Очеретинська громада") lies within this many km of X, the
#: hromada's centre: a hromada is a few hundred km², not a front sector.
HROMADA_KM = 20.0


@dataclass(frozen=True)
class Toward:
    """A direction named with a mention: the place lies ``bearing`` of ``name`` (at
    ``lat``, ``lon``), or on its axis when ``bearing`` is None, within ``km`` of it."""

    name: str
    lat: float
    lon: float
    bearing: float | None = None
    phrase: str = ""
    km: float = TOWARD_KM


@dataclass(frozen=True)
class PlaceContext:
    """What a text says about where a name lies, for
    :meth:`geo.places.resolution.Resolver.resolve_in_context`.

    ``oblast``: the oblast named with this mention ("the Dnipropetrovsk Oblast village of
    X", "X in the Donetsk region"); ``oblasts``: oblasts named elsewhere in the text;
    ``raion``: the key (:func:`raion_key`) of the raion named with the mention
    («… Бериславського району»); ``anchors``: (lat, lon) of the text's other
    places; ``front``: (lat, lon) of places
    where fighting is, as an (N, 2) array or None, and ``front_source`` what it was taken
    from; ``toward``: a direction named with the mention.
    """

    oblast: str | None = None
    oblasts: tuple[str, ...] = ()
    anchors: tuple[tuple[float, float], ...] = ()
    front: Any = None
    front_source: str = "the front"
    toward: Toward | None = None
    raion: str | None = None


#: Adjective endings of a raion's name (Бериславського, Beryslavskyi, Покровский), dropped
#: from its key, and the words for "raion".
_RAION_ENDING = re.compile(r"(?:s?kyi|s?kyy|s?kiy|s?kii|s?kyj|s?koho|s?kogo|s?komu|s?kom|"
                           r"s?kyi|s?kij|s?ka|s?kyh)$")
_RAION_WORD = re.compile(r"\s+(?:raion|rayon|district|raiony|mis\w*|rada)\b.*$")


def raion_key(name: object) -> str:
    """A raion's key across scripts and cases: the consonant skeleton of its name's stem
    ("Beryslav Raion", «Бериславського району», "Beryslavskyi district" → ``brslv``);
    ``""`` for no name."""
    word = _RAION_WORD.sub("", latin(str(name or "")))
    word = _RAION_ENDING.sub("", word.split()[0]) if word.split() else ""
    return skeleton(word) if len(word) >= 3 else ""


def km_to(lat: Any, lon: Any, points: Any) -> Any:
    """Distance in km from each (lat, lon) to the nearest of ``points`` (equirectangular)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    lat = np.asarray(lat, dtype=float)[:, None]
    lon = np.asarray(lon, dtype=float)[:, None]
    dy = (lat - pts[None, :, 0]) * 111.2
    dx = (lon - pts[None, :, 1]) * 111.2 * np.cos(np.radians(lat))
    return np.hypot(dx, dy).min(axis=1)


def _bearing_off(lat: Any, lon: Any, toward: Toward) -> Any:
    """Degrees between the stated bearing and each candidate's bearing from the town."""
    dy = np.asarray(lat, dtype=float) - toward.lat
    dx = (np.asarray(lon, dtype=float) - toward.lon) * np.cos(np.radians(toward.lat))
    seen = np.degrees(np.arctan2(dx, dy)) % 360.0
    off = np.abs(seen - (toward.bearing or 0.0)) % 360.0
    return np.minimum(off, 360.0 - off)


def oblast_key(text: object, key: Any) -> str:
    """The first word of an oblast name's key (``key`` is the skeleton function)."""
    words = key(str(text)).split()
    return words[0] if words else ""


@dataclass
class Choice:
    """The chosen row of the candidates, why, and the distances weighed."""

    row: int
    steps: list[str]
    factor: float
    to_text: Any = None
    to_front: Any = None
    to_toward: Any = None


def fits(lat: Any, lon: Any, toward: Toward) -> Any:
    """Whether each (lat, lon) lies within ``toward.km`` of the direction's town, in its
    bearing (within 70 degrees) when one is stated."""
    km = km_to(lat, lon, [(toward.lat, toward.lon)])
    keep = km <= toward.km
    if toward.bearing is not None:
        keep = keep & ((_bearing_off(lat, lon, toward) <= 70.0) | (km < 3))
    return keep


def toward_filter(cands: pd.DataFrame, toward: Toward | None) -> tuple[pd.DataFrame, str]:
    """The candidates within ``toward.km`` of the direction's town (in its bearing,
    within 70 degrees, when stated); all of them, and no step, when none is."""
    if toward is None or cands.empty:
        return cands, ""
    km = km_to(cands["lat"], cands["lon"], [(toward.lat, toward.lon)])
    keep = km <= toward.km
    if toward.bearing is not None:
        aimed = keep & ((_bearing_off(cands["lat"], cands["lon"], toward) <= 70.0) | (km < 3))
        keep = aimed if aimed.any() else keep
    if not keep.any():
        return cands, f"none within {toward.km:.0f} km of {toward.name} ({toward.phrase})"
    return cands[keep], f"near {toward.name}, as the text says ({toward.phrase})"


#: Weight of the distance to the front beside the distance to the text's places (30).
FRONT_WEIGHT = 20.0


def choose(cands: pd.DataFrame, context: PlaceContext, named_keys: set[str],
           key: Any) -> Choice:
    """Score the candidates (see the module's docstring); the fallbacks when nothing is
    within 150 km of the text or the front: the one curated place, the largest, a guess."""
    to_text = km_to(cands["lat"], cands["lon"], context.anchors) if context.anchors else None
    has_front = context.front is not None and len(context.front)
    to_front = km_to(cands["lat"], cands["lon"], context.front) if has_front else None
    to_toward = (km_to(cands["lat"], cands["lon"], [(context.toward.lat, context.toward.lon)])
                 if context.toward is not None else None)
    if len(cands) == 1:
        return Choice(0, [], 1.0, to_text, to_front, to_toward)
    pop = pd.to_numeric(cands["population"], errors="coerce").fillna(0).to_numpy()
    curated = cands["curated"].astype(bool).to_numpy()
    logs = np.log10(np.maximum(pop, 1000))
    size = 20.0 * (logs.max() - logs) - 15.0 * curated
    outside = np.zeros(len(cands), dtype=bool)
    if named_keys:
        outside = ~cands["oblast"].map(lambda o: oblast_key(o, key)).isin(named_keys).to_numpy()
        size = size + 25.0 * outside
    near, what, factor = to_toward, "the town named with it", 0.9
    if near is None:
        near, what = to_text, "the text's other places"
    if near is None or near.min() >= 150:
        near, what, factor = to_front, context.front_source, 0.85
    if near is not None and near.min() < 150:
        score = 30.0 * np.log10(near + 10.0) + size
        front = ""
        if to_front is not None and near is not to_front:
            # where the fighting is weighs too: a village 5 km from the front beats its
            # namesake 90 km behind the lines that lies a little nearer the text's places
            score = score + FRONT_WEIGHT * np.log10(to_front + 10.0)
            front = ", to the front"
        row = int(np.argmin(score))
        named = ["in an oblast the text names"] if outside.any() and not outside[row] else []
        return Choice(row, [*named, f"the likeliest by distance to {what} ({near[row]:.0f} km)"
                            f"{front} and population"], factor, to_text, to_front, to_toward)
    if curated.sum() == 1:
        return Choice(int(np.argmax(curated)), ["the one already in the settlements list"],
                      0.8, to_text, to_front, to_toward)
    if pop.max() > 0 and (pop == pop.max()).sum() == 1:
        return Choice(int(np.argmax(pop)), ["the largest by population"], 0.75, to_text,
                      to_front, to_toward)
    codes = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5}
    order = cands.assign(code=cands["feature_code"].map(codes).fillna(9),
                         cur=~cands["curated"].astype(bool)).reset_index(drop=True)
    return Choice(int(order.sort_values(["cur", "code"]).index[0]),
                  ["a guess: nothing in the text tells them apart"], 0.5, to_text, to_front,
                  to_toward)
