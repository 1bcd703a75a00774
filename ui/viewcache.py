"""What the page derives from a view, computed once per view and shared by the sessions.

Readers of one server often look at the same view (a newsroom reading the latest day):
the claims table's rows in words and the GeoJSON download's sizes are the same for all of
them, and each costs a few to tens of milliseconds a rerun at national scale. A
:class:`PerView` keeps one value per view, like ``st.cache_data`` but keyed by what makes
the view (the dataset object, i.e. one data version: an edited file, an upload or a
database refresh makes a new one, and the view's state for the view:
:func:`view_key`), bounded (least recently used first out), and forgotten with its
dataset. Sessions that ask for the same value at the same moment wait for one
computation instead of each doing it. Values are shared: treat them as read-only.
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from geo.claims.state import PageState
from geo.claims.view import View
from geo.dataset.load import Dataset

T = TypeVar("T")

#: Views whose values a :class:`PerView` keeps by default.
ENTRIES = 32


def view_key(state: PageState) -> PageState:
    """The part of ``state`` that decides a view's claims (:meth:`PageState.for_view`,
    without the selected place, which changes no claim of the view)."""
    return dataclasses.replace(state.for_view(), settlement=None)


class PerView(Generic[T]):
    """One value per (dataset, view state, extra key), shared by every session of the
    server, at most ``entries`` of them."""

    def __init__(self, name: str, entries: int = ENTRIES) -> None:
        self.name = name
        self.entries = entries
        #: re-entrant: a dataset collected while this thread holds it runs :meth:`_forget`
        self._lock = threading.RLock()
        #: key → (weak reference to the dataset, value)
        self._kept: OrderedDict[tuple[int, PageState, Hashable],
                                tuple[weakref.ref[Dataset], T]] = OrderedDict()
        #: keys being computed, and the lock their computation holds
        self._computing: dict[tuple[int, PageState, Hashable], threading.Lock] = {}
        self._watched: set[int] = set()   # datasets with a finalizer
        #: computations done (a test and a benchmark read it)
        self.computed = 0

    def get(self, view: View, compute: Callable[[], T], extra: Hashable = None) -> T:
        """The value of ``view`` (and ``extra``): kept, or computed once by ``compute``."""
        ds = view.ds
        key = (id(ds), view_key(view.state), extra)
        found = self._found(key, ds)
        if found is not None:
            return found[0]
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            found = self._found(key, ds)   # computed by another session while this one waited
            if found is not None:
                return found[0]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self.computed += 1
                if id(ds) not in self._watched:
                    self._watched.add(id(ds))
                    weakref.finalize(ds, self._forget, id(ds))
                self._kept[key] = (weakref.ref(ds), value)
                while len(self._kept) > self.entries:
                    self._kept.popitem(last=False)
        return value

    def _found(self, key: tuple[int, PageState, Hashable], ds: Dataset) -> tuple[T] | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0]() is not ds:   # an id reused by a newer dataset
                return None
            self._kept.move_to_end(key)
            return (found[1],)

    def _forget(self, ds_id: int) -> None:
        with self._lock:
            self._watched.discard(ds_id)
            for key in [k for k in self._kept if k[0] == ds_id]:
                del self._kept[key]

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def clear(self) -> None:
        """Forget every value (tests)."""
        with self._lock:
            self._kept.clear()


class PerObject(Generic[T]):
    """One value per (object, key), for small values read off a frame or dataset on every
    rerun (the claimants' short labels, the sidebar's claim dates, the pick list's
    labels): kept while the object lives (it is read-only: a new version is a new
    object), at most ``entries`` of them, shared by the sessions."""

    def __init__(self, name: str, entries: int = ENTRIES) -> None:
        self.name = name
        self.entries = entries
        self._lock = threading.RLock()   # re-entrant: see PerView
        self._kept: OrderedDict[tuple[int, Hashable], tuple[weakref.ref, T]] = OrderedDict()
        self._watched: set[int] = set()

    def get(self, obj: object, compute: Callable[[], T], key: Hashable = None) -> T:
        """The value for ``obj`` and ``key``: kept, or computed by ``compute`` (not under
        a lock: two sessions may both compute a small value once)."""
        at = (id(obj), key)
        with self._lock:
            found = self._kept.get(at)
            if found is not None and found[0]() is obj:
                self._kept.move_to_end(at)
                return found[1]
        value = compute()
        with self._lock:
            if id(obj) not in self._watched:
                self._watched.add(id(obj))
                weakref.finalize(obj, self._forget, id(obj))
            self._kept[at] = (weakref.ref(obj), value)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)
        return value

    def _forget(self, obj_id: int) -> None:
        with self._lock:
            self._watched.discard(obj_id)
            for at in [k for k in self._kept if k[0] == obj_id]:
                del self._kept[at]

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)
