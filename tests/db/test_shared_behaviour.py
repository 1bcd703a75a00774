"""The storage behaviour both backends share, each test run on the files and on the database
(the ``storage`` fixture) with the same assertions: loading, accepting, skipping duplicates,
refusing a bad row with the same one-line error, writing nothing of a bad batch, the
version, the evidence, and a new place taken whole from the national table.

The data is the tiny directory of :mod:`tests.db.data`. Where a result is compared with
"the files", the reference is :func:`geo.dataset.accept.accept` on a fresh copy of it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from geo.dataset.accept import accept
from geo.dataset.load import Dataset, load_dataset
from geo.errors import DataValidationError
from geo.store import Storage
from geo.vocab import EVIDENCE_FILE
from tests.db.data import TODAY, tiny_data
from tests.db.data import new_claim as new

#: the tiny data's claims.csv has six records: the first appended one is on line 8
FIRST_NEW_LINE = 8


FIGURE = {"date": "2025-05-01", "claimant": "ru_mod", "share_pct": "19.5",
          "qualifier": "about", "area_km2": "", "denominator_km2": "", "includes": "",
          "summary": "s", "source": "Wire", "source_url": "", "refers_to": ""}
#: a place the national table holds (Delta, gn-1001), as a caller who knows little gives it
DELTA = {"gn-1001": {"name": "Delta", "oblast": "", "lat": 48.0, "lon": 37.0,
                     "population": 0, "geonames_id": 1001}}


def _frames(ds: Dataset) -> dict[str, pd.DataFrame]:
    return {name: getattr(ds, name).reset_index(drop=True)
            for name in ("claimants", "settlements", "claims", "territory")}


def _same(got: Dataset, expected: Dataset) -> None:
    for name, frame in _frames(expected).items():
        pd.testing.assert_frame_equal(_frames(got)[name], frame, obj=name)


def _reference(root: Path, *batches: tuple[list[dict], dict | None, list | None]) -> Path:
    """A fresh tiny data directory with ``batches`` accepted by the file store's code."""
    data = tiny_data(root / "reference")
    for claims, places, figures in batches:
        accept(data, claims, places, figures, TODAY)
    return data


def test_load_gives_the_tiny_dataset(storage: Storage, tmp_path: Path) -> None:
    before = storage.version()
    reference = tiny_data(tmp_path / "reference")
    for places in ("claimed", "all"):
        _same(storage.load(places, TODAY),  # type: ignore[arg-type]
              load_dataset(reference, places=places, today=TODAY))  # type: ignore[arg-type]
    assert storage.version() == before  # reading changes nothing


def test_an_accept_adds_claims_figures_and_a_place(storage: Storage, tmp_path: Path) -> None:
    before = storage.version()
    batch = [new("beta", "2025-05-01"), new("gn-1001", "2025-05-02", status="contested"),
             new("alpha", "2025-05-03", summary='says "taken", again')]
    done = storage.accept(batch, DELTA, [FIGURE], today=TODAY)
    assert done.claims_written == ["beta-2025-05-01-ru-mod", "delta-2025-05-02-ru-mod",
                                   "alpha-2025-05-03-ru-mod"]
    assert done.settlements_added == ["delta"] and done.figures_written == 1
    assert done.duplicates_skipped == [] and done.files_written
    after = storage.version()
    assert after != before and storage.version() == after
    _same(storage.load("all", TODAY),
          load_dataset(_reference(tmp_path, (batch, DELTA, [FIGURE])), places="all", today=TODAY))
    summaries = storage.load("all", TODAY).claims.set_index("id")["summary"]
    assert summaries["alpha-2025-05-03-ru-mod"] == 'says "taken", again'


def test_duplicates_are_skipped_and_ids_numbered(storage: Storage) -> None:
    before = storage.version()
    # c3 of the tiny data: Alpha, ru_gs, 2025-02-01, russian
    present = storage.accept([new("alpha", "2025-02-01", claimant="ru_gs")], today=TODAY)
    assert present.claims_written == [] and present.files_written == []
    assert present.duplicates_skipped == ["alpha ru_gs 2025-02-01 russian"]
    assert storage.version() == before  # nothing written, nothing changed
    twice = [new("beta", "2025-05-01"), new("beta", "2025-05-01"),
             new("beta", "2025-05-01", status="contested")]
    first = storage.accept(twice, today=TODAY)
    assert first.claims_written == ["beta-2025-05-01-ru-mod", "beta-2025-05-01-ru-mod-2"]
    assert first.duplicates_skipped == ["beta ru_mod 2025-05-01 russian"]
    again = storage.accept(twice[:1], today=TODAY)
    assert again.claims_written == [] and again.duplicates_skipped == [
        "beta ru_mod 2025-05-01 russian"]
    claims = storage.load(today=TODAY).claims
    assert (claims["settlement_id"] == "beta").sum() == 2 + 2  # c4, c5 and the two new


