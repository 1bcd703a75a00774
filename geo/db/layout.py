"""How each row of a data file was written: which fields were in double quotes.

The bundled files are written by hand and by the accept path, so quoting varies (a field
quoted though it needs none, a quote inside an unquoted field). The database keeps one
bit per field (``quoted``) so that a dump writes every row as it was read; a row added
through the repository gets the accept path's minimal quoting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from geo.io.csvfile import LINE

_FIELD = re.compile(r'"(?:[^"]|"")*"|[^,"\r\n]*(?:"[^,\r\n]*)*')
#: what the accept path quotes a field for
NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def field_quotes(record: str) -> int:
    """The bit mask of the quoted fields of one record's text (field 0 = bit 0)."""
    mask, pos, i = 0, 0, 0
    while True:
        match = _FIELD.match(record, pos)
        if match is None:  # not reachable for a record the csv reader accepted
            return mask
        if record.startswith('"', pos):
            mask |= 1 << i
        pos, i = match.end(), i + 1
        if pos >= len(record) or record[pos] != ",":
            return mask
        pos += 1


def file_quotes(path: Path, frame: pd.DataFrame) -> np.ndarray:
    """Each record's mask, for ``frame`` as read from ``path`` (its ``_line`` column)."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\n")
    starts = frame[LINE].to_numpy(dtype=np.int64)
    ends = np.append(starts[1:], len(lines) + 1)
    masks = np.zeros(len(frame), dtype=np.int64)
    for k in np.flatnonzero(['"' in lines[s - 1] for s in starts] if len(starts) else []):
        record = "\n".join(lines[starts[k] - 1: ends[k] - 1]).rstrip("\n")
        masks[k] = field_quotes(record)
    # a record whose first line has no quote still may span lines only inside quotes: none
    return masks


def minimal_quotes(values: Sequence[str]) -> int:
    """The mask the accept path writes: a field is quoted when it holds , " or a line break."""
    return sum(1 << i for i, v in enumerate(values) if NEEDS_QUOTES.search(v))
