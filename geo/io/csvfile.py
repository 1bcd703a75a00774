"""Strict CSV reading: UTF-8, comma-separated, header row, exact line numbers.

Structure is checked here (encoding, delimiter, header, field counts); the
meaning of each field is checked by :mod:`geo.dataset.load`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from geo.errors import Problem

#: Name of the column holding each record's 1-based starting line in the file.
LINE: str = "_line"
#: Largest data file accepted, bytes (a guard against runaway files, not a data limit).
MAX_BYTES: int = 512 * 1024 * 1024


def read_csv_text(
    text: str,
    name: str,
    columns: tuple[str, ...],
    may_be_absent: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse CSV text into a frame of strings with a ``_line`` column.

    Parameters
    ----------
    text
        The decoded file contents.
    name
        File name used in problems (e.g. ``"claims.csv"``).
    columns
        Expected columns; extra columns are reported, missing ones too unless
        listed in ``may_be_absent`` (those are filled with ``""``).

    Returns
    -------
    (frame, problems)
        ``frame`` holds the well-formed records only; ``problems`` lists every
        structural problem found (all of them, not only the first).
    """
    problems: list[Problem] = []
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in (*columns, LINE)})
    if not text.strip():
        problems.append(
            Problem(name, 0, "", "", "the file is empty",
                    f"add the header line: {','.join(columns)}")
        )
        return empty, problems

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            if record and header is None:
                header = [h.strip() for h in record]
                problems.extend(_check_header(header, name, columns, may_be_absent))
                if any(p.line == 1 and p.field == "" for p in problems):
                    return empty, problems
            elif record and any(cell.strip() for cell in record):
                if len(record) != len(header or ()):
                    problems.append(
                        Problem(
                            name, start, "", _preview(record),
                            f"expected {len(header or ())} fields, found {len(record)}",
                            "check for an unquoted comma (quote fields that contain commas "
                            'with double quotes: "a, b") or a missing field',
                        )
                    )
                else:
                    rows.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(
            Problem(name, start, "", "", f"malformed CSV ({exc})",
                    "close every opened double quote and remove NUL bytes")
        )
    if header is None:
        return empty, problems

    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(
        columns=header, dtype=object
    )
    for col in columns:
        if col not in frame.columns:
            frame[col] = ""
    frame = frame.loc[:, list(columns)].copy()
    frame[LINE] = pd.Series(lines, index=frame.index, dtype="int64")
    for col in columns:
        frame[col] = frame[col].astype(str).str.strip()
    return frame, problems


def read_csv_file(
    path: Path, columns: tuple[str, ...], may_be_absent: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and parse one CSV file; a missing or undecodable file is a problem, not an exception."""
    name = path.name
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in (*columns, LINE)})
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        # never read (nor quote) what a link leading out of the data directory points at
        return empty, [
            Problem(name, 0, "", "", "a link leading outside the data directory, not read",
                    f"put {name} itself in the data directory (replace the link with a copy)")
        ]
    if not path.is_file():
        return empty, [
            Problem(name, 0, "", str(path), "file not found",
                    f"create {name} with the header line: {','.join(columns)}")
        ]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return empty, [
            Problem(name, 0, "", f"{size} bytes", f"file larger than {MAX_BYTES} bytes",
                    "split the file or check that it is the right one")
        ]
    raw = path.read_bytes()
    text, problem = decode_utf8(raw, name)
    if problem:
        return empty, [problem]
    return read_csv_text(text, name, columns, may_be_absent)


def decode_utf8(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (a BOM is accepted); report the line of the first bad byte otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(name, 0, "", "UTF-16 byte order mark", "the file is UTF-16, not UTF-8",
                           "save it as 'CSV UTF-8 (comma delimited)'")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 4].hex(" ")
        return "", Problem(name, line, "", f"bytes {bad}", "the file is not valid UTF-8",
                           "save it as 'CSV UTF-8 (comma delimited)' "
                           "(Windows-1251 and other code pages are not accepted)")


def _check_header(
    header: list[str], name: str, columns: tuple[str, ...], may_be_absent: tuple[str, ...]
) -> list[Problem]:
    expected = ",".join(columns)
    if not set(re.split(r"[,;\t|]", ",".join(header))) & set(columns):
        # not a data file at all (e.g. a link to /etc/passwd): name it, never quote it
        return [Problem(name, 1, "", "", f"not a data file (its first line names none of "
                        f"{name}'s columns; its contents are not shown)",
                        f"check that it is the right file; expected header: {expected}")]
    if len(header) == 1 and any(d in header[0] for d in (";", "\t", "|")):
        return [Problem(name, 1, "", header[0][:80], "the header is not comma-separated",
                        f"use commas between fields; expected header: {expected}")]
    problems = []
    missing = [c for c in columns if c not in header and c not in may_be_absent]
    if missing:
        problems.append(Problem(name, 1, ",".join(missing), "", "missing column(s)",
                                f"add the column(s); expected header: {expected}"))
    extra = [h for h in header if h not in columns]
    if extra:
        problems.append(Problem(name, 1, ",".join(extra), "", "unknown column(s)",
                                f"remove or rename them; expected header: {expected}"))
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(name, 1, ",".join(dupes), "", "duplicate column(s)",
                                "keep each column once"))
    if missing or dupes:
        # the rows cannot be read against this header
        problems.append(Problem(name, 1, "", "", "header unusable", f"expected: {expected}"))
    return problems


def _preview(record: list[str]) -> str:
    return ",".join(record)[:80]
