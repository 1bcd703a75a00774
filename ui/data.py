"""Cached loading of the shared data through the storage interface (``geo.store``): the
data directory's files, keyed by path and file modification times, or a database, whose
dataset each server keeps in memory and refreshes in the background when its version
changes (:class:`geo.store.Snapshot`: a rerun never waits on a query)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import weakref
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo.dataset.accept import AcceptResult
from geo.dataset.load import Dataset
from geo.errors import DataValidationError, FrontlineError, InputError
from geo.places.table import PLACES_FILE
from geo.store import FileStorage, Snapshot
from geo.vocab import COLUMNS
from ui.viewcache import PerObject

#: each database this server reads, by the folder its mirrors are written in
_MIRRORS: dict[Path, Snapshot] = {}


def _mtimes(directory: Path) -> tuple[tuple[str, int], ...]:
    out = []
    for name in (*COLUMNS, PLACES_FILE):
        path = directory / name
        out.append((name, path.stat().st_mtime_ns if path.exists() else -1))
    return tuple(out)


@st.cache_resource(max_entries=4, show_spinner="Loading claims…")
def _load(directory: str, mtimes: tuple[tuple[str, int], ...], cache_dir: str) -> Dataset:
    # ``mtimes`` is part of the cache key: an edited file is re-read, an unchanged one never;
    # across restarts the validated frames come from the store's Parquet cache.
    # the page is the national map: every place of the bundled table (when there is one)
    return FileStorage(Path(directory), Path(cache_dir)).load(places="all")


@st.cache_resource(show_spinner=False)
def _snapshot(url: str, cache_dir: str) -> Snapshot:
    # one per server process and database: its sessions share the dataset in memory
    from geo.store.database import DatabaseStorage

    return Snapshot(DatabaseStorage(url, Path(cache_dir)), places="all")


def data_version(directory: Path) -> tuple[str, tuple[tuple[str, int], ...]]:
    """What identifies a version of the data directory: its path and files' mtimes (a
    database's dataset: its version's mirror directory, whose path names the version)."""
    return (str(directory.resolve()), _mtimes(directory))


def load(directory: Path, cache_dir: Path) -> Dataset:
    """The validated dataset of the files in ``directory`` (cached per version; raises
    :class:`~geo.errors.FrontlineError` as the loaders do)."""
    if not directory.is_dir():
        raise InputError(f"data directory not found: {directory}")
    path, mtimes = data_version(directory)
    return _load(path, mtimes, str(cache_dir))


def dataset_or_stop(directory: Path, cache_dir: Path, db: str | None = None) -> Dataset:
    """The validated dataset: of the files in ``directory`` (through the Parquet cache in
    ``cache_dir``), or of the database ``db`` when given (its ``directory`` is then the
    version's mirror: pass that on as the data directory). On failure, show every problem
    and stop the page."""
    try:
        if db:
            with st.spinner("Loading claims…"):
                snapshot = _snapshot(db, str(cache_dir))
                dataset = snapshot.dataset()
            _MIRRORS[dataset.directory.parent] = snapshot
            if snapshot.error:
                st.warning(f"Showing the data as loaded from {snapshot.storage.label}; "
                           f"refreshing it failed: {snapshot.error}")
            return dataset
        return load(directory, cache_dir)
    except DataValidationError as exc:
        st.error(f"The data in {directory if not db else 'the database'} did not pass "
                 "validation; fix these problems (file:line field = value) and reload:")
        st.code(exc.summary(), language=None)
    except FrontlineError as exc:
        st.error(str(exc))
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; keeps type checkers happy


def on_database(data_dir: Path) -> bool:
    """Whether the page's data is a database's mirror (its accepts are audited by name)."""
    return Path(data_dir).parent in _MIRRORS


def accept(data_dir: Path, claims: list[dict],
           places: dict[str, dict[str, Any]] | None = None,
           figures: list[dict[str, Any]] | None = None,
           today: dt.date | None = None, who: str | None = None) -> AcceptResult:
    """:func:`geo.dataset.accept.accept` into the page's storage: the files of
    ``data_dir``, or, when ``data_dir`` is a database's mirror, that database (then this
    server's dataset is refreshed at once, so the editor sees the result on the next run).
    ``who``: the editor's name, the database's audit log's writer (default: the server's
    OS user)."""
    snapshot = _MIRRORS.get(Path(data_dir).parent)
    if snapshot is None:
        return FileStorage(Path(data_dir), Path(data_dir)).accept(claims, places, figures,
                                                                  today)
    from geo.store.database import DatabaseStorage

    storage = snapshot.storage
    if who and isinstance(storage, DatabaseStorage) and who != storage.actor:
        writer = DatabaseStorage(storage.url, storage.cache_dir, actor=who)  # one accept's
        try:
            result = writer.accept(claims, places, figures, today)
        finally:
            writer.close()
    else:
        result = storage.accept(claims, places, figures, today)
    snapshot.refresh()
    return result


#: id(settlements frame) → (a weak reference to it, its number): see :func:`settlements_key`
_PLACES: dict[int, tuple[weakref.ref, int]] = {}
_numbers = itertools.count(1)
#: re-entrant: a frame collected while this thread holds it runs the callback, which takes it
_places_lock = threading.RLock()


def settlements_key(ds: Dataset) -> int:
    """What identifies the places of ``ds`` for the caches that depend on nothing else (the
    search index, the canvas layer's positions and names, the places' names): a number given
    to its settlements frame object, the same for every dataset holding that very frame and
    never given to another. A database's version that only added claims holds its
    predecessor's frame (:func:`geo.dataset.append.with_claims`), so these caches outlive
    an accept; any load of the files or a full load of a version makes a new frame, so a
    changed place is never served from an older one."""
    frame = ds.settlements
    with _places_lock:
        found = _PLACES.get(id(frame))
        if found is not None and found[0]() is frame:
            return found[1]
        number = next(_numbers)
        key = id(frame)

        def gone(ref: weakref.ref) -> None:  # the frame was collected: free its id
            with _places_lock:
                if _PLACES.get(key, (None, 0))[0] is ref:
                    del _PLACES[key]

        _PLACES[key] = (weakref.ref(frame, gone), number)
        return number


@st.cache_resource(max_entries=4, show_spinner=False)
def _names(_settlements: pd.DataFrame, key: int) -> dict[str, str]:
    # ``key`` (settlements_key) is the cache key: the same places, the same names
    return dict(zip(_settlements["id"], _settlements["name"], strict=True))


def place_names(ds: Dataset) -> dict[str, str]:
    """Each place's name by its id (read-only: shared), made once per set of places."""
    return _names(ds.settlements, settlements_key(ds))


def short_labels(claimants: pd.DataFrame) -> dict[str, str]:
    """Each claimant's short label (``claimants.csv``'s ``short``; its name when empty) for
    the sidebar chips, the chart legend and the tables; popups keep the full name. Made
    once per claimants frame (a copy each call)."""
    return dict(_SHORT.get(claimants, lambda: _short_labels(claimants)))


_SHORT: PerObject[dict[str, str]] = PerObject("short labels")


def _short_labels(claimants: pd.DataFrame) -> dict[str, str]:
    names = claimants["name"].astype(str)
    short = claimants["short"].astype(str) if "short" in claimants else names
    labels = short.where(short != "", names)
    return dict(zip(claimants["id"], labels, strict=True))
