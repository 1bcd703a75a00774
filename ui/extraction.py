"""Claim extraction off the server's script threads (issue 14.12).

A 50,000-character paste costs about a second of CPU in :meth:`geo.text.Extractor.extract`,
pure Python holding the GIL: run on the session's script thread, four at once slowed every
other reader's rerun several-fold (bench/RESULTS.md "Pastes"). Here extraction runs in one
worker process per server (``max_workers=1``): the script thread only waits on a future,
which releases the GIL, and pastes take turns. At most :data:`MAX_PENDING` pastes wait or
run at a time; one more is refused with :class:`ExtractionBusyError` (a one-line message), so a
burst of pastes cannot queue unbounded work.

The extractor is sent to the worker once per key (``pickle``, ~0.1 MB over the curated
settlements) and kept there; the worker is started with ``spawn`` (no copy of the server's
threads and sockets) and re-created if it dies.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from geo.text import Draft, Extractor

#: Pastes waiting or running at once in one server process; the next one is refused.
MAX_PENDING = 4
#: Extractors the worker keeps (one per dataset and gazetteer version).
_KEEP = 2

_lock = threading.Lock()
_slots = threading.BoundedSemaphore(MAX_PENDING)
_pool: ProcessPoolExecutor | None = None
_sent: set[Hashable] = set()  # keys the current worker holds
_priming: dict[Hashable, threading.Event] = {}  # keys being handed to the worker now
#: How long a paste waits for the extractor being handed over (:func:`prime`), seconds.
PRIME_WAIT = 120.0

# In the worker process only.
_held: OrderedDict[Hashable, Extractor] = OrderedDict()


class ExtractionBusyError(RuntimeError):
    """Too many pastes are being read at once on this server."""


def _work(key: Hashable, extractor: Extractor | None, text: str | None, date: dt.date,
          default_claimant: str | None) -> list[Draft] | None:
    """Run in the worker: extract with the kept extractor (None: the worker lacks it);
    ``text`` None: only keep ``extractor`` (see :func:`prime`)."""
    if extractor is not None:
        _held[key] = extractor
        while len(_held) > _KEEP:
            _held.popitem(last=False)
    found = _held.get(key)
    if found is None:
        return None
    _held.move_to_end(key)
    if text is None:
        return []
    # fighting-near drafts too: the page lists them apart, as not control claims
    return found.extract(text, date, default_claimant=default_claimant, include_fighting=True)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1,
                                        mp_context=multiprocessing.get_context("spawn"))
            _sent.clear()
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
            _sent.clear()
    pool.shutdown(wait=False, cancel_futures=True)


def extract(extractor: Extractor, key: Hashable, text: str, date: dt.date,
            default_claimant: str | None = None) -> list[Draft]:
    """``extractor.extract(text, date, default_claimant=..., include_fighting=True)``, run in
    the worker process.

    ``key`` names the extractor (equal keys: the same extractor). Raises
    :class:`ExtractionBusyError` when :data:`MAX_PENDING` pastes are already waiting or running.
    """
    with _lock:
        handing = _priming.get(key)
    if handing is not None:   # the page's warm-up is sending this extractor: not twice
        handing.wait(PRIME_WAIT)
    if not _slots.acquire(blocking=False):
        raise ExtractionBusyError(f"{MAX_PENDING} reports are being read on this server right now; "
                             "try again in a minute")
    try:
        for _attempt in range(2):  # a second time only if the worker died meanwhile
            pool = _executor()
            try:
                send = None if key in _sent else extractor
                drafts = pool.submit(_work, key, send, text, date, default_claimant).result()
                if drafts is None:  # the worker dropped it: send it again
                    drafts = pool.submit(_work, key, extractor, text, date,
                                         default_claimant).result()
                with _lock:
                    _sent.add(key)
                return drafts or []
            except BrokenProcessPool:
                _discard(pool)
        raise ExtractionBusyError("the process reading reports stopped twice on this text; "
                             "try a shorter excerpt")
    finally:
        _slots.release()


def prime(extractor: Extractor, key: Hashable) -> bool:
    """Start the worker and hand it ``extractor`` now, before the first paste: the spawn,
    its imports and the extractor's transfer (~30 MB with the national places) took most
    of a first "Find claims". False when the worker was busy (a paste brings it then)."""
    with _lock:
        if key in _sent or key in _priming:
            return False
        _priming[key] = done = threading.Event()
    try:
        if not _slots.acquire(blocking=False):
            return False
        try:
            pool = _executor()
            try:
                pool.submit(_work, key, extractor, None, dt.date.today(), None).result()
            except BrokenProcessPool:
                _discard(pool)
                return False
            with _lock:
                _sent.add(key)
            return True
        finally:
            _slots.release()
    finally:
        with _lock:
            _priming.pop(key, None)
        done.set()


def shutdown() -> None:
    """Stop the worker (tests, benchmarks); the next :func:`extract` starts a new one."""
    with _lock:
        pool = _pool
    if pool is not None:
        _discard(pool)
