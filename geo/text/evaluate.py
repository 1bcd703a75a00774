"""Precision and recall of the extractor against hand-written expectations."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from geo.text.draft import Draft
from geo.text.extract import Extractor


@dataclass(frozen=True)
class Score:
    """Matches over a set of texts."""

    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def keys(drafts: list[Draft]) -> set[tuple]:
    """Comparable keys: settlement claims and territory figures."""
    out: set[tuple] = set()
    for d in drafts:
        if d.kind == "settlement":
            out.add(("settlement", d.claimant, d.settlement, d.status, d.extent, d.encircled))
        else:
            out.add(("territory", d.claimant, d.share_pct, d.refers_to))
    return out


def expected_keys(case: dict) -> set[tuple]:
    """The expectation of one text as keys."""
    return ({("settlement", *row) for row in case["settlement"]}
            | {("territory", *row) for row in case["territory"]})


def evaluate(extractor: Extractor, spec: Path) -> tuple[Score, list[dict]]:
    """Score every text listed in ``spec`` (texts missing on disk are skipped)."""
    doc = json.loads(spec.read_text(encoding="utf-8"))
    total_expected = total_found = total_correct = 0
    details = []
    for case in doc["texts"]:
        path = (spec.parent / case["file"]).resolve()
        if not path.is_file():
            details.append({"file": case["file"], "skipped": "file not found"})
            continue
        drafts = extractor.extract(path.read_text(encoding="utf-8"),
                                   dt.date.fromisoformat(case["date"]),
                                   default_claimant=case["default_claimant"])
        got, want = keys(drafts), expected_keys(case)
        total_expected += len(want)
        total_found += len(got)
        total_correct += len(got & want)
        details.append({"file": case["file"], "missed": sorted(map(str, want - got)),
                        "extra": sorted(map(str, got - want)),
                        "absent_violated": sorted({d.settlement for d in drafts
                                                   if d.settlement in case["absent"]})})
    return Score(total_expected, total_found, total_correct), details
