"""The resolved table's columns and what is read off it: disputes, the filters, ages.

A settlement is **disputed** when both the Russian and the Ukrainian side have a claim
and their statuses differ, or both state an encirclement flag (``true``/``false``) and
the flags differ. An empty flag means "not stated" and never makes a dispute. A
settlement with a claim from only one side, or none, is not disputed. The independent
side never makes a dispute. ``age_days`` is the date minus the claim's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo import vocab

#: Per-side columns of :func:`geo.claims.index.resolve`'s result, prefixed with ``<side>_``.
SIDE_FIELDS: tuple[str, ...] = (
    "status", "extent", "part", "encircled", "claimant", "date", "age_days",
    "source", "source_url", "source_date", "summary", "claim",
)


def disputed(resolved: pd.DataFrame) -> pd.Series:
    """True where the Russian and Ukrainian sides' statuses or encirclement flags differ."""
    ru, ua = resolved["ru_status"], resolved["ua_status"]
    both = ru.notna() & ua.notna()
    status_differs = both & (ru != ua)
    ru_enc = resolved["ru_encircled"].astype("boolean")
    ua_enc = resolved["ua_encircled"].astype("boolean")
    enc_differs = both & ru_enc.notna() & ua_enc.notna() & (ru_enc != ua_enc)
    return (status_differs | enc_differs.fillna(False)).astype(bool)


#: The statuses filter that keeps every settlement.
EVERY_STATUS: frozenset[str] = frozenset((*vocab.STATUSES, "none"))


def filter_view(
    resolved: pd.DataFrame, statuses: Iterable[str] | None = None, disputed_only: bool = False
) -> pd.DataFrame:
    """Keep settlements whose claimed status (any side) is in ``statuses``.

    ``"none"`` in ``statuses`` keeps settlements with no claim from the selected
    claimants. ``statuses=None`` keeps all. ``disputed_only`` keeps disputed ones.
    When nothing can be filtered out (every status and ``"none"``, not disputed only),
    ``resolved`` itself is returned (statuses are validated at load: no other value).
    """
    if not disputed_only and (statuses is None or set(statuses) >= EVERY_STATUS):
        return resolved
    keep = pd.Series(True, index=resolved.index)
    if statuses is not None:
        wanted = set(statuses)
        cols = [f"{s}_status" for s in vocab.SIDES]
        keep = resolved[cols].isin(wanted).any(axis=1)
        if "none" in wanted:
            keep |= resolved[cols].isna().all(axis=1)
    if disputed_only:
        keep &= resolved["disputed"]
    return resolved[keep]


def age_days(dates: pd.Series, on: dt.date) -> pd.Series:
    """Whole days from each of ``dates`` to ``on`` (nullable integers)."""
    return (pd.Timestamp(on) - dates).dt.days.astype("Int64")


def old_disputes(view: pd.DataFrame) -> np.ndarray:
    """Which rows are disputed with the newest of their sides' claims older than
    :data:`~geo.vocab.STALE_DISPUTE_DAYS` (an old disagreement), vectorized."""
    ages = [pd.to_numeric(view[f"{side}_age_days"], errors="coerce")
            for side in vocab.SIDES if f"{side}_age_days" in view]
    if not ages or "disputed" not in view:
        return np.zeros(len(view), dtype=bool)
    newest = np.fmin.reduce([a.to_numpy(dtype=float, na_value=np.nan) for a in ages])
    with np.errstate(invalid="ignore"):
        old = newest > vocab.STALE_DISPUTE_DAYS       # NaN (no claim's age) is never old
    return view["disputed"].fillna(False).to_numpy(dtype=bool) & old
