"""Views shared by sessions: the same dataset and filters give the same view, built once.

Readers of one newsroom often look at the same date and claimants; every session's rerun
would otherwise resolve the same claims again (a quarter of a rerun's CPU on the bundled
data, measured in bench/RESULTS.md "Load test"). Views are kept within a memory budget
(a national view of the bundled 33,680 places holds ~7.4 MB of frames since the view
keeps only the fields read on every rerun: eight fit). Each session also keeps its own
last view (the map's fragment holds it between runs anyway), so that selecting a place,
which changes no claim shown, does not build it again; a shared view costs no memory
beyond the sessions' own while a session shows it, and saves one per session that shows
the same (30 readers on the latest day: one view, not 30). Sessions that ask for the same
view at the same moment wait for one build of it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import MutableMapping
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.claims.index import ClaimIndex
from geo.claims.state import PageState
from geo.claims.view import View, build_view
from geo.dataset.load import Dataset

#: Memory the shared views may hold (their resolved and shown frames), in bytes.
BUDGET_BYTES = 64 * 2**20
#: Views larger than this are not kept.
VIEW_LIMIT_BYTES = 16 * 2**20

_lock = threading.Lock()
_views: OrderedDict[tuple[int, PageState], tuple[View, int]] = OrderedDict()
#: views being built, and the lock their build holds (the others asking for it wait)
_building: dict[tuple[int, PageState], threading.Lock] = {}


def shared_view(ds: Dataset, state: PageState, index: ClaimIndex | None,
                session: MutableMapping[Any, Any] | None = None) -> View:
    """:func:`geo.claims.view.build_view` of ``ds`` and ``state``, shared by every session.

    A view is only reused for the very same dataset object (the cached one; an upload or
    an edited file makes a new one), so it never mixes data versions. Controls that do
    not change the view (map layers, the comparison, the selected place) do not make
    another one. ``session``: where the session keeps its last view (default: the running
    script's session state; none outside a script run).
    """
    # the selected place changes no claim of the view (only what the page shows of it)
    state = dataclasses.replace(state.for_view(), settlement=None)
    key = (id(ds), state)
    if session is None and get_script_run_ctx() is not None:
        session = st.session_state
    own = None if session is None else session.get(_OWN)
    if isinstance(own, tuple) and own[0] == key and own[1].ds is ds:
        return own[1]
    view = _shared(ds, key, index)
    if session is not None:
        session[_OWN] = (key, view)
    return view


#: Session key of the session's last view: ((id of the dataset, state), view).
_OWN = "_own_view"


def view_bytes(view: View) -> int:
    """Memory of ``view``'s frames (its shown frame counted once when it is the resolved
    one, nothing filtered out)."""
    size = int(view.resolved.memory_usage(deep=False).sum())
    if view.shown is not view.resolved:
        size += int(view.shown.memory_usage(deep=False).sum())
    return size


def _kept(ds: Dataset, key: tuple[int, PageState]) -> View | None:
    with _lock:
        found = _views.get(key)
        if found is not None and found[0].ds is ds:
            _views.move_to_end(key)
            return found[0]
    return None


def _shared(ds: Dataset, key: tuple[int, PageState], index: ClaimIndex | None) -> View:
    found = _kept(ds, key)
    if found is not None:
        return found
    with _lock:
        gate = _building.setdefault(key, threading.Lock())
    with gate:
        found = _kept(ds, key)   # built by another session while this one waited
        if found is not None:
            return found
        try:
            return _build(ds, key, index)
        finally:
            with _lock:
                _building.pop(key, None)


def _build(ds: Dataset, key: tuple[int, PageState], index: ClaimIndex | None) -> View:
    view = build_view(ds, key[1], index)
    size = view_bytes(view)
    if size > min(VIEW_LIMIT_BYTES, BUDGET_BYTES):
        return view
    with _lock:
        for other in [k for k, (v, _) in _views.items() if v.ds is not ds]:
            del _views[other]                     # views of an older data version
        _views[key] = (view, size)
        while sum(s for _, s in _views.values()) > BUDGET_BYTES:
            _views.popitem(last=False)
    return view


def clear() -> None:
    """Forget every shared view (tests)."""
    with _lock:
        _views.clear()
