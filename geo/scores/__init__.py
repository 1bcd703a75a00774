"""Claim reliability: what a reference showed (:mod:`~geo.scores.reference`), each capture
claim's outcome against it (:mod:`~geo.scores.outcomes`, checked against the per-claim loop
of :mod:`~geo.scores.naive`), the scorecard per claimant, kind and period
(:mod:`~geo.scores.scorecard`), a place's status on a date with persistence
(:mod:`~geo.scores.persistence`) and choosing a reference (:mod:`~geo.scores.stored`).
Built on ``geo.claims``, ``geo.maps`` and ``geo.dataset``."""

from geo.scores.export import Scorecard, build_scorecard
from geo.scores.naive import outcomes_naive
from geo.scores.outcomes import OUTCOMES, REASONS, Rules, outcomes
from geo.scores.persistence import Held, claimant_status, map_status, point_status
from geo.scores.reference import Reference, claims_reference, map_reference
from geo.scores.scorecard import (
    CLAIM_COLUMNS,
    PERIODS,
    ROW_COLUMNS,
    claim_table,
    records,
    report,
    scorecard,
    scored,
)
from geo.scores.stored import DEFAULT_REFERENCE, file_claims, reference_for

__all__ = ["CLAIM_COLUMNS", "DEFAULT_REFERENCE", "OUTCOMES", "PERIODS", "REASONS",
           "ROW_COLUMNS", "Held", "Reference", "Rules", "Scorecard", "build_scorecard",
           "claim_table", "claimant_status", "claims_reference", "file_claims",
           "map_reference", "map_status", "outcomes", "outcomes_naive", "point_status",
           "records", "reference_for", "report", "scorecard", "scored"]
