"""Each (settlement, claimant)'s latest claims on a date: from the claim index when there is
one (:func:`geo.claims.index.latest_rows`), else by one scan of the claims up to the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo.claims.filters import age_days
from geo.claims.index import ClaimIndex, latest_rows


def latest_claims(
    claims: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None = None,
    max_age_days: int | None = None, index: ClaimIndex | None = None,
) -> pd.DataFrame:
    """Each (settlement, claimant)'s claims of its latest day on or before ``on``.

    Usually one row per pair; several when a claimant made several claims about a
    settlement that day (all are evidence; the last row is the one resolution uses).
    ``claims`` must be sorted by (date, row), as :func:`geo.dataset.load.load_dataset`
    returns it; rows keep that order. ``claimants=None`` selects every claimant.
    Adds ``age_days``. ``max_age_days`` drops claims made more than that many days
    before ``on``. With ``index`` (:func:`build_index` of the same ``claims``) this is
    two ``searchsorted`` per (settlement, claimant) pair instead of a scan of every claim.
    """
    if index is not None and index.claims is claims:
        latest = claims.iloc[latest_rows(index, on, claimants, max_age_days)]
        return latest.assign(age_days=age_days(latest["date"], on))
    return latest_claims_scan(claims, on, claimants, max_age_days)


def latest_claims_scan(claims: pd.DataFrame, on: dt.date,
                       claimants: Iterable[str] | None = None,
                       max_age_days: int | None = None) -> pd.DataFrame:
    """Each (settlement, claimant)'s claims of its latest day on or before ``on``, by a scan
    of every claim up to ``on`` (``claims`` sorted by (date, row)); adds ``age_days``."""
    cut = _cut(claims, on, claimants)
    if max_age_days is not None:
        cut = cut[cut["date"] >= pd.Timestamp(on) - pd.Timedelta(days=max_age_days)]
    last_day = cut.groupby(["settlement_id", "claimant"], sort=False)["date"].transform("max")
    latest = cut[cut["date"] == last_day]
    return latest.assign(age_days=age_days(latest["date"], on))


def _cut(claims: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None) -> pd.DataFrame:
    end = np.searchsorted(claims["date"].to_numpy(), np.datetime64(on, "ns"), side="right")
    cut = claims.iloc[:end]
    if claimants is not None:
        cut = cut[cut["claimant"].isin(set(claimants))]
    return cut
