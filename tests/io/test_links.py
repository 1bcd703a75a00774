"""Links in the data directory (issue 14.13): a lock file that is a link is refused, not
followed; a data file linked out of the directory, or one that is no data file at all, is
named in the error but its contents are never shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.cli.run import main
from geo.errors import StoreError
from geo.io.csvfile import read_csv_file
from geo.io.locking import LOCK_NAME, locked
from geo.vocab import COLUMNS
from tests.fixtures import FROZEN

SYSTEM_FILE = "root:x:0:0:marker-not-for-readers:/root:/bin/bash\nbin:x:1:1::/bin:/sbin/nologin\n"


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("claimants.csv", "settlements.csv", "claims.csv", "territory.csv"):
        shutil.copyfile(FROZEN / name, data / name)
    return data


def test_lock_link_to_an_outside_file_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.lock"
    outside.write_text("")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / LOCK_NAME).symlink_to(outside)
    with pytest.raises(StoreError, match=r"a link .*not a lock file"), locked(tmp_path / "d"):
        pass


def test_dangling_lock_link_creates_nothing_outside(tmp_path: Path) -> None:
    target = tmp_path / "outside" / "planted.lock"
    target.parent.mkdir()
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / LOCK_NAME).symlink_to(target)
    with pytest.raises(StoreError), locked(tmp_path / "d"):
        pass
    assert not target.exists()  # following the link would have created it


def test_data_file_linked_outside_is_not_read(tmp_path: Path) -> None:
    data = _data(tmp_path)
    secret = tmp_path / "passwd"
    secret.write_text(SYSTEM_FILE)
    (data / "claimants.csv").unlink()
    (data / "claimants.csv").symlink_to(secret)
    _, problems = read_csv_file(data / "claimants.csv", COLUMNS["claimants.csv"])
    text = " ".join(str(p) for p in problems)
    assert "link leading outside the data directory" in text
    assert "marker-not" not in text and "root:" not in text


def test_a_file_that_is_no_data_file_is_named_not_quoted(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "claimants.csv").write_text(SYSTEM_FILE)  # a copy inside the directory
    _, problems = read_csv_file(data / "claimants.csv", COLUMNS["claimants.csv"])
    assert len(problems) == 1 and "not a data file" in str(problems[0])
    assert "marker-not" not in str(problems[0]) and "root" not in str(problems[0])


def test_a_misspelt_column_is_still_named(tmp_path: Path) -> None:
    header = COLUMNS["claimants.csv"]
    data = tmp_path / "claimants.csv"
    data.write_text(",".join((*header[:-1], "oops_column")) + "\n")
    _, problems = read_csv_file(data, header)
    assert any("oops_column" in p.field for p in problems)


def test_validate_never_prints_a_linked_file(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = _data(tmp_path)
    secret = tmp_path / "passwd"
    secret.write_text(SYSTEM_FILE)
    (data / "claimants.csv").unlink()
    (data / "claimants.csv").symlink_to(secret)
    assert main(["validate", "--data", str(data)]) != 0
    out = capsys.readouterr()
    assert "claimants.csv" in out.out + out.err
    assert "marker-not" not in out.out + out.err and "root:x" not in out.out + out.err
