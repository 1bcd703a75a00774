"""Everything the page shows for one set of filters, computed once per rerun."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.export import claims_table
from geo.loading import Dataset
from geo.resolve import ClaimIndex, filter_view, latest_claims, resolve
from geo.territory import SideDifference, side_difference, territory_series, territory_view
from geo.urlstate import FilterState


@dataclass(frozen=True)
class View:
    """Resolved claims and territory figures for a :class:`FilterState`."""

    resolved: pd.DataFrame        #: every settlement, each side's claim
    shown: pd.DataFrame           #: the settlements passing the status/disputed filters
    latest: pd.DataFrame          #: each (settlement, claimant)'s latest claim
    table: pd.DataFrame           #: claims of the shown settlements, for the table and CSV
    territory: pd.DataFrame       #: each claimant's current territory figure
    territory_series: pd.DataFrame
    difference: SideDifference | None
    claimant_names: dict[str, str]


def build_view(ds: Dataset, state: FilterState, index: ClaimIndex | None = None) -> View:
    """Resolve claims and figures for ``state``'s date and claimants, then apply its filters.

    ``index``: :func:`geo.resolve.build_index` of ``ds.claims``, built once and reused.
    """
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    resolved = resolve(ds.settlements, ds.claims, state.date, state.claimants, index=index,
                       max_age_days=state.max_age_days)
    shown = filter_view(resolved, state.statuses, state.disputed_only)
    latest = latest_claims(ds.claims, state.date, state.claimants, state.max_age_days)
    current = territory_view(ds.territory, state.date, state.claimants)
    return View(
        resolved=resolved,
        shown=shown,
        latest=latest,
        table=claims_table(shown, latest, names),
        territory=current,
        territory_series=territory_series(ds.territory, state.date, state.claimants),
        difference=side_difference(current),
        claimant_names=names,
    )
