"""Atomic writes: a temp file in the target's directory, fsync, rename over the target.

A reader sees the old file or the new one, never half of either; a failure at any point
leaves the target as it was (absent or the previous version) and no temp file behind.
The new file keeps the replaced file's permission bits, or for a new file gets the
process's usual ones (``0666 & ~umask``), so that other users' server processes can read
the data as before (``tempfile.mkstemp`` would leave it owner-only, 0600).

:func:`atomic_directory` does the same for a directory built in one go (a cache entry,
installed assets); replacing an existing directory is a remove then a rename, so it is
atomic for readers of a new directory only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: Suffix of temp files and directories (never ``.parquet`` or ``.csv``: listings skip them).
TEMP_SUFFIX = ".tmp"


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def _existing_mode(target: Path) -> int | None:
    """Permission bits of the file or directory being replaced (None: there is none)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return None


def _create_temp_file(target: Path) -> tuple[int, Path]:
    """Open a new, uniquely named temp file beside ``target`` for writing.

    Created with mode 0666, so the kernel applies the umask exactly as for any new file.
    """
    while True:
        tmp = _temp_name(target)
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a binary handle on a temp file, then put the file at ``path``.

    The parent directory is created when missing. Raises whatever ``write`` or the file
    system raises, with ``path`` untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(path)
    fd, tmp = _create_temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        tmp.replace(path)
        fsync_directory(path.parent)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    atomic_write(path, lambda handle: handle.write(data))


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, with no newline translation."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a (Geo)DataFrame to ``path`` as (Geo)Parquet, atomically, without its index."""
    atomic_write(path, lambda handle: frame.to_parquet(handle, index=False))


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield an empty temp directory beside ``target``; on success it replaces ``target``.

    Fill the yielded directory inside the ``with`` block. It gets the replaced directory's
    permission bits, or ``0777 & ~umask`` for a new one. An exception in the block (or in
    the rename) removes the temp directory and leaves ``target`` as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(target)
    while True:
        tmp = _temp_name(target)
        try:
            tmp.mkdir(mode=0o777)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    try:
        yield tmp
        if mode is not None:
            tmp.chmod(mode)
        for child in tmp.rglob("*"):
            if child.is_file():
                with child.open("rb") as handle:
                    os.fsync(handle.fileno())
        fsync_directory(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
        fsync_directory(target.parent)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
