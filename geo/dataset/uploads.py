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

import pandas as pd

from geo.dataset.load import Dataset, Places, load_dataset
from geo.dataset.suggest import Candidates, claimant_candidates, place_candidates, with_suggestions
from geo.errors import DataValidationError, Problem
from geo.places.table import PLACES_FILE, bundled_places
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


def origins(files: Mapping[str, bytes]) -> dict[str, str]:
    """Each data file name :func:`recognised` gives ``files`` → the reader's own file name."""
    out: dict[str, str] = {}
    for name, raw in files.items():
        kind = name if name in COLUMNS else kind_of(raw)
        if kind is not None:
            out.setdefault(kind, name)
    return out


def session_dataset(base_dir: Path, files: Mapping[str, bytes],
                    today: dt.date | None = None, places: Places = "claimed") -> Dataset:
    """The data directory with ``files`` (name → bytes; a file not named like a data file
    is recognised by its header, see :func:`recognised`) in place of its own, validated
    (with the directory's places table, so claims may name its places; ``places``: as
    :func:`~geo.dataset.load.load_dataset`'s).

    Raises :class:`UploadRejectedError` (a :class:`~geo.errors.DataValidationError`) listing
    every problem under the reader's own file names, with close matches for a misspelt
    place, claimant or value, and how many rows of each file were fine.
    """
    problems = [Problem(name, 0, "", f"{len(raw):,} bytes", "file too large",
                        f"upload at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
                for name, raw in files.items() if len(raw) > MAX_UPLOAD_BYTES]
    own = origins(files)
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
        try:
            ds = load_dataset(trial, today=today, places=places)
        except DataValidationError as exc:
            raise _rejected(exc.problems, trial, files, own) from None
    return dataclasses.replace(ds, directory=base_dir)


class UploadRejectedError(DataValidationError):
    """An upload that failed validation. Its problems name the reader's files; ``rows``
    gives, per uploaded file, its data rows and how many of them have a problem, so that
    the summary says how many were fine and one fix-and-retry is enough."""

    def __init__(self, problems: list[Problem], rows: dict[str, tuple[int, int]],
                 notes: list[str]) -> None:
        self.rows, self.notes = rows, notes
        super().__init__(problems)

    def summary(self) -> str:
        """The files' row counts, then every problem (at most :data:`LISTED_PROBLEMS`)."""
        head = [*self.notes]
        for name, (rows, bad) in self.rows.items():
            if bad:
                head.append(f"{name}: {rows - bad:,} of {rows:,} row(s) are fine, {bad:,} "
                            f"have a problem; nothing of it was used (fix these rows and "
                            f"upload it again)")
            else:
                head.append(f"{name}: all {rows:,} row(s) are fine")
        shown = self.problems[:LISTED_PROBLEMS]
        more = len(self.problems) - len(shown)
        tail = [f"  … and {more:,} more problem(s), not listed: fix these first"] if more \
            else []
        return "\n".join([*head, f"{len(self.problems)} problem(s):",
                          *(f"  {p}" for p in shown), *tail])


#: At most this many problems are listed for an upload (the rest are counted).
LISTED_PROBLEMS = 100


def _data_rows(raw: bytes) -> int:
    """Records after the header of a CSV's bytes (blank lines not counted)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0
    try:
        return max(0, sum(1 for row in csv.reader(io.StringIO(text)) if any(row)) - 1)
    except csv.Error:
        return 0


def _read_frame(path: Path) -> pd.DataFrame | None:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, csv.Error):
        return None


def _rejected(problems: list[Problem], trial: Path, files: Mapping[str, bytes],
              own: Mapping[str, str]) -> UploadRejectedError:
    """The upload's problems under the reader's file names, with close matches."""
    by_field: dict[str, Candidates] = {}
    if any(p.message.startswith("unknown id") and p.field == "settlement_id"
           for p in problems):
        places = bundled_places(trial) if (trial / PLACES_FILE).is_file() else None
        by_field["settlement_id"] = place_candidates(_read_frame(trial / "settlements.csv"),
                                                     places)
    if any(p.message.startswith("unknown id") and p.field == "claimant" for p in problems):
        by_field["claimant"] = claimant_candidates(_read_frame(trial / "claimants.csv"))
    problems = with_suggestions(problems, by_field)
    renamed = [dataclasses.replace(p, file=own.get(p.file, p.file)) for p in problems]
    rows = {}
    for kind, raw in files.items():
        bad = {p.line for p in problems if p.file == kind and p.line > 0}
        whole = any(p.file == kind and p.line == 0 for p in problems)
        total = _data_rows(raw)
        rows[own.get(kind, kind)] = (total, total if whole else min(len(bad), total))
    notes = [f"{name} was read as {kind}" for kind, name in own.items() if kind != name]
    return UploadRejectedError(renamed, rows, notes)
