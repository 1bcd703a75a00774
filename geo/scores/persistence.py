"""The status of one place on one date, with persistence: what fact-checkers and
prediction-market resolvers ask ("shaded on the map, and still shaded at the next update?").

For each claimant: its latest claim about the place made on or before the date (of
several on one day, the later row), **since**: the first of its unbroken run of claims
about the place with the same status, and whether that status **held through the next N
updates**: the claimant's next N claims about the place on later days (a map: the next N
stored maps). ``persisted`` is ``True`` when all N kept the status, ``False`` when one of
them changed it (``changed_on``), ``None`` when fewer than N updates exist yet and none
changed it (not yet known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from geo.maps.placeclasses import NAME_OF, STATUS_OF, PlaceClasses


@dataclass(frozen=True)
class Held:
    """One claimant's status at a place on a date, and whether it persisted."""

    claimant: str
    status: str
    extent: str
    date: dt.date               #: the claim's (or the map's) date
    since: dt.date
    source: str
    source_url: str
    updates: int                #: later updates looked at (at most N)
    held_through: int           #: of those, how many in a row kept the status
    persisted: bool | None
    changed_on: dt.date | None  #: the first later update with another status, within N
    map_class: str = ""         #: a map's class (occupied, pre2022, grey, liberated, none)

    def record(self) -> dict[str, Any]:
        """JSON-ready (dates as ``YYYY-MM-DD``)."""
        out = asdict(self)
        for key in ("date", "since", "changed_on"):
            out[key] = out[key].isoformat() if out[key] else None
        if not self.map_class:
            out.pop("map_class")
        return out


def _persist(statuses: list[str], dates: list[dt.date], status: str, n: int
             ) -> tuple[int, int, bool | None, dt.date | None]:
    """(updates looked at, held through, persisted, changed on) for the later updates."""
    later = list(zip(statuses, dates, strict=True))[:n]
    held = 0
    for value, day in later:
        if value != status:
            return len(later), held, False, day
        held += 1
    return len(later), held, (True if held >= n else None), None


def claimant_status(claims: pd.DataFrame, place: str, day: dt.date, persist: int = 1
                    ) -> list[Held]:
    """Each claimant's status at ``place`` on ``day`` (claims.csv claims), by claimant id."""
    mine = claims[claims["settlement_id"] == place].sort_values(["date", "row"], kind="stable")
    out = []
    for claimant, group in mine.groupby("claimant", sort=True):
        last_of_day = group.drop_duplicates(subset=["date"], keep="last")
        dates = [d.date() for d in last_of_day["date"]]
        before = [i for i, d in enumerate(dates) if d <= day]
        if not before:
            continue
        at = before[-1]
        rows = last_of_day.iloc[: at + 1]
        status = str(rows["status"].iloc[-1])
        start = at
        while start > 0 and rows["status"].iloc[start - 1] == status:
            start -= 1
        later = last_of_day.iloc[at + 1:]
        updates, held, persisted, changed = _persist(
            [str(s) for s in later["status"]], dates[at + 1:], status, persist)
        row = rows.iloc[-1]
        out.append(Held(str(claimant), status, str(row["extent"]), dates[at], dates[start],
                        str(row["source"]), str(row["source_url"]), updates, held, persisted,
                        changed))
    return out


def _status_of(classes: PlaceClasses, place: str) -> tuple[str | None, str, dt.date | None]:
    where = np.flatnonzero(classes.ids == place)
    if not len(where):
        return None, "", None
    code = int(classes.codes[where[0]])
    name = NAME_OF.get(code, "outside")
    since = pd.Timestamp(classes.since[where[0]]).date()
    return STATUS_OF[name], name, since


def map_status(classes: Sequence[PlaceClasses], place: str, day: dt.date, persist: int = 1,
               claimant: str = "deepstate", source: str = "", url: str = "") -> Held | None:
    """The map's status at ``place`` on ``day`` from stored place classes (the map in force:
    the latest on or before ``day``), ``since`` as stored, and the next ``persist`` maps."""
    ordered = sorted(classes, key=lambda c: c.day)
    in_force = [c for c in ordered if c.day <= day]
    if not in_force:
        return None
    status, name, since = _status_of(in_force[-1], place)
    if status is None or since is None:
        return None
    later = [c for c in ordered if c.day > day][:persist]
    statuses = [str(_status_of(c, place)[0]) for c in later]
    updates, held, persisted, changed = _persist(statuses, [c.day for c in later], status,
                                                 persist)
    first = in_force[-1].day
    return Held(claimant, status, "full", first, since, source or f"{claimant} map of {first}",
                url, updates, held, persisted, changed, name)


def point_status(codes: Sequence[tuple[dt.date, int]], day: dt.date, persist: int = 1,
                 claimant: str = "deepstate", url: str = "") -> Held | None:
    """The map's status at a point from its class code on each stored map (oldest first,
    computed by :func:`geo.maps.placeclasses.classify_places`); ``since`` is the first map
    of the unbroken run showing that status among the maps given."""
    ordered = sorted(codes)
    at = [i for i, (d, _) in enumerate(ordered) if d <= day]
    if not at:
        return None
    i = at[-1]
    name = NAME_OF.get(ordered[i][1], "outside")
    status = STATUS_OF[name]
    if status is None:
        return None

    def status_at(k: int) -> str | None:
        return STATUS_OF[NAME_OF.get(ordered[k][1], "outside")]

    start = i
    while start > 0 and status_at(start - 1) == status:
        start -= 1
    later = list(range(i + 1, min(i + 1 + persist, len(ordered))))
    updates, held, persisted, changed = _persist(
        [str(status_at(k)) for k in later], [ordered[k][0] for k in later], status, persist)
    return Held(claimant, status, "full", ordered[i][0], ordered[start][0],
                f"{claimant} map of {ordered[i][0]}", url, updates, held, persisted, changed,
                name)
