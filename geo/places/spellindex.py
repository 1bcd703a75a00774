"""The rows of the spellings table that match a query, tier by tier, without a scan where a
key does the job: the same folded name, Latin transliteration or consonant skeleton, and a
prefix, are binary searches in the sorted keys; only "contains" reads
every spelling (pyarrow's substring kernel), and only when the earlier tiers have not
already filled the list. Row numbers index the spellings frame it was built from.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Past every character a place name can hold: the end of a prefix's range of sorted keys.
_TOP = "\U0010ffff"


class _Sorted:
    """Keys in sorted order (pyarrow's sort: object arrays sort slowly in numpy) with their
    row numbers: a key's rows and a prefix's rows are a range found by binary search."""

    def __init__(self, keys: pd.Series) -> None:
        values = pa.array(keys, pa.string(), from_pandas=True)
        self.order = pc.sort_indices(values).to_numpy().astype(np.int64)
        self.keys = values.take(self.order).to_numpy(zero_copy_only=False)

    def equal(self, key: str) -> np.ndarray:
        lo = np.searchsorted(self.keys, key, side="left")
        hi = np.searchsorted(self.keys, key, side="right")
        return np.sort(self.order[lo:hi])

    def starting(self, prefix: str) -> np.ndarray:
        lo = np.searchsorted(self.keys, prefix, side="left")
        hi = np.searchsorted(self.keys, prefix + _TOP, side="left")
        return np.sort(self.order[lo:hi])


class SpellingIndex:
    """Built once from the spellings' ``fold``, ``latin`` and ``skeleton`` columns."""

    def __init__(self, names: pd.DataFrame) -> None:
        self._fold = _Sorted(names["fold"])
        self._latin = _Sorted(names["latin"])
        self._skeleton = _Sorted(names["skeleton"])
        self._fold_arrow = pa.array(names["fold"], pa.string(), from_pandas=True)
        self._ids = names["id"].to_numpy(dtype=object)
        self._none = np.empty(0, dtype=np.int64)

    def tiers(self, key: str, lat: str, skel: str, limit: int) -> Iterator[np.ndarray]:
        """Each tier's matching rows (ascending), stopping once ``limit`` places are found:
        a later tier sorts after them all, so it could not enter the list."""
        found: set[str] = set()
        for rows in self._tier_rows(key, lat, skel):
            yield rows
            found.update(self._ids[rows].tolist())
            if len(found) >= limit:
                return

    def _tier_rows(self, key: str, lat: str, skel: str) -> Iterator[np.ndarray]:
        yield self._union(self._fold.equal(key), self._latin.equal(lat))
        yield self._skeleton.equal(skel) if skel else self._none
        yield self._union(self._fold.starting(key), self._latin.starting(lat))
        hit = pc.match_substring(self._fold_arrow, key)
        yield np.flatnonzero(hit.to_numpy(zero_copy_only=False))

    def _union(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        parts = [p for p in (a, b) if len(p)]
        return np.unique(np.concatenate(parts)) if parts else self._none
