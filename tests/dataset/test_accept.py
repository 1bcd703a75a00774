"""Accepting reviewed drafts into the data directory."""

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


def test_accept_adds_gazetteer_place_then_claim(data_copy: Path) -> None:
    from geo.dataset.accept import accept

    # a place only a (newer) gazetteer knows: not curated, not in the bundled table
    place = {"name": "Testove Pole", "oblast": "Kharkiv Oblast", "lat": 50.1,
             "lon": 36.9, "population": 17000, "geonames_id": 99999999}
    result = accept(data_copy, [_claim("gn-99999999")], {"gn-99999999": place})
    assert result.settlements_added == ["testove-pole"]
    ds = load_dataset(data_copy)
    row = ds.settlements.set_index("id").loc["testove-pole"]
    assert (row["oblast"], row["kind"], int(row["geonames_id"])) == ("Kharkiv", "town",
                                                                      99999999)
    assert ds.claims.set_index("id").loc[result.claims_written[0], "settlement_id"] == (
        "testove-pole")
    assert (result.backup / "claims.csv").is_file()


def test_accept_is_all_or_nothing(data_copy: Path, monkeypatch) -> None:
    from geo.dataset import accept as accept_mod
    from geo.errors import DataValidationError

    before = {p.name: p.read_bytes() for p in data_copy.glob("*.csv")}
    with pytest.raises(DataValidationError):
        accept_mod.accept(data_copy, [_claim("pokrovsk"), _claim("atlantis")])
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before
    assert not (data_copy / ".backup").exists()

    from geo.dataset import journal

    def crash(path, text, like):
        raise OSError("disk full")

    monkeypatch.setattr(journal, "_write_staged", crash)
    with pytest.raises(OSError):
        accept_mod.accept(data_copy, [_claim("pokrovsk")])
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.csv")} == before


def test_accept_skips_duplicates_and_numbers_ids(data_copy: Path) -> None:
    from geo.dataset.accept import accept

    first = accept(data_copy, [_claim("pokrovsk"), _claim("pokrovsk", status="contested")])
    assert len(first.claims_written) == 2 and len(set(first.claims_written)) == 2
    again = accept(data_copy, [_claim("pokrovsk")])
    assert again.claims_written == [] and len(again.duplicates_skipped) == 1


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
