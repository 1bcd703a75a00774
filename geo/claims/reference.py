"""The straightforward implementations the fast, indexed ones are tested and benchmarked
against: filter by date, then group-by-last (see :mod:`geo.claims.index` for the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from geo import vocab
from geo.claims.filters import SIDE_FIELDS, age_days, disputed


def resolve_naive(settlements: pd.DataFrame, claims: pd.DataFrame, on: dt.date,
                  claimants: Iterable[str] | None = None,
                  max_age_days: int | None = None) -> pd.DataFrame:
    """The straightforward version: boolean filter on date, then group-by-last."""
    mask = claims["date"] <= pd.Timestamp(on)
    if max_age_days is not None:
        mask &= claims["date"] >= pd.Timestamp(on) - pd.Timedelta(days=max_age_days)
    if claimants is not None:
        mask &= claims["claimant"].isin(set(claimants))
    cut = claims[mask].sort_values(["date", "row"], kind="stable")
    per_side = cut.groupby(["settlement_id", "side"], sort=False).tail(1)
    return _wide(settlements, per_side, on)


def _wide(settlements: pd.DataFrame, per_side: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """One row per settlement, each side's chosen claim as ``<side>_<field>`` columns."""
    out = pd.DataFrame({
        "settlement": settlements["id"].to_numpy(),
        "name": settlements["name"].to_numpy(),
        "oblast": settlements["oblast"].to_numpy(),
        "lat": settlements["lat"].to_numpy(),
        "lon": settlements["lon"].to_numpy(),
        "population": settlements["population"].to_numpy(),
    })
    for side in vocab.SIDES:
        part = per_side[per_side["side"] == side]
        part = part.assign(claim=part["id"], age_days=age_days(part["date"], on))
        frame = part.set_index("settlement_id")[list(SIDE_FIELDS)].add_prefix(f"{side}_")
        out = out.join(frame, on="settlement")
    out["disputed"] = disputed(out)
    return out
