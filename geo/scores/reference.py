"""What a reference showed, place by place: the observations a scorecard is judged against.

A reference is either a claimant's **stored maps** (each map's stored place classes,
:mod:`geo.maps.placeclasses`) or a claimant's **own claims** in ``claims.csv`` (ISW, say).
Both become one table of observations, sorted by (place, day), each with a state code
(:data:`CODES`). A state holds from its observation until the next one of the same place.

What "showed" means (the rules the scorecard applies, tested in ``tests/scores``):

* a map shows a place **Russian-held** when its class is ``occupied`` or ``pre2022``,
  **contested** on ``grey`` (the grey zone: not yet anyone's), **Ukrainian-held** on
  ``liberated`` or no class; ``outside`` is no observation at all. A map has no
  "partial": the place's point is inside a class or not;
* a claimant's claim shows its status with its extent: ``russian``/``partial`` is code
  :data:`RU_PART`, ``russian``/``full`` :data:`RU_FULL`, and so on;
* the map records only changes (one observation per place per change of state, dated by
  the first map showing it, with the previous map's date beside it); a claimant reference
  records every claim (the latest row of a day wins).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np
import pandas as pd

from geo.maps.placeclasses import CODES as CLASS_CODES

#: State codes of an observation (0: nothing known, e.g. outside the map's area).
UNKNOWN: Final = 0
UA_FULL: Final = 1
CONTESTED: Final = 2
RU_FULL: Final = 3
UA_PART: Final = 4
RU_PART: Final = 5
CODES: Final = {("ukrainian", "full"): UA_FULL, ("ukrainian", "partial"): UA_PART,
                ("contested", "full"): CONTESTED, ("contested", "partial"): CONTESTED,
                ("russian", "full"): RU_FULL, ("russian", "partial"): RU_PART}
CODE_LABELS: Final = {UNKNOWN: "nothing", UA_FULL: "ukrainian", UA_PART: "ukrainian (partial)",
                      CONTESTED: "contested", RU_FULL: "russian", RU_PART: "russian (partial)"}

# a map's class code -> state code
_FROM_CLASS = np.zeros(256, dtype=np.uint8)
for _name, _code in CLASS_CODES.items():
    _FROM_CLASS[_code] = {"none": UA_FULL, "liberated": UA_FULL, "grey": CONTESTED,
                          "occupied": RU_FULL, "pre2022": RU_FULL, "outside": UNKNOWN}[_name]

EPOCH: Final = np.datetime64("1970-01-01", "D")
NO_DAY: Final = np.iinfo(np.int32).min


def days(values: pd.Series | np.ndarray) -> np.ndarray:
    """Dates (datetime64 or Timestamps) as int32 days since 1970-01-01."""
    array = np.asarray(pd.to_datetime(values).to_numpy(dtype="datetime64[D]"))
    return (array - EPOCH).astype(np.int32)


def to_date(day: int) -> dt.date:
    """An int day (since 1970-01-01) as a date."""
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


@dataclass(frozen=True)
class Reference:
    """Observations by one reference, sorted by (place, day).

    ``place`` indexes :attr:`places` (ids); ``prev_day`` is the day of the reference's
    previous observation of that place (:data:`NO_DAY` for its first); ``source`` and
    ``url`` cite each observation; ``latest`` is the reference's latest observation day of
    any place (what "as of the latest reference date" means).
    """

    claimant: str
    kind: str            #: "map", "claims" or "maps+claims"
    places: pd.Index
    place: np.ndarray
    day: np.ndarray
    code: np.ndarray
    prev_day: np.ndarray
    source: np.ndarray
    url: np.ndarray
    latest: int
    dates: int           #: how many distinct observation days (maps) it has
    why: str = ""        #: why this reference was chosen, when chosen for the reader

    def __len__(self) -> int:
        return len(self.place)

    @property
    def label(self) -> str:
        """How the reference is named in tables: ``deepstate (stored maps)``."""
        kind = {"map": "stored maps", "claims": "own claims",
                "maps+claims": "stored maps and own claims"}[self.kind]
        return f"{self.claimant} ({kind})"


class MapClasses(Protocol):
    """What a reference reads of one map's classes (a ``PlaceClasses`` has it)."""

    @property
    def day(self) -> dt.date: ...
    @property
    def ids(self) -> np.ndarray: ...
    @property
    def codes(self) -> np.ndarray: ...


