"""Accepted claims keep the report's own evidence sentence, in the side file
claims-evidence.csv (claims.csv's lines never change when evidence is first added), beside a
summary in our words; claims.csv's older ``evidence`` column is still read; the bundled files
carry none."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo.dataset.accept import accept
from geo.dataset.load import load_dataset
from geo.errors import DataValidationError
from geo.vocab import EVIDENCE_FILE
from tests.fixtures import BUNDLED_DIR

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
#: A made-up report sentence with a comma, a quote and a line break, as pasted.
SENTENCE = 'Units of the test group "took" Kupiansk,\nthe ministry of Testland said.'


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED_DIR, tmp_path / "data",
                    ignore=shutil.ignore_patterns("local", ".backup"))
    return tmp_path / "data"


def _claim(**extra: str) -> dict:
    return {"date": "2025-12-04", "settlement_id": "kupiansk", "claimant": "ru_mod",
            "status": "russian", "extent": "full", "part": "", "encircled": "",
            "summary": "According to the Russian MoD, Kupiansk is held by Russian forces.",
            "source": "Test Wire", "source_url": "", "source_date": "2025-12-04", **extra}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_evidence_goes_to_its_side_file_and_claims_csv_only_grows(data_copy: Path
                                                                        ) -> None:
    path = data_copy / "claims.csv"
    before = path.read_text(encoding="utf-8")
    result = accept(data_copy, [_claim(evidence=SENTENCE)], {})
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    mine = next(r for r in _rows(path) if r["id"] == result.claims_written[0])
    assert mine["summary"].startswith("According to the Russian MoD")
    assert "evidence" not in mine and SENTENCE not in after
    assert _rows(data_copy / EVIDENCE_FILE) == [
        {"claim_id": result.claims_written[0], "evidence": SENTENCE}]
    # read back beside its claim, a second accept's appended: on both backends in
    # tests/db/test_shared_behaviour.py


def test_the_older_evidence_column_is_still_read(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    old = dict(_claim(), id="x-1", date="2025-01-02", source_date="2025-01-02",
               evidence="The old way, quoted.")
    with path.open("w", encoding="utf-8", newline="") as f:  # the column, as once written
        f.write("\n".join([lines[0] + ",evidence", *(x + "," for x in lines[1:])]) + "\n")
        csv.DictWriter(f, [*header, "evidence"], extrasaction="ignore",
                       lineterminator="\n").writerow(old)
    ds = load_dataset(data_copy)
    assert ds.claims.set_index("id")["evidence"]["x-1"] == "The old way, quoted."


def test_a_side_file_row_naming_no_claim_is_refused(data_copy: Path) -> None:
    (data_copy / EVIDENCE_FILE).write_text("claim_id,evidence\nno-such-claim,Some words.\n",
                                           encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_dataset(data_copy)
    (problem,) = err.value.problems
    assert (problem.file, problem.line, problem.field, problem.value) == (
        EVIDENCE_FILE, 2, "claim_id", "no-such-claim")
    assert "delete the row" in problem.fix


def test_without_evidence_the_file_keeps_its_columns(data_copy: Path) -> None:
    header = (data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    accept(data_copy, [_claim()], {})
    assert (data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0] == header


def test_the_bundled_claims_carry_no_report_text() -> None:
    if not (REPO_DATA / "claims.csv").is_file():
        pytest.skip("no data/claims.csv beside the tests")
    rows = _rows(REPO_DATA / "claims.csv")
    assert not any(r.get("evidence") for r in rows)
