"""Accepting reviewed drafts into the data directory: what only the files have (their column
order kept). What both backends share (new places, duplicates, all or nothing) is tested on
both in tests/db/test_shared_behaviour.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR


def _claim(settlement: str, status: str = "russian", **extra) -> dict:
    row = {"date": "2025-12-04", "settlement_id": settlement, "claimant": "ru_mod",
           "status": status, "extent": "full", "part": "", "encircled": "",
           "summary": "A test claim.", "source": "Test Wire", "source_url": "",
           "source_date": "2025-12-04"}
    row.update(extra)
    return row


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(BUNDLED_DIR, tmp_path / "data",
                    ignore=shutil.ignore_patterns("local", ".backup"))
    return tmp_path / "data"


def test_accept_keeps_the_files_column_order_and_normalises_oblasts(data_copy: Path) -> None:
    from geo.dataset.accept import accept, oblast_name

    text = (data_copy / "claims.csv").read_text().splitlines()
    header = text[0].split(",")
    order = [*header[1:], header[0]]                         # id moved to the end
    import csv as csv_mod
    import io as io_mod

    rows = list(csv_mod.DictReader(io_mod.StringIO("\n".join(text))))
    out = io_mod.StringIO()
    writer = csv_mod.DictWriter(out, fieldnames=order, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data_copy / "claims.csv").write_text(out.getvalue())
    result = accept(data_copy, [_claim("pokrovsk")])
    assert len(result.claims_written) == 1
    assert load_dataset(data_copy).claims["id"].is_unique
    assert oblast_name("Donetska Oblast") == "Donetsk"
    assert oblast_name("Kharkiv Oblast") == "Kharkiv"
    assert oblast_name(None) == "unknown"
