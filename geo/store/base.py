"""The one storage interface the page and the command line use, whichever backend holds
the data: the files of a data directory (the default) or a PostgreSQL database.

Both give the same :class:`~geo.dataset.load.Dataset` (the database's is read from a
dump of one snapshot through the file store's own validation), accept claims with the
same validation and the same one-line errors, and tell a cheap :meth:`Storage.version`
that changes whenever the data does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from geo.dataset.accept import AcceptResult
from geo.dataset.load import Dataset, Places


class Storage(Protocol):
    """Where the shared data lives: loading it, accepting claims into it, its version."""

    #: what to name the storage in messages (a directory, or a URL without its password)
    label: str

    def version(self) -> str:
        """A token that changes whenever the data changes (a stat of the files, or one
        query of the database's change counter): cheap enough to ask every few seconds."""
        ...

    def directory(self) -> Path:
        """A data directory holding the current version's files (the data directory
        itself, or the database's read-only mirror): read it, never write it."""
        ...

    def load(self, places: Places = "claimed", today: dt.date | None = None) -> Dataset:
        """The validated dataset of the current version (see
        :func:`geo.dataset.load.load_dataset` for ``places`` and ``today``)."""
        ...

    def accept(self, claims: list[dict], places: dict[str, dict[str, Any]] | None = None,
               figures: list[dict[str, Any]] | None = None,
               today: dt.date | None = None) -> AcceptResult:
        """Add ``claims`` and territory ``figures`` as :func:`geo.dataset.accept.accept`
        does (the same validation, duplicates skipped, all or nothing)."""
        ...
