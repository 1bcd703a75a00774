"""Reading a reference from the store: the fast codes-only path, other places tables,
damaged files, and the choice between maps and claims."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from geo.maps.placeclasses import CODES, PlaceClasses, classes_path, write_classes
from geo.maps.store import StoredMap
from geo.scores import map_reference
from geo.scores.stored import read_all_classes


def _stored(tmp: Path, day: str, ids: list[str], classes: list[str], print_: str
            ) -> StoredMap:
    date = dt.date.fromisoformat(day)
    stored = StoredMap(date, tmp / f"{day}.parquet", "deepstate")
    write_classes(PlaceClasses(date, np.array(ids, dtype=object),
                               np.array([CODES[c] for c in classes], dtype=np.uint8),
                               np.full(len(ids), np.datetime64(date, "D")), print_, "1"),
                  classes_path(stored.path))
    return stored


def test_codes_only_reads_match_whole_reads_and_other_tables_are_aligned(tmp_path: Path
                                                                         ) -> None:
    maps = [_stored(tmp_path, "2025-01-01", ["a", "b"], ["none", "grey"], "p1"),
            _stored(tmp_path, "2025-01-02", ["a", "b"], ["occupied", "grey"], "p1"),
            _stored(tmp_path, "2025-01-03", ["b", "a", "c"], ["none", "occupied", "grey"],
                    "p2"),
            StoredMap(dt.date(2025, 1, 4), tmp_path / "2025-01-04.parquet", "deepstate")]
    found, errors = read_all_classes(maps)
    assert errors == [] and [m.day.isoformat() for m in found] == \
        ["2025-01-01", "2025-01-02", "2025-01-03"]  # the 4th has no classes
    assert list(found[2].ids) == ["b", "a", "c"]
    ref = map_reference(found, "deepstate")
    seen = {(ref.places[p], int(d), int(c)) for p, d, c in zip(ref.place, ref.day, ref.code,
                                                                strict=True)}
    day = (np.datetime64("2025-01-01") - np.datetime64("1970-01-01")).astype(int)
    assert (("a", day + 1, 3) in seen) and (("b", day + 2, 1) in seen) and \
        (("c", day + 2, 2) in seen)


def test_a_damaged_file_is_named_and_the_others_still_read(tmp_path: Path) -> None:
    good = _stored(tmp_path, "2025-01-01", ["a"], ["none"], "p1")
    bad = StoredMap(dt.date(2025, 1, 2), tmp_path / "2025-01-02.parquet", "deepstate")
    classes_path(bad.path).write_bytes(b"not parquet")
    found, errors = read_all_classes([good, bad])
    assert len(found) == 1
    (error,) = errors
    assert "2025-01-02.places.parquet" in error and "rederive" in error
