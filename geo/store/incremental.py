"""A server's refresh of a database's dataset by what was added, not by a new load.

When the database's version changes, :func:`appended` asks the audit log what happened
since the dataset was read (:func:`geo.db.changes.appended_since`). When claims were all
that was added, it reads only those (their claims.csv lines, one indexed query), validates
them against the places and claimants in memory (:func:`geo.dataset.append.with_claims`),
puts them into the claims frame where a full load would, and writes the version's mirror
from the previous one plus those lines (:func:`geo.db.mirror.extend_mirror`: the bytes a
dump would write, so the page's caches keyed by the mirror's path and every reader of the
mirror see the new version). A map imported, replaced or classified again changes no
frame of the dataset: the new mirror links the previous one's data files (no dump, no
read of the places table) and the maps' new store, and the dataset is the same frames
with that mirror as its directory (claims added beside are appended as above). Anything
else returns a one-line reason, and the caller loads the whole version as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from geo.dataset.append import with_claims
from geo.dataset.load import Dataset, Places
from geo.db.changes import Marks, appended_since, entry_of, read_marks
from geo.db.mirror import extend_mirror, maps_store
from geo.store.database import DatabaseStorage


def loaded(storage: DatabaseStorage, places: Places, today: dt.date | None = None
           ) -> tuple[str, Dataset, Marks]:
    """A full load of the current version with its marks: the version it holds, the
    dataset, where the reading stood (read before the load, so never ahead of it)."""
    with storage.connection() as (conn, root):
        before = read_marks(conn)
    dataset = storage.load(places, today)
    claims = dataset.claims
    with storage.connection() as (conn, _):
        last = entry_of(conn, str(claims["id"].iloc[int(claims["row"].to_numpy().argmax())])
                        ) if len(claims) else 0
    marks = Marks(before.version, before.audit, before.recent, last, len(claims))
    held = dataset.directory.name
    version = held[1:] if held.startswith("v") and held[1:].isdigit() else before.version
    return f"{root.name}:{version}", dataset, marks


def appended(storage: DatabaseStorage, dataset: Dataset, marks: Marks,
             today: dt.date | None = None) -> tuple[str, Dataset, Marks] | str:
    """``dataset`` (read at ``marks``) with the claims added since, its version and marks;
    or why a full load is needed (one line)."""
    with storage.connection() as (conn, root):
        if dataset.directory.parent != root:
            return "the dataset was not read from this database's mirror"
        found = appended_since(conn, marks,
                               lambda c: maps_store(c, root, dataset.directory))
    if isinstance(found, str):
        return found
    ids = dataset.claims["id"]
    held = set(ids[ids.isin(found.ids)]) if found.ids else set()  # a few values: quick
    new = [(e, line) for cid, e, line in zip(found.ids, found.entries, found.lines,
                                             strict=True) if cid not in held]
    if found.total != marks.claims + len(new):
        return (f"the database holds {found.total:,} claims, not the {marks.claims:,} held "
                f"plus {len(new)} new: a claim committed out of order or was removed")
    if any(e <= marks.entry for e, _ in new):
        return "a new claim was committed below the highest one held (out of entry order)"
    version = f"{root.name}:{found.version}"
    target = root / f"v{found.version}"
    if not new:
        if not found.maps:  # the counter moved, the claims did not (a skipped duplicate)
            return version, dataset, found.marks(marks.entry, marks.claims)
        extend_mirror(root, dataset.directory, found.version, [], [], True, found.store)
        return (version, dataclasses.replace(dataset, directory=target),
                found.marks(marks.entry, marks.claims))
    lines = [line for _, line in new]
    grown = with_claims(dataset, lines, target, today, found.evidence)
    if isinstance(grown, str):
        return grown
    extend_mirror(root, dataset.directory, found.version, lines, found.evidence_lines,
                  found.maps, found.store)
    return version, grown, found.marks(max(e for e, _ in new), marks.claims + len(new))
