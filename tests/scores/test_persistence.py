"""A place's status on a date, since when, and whether it held through the next N updates."""

from __future__ import annotations

import datetime as dt

import numpy as np

from geo.maps.placeclasses import CODES, PlaceClasses
from geo.scores import claimant_status, map_status, point_status
from tests.scores.cases import PLACES, claims

D = dt.date.fromisoformat


def test_claimant_status_since_and_persistence_at_the_boundary() -> None:
    frame = claims(("1", "2025-01-01", "a", "ru_mod", "contested"),
                   ("2", "2025-01-10", "a", "ru_mod", "russian"),
                   ("3", "2025-01-12", "a", "ru_mod", "russian"),
                   ("4", "2025-01-20", "a", "ru_mod", "russian"),
                   ("5", "2025-01-30", "a", "ru_mod", "contested"),
                   ("6", "2025-01-12", "b", "ru_mod", "ukrainian"))
    held = {h.claimant: h for h in claimant_status(frame, "a", D("2025-01-12"), persist=1)}
    mod = held["ru_mod"]
    assert (mod.status, mod.date, mod.since) == ("russian", D("2025-01-12"), D("2025-01-10"))
    assert (mod.updates, mod.held_through, mod.persisted) == (1, 1, True)
    two = claimant_status(frame, "a", D("2025-01-12"), persist=2)[0]
    assert (two.held_through, two.persisted, two.changed_on) == (1, False, D("2025-01-30"))
    last = claimant_status(frame, "a", D("2025-01-30"), persist=1)[0]
    assert (last.updates, last.persisted) == (0, None)  # no later update yet: not known
    assert claimant_status(frame, "a", D("2024-12-31")) == []


def _map(day: str, since: str, cls: str) -> PlaceClasses:
    codes = np.array([CODES[cls], 0, 0], dtype=np.uint8)
    return PlaceClasses(D(day), PLACES, codes,
                        np.array([np.datetime64(since, "D")] * 3), "t", "1")


def test_map_status_reads_since_and_the_next_maps() -> None:
    maps = [_map("2025-01-01", "2025-01-01", "grey"), _map("2025-01-05", "2025-01-05", "occupied"),
            _map("2025-01-06", "2025-01-05", "pre2022"), _map("2025-01-09", "2025-01-09", "none")]
    got = map_status(maps, "a", D("2025-01-05"), persist=1)
    assert got is not None
    assert (got.status, got.since, got.map_class, got.persisted) == \
        ("russian", D("2025-01-05"), "occupied", True)
    got2 = map_status(maps, "a", D("2025-01-05"), persist=2)
    assert got2 is not None and (got2.persisted, got2.changed_on) == (False, D("2025-01-09"))
    assert map_status(maps, "a", D("2024-12-31")) is None
    assert map_status(maps, "zz", D("2025-01-05")) is None


def test_point_status_from_class_codes() -> None:
    codes = [(D("2025-01-01"), CODES["none"]), (D("2025-01-03"), CODES["grey"]),
             (D("2025-01-04"), CODES["grey"]), (D("2025-01-08"), CODES["occupied"])]
    got = point_status(codes, D("2025-01-05"), persist=1)
    assert got is not None
    assert (got.status, got.since, got.date, got.persisted, got.changed_on) == \
        ("contested", D("2025-01-03"), D("2025-01-04"), False, D("2025-01-08"))
    assert got.record()["since"] == "2025-01-03"
    assert point_status([(D("2025-01-01"), CODES["outside"])], D("2025-01-02")) is None
