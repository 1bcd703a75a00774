"""What several commands share: the store and dataset named by the arguments, claimant
and date checks, the resolver, and reading a text argument."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from geo.dataset.cache import load_cached
from geo.dataset.load import Dataset
from geo.errors import InputError
from geo.places.gazetteer import load_gazetteer
from geo.places.resolution import Resolver
from geo.settings import Settings


def settings_of(args: argparse.Namespace) -> Settings:
    """The run's settings, resolved once by :func:`geo.cli.run.main` from ``--data`` and
    ``--store`` (when the command has them), else the environment, else the defaults."""
    settings: Settings = args.settings
    return settings


def store_of(args: argparse.Namespace) -> Path:
    """The map store: ``--store`` when given, else ``$FRONTLINE_STORE``, else data/local/."""
    return settings_of(args).store_dir


def load(args: argparse.Namespace) -> Dataset:
    """The data directory, validated; served from the store's Parquet cache when unchanged."""
    settings = settings_of(args)
    return load_cached(settings.data_dir, settings.cache_dir)


def claimants_arg(ds: Dataset, ids: list[str], sides: list[str]) -> list[str] | None:
    """``--claimant`` ids and the claimants of each ``--side``; None (all) when neither."""
    known = list(ds.claimants["id"])
    unknown = [c for c in ids if c not in known]
    if unknown:
        raise InputError(f"unknown claimant {unknown[0]!r}; known: {', '.join(known)}")
    if not ids and not sides:
        return None
    by_side = ds.claimants.loc[ds.claimants["side"].isin(sides), "id"].tolist()
    return list(dict.fromkeys([*ids, *by_side]))


def check_date(ds: Dataset, day: dt.date | None) -> dt.date:
    """``--date``, else the data's latest date; a future date is an InputError."""
    day = day or ds.last_date
    if day > dt.date.today():
        raise InputError(f"date {day} is in the future")
    return day


def resolver_for(args: argparse.Namespace) -> Resolver:
    """A resolver over the data directory's settlements and the store's gazetteer."""
    ds = load(args)
    return Resolver(ds.settlements, load_gazetteer(store_of(args)))


def read_text_arg(name: str) -> str:
    """The text of a file path, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if not path.is_file():
        raise InputError(f"file not found: {name}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from None
