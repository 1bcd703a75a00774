"""Territory figures: the share of Ukraine each claimant says Russia holds.

Semantics (documented in data/README.md and tested):

* ``date`` is the day a figure was stated; ``refers_to`` the day it describes
  (the same unless the source says otherwise, e.g. "18% three years ago").
* For a date ``D`` a claimant's **current** figure is, among its figures stated
  on or before ``D``, the one describing the latest day (ties: the later stated,
  then the later row). Its **previous** figure is the one before it in that order,
  and ``change_pp`` is the difference in percentage points.
* ``km2`` is the stated area when given, otherwise ``share_pct`` of the stated
  denominator (``km2_derived`` is then True).
* The difference between sides compares the Russian side's and the Ukrainian
  side's current figures (the latest-described one per side): in percentage
  points of the stated shares, and in km² of each figure's area (the stated area
  when given, else the share of its stated denominator). It is ``exact`` only when
  both figures are stated exactly; "more than 19%" makes it a bound, not a value:
  ``bound`` says which way (the Russian side's "more than" or the Ukrainian side's "less
  than" make the true gap *at least* the difference, the opposite ones *at most*), and
  ``pp_km2`` is the difference of shares in km² of the denominator, so that the gap shown
  beside the percentage points has their sign; ``km2`` (of the stated areas) may disagree
  in sign when a claimant's stated area and share do not match, and is kept to say so.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.vocab import QUALIFIER_LABELS, UKRAINE_AREA_KM2


@dataclass(frozen=True)
class SideDifference:
    """Russian side's figure minus the Ukrainian side's."""

    ru_claimant: str
    ua_claimant: str
    pp: float
    km2: float
    ru_describes: str      #: ISO date each figure describes
    ua_describes: str
    exact: bool            #: False when either figure is "more than", "about", "less than"
    #: how the true gap relates to ``pp``: "exactly", "at least", "at most", "about", or
    #: "unknown" (the bounds point opposite ways: "more than" minus "more than")
    bound: str = "exactly"
    pp_km2: float = 0.0    #: ``pp`` as km² of the denominator (the same sign as ``pp``)
    ru_qualifier: str = "exactly"
    ua_qualifier: str = "exactly"


def gap_bound(ru_qualifier: str, ua_qualifier: str) -> str:
    """How the true (Russian minus Ukrainian) gap relates to the difference of the stated
    figures: the Russian side's "more than" (or the Ukrainian side's "less than") makes it
    at least that, the reverse at most; "about" on either side (with no bound the other
    way) about that; bounds pointing opposite ways leave it unknown."""
    up = {"more_than": "up", "less_than": "down"}            # how the Russian figure errs
    down = {"more_than": "down", "less_than": "up"}          # how subtracting the other does
    ways = {up.get(ru_qualifier), down.get(ua_qualifier)} - {None}
    if len(ways) > 1:
        return "unknown"
    if ways:
        return "at least" if ways == {"up"} else "at most"
    if "about" in (ru_qualifier, ua_qualifier):
        return "about"
    return "exactly"


def _ordered(
    territory: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None
) -> pd.DataFrame:
    cut = territory[territory["date"] <= pd.Timestamp(on)]
    if claimants is not None:
        cut = cut[cut["claimant"].isin(set(claimants))]
    cut = cut.assign(
        km2=cut["area_km2"].fillna(cut["share_pct"] / 100.0 * cut["denominator_km2"]),
        km2_derived=cut["area_km2"].isna(),
    )
    return cut.sort_values(["claimant", "refers_to", "date", "row"], kind="stable")


def territory_view(
    territory: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None = None
) -> pd.DataFrame:
    """Each selected claimant's current figure on ``on``, with its previous one and the change.

    Returns one row per claimant that has a figure: the figure's columns plus
    ``km2``, ``km2_derived``, ``prev_share_pct``, ``prev_refers_to``, ``change_pp``.
    """
    ordered = _ordered(territory, on, claimants)
    group = ordered.groupby("claimant", sort=False)
    ordered = ordered.assign(
        prev_share_pct=group["share_pct"].shift(1),
        prev_refers_to=group["refers_to"].shift(1),
        prev_qualifier=group["qualifier"].shift(1),
    )
    current = ordered.drop_duplicates("claimant", keep="last").copy()
    current["change_pp"] = current["share_pct"] - current["prev_share_pct"]
    return current.reset_index(drop=True)


def territory_series(
    territory: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None = None
) -> pd.DataFrame:
    """Every figure stated on or before ``on`` by the selected claimants, for a chart."""
    return _ordered(territory, on, claimants).reset_index(drop=True)


def side_difference(current: pd.DataFrame,
                    series: pd.DataFrame | None = None) -> SideDifference | None:
    """Russian side's current figure minus the Ukrainian side's (``None`` unless both exist).

    When the two describe different dates and ``series`` (every figure stated so far) holds
    a figure of the newer side describing the older date, that one is compared instead, so
    the gap is between figures about one day where there are such.
    """
    latest = current.sort_values(["refers_to", "date", "row"], kind="stable")
    ru = latest[latest["side"] == "ru"].tail(1)
    ua = latest[latest["side"] == "ua"].tail(1)
    if ru.empty or ua.empty:
        return None
    r, u = ru.iloc[0], ua.iloc[0]
    if series is not None and r["refers_to"] != u["refers_to"]:
        older = min(r["refers_to"], u["refers_to"])
        newer_side = "ua" if u["refers_to"] > r["refers_to"] else "ru"
        same_day = series[(series["side"] == newer_side) & (series["refers_to"] == older)] \
            .sort_values(["date", "row"], kind="stable").tail(1)
        if not same_day.empty:
            if newer_side == "ua":
                u = same_day.iloc[0]
            else:
                r = same_day.iloc[0]
    pp = float(r["share_pct"] - u["share_pct"])
    denominator = float(r["denominator_km2"]) if r["denominator_km2"] == u["denominator_km2"] \
        else UKRAINE_AREA_KM2
    return SideDifference(
        ru_claimant=str(r["claimant"]),
        ua_claimant=str(u["claimant"]),
        pp=pp,
        km2=float(r["km2"] - u["km2"]),
        ru_describes=r["refers_to"].date().isoformat(),
        ua_describes=u["refers_to"].date().isoformat(),
        exact=r["qualifier"] == "exactly" and u["qualifier"] == "exactly",
        bound=gap_bound(str(r["qualifier"]), str(u["qualifier"])),
        pp_km2=pp / 100.0 * denominator,
        ru_qualifier=str(r["qualifier"]),
        ua_qualifier=str(u["qualifier"]),
    )


def format_share(share_pct: float, qualifier: str) -> str:
    """``19.0, "more_than"`` → ``"more than 19%"``; ``19.1, "exactly"`` → ``"19.1%"``."""
    label = QUALIFIER_LABELS.get(qualifier, "")
    number = f"{share_pct:.2f}".rstrip("0").rstrip(".")
    return f"{label} {number}%".strip()


def format_km2(km2: float, derived: bool, qualifier: str = "exactly") -> str:
    """``116000.0`` → ``"≈116,000 km²"`` (``≈`` when derived or approximate)."""
    if km2 is None or not np.isfinite(km2):
        return ""
    approx = "≈" if derived or qualifier != "exactly" else ""
    return f"{approx}{km2:,.0f} km²"


#: How many (figures, cut, claimants) results :func:`figures_on` keeps.
KEPT_FIGURES = 64
_kept_lock = threading.Lock()
_kept: OrderedDict[tuple, tuple[pd.DataFrame, tuple]] = OrderedDict()


def figures_on(territory: pd.DataFrame, on: dt.date, claimants: Iterable[str] | None
               ) -> tuple[pd.DataFrame, pd.DataFrame, SideDifference | None]:
    """:func:`territory_view`, :func:`territory_series` and :func:`side_difference` of
    ``territory`` on ``on``, shared by every date with the same figures stated on or before
    it (the figures change on a few days; readers' dates on many): kept per figures frame,
    number of figures up to ``on`` and claimants. Treat the frames as read-only."""
    stated = territory["date"].to_numpy(dtype="datetime64[ns]")
    cut = int((stated <= pd.Timestamp(on).to_datetime64()).sum())
    chosen = None if claimants is None else tuple(sorted(set(claimants)))
    key = (id(territory), cut, chosen)
    with _kept_lock:
        found = _kept.get(key)
        if found is not None and found[0] is territory:
            _kept.move_to_end(key)
            return found[1]
    current = territory_view(territory, on, chosen)
    series = territory_series(territory, on, chosen)
    result = (current, series, side_difference(current, series))
    with _kept_lock:
        _kept[key] = (territory, result)
        while len(_kept) > KEPT_FIGURES:
            _kept.popitem(last=False)
    return result
