"""Cached loading of the data directory, keyed by path and file modification times."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.dataset.cache import load_cached
from geo.dataset.load import Dataset
from geo.errors import DataValidationError, FrontlineError, InputError
from geo.places.table import PLACES_FILE
from geo.vocab import COLUMNS


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
    return load_cached(Path(directory), Path(cache_dir), places="all")


def data_version(directory: Path) -> tuple[str, tuple[tuple[str, int], ...]]:
    """What identifies a version of the data directory: its path and files' mtimes."""
    return (str(directory.resolve()), _mtimes(directory))


def dataset_or_stop(directory: Path, cache_dir: Path) -> Dataset:
    """The validated dataset (through the Parquet cache in ``cache_dir``); on failure,
    show every problem and stop the page."""
    try:
        if not directory.is_dir():
            raise InputError(f"data directory not found: {directory}")
        path, mtimes = data_version(directory)
        return _load(path, mtimes, str(cache_dir))
    except DataValidationError as exc:
        st.error(f"The data in {directory} did not pass validation; fix these problems "
                 "(file:line field = value) and reload:")
        st.code(exc.summary(), language=None)
    except FrontlineError as exc:
        st.error(str(exc))
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; keeps type checkers happy


def short_labels(claimants: pd.DataFrame) -> dict[str, str]:
    """Each claimant's short label (``claimants.csv``'s ``short``; its name when empty) for
    the sidebar chips, the chart legend and the tables; popups keep the full name."""
    names = claimants["name"].astype(str)
    short = claimants["short"].astype(str) if "short" in claimants else names
    labels = short.where(short != "", names)
    return dict(zip(claimants["id"], labels, strict=True))
