"""The storage interface (:class:`Storage`) the page and the command line use, its two
backends (the data directory's files, the default; a PostgreSQL database, ``--db`` or
``$FRONTLINE_DB``), choosing one, and a server's in-memory :class:`Snapshot` refreshed
when the version changes. Sits above ``geo.db``; only ``geo.cli`` and ``ui`` import it."""

from geo.store.base import Storage
from geo.store.choose import DB_ENV, database_option, open_storage
from geo.store.files import FileStorage
from geo.store.snapshot import REFRESH_SECONDS, Loaded, Snapshot

__all__ = ["DB_ENV", "REFRESH_SECONDS", "FileStorage", "Loaded", "Snapshot", "Storage",
           "database_option", "open_storage"]
