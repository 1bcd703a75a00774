"""The scorecard as a whole: one computation shared by the CLI and the page, and its
downloads (JSON with every claim's outcome, CSV safe to open in a spreadsheet)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from geo.claims.export import to_csv_bytes
from geo.scores.outcomes import NOT_SCORED, Rules, outcomes
from geo.scores.reference import NO_DAY, Reference, to_date
from geo.scores.scorecard import claim_table, report, scorecard, scored

#: Columns of :meth:`Scorecard.by_claim`.
MARK_COLUMNS = ("claim", "outcome", "lead_days", "shown_date", "shown_source",
                "reversed_date", "age_days", "reason")


@dataclass(frozen=True)
class Scorecard:
    """A reference, the rules, the scored claims and their scorecard rows."""

    reference: Reference
    rules: Rules
    period: str
    table: pd.DataFrame      #: scored claims (outcomes columns)
    rows: pd.DataFrame       #: scorecard rows
    not_scored: dict[str, int]
    names: dict[str, str]
    #: the chosen claimants (empty: all) and claim dates (None: unbounded)
    claimants: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    #: the chosen claims that are not scored: ``claim``, ``claimant``, ``settlement``,
    #: ``reason`` (one of :data:`~geo.scores.outcomes.REASONS`' texts)
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["claim", "claimant", "settlement", "reason"]))

    @property
    def latest(self) -> str | None:
        """The reference's latest observation date (``YYYY-MM-DD``), None without any."""
        return None if self.reference.latest == NO_DAY else \
            to_date(self.reference.latest).isoformat()

    def claims(self) -> pd.DataFrame:
        """The per-claim table, dates as text (:data:`~geo.scores.scorecard.CLAIM_COLUMNS`)."""
        return claim_table(self.table, self.names)

    def by_claim(self) -> pd.DataFrame:
        """Every chosen claim's outcome, one row per claim id (to join on a claims table):
        ``claim, outcome, lead_days, shown_date, shown_source, reversed_date, age_days,
        reason``; an unscored claim has outcome ``not scored`` and its reason."""
        done = self.claims()[list(MARK_COLUMNS[:-1])].assign(reason="")
        done["outcome"] = done["outcome"].astype(str)
        skipped = self.skipped[["claim", "reason"]].assign(outcome=NOT_SCORED)
        return pd.concat([done, skipped.reindex(columns=list(MARK_COLUMNS))],
                         ignore_index=True)[list(MARK_COLUMNS)]

    def payload(self) -> dict[str, Any]:
        """The JSON document: reference, rules, counts not scored, rows with outcomes."""
        return {"reference": self.reference.claimant, "reference_kind": self.reference.kind,
                "reference_dates": self.reference.dates, "latest_reference_date": self.latest,
                "rules": dataclasses.asdict(self.rules), "period": self.period,
                "claimants": list(self.claimants),
                "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "not_scored": self.not_scored,
                "rows": report(self.table, self.rows, self.names, self.period)}

    def json_bytes(self) -> bytes:
        """:meth:`payload` as UTF-8 JSON."""
        return json.dumps(self.payload(), ensure_ascii=False, indent=1).encode("utf-8")

    def rows_csv(self) -> bytes:
        """The scorecard rows as spreadsheet-safe CSV."""
        return to_csv_bytes(self.rows)

    def claims_csv(self) -> bytes:
        """The per-claim table as spreadsheet-safe CSV."""
        return to_csv_bytes(self.claims())


def build_scorecard(claims: pd.DataFrame, ref: Reference, names: dict[str, str],
                    rules: Rules | None = None, period: str = "all",
                    claimants: list[str] | None = None, start: dt.date | None = None,
                    end: dt.date | None = None) -> Scorecard:
    """Score ``claims`` (file claims) against ``ref``, keep the chosen claimants and dates
    (their previous claims still decide what is new), and count them."""
    rules = rules or Rules()
    every = outcomes(claims, ref, rules)
    chosen = scored(every, claimants, start, end)
    keep = every["outcome"] == NOT_SCORED   # the chosen claims' unscored ones, as above
    if claimants:
        keep &= every["claimant"].isin(claimants)
    if start:
        keep &= every["date"] >= pd.Timestamp(start)
    if end:
        keep &= every["date"] <= pd.Timestamp(end)
    skipped = every[keep]
    counts = {str(k): int(v) for k, v in skipped["reason"].value_counts().items() if v and k}
    return Scorecard(ref, rules, period, chosen, scorecard(chosen, period), counts, names,
                     tuple(claimants or ()), start, end,
                     skipped[["claim", "claimant", "settlement", "reason"]].astype(
                         {"reason": str}).reset_index(drop=True))
