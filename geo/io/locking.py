"""An exclusive lock per directory, so concurrent writers (editors, imports) take turns.

Every write to the shared data directory or the map store happens inside
:func:`locked`: read the current files, validate, write a temp file, fsync, rename.
Two editors accepting claims at the same moment are serialized: the second sees the
first one's rows and appends after them, and neither overwrites the other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from geo.errors import LockTimeoutError, StoreError

LOCK_NAME = ".write.lock"


@contextlib.contextmanager
def locked(directory: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the directory's write lock (waiting up to ``timeout`` seconds for it)."""
    directory.mkdir(parents=True, exist_ok=True)
    # Read-only is all flock needs: another user's process can then take the lock on a
    # lock file it does not own (created with the umask's mode, as other files are).
    # O_NOFOLLOW: a lock file that is a link is refused, never followed out of the directory.
    path = directory / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        if not path.is_symlink():
            raise
        raise StoreError(f"{path}: a link (to {path.readlink()}), not a lock file; nothing "
                         f"was written. Fix: remove the link ({LOCK_NAME} is made anew)"
                         ) from exc
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeoutError(f"{directory} is being written by another editor "
                                           f"or import for over {timeout:g} s; try again"
                                           ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
