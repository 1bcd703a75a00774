"""What several commands share: the storage, store and dataset named by the arguments
(``--db URL`` / ``$FRONTLINE_DB`` on the commands that read the dataset), claimant and date
checks, the resolver, and reading a text argument."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from geo.dataset.load import Dataset
from geo.errors import InputError
from geo.maps.store import linked_store
from geo.places.gazetteer import load_gazetteer, spelling_index
from geo.places.resolution import Resolver
from geo.places.table import bundled_places
from geo.settings import Settings
from geo.store import Storage, database_option, open_storage

#: the commands that read the dataset and take ``--db URL`` (``$FRONTLINE_DB``); the
#: commands that write claims (``ingest``, ``watch``, ``review accept``) take their own
#: ``--db`` and ``--as`` (:mod:`geo.cli.ingest`), as do ``import deepstate``, ``maps
#: rederive`` and ``gazetteer import`` (:mod:`geo.cli.parser`)
DB_READERS = ("validate", "status", "territory", "search", "changes", "resolve", "extract",
              "reliability", "scorecard", "at", "area")


def add_db_options(sub: Any) -> None:
    """``--db URL`` on each of :data:`DB_READERS` (``sub``: the command subparsers)."""
    parsers = {id(sub.choices[n]): sub.choices[n] for n in DB_READERS if n in sub.choices}
    for parser in parsers.values():  # an alias (scorecard) is the same parser: once
        parser.add_argument(
            "--db", default=None, metavar="URL",
            help="read the PostgreSQL database instead of the data directory "
                 "(default: $FRONTLINE_DB; unset: the files)")


def storage_of(args: argparse.Namespace) -> Storage:
    """The storage of this run (made once): ``--db URL`` or ``$FRONTLINE_DB`` on a command
    that takes ``--db``, else the data directory's files."""
    storage: Storage | None = getattr(args, "storage", None)
    if storage is None:
        settings: Settings = args.settings
        storage = open_storage(settings, database_of(args))
        args.storage = storage
    return storage


def database_of(args: argparse.Namespace) -> str | None:
    """The database URL of a command that takes ``--db``: ``--db URL``, else
    ``$FRONTLINE_DB``; None for the files (and for ``db``, which names its own)."""
    if not hasattr(args, "db") or args.command == "db":
        return None
    return getattr(args, "db", None) or database_option([])


def maps_store_of(args: argparse.Namespace) -> Path:
    """Where the run reads control maps: on a database, its current version's mirror (the
    stored maps in the map store's layout, :mod:`geo.db.mirror`), else the map store."""
    if database_of(args):
        return linked_store(settings_of(args).data_dir)
    return store_of(args)


def settings_of(args: argparse.Namespace) -> Settings:
    """The run's settings, resolved once by :func:`geo.cli.run.main` from ``--data`` and
    ``--store`` (when the command has them), else the environment, else the defaults. On a
    database, the data directory is its current version's read-only mirror, so every
    command reads what the database holds."""
    if hasattr(args, "db") and args.command != "db" and not getattr(args, "mirrored", False):
        mirror = storage_of(args).directory()  # (the files: the data directory itself)
        args.settings = dataclasses.replace(args.settings, data_dir=mirror)
        args.mirrored = True
    settings: Settings = args.settings
    return settings


def store_of(args: argparse.Namespace) -> Path:
    """The map store: ``--store`` when given, else ``$FRONTLINE_STORE``, else data/local/."""
    return settings_of(args).store_dir


def load(args: argparse.Namespace) -> Dataset:
    """The dataset of the run's storage, validated; served from the store's Parquet cache
    when unchanged."""
    return storage_of(args).load()


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


def places_for(args: argparse.Namespace) -> pd.DataFrame | None:
    """The places of :func:`gazetteer_for`, without building a name index."""
    imported = load_gazetteer(store_of(args))
    return imported[0] if imported is not None else bundled_places(settings_of(args).data_dir)


def gazetteer_for(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The store's imported gazetteer (places, name index) when there is one, else the data
    directory's bundled places table with its name index, else None."""
    imported = load_gazetteer(store_of(args))
    if imported is not None:
        return imported
    places = bundled_places(settings_of(args).data_dir)
    if places is None:
        return None
    return places, spelling_index(places)


def resolver_for(args: argparse.Namespace, ds: Dataset | None = None) -> Resolver:
    """A resolver over the data directory's settlements and the gazetteer
    (:func:`gazetteer_for`)."""
    return Resolver((ds or load(args)).settlements, gazetteer_for(args))


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
