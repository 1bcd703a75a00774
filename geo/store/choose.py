"""Which backend a run uses: the database of ``--db URL`` or ``$FRONTLINE_DB`` when one is
given, else the data directory's files (the default: ``make run`` needs no database)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from geo.settings import Settings
from geo.store.base import Storage
from geo.store.files import FileStorage

DB_ENV = "FRONTLINE_DB"


def database_option(argv: Sequence[str] | None = None,
                    environ: Mapping[str, str] | None = None) -> str | None:
    """``--db URL`` (or ``--db=URL``) in ``argv``, else ``$FRONTLINE_DB``, else None."""
    args = list(argv or [])
    for i, arg in enumerate(args):
        if arg == "--db" and i + 1 < len(args):
            return args[i + 1] or None
        if arg.startswith("--db="):
            return arg.split("=", 1)[1] or None
    environ = os.environ if environ is None else environ
    return environ.get(DB_ENV) or None


def open_storage(settings: Settings, db: str | None = None, actor: str | None = None
                 ) -> Storage:
    """The database ``db`` when given (psycopg imported only then), else the files of
    ``settings.data_dir``; the Parquet cache is the store's in both cases."""
    if db:
        from geo.store.database import DatabaseStorage

        return DatabaseStorage(db, settings.cache_dir, actor)
    return FileStorage(settings.data_dir, settings.cache_dir)
