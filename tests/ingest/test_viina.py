"""VIINA's control table: run-length claims (first non-Ukrainian status, then every
change), streamed from a zip or a CSV, bad values as one line, the claimant required."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from geo.cli.run import main
from geo.errors import InputError
from geo.ingest import viina
from geo.ingest.viina import changes
from tests.helpers import CLAIMANTS, write_data
from tests.ingest.fixtures import ingest_data

HEADER = "geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code"
COLS = ["ctr_20250101000000", "ctr_20250101060000", "ctr_20250102000000", "ctr_20250103000000"]


def table(rows: list[tuple[int, str, list[str]]]) -> str:
    lines = [HEADER + "," + ",".join(COLS)]
    for gid, name, values in rows:
        lines.append(f"{gid},{name},{name},,37.0,48.0,PPL," + ",".join(values))
    return "\n".join(lines) + "\n"


ROWS = [(1001, "Novoselivka", ["UA", "UA", "CONTESTED", "RU"]),
        (1003, "Stepove", ["RU", "RU", "RU", "RU"]),
        (1004, "Kindrashivka", ["UA", "UA", "UA", "UA"]),
        (1005, "Dachne", ["UA", "", "RU", ""]),
        (999999, "Elsewhere", ["RU", "RU", "RU", "RU"])]


def test_run_length_changes(tmp_path: Path) -> None:
    path = tmp_path / "control.csv"
    path.write_text(table(ROWS), encoding="utf-8")
    got = [(c.geonameid, c.date.isoformat(), c.status) for c in changes(path)]
    assert got == [(1001, "2025-01-02", "contested"), (1001, "2025-01-03", "russian"),
                   (1003, "2025-01-01", "russian"), (1005, "2025-01-02", "russian"),
                   (999999, "2025-01-01", "russian")]
    assert [c.geonameid for c in changes(path, since=dt.date(2025, 1, 3))] == [1001]


def test_zip_and_bad_inputs(tmp_path: Path) -> None:
    zpath = tmp_path / "control_latest_2025.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("control_latest_2025.csv", table(ROWS))
    assert len(list(changes(zpath))) == 5
    bad = tmp_path / "bad.csv"
    bad.write_text(table([(1, "X", ["UA", "maybe", "RU", "RU"])]), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2 ctr_20250101060000 = 'maybe': not UA"):
        list(changes(bad))
    (tmp_path / "nodates.csv").write_text(HEADER + "\n1,X,X,,1,1,PPL\n", encoding="utf-8")
    with pytest.raises(InputError, match="no ctr_YYYYMMDDHHMMSS columns"):
        list(changes(tmp_path / "nodates.csv"))
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a zip archive"):
        list(changes(tmp_path / "junk.zip"))


def test_ingest_viina_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    claimants = pd.read_csv(data / "claimants.csv", dtype=str, keep_default_na=False)
    claimants.loc[len(claimants)] = ["viina", "VIINA, University of Michigan", "", "independent",
                                     "analyst", ""]
    claimants.to_csv(data / "claimants.csv", index=False)
    path = tmp_path / "control.csv"
    path.write_text(table(ROWS), encoding="utf-8")
    args = ["ingest", "viina", str(path), "--data", str(data), "--store", str(store)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "4 claim(s) added" in out and "1 change(s) of places not in the places table" in out
    got = pd.read_csv(data / "claims.csv", dtype=str)
    assert (got["claimant"] == "viina").sum() == 4
    assert main(args) == 0 and "0 new, 1 already taken in" in capsys.readouterr().out
    cid = got[got["claimant"] == "viina"]["id"].iloc[0]
    assert main(["provenance", cid, "--data", str(data), "--store", str(store)]) == 0
    assert viina.file_sha256(path) in capsys.readouterr().out


def test_viina_claimant_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_data(tmp_path / "data", claimants=CLAIMANTS)
    ingest_data(data)
    path = tmp_path / "control.csv"
    path.write_text(table(ROWS), encoding="utf-8")
    assert main(["ingest", "viina", str(path), "--data", str(data), "--store",
                 str(tmp_path / "s")]) == 1
    assert "no claimant 'viina'. Fix: add the row" in capsys.readouterr().out
