"""Views shared by sessions: the same dataset and filters give the same view, built once.

Readers of one newsroom often look at the same date and claimants; every session's rerun
would otherwise resolve the same claims again (a quarter of a rerun's CPU on the bundled
data, measured in bench/RESULTS.md "Load test"). Views are kept within a memory budget,
and only small ones: a national-scale view (30,000 places: ~27 MB) is rebuilt per session
rather than held, since there memory is the tighter limit (bench/RESULTS.md "5. Memory").
Each session keeps its own last view instead (the map's fragment holds it between runs
anyway), so that selecting a place, which changes no claim shown, does not build it again.
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
VIEW_LIMIT_BYTES = 4 * 2**20

_lock = threading.Lock()
_views: OrderedDict[tuple[int, PageState], tuple[View, int]] = OrderedDict()


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


def _shared(ds: Dataset, key: tuple[int, PageState], index: ClaimIndex | None) -> View:
    with _lock:
        found = _views.get(key)
        if found is not None and found[0].ds is ds:
            _views.move_to_end(key)
            return found[0]
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
