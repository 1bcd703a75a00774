"""One server's in-memory dataset of a storage, kept fresh in the background.

A page rerun asks :meth:`Snapshot.dataset` and gets the dataset in memory at once: it never
waits on the database. A daemon thread asks the storage's :meth:`~geo.store.base.Storage.
version` every ``interval`` seconds; when it changed, the new version is loaded (off the
rerun's path; the old dataset is served meanwhile) and swapped in. So a server shows an
accept at most ``interval`` + one load after its commit; an unchanged version costs one
small query and no load.

On a database, a new version that only added claims is not loaded again: the added claims
are read, validated and appended to the dataset in memory (:mod:`geo.store.incremental`;
at a million claims a fraction of a second against a full load's dump and validation).
A version whose only change is a map (imported, replaced, classified again) keeps the
frames and takes the new version's mirror, which links the maps' new store. Any other
change (an edit, a delete, a new place, claimant or figure, evidence, claims committed out
of order) takes the full load, with a log line saying why.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from geo.dataset.load import Dataset, Places
from geo.store.base import Storage

#: seconds between two version checks of a server (the page's default)
REFRESH_SECONDS = 2.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """A dataset and the version it was loaded at."""

    version: str
    dataset: Dataset
    at: float
    #: how it was loaded: ``"full"`` (the whole version), ``"appended"`` (the claims
    #: added to the previous dataset) or ``"maps"`` (only maps changed: the previous
    #: dataset's frames with the new version's mirror)
    how: str = "full"
    #: where the storage's reading stood (a database's :class:`geo.db.changes.Marks`)
    marks: Any = None


class Snapshot:
    """The latest dataset of ``storage`` (``places`` as :meth:`Storage.load` takes it)."""

    def __init__(self, storage: Storage, places: Places = "all",
                 interval: float = REFRESH_SECONDS, append: bool = True) -> None:
        self.storage = storage
        self.places: Places = places
        self.interval = interval
        self.append = append    #: refresh a database by appending added claims (else: load)
        self.load_seconds = 0.0  #: how long the last load took
        self.loads = 0          #: how many times a dataset was loaded (either way)
        self.appends = 0        #: of those, how many by appending the added claims
        self.checks = 0         #: how many times the version was asked
        self.error: str | None = None  #: the last failed refresh, if the latest failed
        self._current: Loaded | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def current(self) -> Loaded:
        """The dataset in memory (the first call loads it, and raises what loading raises)."""
        if self._current is None:
            with self._lock:
                if self._current is None:
                    self._load(self.storage.version())
            self._start()
        assert self._current is not None
        return self._current

    def dataset(self) -> Dataset:
        return self.current().dataset

    def refresh(self) -> bool:
        """Ask the version once; load and swap in the new dataset when it changed.
        Returns whether it loaded."""
        with self._lock:
            self.checks += 1
            version = self.storage.version()
            if self._current is not None and version == self._current.version:
                return False
            self._load(version)
            return True

    def _load(self, version: str) -> None:
        started = time.perf_counter()
        try:
            self._load_now(version)
        finally:
            self.load_seconds = time.perf_counter() - started

    def _load_now(self, version: str) -> None:
        if not hasattr(self.storage, "connection"):  # the files: a load
            dataset = self.storage.load(self.places)
            self.loads += 1
            self._current = Loaded(version, dataset, time.monotonic())
            return
        from geo.store import incremental  # psycopg: only for a database
        from geo.store.database import DatabaseStorage

        assert isinstance(self.storage, DatabaseStorage)
        previous = self._current
        if self.append and previous is not None and previous.marks is not None:
            grown = incremental.appended(self.storage, previous.dataset, previous.marks)
            if not isinstance(grown, str):
                held, dataset, marks = grown
                self.loads += 1
                self.appends += 1
                how = "appended" if dataset.claims is not previous.dataset.claims else "maps"
                self._current = Loaded(held, dataset, time.monotonic(), how, marks)
                return
            log.info("refreshing the dataset from %s: a full load of version %s, because %s",
                     self.storage.label, version, grown)
        held, dataset, marks = incremental.loaded(self.storage, self.places)
        self.loads += 1
        self._current = Loaded(held, dataset, time.monotonic(), "full", marks)

    def _start(self) -> None:
        if self._thread is None and self.interval > 0:
            self._thread = threading.Thread(target=self._run, name="frontline-refresh",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.refresh()
                self.error = None
            except Exception as exc:  # keep serving the dataset in memory; say why
                self.error = f"{type(exc).__name__}: {exc}"
                log.warning("refreshing the dataset from %s failed: %s", self.storage.label,
                            self.error)

    def stop(self) -> None:
        """End the background checks (tests, shutdown)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
