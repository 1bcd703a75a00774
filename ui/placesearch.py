"""The sidebar's place search: every place of the dataset, any spelling, best first.

The :class:`~geo.places.lookup.PlaceIndex` of a dataset is built once per set of places
(:func:`ui.data.settlements_key`: the cached dataset of a data version, and on a database every
later version that only added claims; an upload makes another) and shared by the sessions,
and so is what the sidebar reads off it on every rerun: a query's matches (the query stays
in the box while the reader changes the date) and the labels of the listed ids, so that a
rerun never scans the country's places for them again. The places listed before a search
depend on the claims too: they are made once per dataset.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pandas as pd

from geo.dataset.load import Dataset
from geo.places.fold import fold, latin, skeleton
from geo.places.lookup import PlaceIndex
from geo.vocab import MAP_FIRST_ROW
from ui.data import settlements_key

#: How many matches the pick list offers.
LIMIT = 10
#: Queries whose matches are kept per dataset.
QUERIES = 256

_lock = threading.Lock()
_indexes: dict[int, PlaceIndex] = {}        # settlements_key → index
#: the sets of places whose index is being built, and the event set when it is done:
#: every other caller waits for that one build (the server's warm-up, a first view's
#: background build, a search) instead of building the same index again at the same time
_building: dict[int, threading.Event] = {}
#: where the search index's spellings are kept between server starts (None: not kept)
_cache: list[Path | None] = [None]


def keep_index_in(cache_dir: Path | None) -> None:
    """Keep the search index's spellings in ``cache_dir`` (the store's cache), so that a
    restarted server reads them instead of folding every spelling again (~2.4 s)."""
    _cache[0] = cache_dir


def index_cache() -> Path | None:
    """Where :func:`keep_index_in` keeps the spellings (None: not kept)."""
    return _cache[0]


class _Kept:
    """What the sidebar reads off one set of places, computed once."""

    def __init__(self, ds: Dataset) -> None:
        self.found: OrderedDict[str, pd.DataFrame] = OrderedDict()   # query → matches
        # plain Python strings: an index of the table's Arrow strings converted all 33,680
        # of them on every look-up (~10 ms of each selection's server CPU)
        self.ids = pd.Index(ds.settlements["id"].astype(str).to_numpy(dtype=object),
                            dtype=object)
        self.labels = (ds.settlements["name"].astype(str) + " ("
                       + ds.settlements["oblast"].astype(str) + ")").to_numpy(dtype=object)


_kept: dict[int, _Kept] = {}                           # settlements_key → what is read off them
#: id(dataset) → (a weak reference to it, its list): an old version is not kept alive here
_listed: dict[int, tuple[weakref.ref, list[str]]] = {}
#: id(dataset) → (a weak reference to it, the data files' claims per place id)
_counted: dict[int, tuple[weakref.ref, pd.Series]] = {}


def _of(ds: Dataset) -> _Kept:
    key = settlements_key(ds)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            return found
    kept = _Kept(ds)
    with _lock:
        while len(_kept) >= 4:                    # a few sets of places at most
            _kept.pop(next(iter(_kept)))
        return _kept.setdefault(key, kept)


def place_index(ds: Dataset) -> PlaceIndex:
    """The search index of ``ds``'s settlements, built once per set of places; a caller
    that comes while it is being built waits for that build."""
    key = settlements_key(ds)
    while True:
        with _lock:
            found = _indexes.get(key)
            if found is not None:
                return found
            running = _building.get(key)
            if running is None:
                done = _building[key] = threading.Event()
        if running is None:
            break
        running.wait()   # then read it (or, if that build failed, build it here)
    try:
        index = PlaceIndex(ds.settlements, cache_dir=_cache[0])
        with _lock:
            while len(_indexes) >= 4:                 # a few sets of places at most
                _indexes.pop(next(iter(_indexes)))
            _indexes[key] = index
    finally:
        with _lock:
            _building.pop(key, None)
        done.set()
    return index


def _find(ds: Dataset, query: str) -> pd.DataFrame:
    """``PlaceIndex.find(query)`` of ``ds`` (the index's cut kept per query and set of
    places), a place the data files have claims about first within its tier (Artemovsk:
    Bakhmut, of its former names, before the villages that had it); read-only."""
    kept = _of(ds)
    with _lock:
        found = kept.found.get(query)
        if found is not None:
            kept.found.move_to_end(query)
    if found is None:
        found = place_index(ds).find(query, limit=LIMIT * 3)   # a wider cut, ranked below
        with _lock:
            kept.found[query] = found
            while len(kept.found) > QUERIES:
                kept.found.popitem(last=False)
    if len(found):
        claimed = claim_counts(ds).reindex(found["id"].astype(str)).fillna(0).to_numpy() > 0
        found = (found.assign(_claimed=~claimed)
                 .sort_values(["tier", "_claimed"], kind="stable")
                 .drop(columns="_claimed").head(LIMIT).reset_index(drop=True))
    return found


def claim_counts(ds: Dataset) -> pd.Series:
    """Claims of the data files per place id (not the control maps' derived claims), made
    once per dataset."""
    with _lock:
        found = _counted.get(id(ds))
    if found is not None and found[0]() is ds:
        return found[1]
    named = ds.claims.loc[ds.claims["row"].to_numpy() < MAP_FIRST_ROW, "settlement_id"]
    counts = named.astype(str).value_counts()
    with _lock:
        while len(_counted) >= 4:                 # a few data versions at most
            _counted.pop(next(iter(_counted)))
        _counted[id(ds)] = (weakref.ref(ds), counts)
    return counts


def matches(ds: Dataset, query: str) -> tuple[list[str], str]:
    """(ids of the places matching ``query``, best first; a note for a miss naming the
    nearest names, else ``""``)."""
    if not query.strip():
        return [], ""
    found = _find(ds, query)
    if len(found):
        return found["id"].astype(str).tolist(), ""
    nearest = ", ".join(f"{c['name']} ({c['oblast']})"
                        for c in place_index(ds).nearest(query))
    note = f"No place matches that name. Nearest: {nearest}." if nearest else \
        "No place matches that name."
    return [], note


def reasons(ds: Dataset, query: str) -> dict[str, str]:
    """id → why the place matches ``query``, in words, for the pick list: its own name
    (a namesake when several share it), a former or other name of it, a spelling
    variant, a name starting with or containing the query; and how many claims the data
    files hold about it."""
    if not query.strip():
        return {}
    found = _find(ds, query)
    if found.empty:
        return {}
    key, key_latin = fold(query), latin(query)
    own = [fold(n) == key or latin(n) == key_latin for n in found["name"].astype(str)]
    namesakes = sum(own)
    counts = claim_counts(ds)
    out = {}
    for place, name, matched, tier, is_own in zip(
            found["id"].astype(str), found["name"].astype(str), found["matched"].astype(str),
            found["tier"], own, strict=True):
        if tier == 0 and is_own:
            why = f"one of {namesakes} places named {name}" if namesakes > 1 else "its name"
        elif tier == 0 and skeleton(matched) == skeleton(name):
            why = f"{matched}: another spelling of {name}"
        elif tier == 0:
            why = f"{matched}: a former or other name of {name}"
        elif tier == 1:
            why = f"{matched}: a name spelt much like yours (another transliteration?)"
        else:
            why = f"{matched}: a name {'starting with' if tier == 2 else 'containing'} yours"
        n = int(counts.get(place, 0))
        out[place] = why + (f"; {n} claim{'s' if n != 1 else ''} in the data" if n else "")
    return out


def chosen(ds: Dataset, query: str) -> str | None:
    """The place a search selects at once: the only match, or the only one matching the
    name exactly (Krasnoarmeisk → Pokrovsk; "Kupiansk" even though Kupiansk-Vuzlovyi is
    listed too); None when the reader has to pick."""
    if not query.strip():
        return None
    found = _find(ds, query)
    exact = found[found["tier"] == 0]
    if len(found) == 1:
        return str(found["id"].iloc[0])
    return str(exact["id"].iloc[0]) if len(exact) == 1 else None


def warm(ds: Dataset) -> None:
    """Build ``ds``'s search index in the background (once), so that the first page view
    does not wait for it (~4 s at 33,680 places) and a search a moment later finds it
    ready; a search before it is done waits for it (:func:`place_index`)."""
    key = settlements_key(ds)
    with _lock:
        if key in _indexes or key in _building:   # built, or being built
            return
    threading.Thread(target=place_index, args=(ds,), name="place-index", daemon=True).start()


def labels(ds: Dataset, ids: list[str]) -> dict[str, str]:
    """``name (oblast)`` of each of ``ids`` that is a place of ``ds`` (looked up in the
    labels of every place, made once per dataset; no search index is needed)."""
    kept = _of(ds)
    at = kept.ids.get_indexer(pd.Index(ids, dtype=object))
    known = at >= 0
    return dict(zip(np.asarray(ids, dtype=object)[known].tolist(),
                    kept.labels[at[known]].tolist(), strict=True))


def listed(ds: Dataset) -> list[str]:
    """The selectbox's places before a search: the curated settlements, then every other
    place a claim of the data files names (not the control maps' derived claims, which
    name every place of the country: those are found by searching). Made once per dataset
    (a copy: the caller may change it)."""
    with _lock:
        found = _listed.get(id(ds))
    if found is not None and found[0]() is ds:
        return list(found[1])
    ids = ds.settlements["id"]
    curated = ~ids.str.startswith("gn-")
    made = ids[curated | ids.isin(claim_counts(ds).index)].tolist()
    with _lock:
        while len(_listed) >= 4:                  # a few data versions at most
            _listed.pop(next(iter(_listed)))
        _listed[id(ds)] = (weakref.ref(ds), made)
    return list(made)
