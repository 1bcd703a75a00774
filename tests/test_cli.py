"""CLI: outputs, formats and exit codes (in-process, plus one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from tests.helpers import claim, write_data

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_ok(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "validate", "--data", str(data_dir))
    assert code == 0 and "valid" in out and "6 claims" in out


def test_validate_reports_every_problem(capsys, tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("c1", "2025-01-02", "atlantis", "ru_mod", "russian"),
        claim("c2", "2025-01-02", "alpha", "ru_mod", "won"),
    ])
    code, _, err = run(capsys, "validate", "--data", str(d))
    assert code == 2
    assert "claims.csv:2 settlement_id = 'atlantis'" in err
    assert "claims.csv:3 status = 'won'" in err and "Fix:" in err


def test_status_json_shape(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "status", "--date", "2025-01-15", "--data", str(data_dir),
                       "--format", "json")
    assert code == 0
    records = {r["settlement"]: r for r in json.loads(out)}
    alpha = records["alpha"]
    assert set(alpha) == {"settlement", "name", "lat", "lon", "sides", "disputed"}
    assert set(alpha["sides"]) == {"ru", "ua", "independent"}
    assert alpha["sides"]["ru"] == {"status": "contested", "extent": "full", "part": None,
                                    "encircled": True, "claimant": "ru_mod",
                                    "date": "2025-01-01", "age_days": 14,
                                    "source": "Test Wire",
                                    "source_url": "https://example.org/a",
                                    "summary": "ru_mod says contested.", "claim": "c1"}
    assert alpha["sides"]["independent"] is None
    assert alpha["disputed"] is True
    assert records["beta"]["sides"]["ru"]["part"] == "east"


def test_status_claimant_and_side_filters(capsys, data_dir: Path) -> None:
    _, out, _ = run(capsys, "status", "--date", "2025-03-01", "--data", str(data_dir),
                    "--claimant", "isw", "--format", "json")
    recs = {r["settlement"]: r for r in json.loads(out)}
    assert recs["alpha"]["sides"]["ru"] is None
    assert recs["gamma"]["sides"]["independent"]["status"] == "contested"
    _, out, _ = run(capsys, "status", "--date", "2025-03-01", "--data", str(data_dir),
                    "--side", "ua", "--format", "json")
    recs = {r["settlement"]: r for r in json.loads(out)}
    assert recs["alpha"]["sides"]["ru"] is None and recs["alpha"]["sides"]["ua"] is not None


@pytest.mark.parametrize("fmt", ["table", "csv", "geojson"])
def test_status_other_formats(capsys, data_dir: Path, fmt: str) -> None:
    code, out, _ = run(capsys, "status", "--date", "2025-03-01", "--data", str(data_dir),
                       "--format", fmt)
    assert code == 0 and "alpha" in out
    if fmt == "geojson":
        assert json.loads(out)["type"] == "FeatureCollection"
    if fmt == "csv":
        assert out.splitlines()[0].startswith("settlement,ru_status")


def test_territory_json(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "territory", "--date", "2025-01-01", "--data", str(data_dir),
                       "--format", "json")
    assert code == 0
    recs = {r["claimant"]: r for r in json.loads(out)}
    assert recs["ru_mod"] == {"claimant": "ru_mod", "side": "ru", "date": "2025-01-01",
                              "share_pct": 19.0, "qualifier": "more_than",
                              "area_km2": 116000.0, "denominator_km2": 603628.0,
                              "source": "Wire"}
    assert recs["osint"]["share_pct"] == 19.1


def test_territory_table(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "territory", "--date", "2025-01-01", "--data", str(data_dir),
                       "--claimant", "ru_mod")
    assert code == 0 and "more than 19%" in out and "osint" not in out


@pytest.mark.parametrize(("args", "message"), [
    (["status", "--claimant", "kremlin"], "unknown claimant 'kremlin'"),
    (["status", "--date", "2025-13-01"], "bad date"),
    (["status", "--date", "2999-01-01"], "in the future"),
    (["territory", "--claimant", "x"], "unknown claimant"),
    (["status", "--format", "xml"], "invalid choice"),
])
def test_errors_are_one_line_exit_2(capsys, data_dir: Path, args: list[str],
                                    message: str) -> None:
    code, _, err = run(capsys, *args, "--data", str(data_dir))
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_data_dir_subprocess(tmp_path: Path) -> None:
    """Run as a user would: one line on stderr, exit 2, no traceback."""
    proc = subprocess.run([sys.executable, "-m", "geo", "status", "--data",
                           str(tmp_path / "missing")], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: data directory not found")
    assert "Traceback" not in proc.stderr


def test_env_var_selects_data_dir(tmp_path: Path, data_dir: Path) -> None:
    import os

    env = dict(os.environ, FRONTLINE_DATA_DIR=str(data_dir))
    proc = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0 and str(data_dir) in proc.stdout


def test_search(capsys) -> None:
    code, out, _ = run(capsys, "search", "Mirnograd")
    assert code == 0 and out.startswith("myrnohrad\tMyrnohrad")
    code, _, err = run(capsys, "search", "Atlantis")
    assert code == 1 and "no settlement" in err
