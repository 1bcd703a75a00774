"""The write lock works for every user of a shared directory, not only its lock file's owner."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from geo.io import locking
from geo.io.locking import LOCK_NAME, locked


def test_lock_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        with locked(tmp_path):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / LOCK_NAME).stat().st_mode) == 0o664


def test_lock_needs_only_read_access(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user may only read a lock file someone else created (0644): opening it for
    writing fails with EACCES for them, so the lock must not ask for write access. (Root
    ignores file modes, so the refusal an unprivileged user meets is simulated here.)"""
    with locked(tmp_path):
        pass
    real_open = os.open

    def as_another_user(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path).name == LOCK_NAME and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(locking.os, "open", as_another_user)
    with locked(tmp_path):
        assert (tmp_path / LOCK_NAME).exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes any file regardless of mode")
def test_lock_on_a_read_only_lock_file(tmp_path: Path) -> None:
    with locked(tmp_path):
        pass
    (tmp_path / LOCK_NAME).chmod(0o444)
    with locked(tmp_path):
        pass
