"""The map's place layer, its encoded parts kept between reruns.

Building the canvas layer of a country's places (33,680) costs ~0.1 s of one core and
most of it is encoding arrays that did not change: the positions, radii and names of the
same places on every date (:class:`~geo.render.canvas.Fixed`, kept per settlements frame
of the dataset and set of places shown, shared by every session: a database's version that
only added claims holds the same frame, :func:`ui.data.settlements_key`) and the codes and
ages of the same view on a selection or a map move (:class:`~geo.render.canvas.Claimed`,
kept as long as the view lives). Fresh folium objects are still built on every run
(streamlit-folium mutates them); only strings and arrays are kept.

The fixed part (~2 MB of the ~2.4 MB layer at national scale) is not sent with the layer:
it is a static file named by its content (:func:`geo.render.publish_places`), which the
browser fetches once per page and keeps (``static/canvas.js``), so a date change sends and
the map evaluates only the codes and ages of the date. Without static serving
(``server.enableStaticServing``) or a writable static directory, the layer carries it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.render import (
    Claimed,
    Fixed,
    PlaceLayer,
    claimed_part,
    fixed_part,
    needs_canvas,
    place_layer,
    publish_places,
)
from ui.data import settlements_key

_log = logging.getLogger(__name__)

#: Sets of places kept per settlements frame (the whole table, and a few filtered ones).
FIXED_PER_DATASET = 4

#: Re-entrant: a view or dataset collected by the garbage collector while this thread holds
#: it runs :func:`_forget`, which takes it again.
_lock = threading.RLock()
_fixed: dict[int, dict[bytes, Fixed]] = {}            # settlements_key → shown key → part
#: (settlements_key, shown key) → held while that fixed part is computed: a session (or
#: the server's warm-up, ui.warmup) that needs it meanwhile waits for it, not computes it
#: again
_fixing: dict[tuple[int, bytes], threading.Lock] = {}
_claimed: dict[int, tuple[bytes, Claimed]] = {}       # id(view) → (places key, part)


def layer(ds: Dataset, view: View, shown: pd.DataFrame, on: dt.date,
          selected: str | None) -> PlaceLayer:
    """:func:`geo.render.place_layer` of ``shown`` (rows of ``view``, a view of ``ds``: their
    index labels are their rows in ``ds.settlements``, as :func:`geo.claims.view.build_view`
    makes them), its canvas parts taken from the last runs when they are the same."""
    if not needs_canvas(shown):   # markers with popups: every field of these few places
        return place_layer(view, view.with_details(shown), on, selected)
    key = places_key(shown)
    fixed = _fixed_of(ds, key, shown)
    with _lock:
        found = _claimed.get(id(view))
    if found is not None and found[0] == key:
        claimed = found[1]
    else:
        claimed = claimed_part(shown, on, fixed)
        with _lock:
            if id(view) not in _claimed:   # forgotten with the view
                weakref.finalize(view, _forget, _claimed, id(view))
            _claimed[id(view)] = (key, claimed)
    return place_layer(view, shown, on, selected, _served(fixed), claimed)


def _served(fixed: Fixed) -> Fixed:
    """``fixed`` fetched by the browser from its static file (written if missing: one
    ``stat`` a run), or ``fixed`` itself (the layer carries it) when the app serves no
    static files or the file cannot be written."""
    where = static_files()
    if where is None:
        return fixed
    directory, url = where
    try:
        name = publish_places(fixed, directory)
    except OSError as exc:
        _log.warning("the map's place arrays are sent with the map: %s", exc)
        return fixed
    return fixed.served_at(url + name)


def static_files() -> tuple[Path, str] | None:
    """The running app's static directory and the URL it is served at (Streamlit serves
    ``static/`` beside the main script at ``/app/static/``), or None: not in a script run
    or static serving is off."""
    ctx = get_script_run_ctx()
    if ctx is None or not st.get_option("server.enableStaticServing"):
        return None
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return (Path(ctx.main_script_path).parent / "static",
            "/" + (base + "/" if base else "") + "app/static/")


def clicked(pick: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], lat: float,
            lon: float) -> str | None:
    """The settlement a click on the canvas at (``lat``, ``lon``) selects (the canvas reports
    a place's own coordinates): of several places there, the one drawn on top, i.e. last
    of the disputed ones (drawn after the others), else the last one; None: no place."""
    lats, lons, ids, top = pick
    hits = np.flatnonzero((lats - lat) ** 2 + (lons - lon) ** 2 < 1e-12)
    if not len(hits):
        return None
    on_top = hits[top[hits]]
    return str(ids[on_top[-1] if len(on_top) else hits[-1]])


def places_key(shown: pd.DataFrame) -> bytes:
    """What identifies a set of places of one dataset: its row labels, in order (a view's
    rows are labelled by their row in the dataset's settlements; ~0.1 ms for a country's)."""
    labels = np.ascontiguousarray(shown.index.to_numpy(dtype=np.int64))
    return hashlib.blake2b(labels.tobytes(), digest_size=16).digest()


def _fixed_of(ds: Dataset, key: bytes, shown: pd.DataFrame) -> Fixed:
    # the shown rows' positions, sizes and names are their rows of ds.settlements: the same
    # frame (one settlements_key) and the same rows (``key``) give the same part
    places = settlements_key(ds)
    found = _kept_fixed(places, key)
    if found is not None:
        return found
    with _lock:
        gate = _fixing.setdefault((places, key), threading.Lock())
    with gate:
        found = _kept_fixed(places, key)   # computed by another thread while this one waited
        if found is not None:
            return found
        fixed = fixed_part(shown)
        with _lock:
            if places not in _fixed:   # forgotten with the frame (every version holding it)
                weakref.finalize(ds.settlements, _forget, _fixed, places)
                _fixed[places] = {}
            kept = _fixed[places]
            while len(kept) >= FIXED_PER_DATASET:
                kept.pop(next(iter(kept)))
            kept[key] = fixed
            _fixing.pop((places, key), None)
    return fixed


def _kept_fixed(places: int, key: bytes) -> Fixed | None:
    with _lock:
        kept = _fixed.get(places)
        return None if kept is None else kept.get(key)


def _forget(table: dict, key: int) -> None:
    with _lock:
        table.pop(key, None)


def clear() -> None:
    """Forget every kept part (tests)."""
    with _lock:
        _fixed.clear()
        _claimed.clear()
        _fixing.clear()
