"""The control-map comparison is computed once per pair of maps in force, not per date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from geo.claims.state import PageState
from geo.maps.store import StoredMap
from ui import controlmaps


class Frame:
    """A settlements frame stand-in: the comparison is kept by its identity and life."""


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[dt.date, dt.date]]]:
    seen: list[tuple[dt.date, dt.date]] = []

    def fake(store: Path, settlements: object, start: dt.date, end: dt.date) -> object:
        seen.append((start, end))
        return ("changes", start, end)

    monkeypatch.setattr(controlmaps, "map_changes", fake)
    controlmaps._compare.clear()
    yield seen
    controlmaps._compare.clear()


def _maps(tmp_path: Path) -> controlmaps.Maps:
    days = [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    stored = [StoredMap(d, tmp_path / f"{d}.parquet", "deepstate") for d in days]
    return controlmaps.Maps(tmp_path, stored, pd.DataFrame(), (), (("x", 1),))


def test_dates_with_the_same_maps_in_force_share_one_comparison(tmp_path, calls) -> None:
    maps, ds = _maps(tmp_path), SimpleNamespace(settlements=Frame())
    for day in (dt.date(2025, 2, 3), dt.date(2025, 2, 10), dt.date(2025, 2, 28)):
        got = controlmaps.compare(ds, ("v",), maps, PageState(day, ("deepstate",)))  # type: ignore[arg-type]
        changes: object = got.changes   # what the stand-in returned
        assert changes == ("changes", dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    assert calls == [(dt.date(2025, 1, 1), dt.date(2025, 2, 1))]   # once, by the maps' dates
    # a chosen compare-from date inside the first map's time is the same pair again
    chosen = PageState(dt.date(2025, 2, 20), ("deepstate",), compare_from=dt.date(2025, 1, 20))
    controlmaps.compare(ds, ("v",), maps, chosen)  # type: ignore[arg-type]
    assert len(calls) == 1
    # the next map in force is another pair
    controlmaps.compare(ds, ("v",), maps, PageState(dt.date(2025, 3, 5), ("deepstate",)))  # type: ignore[arg-type]
    assert calls[-1] == (dt.date(2025, 2, 1), dt.date(2025, 3, 1))


def test_a_version_with_the_same_places_shares_the_comparison(tmp_path, calls) -> None:
    # a database's version that only added claims holds its predecessor's settlements frame
    maps, places = _maps(tmp_path), Frame()
    state = PageState(dt.date(2025, 2, 3), ("deepstate",))
    for version in ("v1", "v2"):
        ds = SimpleNamespace(settlements=places, claims=version)
        controlmaps.compare(ds, (version,), maps, state)  # type: ignore[arg-type]
    assert len(calls) == 1
    other = SimpleNamespace(settlements=Frame())   # a full load: other places
    controlmaps.compare(other, ("v3",), maps, state)  # type: ignore[arg-type]
    assert len(calls) == 2
