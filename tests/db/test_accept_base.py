"""The database's accepts keep their validated small tables between accepts
(:mod:`geo.store.acceptbase`): accepts that only add claims load them once, a new place
makes a new base, and a bad row after a kept base is refused with the very problem a
fresh storage gives (the quick check never decides a refusal: the full load does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import DataValidationError
from geo.store.acceptbase import quick
from geo.store.database import DatabaseStorage
from tests.db.data import TODAY
from tests.db.data import new_claim as new

DELTA = {"gn-1001": {"name": "Delta", "oblast": "", "lat": 48.0, "lon": 37.0,
                     "population": 0, "geonames_id": 1001}}


def test_accepts_load_the_small_tables_once_per_state(loaded: str, tmp_path: Path) -> None:
    db = DatabaseStorage(loaded, tmp_path / "cache", actor="editor")
    try:
        written = []
        for day in ("2025-05-01", "2025-05-02", "2025-05-03"):
            written += db.accept([new("gamma", day), new("gn-1002", day)],
                                 today=TODAY).claims_written
        assert db.bases.loads == 1
        done = db.accept([new("gn-1001", "2025-05-04")], DELTA, today=TODAY)
        assert done.settlements_added == ["delta"]   # a new place: validated whole
        written += done.claims_written
        db.accept([new("delta", "2025-05-05")], today=TODAY)
        assert db.bases.loads == 2                     # the new state's base, kept
        claims = db.load(today=TODAY).claims
        assert set(written) <= set(claims["id"]) and len(written) == 7
    finally:
        db.close()


@pytest.mark.parametrize("bad", [{"claimant": "nobody"}, {"settlement_id": "atlantis"},
                                 {"date": "2025-07-01"}, {"status": "won"}])
def test_a_bad_row_after_a_kept_base_is_refused_as_by_a_fresh_storage(
        loaded: str, tmp_path: Path, bad: dict[str, str]) -> None:
    kept = DatabaseStorage(loaded, tmp_path / "kept", actor="editor")
    batch = [new("gamma", "2025-05-05"), {**new("beta", "2025-05-01"), **bad}]
    try:
        kept.accept([new("alpha", "2025-05-02")], today=TODAY)
        with pytest.raises(DataValidationError) as err:
            kept.accept(batch, today=TODAY)
        assert kept.bases.loads == 1
    finally:
        kept.close()
    fresh = DatabaseStorage(loaded, tmp_path / "fresh", actor="editor")
    try:
        fresh.accept([new("alpha", "2025-05-02")], today=TODAY)
        fresh.bases = type(fresh.bases)()   # nothing kept: the accept loads everything
        with pytest.raises(DataValidationError) as expected:
            fresh.accept(batch, today=TODAY)
    finally:
        fresh.close()
    assert [str(p) for p in err.value.problems] == [str(p) for p in expected.value.problems]


def test_the_quick_check_leaves_what_it_cannot_tell_to_the_full_load(
        loaded: str, tmp_path: Path) -> None:
    from geo.db.connect import connect
    from geo.db.mirror import accept_directory

    with connect(loaded) as conn:
        conn.autocommit = True
        scratch = accept_directory(conn, tmp_path / "scratch", tmp_path / "root")
    db = DatabaseStorage(loaded, tmp_path / "cache")
    base = db.bases.base(scratch, TODAY)
    header = (scratch / "claims.csv").read_text(encoding="utf-8")
    fields = {"id": "gamma-1", "date": "2025-05-01", "settlement_id": "gamma",
              "claimant": "ru_mod", "status": "russian", "extent": "full", "summary": "s",
              "source": "Wire", "source_date": "2025-05-01"}
    good = ",".join(fields.get(c, "") for c in header.strip().split(","))
    cases = {"good": (good, True), "unknown place": (good.replace(",gamma,", ",nowhere,"),
                                                     False),
             "nothing added": ("", False)}
    for name, (line, expected) in cases.items():
        trial = tmp_path / name
        trial.mkdir()
        for path in scratch.iterdir():
            (trial / path.name).write_bytes(path.read_bytes())
        (trial / "claims.csv").write_text(header + (f"{line}\n" if line else ""),
                                          encoding="utf-8")
        assert quick(base, trial, TODAY) is expected, name
    # a changed settlements file (a new place) is never passed by the quick check
    (tmp_path / "good" / "settlements.csv").write_bytes(
        (scratch / "settlements.csv").read_bytes() + b"\n")
    assert quick(base, tmp_path / "good", TODAY) is False
