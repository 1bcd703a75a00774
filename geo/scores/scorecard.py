"""The scorecard: claim outcomes counted per claimant, per kind of claim and per period.

Shares "confirmed within X days" count a claim in the denominator only when it had X days
to be confirmed: confirmed (or reversed) with a lead of at most X days, or made at least
X days before the reference's latest date; otherwise the share is not yet known for it.
``old_enough_Xd`` counts the claims behind each share (its denominator), open ones included.
``judged`` counts the claims the reference has ruled on either way (confirmed, reversed or
never: :data:`geo.scores.figures.JUDGED`); the rest are open.
The median and inter-quartile lead are over the **confirmed** claims (reversed ones are
counted apart); ``reversed_share`` is reversed / claims.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import numpy as np
import pandas as pd

from geo.scores.outcomes import NOT_SCORED, OUTCOMES
from geo.scores.reference import CODE_LABELS

PERIODS: Final = ("all", "year", "quarter")
WITHIN: Final = (7, 30, 90)
ALL: Final = "all"
#: Columns of a scorecard row, in order.
ROW_COLUMNS: Final = ("claimant", "kind", "period", "claims", "confirmed", "reversed", "open",
                      "never", "judged", *(f"confirmed_share_{x}d" for x in WITHIN),
                      "median_lead_days", "lead_q1_days", "lead_q3_days", "reversed_share",
                      *(f"old_enough_{x}d" for x in WITHIN))
#: Columns of the per-claim table (downloads, ``--per-claim``, each row's ``outcomes``).
CLAIM_COLUMNS: Final = ("claim", "claimant", "kind", "settlement", "name", "date", "status",
                        "extent", "source", "source_url", "outcome", "reference_then",
                        "shown_date", "shown_source", "shown_url", "reference_previous",
                        "lead_days", "lead_min_days", "reversed_date", "reversed_source",
                        "age_days")
_DATES: Final = ("date", "shown_date", "reference_previous", "reversed_date")


def scored(table: pd.DataFrame, claimants: list[str] | None = None,
           start: dt.date | None = None, end: dt.date | None = None) -> pd.DataFrame:
    """The scored claims of an outcomes table, optionally of some claimants and dates."""
    keep = table["outcome"] != NOT_SCORED
    if claimants:
        keep &= table["claimant"].isin(claimants)
    if start:
        keep &= table["date"] >= pd.Timestamp(start)
    if end:
        keep &= table["date"] <= pd.Timestamp(end)
    return table[keep]


def period_labels(dates: pd.Series, period: str) -> pd.Series:
    """``all``, the year (``2025``) or the quarter (``2025-Q3``) of each date."""
    if period == "year":
        return dates.dt.year.astype(str)
    if period == "quarter":
        return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)
    return pd.Series(ALL, index=dates.index)


def scorecard(table: pd.DataFrame, period: str = "all") -> pd.DataFrame:
    """Scorecard rows (:data:`ROW_COLUMNS`) of scored claims: per claimant over all kinds,
    then per kind; with a ``period`` other than ``all``, also per period."""
    if table.empty:
        return pd.DataFrame(columns=list(ROW_COLUMNS))
    base = table.assign(period=period_labels(table["date"], period))
    sets: list[tuple[bool, bool]] = [(False, False), (True, False)]
    if period != ALL:
        sets += [(False, True), (True, True)]
    frames = []
    for by_kind, by_period in sets:
        frame = base.assign(kind=base["kind"] if by_kind else ALL,
                            period=base["period"] if by_period else ALL)
        frames.append(_aggregate(frame))
    rows = pd.concat(frames, ignore_index=True).drop_duplicates(
        subset=["claimant", "kind", "period"])
    return rows.sort_values(["claimant", "kind", "period"], kind="stable",
                            key=lambda s: s.map(lambda v: (v != ALL, v))
                            ).reset_index(drop=True)[list(ROW_COLUMNS)]


def _aggregate(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["claimant", "kind", "period"]
    # the flags as numpy columns of one frame made once (a column set at a time cost a
    # frame insert each: most of a scorecard's time, paid again for every data version)
    lead = frame["lead_days"].astype("float64").to_numpy()
    age = frame["age_days"].astype("float64").to_numpy()
    outcome = frame["outcome"].to_numpy(dtype=object)
    columns: dict[str, object] = {k: frame[k] for k in keys}
    for name in OUTCOMES:
        columns[name] = (outcome == name).astype(int)
    confirmed_now = outcome == "confirmed"
    for x in WITHIN:
        hit = confirmed_now & (lead <= x)
        columns[f"hit_{x}"] = hit.astype(int)
        columns[f"due_{x}"] = (hit | (lead <= x) | (age >= x)).astype(int)
    columns["claims"] = np.ones(len(frame), dtype=int)
    flags = pd.DataFrame(columns, index=frame.index)
    sums = flags.groupby(keys, sort=False).sum().reset_index()
    extra: dict[str, pd.Series] = {}
    for x in WITHIN:
        due = sums[f"due_{x}"]
        extra[f"confirmed_share_{x}d"] = (sums[f"hit_{x}"] / due.where(due > 0)).round(3)
        extra[f"old_enough_{x}d"] = due  # the claims behind the share: those that had x days
    extra["judged"] = sums["confirmed"] + sums["reversed"] + sums["never"]
    extra["reversed_share"] = (sums["reversed"] / sums["claims"]).round(3)
    sums = sums.assign(**extra)
    confirmed = frame[frame["outcome"] == "confirmed"].assign(
        lead=lambda f: f["lead_days"].astype("float64"))
    quartiles = np.array([0.25, 0.5, 0.75])
    stats = confirmed.groupby(keys, sort=False)["lead"].quantile(quartiles).unstack()
    stats = stats.rename(columns={0.25: "lead_q1_days", 0.5: "median_lead_days",
                                  0.75: "lead_q3_days"}).reset_index()
    if stats.empty:
        return sums.assign(lead_q1_days=np.nan, median_lead_days=np.nan, lead_q3_days=np.nan)
    return sums.merge(stats, on=keys, how="left")


def claim_table(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The per-claim table (:data:`CLAIM_COLUMNS`): dates as ``YYYY-MM-DD`` (empty when
    none), the reference's state on the claim date in words, the place's name, and
    ``lead_min_days``: the lead had the change come right after the reference's previous
    observation (the true lead lies between it and ``lead_days``)."""
    mapped = table["settlement"].map(names).astype(object)
    low = (table["reference_previous"] - table["date"]).dt.days.astype("Int64")
    out = table.assign(name=mapped.where(mapped.notna(), table["settlement"]),
                       reference_then=table["reference_then"].map(CODE_LABELS).fillna(""),
                       lead_min_days=low.where(table["lead_days"].notna()))
    for column in _DATES:
        out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    return out[list(CLAIM_COLUMNS)].reset_index(drop=True)


def _clean(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as JSON-ready records (NaN and NA as None, numpy scalars as Python's)."""
    columns = list(frame.columns)
    return [{c: _clean(v) for c, v in zip(columns, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


def report(table: pd.DataFrame, rows: pd.DataFrame, names: dict[str, str], period: str
           ) -> list[dict[str, Any]]:
    """Scorecard rows as JSON records, each with ``outcomes``: its claims' records."""
    claims = claim_table(table, names)
    base = table.assign(period=period_labels(table["date"], period)).reset_index(drop=True)
    out = []
    for row in records(rows):
        mask = base["claimant"] == row["claimant"]
        if row["kind"] != ALL:
            mask &= base["kind"] == row["kind"]
        if row["period"] != ALL:
            mask &= base["period"] == row["period"]
        out.append({**row, "outcomes": records(claims[mask.to_numpy()])})
    return out