@pytest.mark.parametrize(("bad", "problem"), [
    ({"claimant": "nobody"}, "claimant = 'nobody': unknown id (not in claimants.csv). Fix: "
                             "use an id from claimants.csv or add it there first"),
    ({"status": "won"}, "status = 'won': unknown value. Fix: use one of: ukrainian, "
                        "contested, russian"),
    ({"date": "2025-13-01"}, "date = '2025-13-01': not a valid date. Fix: write it as "
                             "YYYY-MM-DD, e.g. 2025-11-11"),
    ({"settlement_id": "atlantis"}, "settlement_id = 'atlantis': unknown id (not in "
                                    "settlements.csv or places.parquet). Fix: use an id from "
                                    "settlements.csv or places.parquet or add it there first"),
    ({"date": "2025-07-01"}, "date = '2025-07-01': date is in the future (after "
                             "2025-06-01). Fix: use the day the claim was made, not a later "
                             "one"),
], ids=["claimant", "status", "date", "place", "future"])
def test_a_bad_row_is_refused_in_one_line(storage: Storage, bad: dict[str, str],
                                          problem: str) -> None:
    before = storage.version()
    with pytest.raises(DataValidationError) as err:
        storage.accept([new("gamma", "2025-05-05"), {**new("beta", "2025-05-01"), **bad}],
                       today=TODAY)
    (found,) = err.value.problems
    assert str(found) == f"claims.csv:{FIRST_NEW_LINE + 1} {problem}"
    assert err.value.summary() == f"1 problem(s) in the data:\n  {found}"
    assert storage.version() == before


def test_a_bad_batch_writes_nothing(storage: Storage, tmp_path: Path) -> None:
    before = storage.version()
    batch = [new("beta", "2025-05-01", evidence="Said so."), new("gn-1001", "2025-05-02"),
             new("atlantis", "2025-05-03")]
    with pytest.raises(DataValidationError, match="atlantis"):
        storage.accept(batch, DELTA, [FIGURE], today=TODAY)
    assert storage.version() == before
    # neither the good claims, the new place, the figure nor the evidence
    _same(storage.load("all", TODAY),
          load_dataset(tiny_data(tmp_path / "reference"), places="all", today=TODAY))
    assert not (storage.directory() / EVIDENCE_FILE).exists()


def test_the_evidence_is_kept(storage: Storage) -> None:
    said = ['The ministry said: "Gamma is ours",\nat dawn.', "The staff said Beta was held."]
    first = storage.accept([{**new("gamma", "2025-05-06"), "evidence": said[0]},
                            new("alpha", "2025-05-07")], today=TODAY)
    second = storage.accept([{**new("beta", "2025-05-08"), "evidence": said[1]}],
                            today=TODAY)
    ids = [*first.claims_written, *second.claims_written]
    evidence = storage.load(today=TODAY).claims.set_index("id")["evidence"]
    assert [evidence[i] for i in ids] == [said[0], "", said[1]]
    assert (evidence.drop(ids) == "").all()  # the older claims: none, and none invented
    side = (storage.directory() / EVIDENCE_FILE).read_text(encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(side, newline=""))) == [
        {"claim_id": ids[0], "evidence": said[0]}, {"claim_id": ids[2], "evidence": said[1]}]


def test_a_new_place_is_taken_whole_from_the_national_table(storage: Storage) -> None:
    done = storage.accept([new("gn-1001", "2025-05-01")], DELTA, today=TODAY)
    assert done.settlements_added == ["delta"]
    ds = storage.load("all", TODAY)
    row = ds.settlements.set_index("id").loc["delta"]
    # the table's names, oblast, population and point, not the caller's bare record
    assert (row["name"], row["name_uk"], row["aliases"], row["oblast"]) == (
        "Delta", "Дельта", "Delta;Дельта", "Donetsk")
    assert (int(row["population"]), int(row["geonames_id"])) == (1200, 1001)
    assert (row["lat"], row["lon"]) == (48.2, 37.8)
    assert ds.claims.set_index("id").loc[done.claims_written[0], "settlement_id"] == "delta"
    # the same place again: the same settlement, never a second row
    again = storage.accept([new("gn-1001", "2025-05-02")], DELTA, today=TODAY)
    assert again.settlements_added == []
    settlements = storage.load("all", TODAY).settlements
    assert (settlements["geonames_id"] == 1001).sum() == 1


def test_a_known_geonames_id_is_its_settlement(storage: Storage) -> None:
    """Alpha's GeoNames id, given as a ``gn-`` place: the claim is Alpha's."""
    record = {"gn-704422": {"name": "Alpha", "oblast": "", "lat": 48.0, "lon": 37.0,
                            "population": 0, "geonames_id": 704422}}
    done = storage.accept([new("gn-704422", "2025-05-01")], record, today=TODAY)
    assert done.settlements_added == [] and done.claims_written == ["alpha-2025-05-01-ru-mod"]
    claims = storage.load(today=TODAY).claims.set_index("id")
    assert claims.loc["alpha-2025-05-01-ru-mod", "settlement_id"] == "alpha"


def test_a_place_the_table_lacks_is_taken_from_the_record(storage: Storage) -> None:
    record = {"gn-99999999": {"name": "Testove Pole", "oblast": "Kharkiv Oblast",
                              "lat": 50.1, "lon": 36.9, "population": 17000,
                              "geonames_id": 99999999}}
    done = storage.accept([new("gn-99999999", "2025-05-01")], record, today=TODAY)
    assert done.settlements_added == ["testove-pole"]
    ds = storage.load("all", TODAY)
    row = ds.settlements.set_index("id").loc["testove-pole"]
    assert (row["oblast"], row["kind"], int(row["population"]), int(row["geonames_id"])) == (
        "Kharkiv", "town", 17000, 99999999)
    assert ds.claims.set_index("id").loc[done.claims_written[0], "settlement_id"] == (
        "testove-pole")
