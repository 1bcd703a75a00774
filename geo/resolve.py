"""Claim resolution: what each side claims for each settlement on a date.

Semantics (documented in data/README.md and tested):

* For a date ``D`` and a set of selected claimants, each (settlement, claimant)
  pair's claim is its latest claim dated on or before ``D``.
* A side's claim for a settlement is the latest claim among that side's
  selected claimants. **Ties** (same date) go to the row that comes later in
  ``claims.csv``: the file is kept in order of entry, so the later row is the
  newer information.
* A settlement is **disputed** when both the Russian and the Ukrainian side have
  a claim and their statuses differ, or both state an encirclement flag
  (``true``/``false``) and the flags differ. An empty flag means "not stated" and
  never makes a dispute. A settlement with a claim from only one side, or none,
  is not disputed. The independent side never makes a dispute.
* ``age_days`` is ``D`` minus the claim's date.

All work is vectorized: claims are kept sorted by (date, row), the date cut is
a ``searchsorted``, and the latest claim per group is ``drop_duplicates(keep="last")``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo import vocab

#: Per-side columns of :func:`resolve`'s result, prefixed with ``<side>_``.
SIDE_FIELDS: tuple[str, ...] = (
    "status", "extent", "part", "encircled", "claimant", "date", "age_days",
    "source", "source_url", "source_date", "summary", "claim",
)


def latest_claims(
    claims: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None = None
) -> pd.DataFrame:
    """Each (settlement, claimant)'s claims of its latest day on or before ``on``.

    Usually one row per pair; several when a claimant made several claims about a
    settlement that day (all are evidence; the last row is the one resolution uses).
    ``claims`` must be sorted by (date, row), as :func:`geo.loading.load_dataset`
    returns it. ``claimants=None`` selects every claimant. Adds ``age_days``.
    """
    cut = _cut(claims, on, claimants)
    last_day = cut.groupby(["settlement_id", "claimant"], sort=False)["date"].transform("max")
    latest = cut[cut["date"] == last_day]
    return latest.assign(age_days=_age(latest["date"], on))


def resolve(
    settlements: pd.DataFrame,
    claims: pd.DataFrame,
    on: dt.date,
    claimants: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per settlement with each side's claimed status on ``on``.

    Returns
    -------
    DataFrame
        ``settlement``, ``name``, ``lat``, ``lon``, ``population``, ``oblast``,
        then for each side in ``ru``, ``ua``, ``independent`` the columns
        ``<side>_<field>`` for field in :data:`SIDE_FIELDS` (missing when the
        side has no claim), then ``disputed`` (bool). Rows keep settlements.csv order.
    """
    cut = _cut(claims, on, claimants)
    per_side = cut.drop_duplicates(["settlement_id", "side"], keep="last")
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
        part = part.assign(claim=part["id"], age_days=_age(part["date"], on))
        wide = part.set_index("settlement_id")[list(SIDE_FIELDS)].add_prefix(f"{side}_")
        out = out.join(wide, on="settlement")
    out["disputed"] = disputed(out)
    return out


def disputed(resolved: pd.DataFrame) -> pd.Series:
    """True where the Russian and Ukrainian sides' statuses or encirclement flags differ."""
    ru, ua = resolved["ru_status"], resolved["ua_status"]
    both = ru.notna() & ua.notna()
    status_differs = both & (ru != ua)
    ru_enc = resolved["ru_encircled"].astype("boolean")
    ua_enc = resolved["ua_encircled"].astype("boolean")
    enc_differs = both & ru_enc.notna() & ua_enc.notna() & (ru_enc != ua_enc)
    return (status_differs | enc_differs.fillna(False)).astype(bool)


def filter_view(
    resolved: pd.DataFrame, statuses: Iterable[str] | None = None, disputed_only: bool = False
) -> pd.DataFrame:
    """Keep settlements whose claimed status (any side) is in ``statuses``.

    ``"none"`` in ``statuses`` keeps settlements with no claim from the selected
    claimants. ``statuses=None`` keeps all. ``disputed_only`` keeps disputed ones.
    """
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


def _cut(claims: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None) -> pd.DataFrame:
    end = np.searchsorted(claims["date"].to_numpy(), np.datetime64(on, "ns"), side="right")
    cut = claims.iloc[:end]
    if claimants is not None:
        cut = cut[cut["claimant"].isin(set(claimants))]
    return cut


def _age(dates: pd.Series, on: dt.date) -> pd.Series:
    return (pd.Timestamp(on) - dates).dt.days.astype("Int64")
