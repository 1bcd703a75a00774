"""Accepted claims keep the report's own evidence sentence (claims.csv's optional
``evidence`` column), beside a summary in our words; the bundled files carry none."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo.dataset.accept import accept
from geo.dataset.load import load_dataset
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


def test_the_evidence_sentence_is_written_beside_the_summary(data_copy: Path) -> None:
    before = _rows(data_copy / "claims.csv")
    assert "evidence" not in before[0]  # the file starts without the column
    result = accept(data_copy, [_claim(evidence=SENTENCE)], {})
    rows = _rows(data_copy / "claims.csv")
    mine = next(r for r in rows if r["id"] == result.claims_written[0])
    assert mine["evidence"] == SENTENCE
    assert mine["summary"].startswith("According to the Russian MoD")
    assert [{k: v for k, v in r.items() if k != "evidence"} for r in rows[:-1]] == before
    assert all(r["evidence"] == "" for r in rows[:-1])  # older rows: empty, not invented
    ds = load_dataset(data_copy)  # the column validates and is read back
    assert len(ds.claims) == len(before) + 1


def test_without_evidence_the_file_keeps_its_columns(data_copy: Path) -> None:
    header = (data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    accept(data_copy, [_claim()], {})
    assert (data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0] == header


def test_the_bundled_claims_carry_no_report_text() -> None:
    if not (REPO_DATA / "claims.csv").is_file():
        pytest.skip("no data/claims.csv beside the tests")
    rows = _rows(REPO_DATA / "claims.csv")
    assert not any(r.get("evidence") for r in rows)


def test_adding_the_column_changes_nothing_else_in_the_file(data_copy: Path) -> None:
    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n"
                    'x-1,2025-01-02,kupiansk,ru_mod,russian,full,,,"A summary, with a\n'
                    'line break.",Test,,2025-01-02\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    accept(data_copy, [_claim(evidence=SENTENCE)], {})
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after[0] == before[0].rstrip("\n") + ",evidence\n"
    assert after[-4:-2] == ['x-1,2025-01-02,kupiansk,ru_mod,russian,full,,,"A summary, with a\n',
                            'line break.",Test,,2025-01-02,\n']  # quoting kept, one field more
    assert all(a == b.rstrip("\n") + ",\n" for a, b in zip(after[1:-4], before[1:-2],
                                                            strict=True))
