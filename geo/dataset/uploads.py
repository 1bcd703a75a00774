"""A reader's own files, used for their session only: validated from bytes, never from paths.

Uploaded CSVs replace the matching files of the data directory in a scratch copy, which
is then validated like any data directory (every problem listed with file, line, field,
value and fix). An uploaded control map is parsed from its bytes and stored in a scratch
store. Nothing reaches the shared data unless the reader accepts it, through
:func:`geo.dataset.accept.accept` (validated, locked, atomic).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from geo.dataset.load import Dataset, Places, load_dataset
from geo.errors import DataValidationError, Problem
from geo.places.table import PLACES_FILE
from geo.vocab import COLUMNS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOADABLE = ("claims.csv", "settlements.csv", "claimants.csv", "territory.csv")


def session_dataset(base_dir: Path, files: Mapping[str, bytes],
                    today: dt.date | None = None, places: Places = "claimed") -> Dataset:
    """The data directory with ``files`` (name → bytes) in place of its own, validated
    (with the directory's places table, so claims may name its places; ``places``: as
    :func:`~geo.dataset.load.load_dataset`'s).

    Raises :class:`~geo.errors.DataValidationError` listing every problem.
    """
    problems = [Problem(name, 0, "", f"{len(raw):,} bytes", "file too large",
                        f"upload at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
                for name, raw in files.items() if len(raw) > MAX_UPLOAD_BYTES]
    problems += [Problem(name, 0, "", "", "not a data file",
                         f"upload one of: {', '.join(UPLOADABLE)}")
                 for name in files if name not in COLUMNS]
    if problems:
        raise DataValidationError(problems)
    with tempfile.TemporaryDirectory(prefix="frontline-upload-") as scratch:
        trial = Path(scratch)
        for name in (*COLUMNS, PLACES_FILE):
            if name in files:
                (trial / name).write_bytes(files[name])
            elif (base_dir / name).exists():
                shutil.copy2(base_dir / name, trial / name)
        ds = load_dataset(trial, today=today, places=places)
    return dataclasses.replace(ds, directory=base_dir)
