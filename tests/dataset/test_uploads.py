"""A reader's uploaded CSVs: recognised by name, or by header when the name is another."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.dataset.uploads import kind_of, recognised, session_dataset
from geo.errors import DataValidationError
from tests.helpers import CLAIMS, claim, to_csv


def _claims_bytes(*extra: dict) -> bytes:
    return to_csv("claims.csv", [*CLAIMS, *extra]).encode()


def test_each_data_file_is_known_by_its_own_header(data_dir: Path) -> None:
    for name in ("claims.csv", "settlements.csv", "claimants.csv", "territory.csv"):
        assert kind_of((data_dir / name).read_bytes()) == name


def test_a_header_of_no_data_file_is_no_kind() -> None:
    assert kind_of(b"foo,bar\n1,2\n") is None
    assert kind_of(b"\xff\xfe\x00garbage") is None
    assert kind_of(b"") is None


def test_a_renamed_claims_file_is_read_as_claims(data_dir: Path) -> None:
    raw = _claims_bytes(claim("u9", "2025-03-09", "gamma", "ru_mod", "russian"))
    named, notes, problems = recognised({"claims (2).csv": raw})
    assert named == {"claims.csv": raw} and not problems
    assert notes == ["claims (2).csv was read as claims.csv (from its header)"]
    ds = session_dataset(data_dir, {"claims (2).csv": raw})
    assert "u9" in set(ds.claims["id"])


def test_an_unknown_file_names_its_columns_and_the_fix(data_dir: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        session_dataset(data_dir, {"notes.csv": b"when,what\n2025-01-01,x\n"})
    text = err.value.summary()
    assert "notes.csv" in text and "when, what" in text
    assert "claims.csv" in text and "name it after the file it is" in text


def test_two_files_for_one_data_file_are_refused(data_dir: Path) -> None:
    raw = _claims_bytes()
    named, _, problems = recognised({"claims.csv": raw, "export.csv": raw})
    assert list(named) == ["claims.csv"]
    assert len(problems) == 1 and "a second claims.csv (also claims.csv)" in str(problems[0])


def test_a_refused_upload_lists_problems_up_to_the_limit_and_counts_the_rest(
        data_dir: Path, monkeypatch) -> None:
    from geo.dataset import uploads

    monkeypatch.setattr(uploads, "LISTED_PROBLEMS", 2)
    bad = [claim(f"u{i}", "2025-03-09", "gamma", "ru_mod", "won") for i in range(3)]
    with pytest.raises(uploads.UploadRejectedError) as err:
        session_dataset(data_dir, {"export.csv": _claims_bytes(*bad)})
    text = err.value.summary()
    assert "export.csv: 6 of 9 row(s) are fine, 3 have a problem" in text
    assert text.count("status = 'won'") == 2 and "… and 1 more problem(s)" in text
    assert err.value.rows == {"export.csv": (9, 3)}
