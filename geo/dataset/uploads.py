"""A reader's own files, used for their session only: validated from bytes, never from paths.

Uploaded CSVs replace the matching files of the data directory in a scratch copy, which
is then validated like any data directory (every problem listed with file, line, field,
value and fix). An uploaded control map is parsed from its bytes and stored in a scratch
store. Nothing reaches the shared data unless the reader accepts it, through
:func:`geo.dataset.accept.accept` (validated, locked, atomic).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from geo.dataset.load import Dataset, Places, load_dataset
from geo.errors import DataValidationError, Problem
from geo.places.table import PLACES_FILE
from geo.vocab import COLUMNS, MAY_BE_ABSENT

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOADABLE = ("claims.csv", "settlements.csv", "claimants.csv", "territory.csv")


def _header(raw: bytes) -> list[str]:
    """The first row of a CSV's bytes, names trimmed and lower-cased ([] when unreadable)."""
    try:
        first = raw[:64 * 1024].decode("utf-8-sig").splitlines()[:1]
    except UnicodeDecodeError:
        return []
    rows = list(csv.reader(io.StringIO(first[0]))) if first else []
    return [cell.strip().lower() for cell in rows[0]] if rows else []


def kind_of(raw: bytes) -> str | None:
    """Which data file a CSV is, from its header: the one whose every column that may not
    be absent is in it (``None`` when none or more than one is)."""
    header = set(_header(raw))
    fits = [name for name in UPLOADABLE
            if set(COLUMNS[name]) - set(MAY_BE_ABSENT.get(name, ())) <= header]
    return fits[0] if len(fits) == 1 else None


def recognised(files: Mapping[str, bytes]) -> tuple[dict[str, bytes], list[str], list[Problem]]:
    """``files`` under the data file names they are: a file named like one keeps its name;
    any other (``claims (2).csv``, ``export.csv``) is recognised by its header.

    Returns the renamed files, one note per file recognised by its header (for the reader:
    "export.csv was read as claims.csv"), and the problems: a file that is no data file
    (its columns said, and the data files' names), and two files for one data file.
    """
    named: dict[str, bytes] = {}
    origin: dict[str, str] = {}
    notes: list[str] = []
    problems: list[Problem] = []
    for name, raw in files.items():
        kind = name if name in COLUMNS else kind_of(raw)
        if kind is None:
            header = ", ".join(cell[:30] for cell in _header(raw)[:5]) or "no readable header"
            problems.append(Problem(
                name, 1, "header", header, "not a data file: its columns match none of "
                + ", ".join(UPLOADABLE),
                "upload a file with one of their headers (see data/README.md), or name it "
                "after the file it is"))
            continue
        if kind in named:
            problems.append(Problem(
                name, 0, "", kind, f"a second {kind} (also {origin[kind]})",
                f"upload one {kind} at a time"))
            continue
        named[kind], origin[kind] = raw, name
        if kind != name:
            notes.append(f"{name} was read as {kind} (from its header)")
    return named, notes, problems


def session_dataset(base_dir: Path, files: Mapping[str, bytes],
                    today: dt.date | None = None, places: Places = "claimed") -> Dataset:
    """The data directory with ``files`` (name → bytes; a file not named like a data file
    is recognised by its header, see :func:`recognised`) in place of its own, validated
    (with the directory's places table, so claims may name its places; ``places``: as
    :func:`~geo.dataset.load.load_dataset`'s).

    Raises :class:`~geo.errors.DataValidationError` listing every problem.
    """
    problems = [Problem(name, 0, "", f"{len(raw):,} bytes", "file too large",
                        f"upload at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
                for name, raw in files.items() if len(raw) > MAX_UPLOAD_BYTES]
    files, _, unknown = recognised(files)
    problems += unknown
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
