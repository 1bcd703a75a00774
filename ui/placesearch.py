"""The sidebar's place search: every place of the dataset, any spelling, best first.

The :class:`~geo.places.lookup.PlaceIndex` of a dataset is built once per dataset (the
cached one of a data version; an upload makes another) and shared by the sessions, and so
is what the sidebar reads off it on every rerun: a query's matches (the query stays in the
box while the reader changes the date), the places listed before a search and the labels
of the listed ids, so that a rerun never scans the country's places for them again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pandas as pd

from geo.dataset.load import Dataset
from geo.places.fold import fold, latin, skeleton
from geo.places.lookup import PlaceIndex
from geo.vocab import MAP_FIRST_ROW

#: How many matches the pick list offers.
LIMIT = 10
#: Queries whose matches are kept per dataset.
QUERIES = 256

_lock = threading.Lock()
_indexes: dict[int, tuple[Dataset, PlaceIndex]] = {}
_building: set[int] = set()
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
    """What the sidebar reads off one dataset, computed once."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.found: OrderedDict[str, pd.DataFrame] = OrderedDict()   # query → matches
        self.listed: list[str] | None = None
        self._claims: pd.Series | None = None
        ids = ds.settlements["id"].astype(str)
        self.ids = pd.Index(ids)
        self.labels = (ds.settlements["name"].astype(str) + " ("
                       + ds.settlements["oblast"].astype(str) + ")").to_numpy(dtype=object)


    def claims(self) -> pd.Series:
        """Claims of the data files per place id (not the control maps' derived claims)."""
        if self._claims is None:
            named = self.ds.claims.loc[self.ds.claims["row"].to_numpy() < MAP_FIRST_ROW,
                                       "settlement_id"]
            self._claims = named.astype(str).value_counts()
        return self._claims


_kept: dict[int, _Kept] = {}


def _of(ds: Dataset) -> _Kept:
    with _lock:
        found = _kept.get(id(ds))
        if found is not None and found.ds is ds:
            return found
    kept = _Kept(ds)
    with _lock:
        while len(_kept) >= 4:                    # a few data versions at most
            _kept.pop(next(iter(_kept)))
        _kept[id(ds)] = kept
    return kept


def place_index(ds: Dataset) -> PlaceIndex:
    """The search index of ``ds``'s settlements, built once per dataset object."""
    with _lock:
        found = _indexes.get(id(ds))
        if found is not None and found[0] is ds:
            return found[1]
    index = PlaceIndex(ds.settlements, cache_dir=_cache[0])
    with _lock:
        while len(_indexes) >= 4:                 # a few data versions at most
            _indexes.pop(next(iter(_indexes)))
        _indexes[id(ds)] = (ds, index)
    return index


def _find(ds: Dataset, query: str) -> pd.DataFrame:
    """``PlaceIndex.find(query)`` of ``ds``, kept per query (read-only: do not modify)."""
    kept = _of(ds)
    with _lock:
        found = kept.found.get(query)
        if found is not None:
            kept.found.move_to_end(query)
            return found
    # a place the data files have claims about first within its tier (Artemovsk: Bakhmut,
    # of its former names, before the villages that had it), from a wider cut
    found = place_index(ds).find(query, limit=LIMIT * 3)
    if len(found):
        claimed = kept.claims().reindex(found["id"].astype(str)).fillna(0).to_numpy() > 0
        found = (found.assign(_claimed=~claimed)
                 .sort_values(["tier", "_claimed"], kind="stable")
                 .drop(columns="_claimed").head(LIMIT).reset_index(drop=True))
    with _lock:
        kept.found[query] = found
        while len(kept.found) > QUERIES:
            kept.found.popitem(last=False)
    return found


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
    counts = _of(ds).claims()
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
    ready; a search before it is done builds or waits as usual."""
    with _lock:
        if id(ds) in _indexes or id(ds) in _building:
            return
        _building.add(id(ds))

    def build() -> None:
        try:
            place_index(ds)
        finally:
            with _lock:
                _building.discard(id(ds))

    threading.Thread(target=build, name="place-index", daemon=True).start()


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
    kept = _of(ds)
    if kept.listed is None:
        named = ds.claims.loc[ds.claims["row"].to_numpy() < MAP_FIRST_ROW, "settlement_id"]
        ids = ds.settlements["id"]
        curated = ~ids.str.startswith("gn-")
        kept.listed = ids[curated | ids.isin(set(named))].tolist()
    return list(kept.listed)
