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


class _Kept(Generic[T]):
    """Values keyed by an object's id and more, each with a weak reference to its object:
    a value is found only while its very object lives, forgotten with it, at most
    ``entries`` of them (least recently used first out)."""

    def __init__(self, name: str, entries: int = ENTRIES) -> None:
        self.name = name
        self.entries = entries
        #: re-entrant: an object collected while this thread holds it runs :meth:`_forget`
        self._lock = threading.RLock()
        #: (id of the object, key) → (weak reference to the object, value)
        self._kept: OrderedDict[tuple[int, Hashable], tuple[weakref.ref, T]] = OrderedDict()
        self._watched: set[int] = set()   # objects with a finalizer
        #: computations done (tests read it)
        self.computed = 0

    def _found(self, at: tuple[int, Hashable], obj: object) -> tuple[T] | None:
        with self._lock:
            found = self._kept.get(at)
            if found is None or found[0]() is not obj:   # an id reused by a newer object
                return None
            self._kept.move_to_end(at)
            return (found[1],)

    def _keep(self, at: tuple[int, Hashable], obj: object, value: T) -> None:
        with self._lock:
            self.computed += 1
            if id(obj) not in self._watched:
                self._watched.add(id(obj))
                weakref.finalize(obj, self._forget, id(obj))
            self._kept[at] = (weakref.ref(obj), value)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)

    def _forget(self, obj_id: int) -> None:
        with self._lock:
            self._watched.discard(obj_id)
            for at in [k for k in self._kept if k[0] == obj_id]:
                del self._kept[at]

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def clear(self) -> None:
        """Forget every value (tests)."""
        with self._lock:
            self._kept.clear()


class PerView(_Kept[T]):
    """One value per (dataset, view state, extra key), shared by every session of the
    server, at most ``entries`` of them; sessions asking for one at the same moment wait
    for one computation."""

    def __init__(self, name: str, entries: int = ENTRIES) -> None:
        super().__init__(name, entries)
        #: keys being computed, and the lock their computation holds
        self._computing: dict[tuple[int, Hashable], threading.Lock] = {}

    def get(self, view: View, compute: Callable[[], T], extra: Hashable = None) -> T:
        """The value of ``view`` (and ``extra``): kept, or computed once by ``compute``."""
        ds: Dataset = view.ds
        at = (id(ds), (view_key(view.state), extra))
        found = self._found(at, ds)
        if found is not None:
            return found[0]
        with self._lock:
            gate = self._computing.setdefault(at, threading.Lock())
        with gate:
            found = self._found(at, ds)   # computed by another session while this one waited
            if found is not None:
                return found[0]
            try:
                value = compute()
                # kept before the gate is dropped: a session arriving in between finds it
                self._keep(at, ds, value)
            finally:
                with self._lock:
                    self._computing.pop(at, None)
        return value


class PerObject(_Kept[T]):
    """One value per (object, key), for small values read off a frame or dataset on every
    rerun (the claimants' short labels, the sidebar's claim dates, the pick list's
    labels): kept while the object lives (it is read-only: a new version is a new
    object), shared by the sessions."""

    def get(self, obj: object, compute: Callable[[], T], key: Hashable = None) -> T:
        """The value for ``obj`` and ``key``: kept, or computed by ``compute`` (not under
        a lock: two sessions may both compute a small value once)."""
        at = (id(obj), key)
        found = self._found(at, obj)
        if found is not None:
            return found[0]
        value = compute()
        self._keep(at, obj, value)
        return value
