"""The search index's spellings kept on disk between server starts.

:func:`geo.places.gazetteer.spelling_index` folds and transliterates every spelling in
Python: about 2.4 s for the national table's 151,564 spellings on a quiet core, work a
cold server did on every start while its first page view waited for the same interpreter.
:func:`cached_spellings` reads them from ``<cache>/search/`` instead (about 0.1 s), keyed
by a hash of the places' ids and spellings and of the folding code, so a changed table or
changed folding rules build the index anew; an unreadable or unwritable cache only costs
the build.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

import pandas as pd

from geo.io.atomic import atomic_write_parquet
from geo.places.gazetteer import spelling_index

log = logging.getLogger(__name__)

FOLDER = "search"
COLUMNS = ("text", "primary", "fold", "latin", "skeleton")


@cache
def _rules_key() -> str:
    """A hash of the folding code (the folds and the index's build): new rules, new keys."""
    digest = hashlib.sha256()
    for name in ("fold.py", "gazetteer.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:12]


def spellings_key(places: pd.DataFrame, id_column: str = "id") -> str:
    """A hash of the places' ids, names and alternate names, and of the folding rules."""
    rows = pd.util.hash_pandas_object(
        places[[id_column, "name", "alternatenames"]].astype(str), index=False)
    digest = hashlib.sha256(rows.to_numpy().tobytes())
    digest.update(_rules_key().encode())
    return digest.hexdigest()[:24]


def cached_spellings(places: pd.DataFrame, cache_dir: Path | None, id_column: str = "id",
                     folder: str = FOLDER) -> pd.DataFrame:
    """:func:`spelling_index` of ``places``, from ``cache_dir/folder`` when it holds this
    table's, else built and written there (older entries removed); ``None``: always built."""
    if cache_dir is None:
        return spelling_index(places, id_column=id_column)
    path = cache_dir / folder / f"spellings-{spellings_key(places, id_column)}.parquet"
    frame = _read(path, id_column)
    if frame is not None:
        return frame
    frame = spelling_index(places, id_column=id_column)
    try:
        atomic_write_parquet(frame, path)
        for old in path.parent.glob("spellings-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only store: the index is only not kept
        log.warning("%s: not written (%s)", path, exc.strerror or exc)
    return frame


def _read(path: Path, id_column: str) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable (%s); building the search index anew", path,
                    exc.__class__.__name__)
        return None
    return frame if {id_column, *COLUMNS} <= set(frame.columns) else None
