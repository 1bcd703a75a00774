"""The place indexes an ingest resolves names against, built once per process and the
largest one kept on disk.

Building them over the national table (33,681 places, ~230,000 spellings) took ~8 s per
run, most of it folding and transliterating every spelling in Python
(:func:`geo.places.gazetteer.spelling_index`). Now:

* the spelling index is cached as Parquet in ``<store>/cache/ingest/``, keyed by a hash of
  the places table's contents and of the code that folds names (``geo/places/fold.py`` and
  ``gazetteer.py``): a changed table or changed folding rules build it anew; a damaged file
  is rebuilt, never an error;
* the spelling index, the :class:`~geo.places.resolution.Resolver` and the
  :class:`~geo.ingest.placenames.PlaceNames` are kept in this process, keyed by that hash
  and settlements.csv's size and modification time, so ``watch`` (a context per run) and
  several runs in one process build them once; settlements.csv is read through the data
  directory's Parquet cache (:func:`geo.dataset.cache.load_cached`), and pymorphy3's
  dictionaries are loaded with them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

import pandas as pd

from geo.dataset.cache import load_cached
from geo.dataset.load import load_dataset
from geo.ingest.nearest import load_morphology
from geo.ingest.placenames import PlaceNames
from geo.places.resolution import Resolver
from geo.places.spellcache import cached_spellings, spellings_key

log = logging.getLogger(__name__)
CACHE = Path("cache") / "ingest"
_LOCK = threading.Lock()
#: key → spelling index; key → (Resolver, PlaceNames). The last two of each are kept.
_SPELLINGS: dict[str, pd.DataFrame] = {}
_RESOLVERS: dict[tuple[str, str], tuple[Resolver, PlaceNames]] = {}


def table_key(places: pd.DataFrame) -> str:
    """A hash of the table's names and ids and of the folding code (a few ms)."""
    return spellings_key(places, "geonameid")


def _remember(memo: dict, key: object, value: object) -> None:
    memo[key] = value
    while len(memo) > 2:
        memo.pop(next(iter(memo)))


def spellings(places: pd.DataFrame, store: Path | None) -> pd.DataFrame:
    """Every spelling of every place (:func:`geo.places.spelling_index`): from this
    process, else from ``<store>/cache/ingest/``, else built (and written there)."""
    key = table_key(places)
    with _LOCK:
        if key in _SPELLINGS:
            return _SPELLINGS[key]
    frame = cached_spellings(places, None if store is None else store / CACHE.parent,
                             id_column="geonameid", folder=CACHE.name)
    with _LOCK:
        _remember(_SPELLINGS, key, frame)
    return frame


def _settlements_key(data_dir: Path) -> str:
    path = data_dir / "settlements.csv"
    try:
        stat = path.stat()
    except OSError:
        return "none"
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def resolvers(data_dir: Path, places: pd.DataFrame | None, store: Path | None,
              today: dt.date | None = None) -> tuple[Resolver, PlaceNames]:
    """The Resolver over settlements.csv and the places table, and the PlaceNames over it,
    built once per (table, settlements.csv) in this process."""
    key = (table_key(places) if places is not None else "none", _settlements_key(data_dir))
    with _LOCK:
        if key in _RESOLVERS:
            return _RESOLVERS[key]
    settlements = (load_dataset(data_dir, today=today) if store is None else
                   load_cached(data_dir, store / "cache", today=today)).settlements
    gazetteer_pair = None if places is None else (places, spellings(places, store))
    resolver = Resolver(settlements, gazetteer_pair)
    built = (resolver, PlaceNames(resolver))
    load_morphology()  # part of the start-up, not of the first Ukrainian document
    with _LOCK:
        _remember(_RESOLVERS, key, built)
    return built
