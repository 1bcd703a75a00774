"""A place named by its id: a curated ``settlements.csv`` id (``chasiv-yar``) or a
``gn-<geonameid>`` of the places table (``gn-710915``), where a curated place's ``gn-`` id
means its curated row (as in ``claims.csv`` and the URL). An id is matched exactly, never
read as a name."""

from __future__ import annotations

import re

import pandas as pd

#: A GeoNames place id as the project writes it.
GN_ID = re.compile(r"^gn-(\d+)$")


def is_gn_id(text: str) -> bool:
    """Whether ``text`` is written as a ``gn-<geonameid>`` id."""
    return GN_ID.match(text.strip()) is not None


def exact_place(places: pd.DataFrame, text: str) -> str | None:
    """The id of the row of ``places`` (indexed by id, with ``geonames_id`` and ``curated``
    columns) that ``text`` names as an id, else None: the id itself, or for ``gn-N`` the
    curated row whose GeoNames id is N before the table's ``gn-N``."""
    key = text.strip()
    found = GN_ID.match(key)
    if found:
        gid = int(found.group(1))
        curated = places[places["curated"].astype(bool)]
        same = curated.index[pd.to_numeric(curated["geonames_id"], errors="coerce") == gid]
        if len(same):
            return str(same[0])
    return key if key in places.index else None


def unknown_id(text: str) -> str:
    """The one-line refusal of a ``gn-`` id that no place has, with the fix."""
    return (f"unknown place id {text.strip()!r}: no settlements.csv row or places.parquet "
            "place has it. Fix: find the place's id with `python -m geo search NAME`, or "
            "give its name or LAT,LON")