def map_reference(classes: Sequence[MapClasses], claimant: str, url: str = "",
                  every_map: Sequence[str] = ()) -> Reference:
    """The reference of a claimant's stored maps (their place classes, oldest first).

    One observation per place per change of state (for the places of ``every_map``: one
    per map, so that claims can be merged in, :func:`combined_reference`); maps whose ids
    differ from the previous one's (another places table) are aligned by id.
    """
    ordered = sorted(classes, key=lambda c: c.day)
    vocab = pd.Index(ordered[0].ids if ordered else [], dtype=object)
    parts: list[tuple[np.ndarray, np.ndarray, int, int]] = []
    state = np.zeros(len(vocab), dtype=np.uint8)
    prev_ids: np.ndarray | None = None
    where = np.arange(len(vocab))
    prev_day = NO_DAY
    wanted = pd.Index(list(every_map), dtype=object)
    always = np.zeros(0, dtype=np.int64)
    for item in ordered:
        if prev_ids is None or not (item.ids is prev_ids or np.array_equal(item.ids, prev_ids)):
            missing = ~pd.Index(item.ids).isin(vocab)
            if missing.any():
                vocab = vocab.append(pd.Index(item.ids[missing], dtype=object))
                state = np.concatenate([state, np.zeros(int(missing.sum()), dtype=np.uint8)])
            where = vocab.get_indexer(pd.Index(item.ids))
            prev_ids = item.ids
            always = vocab.get_indexer(wanted)
            always = always[always >= 0]
        now = np.zeros(len(vocab), dtype=np.uint8)
        now[where] = _FROM_CLASS[item.codes]
        emit = now != state
        if len(always):
            emit[always] |= now[always] != UNKNOWN
        changed = np.flatnonzero(emit)
        day = int((np.datetime64(item.day, "D") - EPOCH).astype(np.int32))
        parts.append((changed.astype(np.int32), now[changed], day, prev_day))
        state, prev_day = now, day
    place = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32)
    code = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.uint8)
    day_arr = np.concatenate([np.full(len(p[0]), p[2], np.int32) for p in parts]) \
        if parts else np.zeros(0, np.int32)
    prev = np.concatenate([np.full(len(p[0]), p[3], np.int32) for p in parts]) \
        if parts else np.zeros(0, np.int32)
    order = np.lexsort((day_arr, place))
    day_arr = day_arr[order]
    # one label per map, picked by each observation's map (no per-observation strings)
    labels = np.array([f"{claimant} map of {item.day.isoformat()}" for item in ordered],
                      dtype=object)
    which = np.concatenate([np.full(len(p[0]), i, np.int32) for i, p in enumerate(parts)]) \
        if parts else np.zeros(0, np.int32)
    source = labels[which[order]] if len(order) else np.zeros(0, dtype=object)
    return Reference(claimant, "map", vocab, place[order], day_arr, code[order], prev[order],
                     source, np.full(len(order), url, dtype=object),
                     max((d for _, _, d, _ in parts), default=NO_DAY), len(ordered))


def claims_reference(claims: pd.DataFrame, claimant: str) -> Reference:
    """The reference of a claimant's own claims (the loaded claims frame, any claimants).

    Every claim of ``claimant`` is an observation of its status and extent; of several on
    one day about one place, the later row wins.
    """
    own = claims[claims["claimant"] == claimant]
    own = own.sort_values(["settlement_id", "date", "row"], kind="stable")
    day = days(own["date"]) if len(own) else np.zeros(0, np.int32)
    codes, places = pd.factorize(own["settlement_id"].astype(str), sort=True)
    place = np.asarray(codes, dtype=np.int32)
    last_of_day = np.ones(len(own), dtype=bool)  # sorted: the next row is another day/place
    if len(own) > 1:
        last_of_day[:-1] = (place[1:] != place[:-1]) | (day[1:] != day[:-1])
    status = own["status"].astype(str).to_numpy()
    partial = own["extent"].eq("partial").to_numpy(dtype=bool)
    code = np.select([status == "russian", status == "ukrainian", status == "contested"],
                     [np.where(partial, RU_PART, RU_FULL), np.where(partial, UA_PART, UA_FULL),
                      CONTESTED], UNKNOWN).astype(np.uint8)
    own, day, place, code = own[last_of_day], day[last_of_day], place[last_of_day], \
        code[last_of_day]
    prev = np.full(len(place), NO_DAY, dtype=np.int32)
    if len(place) > 1:
        same = place[1:] == place[:-1]
        prev[1:][same] = day[:-1][same]
    return Reference(claimant, "claims", pd.Index(places, dtype=object), place, day, code,
                     prev, own["source"].astype(str).to_numpy(dtype=object),
                     own["source_url"].astype(str).to_numpy(dtype=object),
                     int(day.max()) if len(day) else NO_DAY, len(np.unique(day)))


def combined_reference(maps: Reference, claims: Reference) -> Reference:
    """A claimant's maps and its own claims as one reference (``maps`` built with
    ``every_map`` = the places ``claims`` speaks of, so that between two maps a statement
    holds until the next map or statement). On one day, a statement counts after the map."""
    vocab = maps.places.append(claims.places[~claims.places.isin(maps.places)])
    place = np.concatenate([maps.place, vocab.get_indexer(claims.places)[claims.place]]
                           ).astype(np.int32)
    day = np.concatenate([maps.day, claims.day])
    later = np.concatenate([np.zeros(len(maps), np.int8), np.ones(len(claims), np.int8)])
    key = (place.astype(np.int64) << 22) + (day.astype(np.int64) << 1) + later
    order = np.argsort(key, kind="stable")
    place, day = place[order], day[order]
    prev = np.full(len(place), NO_DAY, dtype=np.int32)
    if len(place) > 1:
        same = place[1:] == place[:-1]
        prev[1:][same] = day[:-1][same]
    return Reference(maps.claimant, "maps+claims", vocab, place, day,
                     np.concatenate([maps.code, claims.code])[order], prev,
                     np.concatenate([maps.source, claims.source])[order],
                     np.concatenate([maps.url, claims.url])[order],
                     max(maps.latest, claims.latest), maps.dates + claims.dates)
