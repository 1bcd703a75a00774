"""Accepts are all-or-nothing across files (issue 14.2, 14.9, 14.13): a full disk, a kill
between renames, links. A new place taken whole from the places table (issue 11) is tested
on both backends in tests/db/test_shared_behaviour.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.dataset.accept import accept
from geo.dataset.journal import STAGING_DIR, PartialWriteError, recover
from geo.dataset.load import load_dataset
from geo.errors import DataValidationError, StoreError
from tests.fixtures import BUNDLED_DIR

ROOT = Path(__file__).resolve().parents[2]
FIGURE = {"date": "2025-12-04", "claimant": "ru_mod", "share_pct": "19.5",
          "qualifier": "about", "area_km2": "", "denominator_km2": "", "includes": "not stated",
          "summary": "A test figure.", "source": "Test Wire", "source_url": "",
          "refers_to": ""}


def _claim(settlement: str, status: str = "russian", **extra: str) -> dict:
    return {"date": "2025-12-04", "settlement_id": settlement, "claimant": "ru_mod",
            "status": status, "extent": "full", "part": "", "encircled": "",
            "summary": "A test claim.", "source": "Test Wire", "source_url": "",
            "source_date": "2025-12-04", **extra}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED_DIR, tmp_path / "data",
                    ignore=shutil.ignore_patterns("local", ".backup", ".accept"))
    return tmp_path / "data"


def _files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("*.csv"))}


def test_a_full_disk_while_staging_writes_nothing(data_copy: Path, monkeypatch) -> None:
    from geo.dataset import journal

    before = _files(data_copy)
    real = journal._write_staged
    calls: list[str] = []

    def second_fails(path: Path, text: str, like: Path) -> None:
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, text, like)

    monkeypatch.setattr(journal, "_write_staged", second_fails)
    with pytest.raises(OSError, match="No space"):
        accept(data_copy, [_claim("pokrovsk")], figures=[FIGURE])
    assert _files(data_copy) == before                      # neither territory nor claims
    assert not any((data_copy / STAGING_DIR).iterdir())
    assert not (data_copy / ".backup").exists()


_KILL = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from geo.dataset.accept import accept
    real, seen = Path.replace, []
    def replace(self, target):
        if ".csv" in self.name:
            seen.append(self.name)
            if len(seen) == {after} + 1:
                os._exit(9)                                   # kill -9 between two renames
        return real(self, target)
    Path.replace = replace
    claim = dict(date="2025-12-04", settlement_id="pokrovsk", claimant="ru_mod",
                 status="russian", extent="full", part="", encircled="", summary="Killed.",
                 source="Test Wire", source_url="", source_date="2025-12-04")
    figure = dict(date="2025-12-04", claimant="ru_mod", share_pct="19.5", qualifier="about",
                  area_km2="", denominator_km2="", includes="not stated", summary="Killed.",
                  source="Test Wire", source_url="", refers_to="")
    accept(Path({data!r}), [claim], figures=[figure])
""")


@pytest.mark.parametrize("after", [0, 1])
def test_a_kill_between_renames_is_rolled_forward(data_copy: Path, after: int) -> None:
    before = _files(data_copy)
    script = _KILL.format(root=str(ROOT), data=str(data_copy), after=after)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 9, done.stderr.decode()
    assert _files(data_copy)["claims.csv"] == before["claims.csv"]    # the claim not yet in
    assert any((data_copy / STAGING_DIR).iterdir())
    notes = recover(data_copy)
    assert notes and "completed an interrupted accept" in notes[0]
    ds = load_dataset(data_copy)
    assert (ds.claims["summary"] == "Killed.").sum() == 1
    assert (ds.territory["summary"] == "Killed.").sum() == 1
    assert not any((data_copy / STAGING_DIR).iterdir())
    backups = list((data_copy / ".backup").iterdir())
    assert len(backups) == 1 and (backups[0] / "claims.csv").read_bytes() == before["claims.csv"]
    again = accept(data_copy, [_claim("pokrovsk", summary="Killed.")])   # the retry
    assert again.claims_written == [] and len(again.duplicates_skipped) == 1


def test_a_kill_before_the_journal_is_rolled_back(data_copy: Path) -> None:
    before = _files(data_copy)
    stage = data_copy / STAGING_DIR / "20260101T000000000000Z"
    stage.mkdir(parents=True)
    (stage / "claims.csv").write_text("half a file")                    # no journal
    (data_copy / ".claims.csv.0123456789ab.tmp").write_text("a whole copy")
    notes = recover(data_copy)
    assert any("discarded" in n for n in notes) and any("temp file" in n for n in notes)
    assert _files(data_copy) == before
    assert not stage.exists() and not list(data_copy.glob(".*.tmp"))


def test_a_failed_rename_after_the_commit_point_says_what_was_written(
        data_copy: Path, monkeypatch) -> None:
    real = Path.replace

    def claims_fail(self: Path, target: Path) -> Path:
        if self.name == "claims.csv":
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", claims_fail)
    with pytest.raises(PartialWriteError, match=r"wrote territory.csv but not claims.csv"):
        accept(data_copy, [_claim("pokrovsk")], figures=[FIGURE])
    monkeypatch.undo()
    assert accept(data_copy, [_claim("pokrovsk")]).recovered      # finished by the next one
    assert (load_dataset(data_copy).claims["summary"] == "A test claim.").sum() == 1


def test_a_bare_carriage_return_is_quoted_and_accepted(data_copy: Path) -> None:
    result = accept(data_copy, [_claim("pokrovsk", summary="first\rsecond"),
                                _claim("myrnohrad", summary='a "quote"\r\nand a line')])
    claims = load_dataset(data_copy).claims.set_index("id")["summary"]
    assert list(claims[result.claims_written]) == ["first\rsecond", 'a "quote"\r\nand a line']


def test_links_inside_the_data_directory_are_written_through(data_copy: Path) -> None:
    (data_copy / "real").mkdir()
    (data_copy / "claims.csv").rename(data_copy / "real" / "claims.csv")
    (data_copy / "claims.csv").symlink_to(Path("real") / "claims.csv")
    result = accept(data_copy, [_claim("pokrovsk")])
    assert (data_copy / "claims.csv").is_symlink()                      # the link kept
    assert result.claims_written[0] in (data_copy / "real" / "claims.csv").read_text()


@pytest.mark.parametrize("link", [".backup", "claims.csv"])
def test_links_leaving_the_data_directory_are_refused(data_copy: Path, tmp_path: Path,
                                                      link: str) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if link == "claims.csv":
        shutil.move(data_copy / "claims.csv", outside / "claims.csv")
        (data_copy / "claims.csv").symlink_to(outside / "claims.csv")
    else:
        (data_copy / ".backup").symlink_to(outside)
    before = _files(data_copy)
    # a data file linked outside is not even read (geo.io.csvfile): refused by validation
    with pytest.raises((StoreError, DataValidationError),
                       match=r"nothing was written|link leading outside the data directory"):
        accept(data_copy, [_claim("pokrovsk")])
    assert _files(data_copy) == before
    assert list(outside.iterdir()) in ([], [outside / "claims.csv"])
