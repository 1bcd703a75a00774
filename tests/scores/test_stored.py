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


def test_auto_leaves_maps_that_came_after_most_claims_aside_and_says_why(tmp_path: Path
                                                                         ) -> None:
    from geo.dataset.load import load_dataset
    from geo.scores.stored import reference_for
    from tests.scores.cases import early_claims_dirs

    data, store = early_claims_dirs(tmp_path)
    ds = load_dataset(data)
    ref, _ = reference_for(ds, store)       # auto: one import must not blank the scorecard
    assert ref.kind == "claims" and ref.claimant == "deepstate"
    assert ref.why.startswith("its 3 stored maps (from 2025-01-01) came after 2 of the 3 "
                              "claims it could judge")
    # asked for, the maps are used, and no reason is given
    maps, _ = reference_for(ds, store, use="maps")
    assert (maps.kind, maps.why) == ("map", "")


def test_auto_keeps_the_maps_when_they_cover_the_claims_or_nothing_else_exists(
        tmp_path: Path) -> None:
    from geo.dataset.load import load_dataset
    from geo.scores.stored import reference_for
    from tests.helpers import CLAIMANTS, CLAIMS, claim, write_data
    from tests.scores.cases import early_claims_dirs, stored_dirs

    data, store = early_claims_dirs(tmp_path / "quiet", deepstate_speaks=False)
    ref, _ = reference_for(load_dataset(data), store)   # no claims of its own to use
    assert (ref.kind, ref.why) == ("map", "")
    data, store = stored_dirs(tmp_path / "late")        # the claims come on or after the maps
    who = {"id": "deepstate", "name": "DeepState", "side": "ua", "kind": "osint", "url": ""}
    write_data(data, claims=[*CLAIMS, claim("d1", "2025-01-20", "beta", "deepstate",
                                            "russian")], claimants=[*CLAIMANTS, who])
    ref, _ = reference_for(load_dataset(data), store)
    assert (ref.kind, ref.why) == ("map", "")
