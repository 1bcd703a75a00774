"""``python -m geo reliability`` (alias ``scorecard``) and ``at``: JSON shape, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli import main
from tests.scores.cases import stored_dirs


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return stored_dirs(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reliability_json_rows_and_each_claims_outcome(
        dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    code, out, _ = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["reference"], doc["reference_kind"], doc["latest_reference_date"]) == \
        ("deepstate", "map", "2025-03-01")
    row = next(r for r in doc["rows"] if r["claimant"] == "ru_gs" and r["kind"] == "all")
    for key in ("claimant", "kind", "period", "claims", "confirmed", "reversed", "open",
                "never", "confirmed_share_30d", "median_lead_days"):
        assert key in row
    (claim,) = row["outcomes"]
    assert (claim["claim"], claim["outcome"], claim["lead_days"]) == ("c3", "confirmed", 9)
    assert (claim["date"], claim["shown_date"]) == ("2025-02-01", "2025-02-10")
    assert claim["source"] == "Test Wire" and claim["shown_source"] == \
        "deepstate map of 2025-02-10"
    code, alias, _ = run(capsys, "scorecard", "--data", str(data), "--store", str(store),
                         "--format", "json")
    assert code == 0 and json.loads(alias) == doc


def test_reliability_csv_per_claim_and_filters(
        dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    code, out, _ = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--format", "csv", "--per-claim", "--claimant", "ru_gs")
    assert code == 0
    header, *lines = out.splitlines()
    assert header.startswith("claim,claimant,kind,settlement,name,date")
    assert len(lines) == 1 and lines[0].startswith("c3,ru_gs,unstated,alpha,Alpha,2025-02-01")
    code, out, _ = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--claimant", "ru_gs")  # the table: shares with their claims, leads
    assert code == 0 and "100% of 1" in out and " 9 " in out and "9.0" not in out
    code, out, _ = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--to", "2025-01-31")
    assert code == 0 and "ru_gs" not in out


def test_reliability_with_a_claimant_reference_and_errors(
        dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    code, out, _ = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--reference", "isw", "--format", "json")
    assert code == 0 and json.loads(out)["reference_kind"] == "claims"
    code, _, err = run(capsys, "reliability", "--data", str(data), "--reference", "nobody")
    assert code == 2 and err.count("\n") == 1 and "unknown reference claimant 'nobody'" in err
    code, _, err = run(capsys, "reliability", "--data", str(data), "--keep-days", "-3")
    assert code == 2 and "bad number of days" in err
    code, _, err = run(capsys, "reliability", "--data", str(data), "--store", str(store),
                       "--reference", "isw", "--reference-from", "maps")
    assert code == 2 and "no stored maps" in err


def test_at_a_name_and_at_coordinates(dirs: tuple[Path, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    code, out, _ = run(capsys, "at", "--place", "Krasnoalpha", "--date", "2025-02-15",
                       "--persist", "1", "--data", str(data), "--store", str(store),
                       "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["place"]["id"] == "alpha"
    assert (doc["map"]["status"], doc["map"]["since"], doc["map"]["persisted"]) == \
        ("russian", "2025-02-10", True)
    ru_gs = next(c for c in doc["claimants"] if c["claimant"] == "ru_gs")
    assert (ru_gs["status"], ru_gs["since"], ru_gs["persisted"]) == ("russian", "2025-02-01",
                                                                      None)
    code, out, _ = run(capsys, "at", "--place", "48.30,37.30", "--date", "2025-03-05",
                       "--data", str(data), "--store", str(store), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["place"]["id"] == "alpha" and doc["place"]["distance_km"] > 0
    assert (doc["point"]["map"]["map_class"], doc["point"]["map"]["since"]) == \
        ("occupied", "2025-02-10")
    code, out, _ = run(capsys, "at", "--place", "49.0,30.0", "--date", "2025-03-05",
                       "--data", str(data), "--store", str(store))
    assert code == 0 and "ukrainian (full) [none]" in out
    code, _, err = run(capsys, "at", "--place", "Xyzzyville", "--data", str(data))
    assert code == 2 and "unknown place 'Xyzzyville'" in err


def test_at_a_place_id(dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    for place in ("gn-704422", "alpha"):  # Alpha's GeoNames id, then its curated id
        code, out, _ = run(capsys, "at", "--place", place, "--date", "2025-02-15",
                           "--data", str(data), "--store", str(store), "--format", "json")
        assert code == 0 and json.loads(out)["place"]["id"] == "alpha"
    code, out, _ = run(capsys, "at", "--place", "gn-704422", "--data", str(data),
                       "--store", str(data / "no-store"))
    assert code == 0 and "map: no deepstate map stored" in out   # not a bare "no status"
    code, _, err = run(capsys, "at", "--place", "gn-5", "--data", str(data))
    assert code == 2 and err.count("\n") == 1
    assert "unknown place id 'gn-5'" in err and "Fix:" in err
