"""What the reader is told about their uploaded files (tiny data: cheap): the date kept when
it is in their data and moved with a notice when not, and a refused file's problems under
its own name, with close matches and how many rows were fine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import CLAIMS, claim, to_csv, write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def page(data_dir: Path, monkeypatch) -> AppTest:
    write_data(data_dir)          # claims 2025-01-01..2025-03-01, figures to 2025-02-01
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return AppTest.from_file(APP, default_timeout=60).run()


def _upload(at: AppTest, name: str, rows: list[dict]) -> AppTest:
    at.sidebar.file_uploader(key="up_csv").upload(name, to_csv("claims.csv", rows).encode())
    return at.run()


def test_the_date_stays_when_in_the_upload_and_moves_with_a_notice_when_not(page) -> None:
    at = page
    assert at.date_input(key="f_date").value == dt.date(2025, 3, 1)
    at = _upload(at, "mine.csv", CLAIMS[:5])               # no claim after 2025-02-01
    assert not at.exception
    assert at.date_input(key="f_date").value == dt.date(2025, 2, 1)
    assert any("No data on 2025-03-01" in w.value and "Showing 2025-02-01" in w.value
               for w in at.warning)
    assert any("run from 2025-01-01 to 2025-02-01" in s.value for s in at.success)
    at.date_input(key="f_date").set_value(dt.date(2025, 1, 15)).run()
    at = _upload(at, "mine.csv", CLAIMS[:4])               # other bytes, the date inside
    assert at.date_input(key="f_date").value == dt.date(2025, 1, 15)
    assert not any("No data on" in w.value for w in at.warning)


def test_a_refused_upload_names_the_readers_file_counts_rows_and_suggests(page) -> None:
    at = _upload(page, "my export.csv", [
        *CLAIMS[:3], claim("u1", "2025-01-02", "alpah", "ru_mod", "russain"),
        claim("u2", "2025-01-02", "beta", "ru-mod", "russian")])
    assert not at.exception
    error = at.error[0].value.replace("\\", "")
    assert "my export.csv: 3 of 5 row(s) are fine, 2 are not" in error
    problems = at.code[0].value
    assert "claims.csv:" not in problems                     # the reader's name, not ours
    for text in ("my export.csv was read as claims.csv",
                 "my export.csv:5 settlement_id = 'alpah'", "did you mean 'alpha (Alpha)'?",
                 "my export.csv:5 status = 'russain'", "did you mean 'russian'?",
                 "my export.csv:6 claimant = 'ru-mod'", "did you mean 'ru_mod ("):
        assert text in problems
