"""Checks that another user (not the writer) can read a file: by its mode bits always, and,
when the tests run as root, by reading it in a subprocess running as ``nobody``."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


@contextmanager
def shared_tmp() -> Iterator[Path]:
    """A fresh directory under /tmp that every user may enter (pytest's tmp_path is 0700)."""
    directory = Path(tempfile.mkdtemp(dir="/tmp", prefix="frontline-shared-"))
    try:
        directory.chmod(0o755)
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _as_nobody() -> None:  # runs in the child, before exec
    os.setgid(NOBODY)
    os.setgroups([])
    os.setuid(NOBODY)


def assert_others_can_read(path: Path) -> None:
    """``path`` (a file, or a directory and every file in it) can be read by any user."""
    paths = [path, *sorted(path.rglob("*"))] if path.is_dir() else [path]
    for p in paths:
        mode = stat.S_IMODE(p.stat().st_mode)
        wanted = stat.S_IROTH | (stat.S_IXOTH if p.is_dir() else 0)
        assert mode & wanted == wanted, f"{p} has mode {mode:o}: other users cannot read it"
    if os.geteuid() != 0:
        return
    files = [str(p) for p in paths if p.is_file()]
    cat = shutil.which("cat") or "/bin/cat"  # the venv's python may sit under /root
    done = subprocess.run([cat, *files], preexec_fn=_as_nobody,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, f"user nobody cannot read {path}: {done.stderr.strip()}"
