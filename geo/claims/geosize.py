"""The GeoJSON download's size of a view, exact and without writing it.

A place's feature in :func:`geo.claims.export.to_geojson_bytes` differs from another's only
in its values: its id, name and coordinates (:func:`~geo.claims.export.place_lengths`),
``disputed`` and ``old_dispute`` (``true``/``false``), and for each side either ``null``
everywhere or its claim's fields. The bytes of a claim's text fields and flag do not depend
on the date, so they are measured once per claims frame (:meth:`ClaimIndex.memoized`); a
view adds its dates (always ten digits and dashes in quotes) and its ages' digits. One
feature of empty values is written once per process to find the bytes every feature has
(keys, brackets, geometry type). So the sizes of every place and of those with a claim are
exact, for any number of places, in a few vectorized steps, with no JSON written.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geo.claims.export import (
    GEOJSON_SIDE_FIELDS,
    _claimed,
    _document,
    _features,
    _json,
    json_text_lengths,
)
from geo.claims.filters import old_disputes
from geo.vocab import SIDES

if TYPE_CHECKING:
    from geo.claims.index import ClaimIndex

#: Bytes of ``null``, ``true`` and ``false`` in the file.
NULL, TRUE, FALSE = 4, 4, 5
#: Bytes of a date (``"YYYY-MM-DD"``).
DATE = 12
#: The side fields whose bytes are a claim's own (text, and the encirclement flag).
CLAIM_FIELDS = tuple(f for f in GEOJSON_SIDE_FIELDS if f not in ("date", "age_days"))


def claim_lengths(index: ClaimIndex) -> np.ndarray:
    """Per claim of ``index.claims``, the bytes its :data:`CLAIM_FIELDS` take beyond
    ``null`` each (0 for a field written as ``null``), memoized per claims frame."""
    def compute() -> np.ndarray:
        claims = index.claims
        extra = np.zeros(len(claims), dtype=np.int64)
        for name in CLAIM_FIELDS:
            if name == "encircled":
                flag = claims[name].astype("boolean")
                extra += np.where(flag.isna().to_numpy(dtype=bool), 0,
                                  np.where(flag.fillna(False).to_numpy(dtype=bool),
                                           TRUE, FALSE) - NULL)
            else:
                extra += json_text_lengths(claims[name]) - NULL
        return extra
    return index.memoized("geojson claim lengths", index.claims, compute)


def digits(values: np.ndarray) -> np.ndarray:
    """Characters of each integer as JSON writes it."""
    size = np.ones(len(values), dtype=np.int64) + (values < 0)
    magnitude = np.abs(values)
    for power in range(1, 19):
        size += magnitude >= 10 ** power
    return size


@functools.cache
def frame_bytes() -> int:
    """Bytes every feature has besides its values (keys, brackets, the geometry's type):
    one feature written with an empty id and name (written as ``null``), coordinates 0.0,
    no dispute and no claim, less those values' bytes."""
    row: dict[str, object] = {"settlement": [""], "name": [""], "lat": [0.0], "lon": [0.0],
                              "disputed": [False]}
    for side in SIDES:
        row.update({f"{side}_{name}": [None] for name in GEOJSON_SIDE_FIELDS})
    written = len(_json(_features(pd.DataFrame(row))[0]))
    values = 2 * NULL + 2 * len("0.0") + 2 * FALSE
    return written - values - NULL * len(GEOJSON_SIDE_FIELDS) * len(SIDES)


def feature_lengths(shown: pd.DataFrame, index: ClaimIndex, sources: np.ndarray,
                    place_bytes: np.ndarray) -> np.ndarray:
    """Bytes of each row's feature: ``sources``, each side's claim per row of ``shown``
    (positions in ``index.claims``, -1: none); ``place_bytes``, each row's
    :func:`~geo.claims.export.place_lengths`."""
    size = place_bytes.astype(np.int64, copy=True) + frame_bytes()
    size += np.where(shown["disputed"].to_numpy(dtype=bool), TRUE, FALSE)
    size += np.where(old_disputes(shown), TRUE, FALSE)
    extra = claim_lengths(index)
    for code, side in enumerate(SIDES):
        src = sources[code]
        has = src >= 0
        size += NULL * len(GEOJSON_SIDE_FIELDS)
        ages = pd.to_numeric(shown[f"{side}_age_days"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan)
        size[has] += (extra[src[has]] + (DATE - NULL)
                      + digits(ages[has].astype(np.int64)) - NULL)
    return size


def sizes(shown: pd.DataFrame, index: ClaimIndex, sources: np.ndarray,
          place_bytes: np.ndarray, date: str, claimants: list[str]) -> tuple[int, int, int]:
    """How many rows of ``shown`` have a claim, and the bytes of
    :func:`~geo.claims.export.to_geojson_bytes` for those and for every row, exact."""
    claimed = _claimed(shown)
    head = len(_json(_document([], date, claimants)))
    each = feature_lengths(shown, index, sources, place_bytes)
    count = int(claimed.sum())

    def total(bytes_: int, features: int) -> int:   # a comma between features
        return head + bytes_ + max(features - 1, 0)

    return (count, total(int(each[claimed].sum()), count),
            total(int(each.sum()), len(shown)))
