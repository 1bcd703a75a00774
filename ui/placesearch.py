"""The sidebar's place search: every place of the dataset, any spelling, best first.

The :class:`~geo.places.lookup.PlaceIndex` of a dataset is built once per dataset (the
cached one of a data version; an upload makes another) and shared by the sessions.
"""

from __future__ import annotations

import threading

import pandas as pd

from geo.dataset.load import Dataset
from geo.places.lookup import PlaceIndex
from geo.vocab import MAP_FIRST_ROW

#: How many matches the pick list offers.
LIMIT = 10

_lock = threading.Lock()
_indexes: dict[int, tuple[Dataset, PlaceIndex]] = {}
_building: set[int] = set()


def place_index(ds: Dataset) -> PlaceIndex:
    """The search index of ``ds``'s settlements, built once per dataset object."""
    with _lock:
        found = _indexes.get(id(ds))
        if found is not None and found[0] is ds:
            return found[1]
    index = PlaceIndex(ds.settlements)
    with _lock:
        while len(_indexes) >= 4:                 # a few data versions at most
            _indexes.pop(next(iter(_indexes)))
        _indexes[id(ds)] = (ds, index)
    return index


def matches(ds: Dataset, query: str) -> tuple[list[str], str]:
    """(ids of the places matching ``query``, best first; a note for a miss naming the
    nearest names, else ``""``)."""
    if not query.strip():
        return [], ""
    index = place_index(ds)
    found: pd.DataFrame = index.find(query, limit=LIMIT)
    if len(found):
        return found["id"].astype(str).tolist(), ""
    nearest = ", ".join(f"{c['name']} ({c['oblast']})" for c in index.nearest(query))
    note = f"No place matches that name. Nearest: {nearest}." if nearest else \
        "No place matches that name."
    return [], note


def chosen(ds: Dataset, query: str) -> str | None:
    """The place a search selects at once: the only match, or the only one matching the
    name exactly (Krasnoarmeisk → Pokrovsk; "Kupiansk" even though Kupiansk-Vuzlovyi is
    listed too); None when the reader has to pick."""
    if not query.strip():
        return None
    found = place_index(ds).find(query, limit=LIMIT)
    exact = found[found["tier"] == 0]
    if len(found) == 1:
        return str(found["id"].iloc[0])
    return str(exact["id"].iloc[0]) if len(exact) == 1 else None


def warm(ds: Dataset) -> None:
    """Build ``ds``'s search index in the background (once), so that the first page view
    does not wait for it (~7 s at 33,680 places) and a search a moment later finds it
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
    """``name (oblast)`` of each of ``ids`` (only those: a national list is never built;
    read from the settlements, so no search index is needed)."""
    places = ds.settlements.set_index("id")
    known = [i for i in ids if i in places.index]
    rows = places.loc[known]
    return dict(zip(known, rows["name"].astype(str) + " (" + rows["oblast"].astype(str) + ")",
                    strict=True))


def listed(ds: Dataset) -> list[str]:
    """The selectbox's places before a search: the curated settlements, then every other
    place a claim of the data files names (not the control maps' derived claims, which
    name every place of the country: those are found by searching)."""
    named = ds.claims.loc[ds.claims["row"].to_numpy() < MAP_FIRST_ROW, "settlement_id"]
    ids = ds.settlements["id"]
    curated = ~ids.str.startswith("gn-")
    keep = curated | ids.isin(set(named))
    return ids[keep].tolist()
