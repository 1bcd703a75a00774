"""The one atomic-write helper: permissions kept, all or nothing, no temp file left behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.io.atomic import (
    atomic_directory,
    atomic_write,
    atomic_write_bytes,
    atomic_write_parquet,
    atomic_write_text,
)
from tests.io.sharing import assert_others_can_read, shared_tmp


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("bits", [0o644, 0o640, 0o600, 0o664])
def test_replaced_file_keeps_its_mode(tmp_path: Path, bits: int, umask_022: None) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("old\n")
    target.chmod(bits)
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert mode(target) == bits


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o027, 0o640),
                                                  (0o077, 0o600), (0o002, 0o664)])
def test_new_file_gets_the_umask_mode(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write_bytes(tmp_path / "new.bin", b"data")
        atomic_write_parquet(pd.DataFrame({"a": [1]}), tmp_path / "sub" / "new.parquet")
    finally:
        os.umask(old)
    assert (tmp_path / "new.bin").read_bytes() == b"data"
    assert mode(tmp_path / "new.bin") == expected
    assert mode(tmp_path / "sub" / "new.parquet") == expected
    assert pd.read_parquet(tmp_path / "sub" / "new.parquet")["a"].tolist() == [1]


def test_text_is_written_without_newline_translation(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "a.csv", "x,y\r\nü\n")
    assert (tmp_path / "a.csv").read_bytes() == "x,y\r\nü\n".encode()


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("old\n")

    def half_then_fail(handle) -> None:
        handle.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, half_then_fail)
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


def test_failed_rename_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("old\n")

    def killed(self: Path, other: Path) -> Path:
        raise OSError("killed")

    monkeypatch.setattr(Path, "replace", killed)
    with pytest.raises(OSError, match="killed"):
        atomic_write_text(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


def test_failed_write_of_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="bad"):
        atomic_write(tmp_path / "new.csv", lambda handle: (_ for _ in ()).throw(
            ValueError("bad")))
    assert list(tmp_path.iterdir()) == []


def test_another_user_can_read_the_result(umask_022: None) -> None:
    with shared_tmp() as folder:
        target = folder / "claims.csv"
        target.write_text("old\n")
        target.chmod(0o644)
        atomic_write_text(target, "new\n")
        assert_others_can_read(target)
        atomic_write_bytes(folder / "fresh.bin", b"x")
        assert_others_can_read(folder / "fresh.bin")


def test_directory_new_gets_umask_mode_and_replaced_keeps_its_own(tmp_path: Path,
                                                                  umask_022: None) -> None:
    entry = tmp_path / "cache" / "abc"
    with atomic_directory(entry) as tmp:
        (tmp / "a.txt").write_text("1")
    assert (entry / "a.txt").read_text() == "1"
    assert mode(entry) == 0o755
    entry.chmod(0o750)
    with atomic_directory(entry) as tmp:
        (tmp / "b.txt").write_text("2")
    assert sorted(p.name for p in entry.iterdir()) == ["b.txt"]
    assert mode(entry) == 0o750
    assert sorted(p.name for p in entry.parent.iterdir()) == ["abc"]


def test_directory_failure_keeps_old_and_leaves_no_temp(tmp_path: Path) -> None:
    entry = tmp_path / "abc"
    with atomic_directory(entry) as tmp:
        (tmp / "a.txt").write_text("1")
    with pytest.raises(RuntimeError, match="crash"), atomic_directory(entry) as tmp:
        (tmp / "b.txt").write_text("2")
        raise RuntimeError("crash")
    assert sorted(p.name for p in entry.iterdir()) == ["a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abc"]


def test_another_user_can_read_a_new_directory(umask_022: None) -> None:
    with shared_tmp() as folder:
        with atomic_directory(folder / "entry") as tmp:
            (tmp / "part.parquet").write_bytes(b"x")
        assert_others_can_read(folder / "entry")
