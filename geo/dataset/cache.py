"""A Parquet cache of validated data directories, for a fast cold start at scale.

Validating a million claims from CSV takes seconds; reading the already-validated
frames back from Parquet takes a fraction of that. Each entry is named by
:func:`data_fingerprint`: the directory's absolute path, each CSV's size and modification
time, the day (future dates are judged against it) and :data:`VERSION`; any change makes a
new entry. Entries are written atomically (:func:`geo.io.atomic.atomic_directory`); a
damaged entry is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.dataset.load import Dataset, Places, load_dataset
from geo.io.atomic import atomic_directory
from geo.places.table import PLACES_FILE
from geo.vocab import COLUMNS, EVIDENCE_FILE

VERSION = "4"  # bump when the loaded frames change (2: claimants.short, 3: places, 4: PPLX)
_PARTS = ("claimants", "settlements", "claims", "territory")
KEEP = 4


def data_fingerprint(data_dir: Path, today: dt.date, places: Places = "claimed") -> str:
    """The name of this version of the data directory's cache entry (a hash of its files'
    sizes and modification times, the places table's too, the path, the day, the places
    mode and :data:`VERSION`)."""
    parts = [VERSION, str(data_dir.resolve()), today.isoformat(), places]
    for name in (*COLUMNS, EVIDENCE_FILE, PLACES_FILE):
        path = data_dir / name
        stat = path.stat() if path.exists() else None
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{name}:-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def load_cached(data_dir: Path | str, cache_dir: Path, today: dt.date | None = None,
                places: Places = "claimed") -> Dataset:
    """:func:`geo.dataset.load.load_dataset`, served from the cache when the files are unchanged.

    Validation errors are never cached: an invalid directory is validated (and
    reported) every time.
    """
    directory = Path(data_dir)
    today = today or dt.date.today()
    if not directory.is_dir():
        return load_dataset(directory, today, places)  # raises the usual InputError
    entry = cache_dir / data_fingerprint(directory, today, places)
    if entry.is_dir():
        with contextlib.suppress(Exception):  # damaged entry: fall through and rebuild
            return Dataset(
                claimants=pd.read_parquet(entry / "claimants.parquet"),
                settlements=gpd.read_parquet(entry / "settlements.parquet"),
                claims=pd.read_parquet(entry / "claims.parquet"),
                territory=pd.read_parquet(entry / "territory.parquet"),
                directory=directory,
            )
    ds = load_dataset(directory, today, places)
    with contextlib.suppress(OSError):  # a read-only cache must not stop the app
        _write(ds, entry)
    return ds


def _write(ds: Dataset, entry: Path) -> None:
    with atomic_directory(entry) as tmp:
        for part in _PARTS:
            getattr(ds, part).to_parquet(tmp / f"{part}.parquet", index=False)
    entries = sorted((p for p in entry.parent.iterdir() if p.is_dir()
                      and not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:  # keep the cache small: the newest few entries
        shutil.rmtree(old, ignore_errors=True)
