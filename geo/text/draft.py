"""A draft claim found in a report's text, its JSON record and its one-sentence summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from geo.text.lexicon import STATUS_WORDS


@dataclass
class Draft:
    """A draft claim found in the text (settlement or territory), with its evidence."""

    kind: str
    claimant: str
    side: str
    evidence: str
    start: int
    end: int
    confidence: float
    date: str
    settlement: str | None = None
    name: str | None = None
    geonames_id: int | None = None
    matched: str | None = None
    status: str | None = None
    extent: str | None = None
    part: str = ""
    encircled: bool | None = None
    share_pct: float | None = None
    qualifier: str | None = None
    area_km2: float | None = None
    refers_to: str | None = None
    cue: str = ""
    curated: bool = True
    lat: float | None = None
    lon: float | None = None
    oblast: str | None = None
    population: int = 0
    ambiguous: int = 0          #: number of places sharing the name (0: unambiguous)
    notes: list[str] = field(default_factory=list)
    rule: str = ""              #: the rule that produced the draft (see geo.text.extract)
    evidence_start: int = -1    #: the evidence span inside the sentence: the cue and name
    evidence_end: int = -1
    why_place: str = ""         #: why the resolver chose this place
    alternatives: list[dict[str, Any]] = field(default_factory=list)  #: what else it weighed
    score: float | None = None  #: the learned scorer's probability (geo.text.scorer), if run
    score_why: str = ""         #: the features that moved that score most

    def as_dict(self) -> dict[str, Any]:
        """JSON record: the common fields plus the kind's own."""
        out = asdict(self)
        common = ["kind", "claimant", "side", "evidence", "start", "end", "confidence", "date"]
        own = (["share_pct", "qualifier", "area_km2", "refers_to"] if self.kind == "territory"
               else ["settlement", "name", "geonames_id", "matched", "status", "extent", "part",
                     "encircled", "oblast", "why_place", "alternatives"])
        record = {k: out[k] for k in [*common, *own, "rule", "evidence_start",
                                      "evidence_end", "score", "score_why"]}
        record["confidence"] = round(self.confidence, 3)
        return record


def summary(draft: Draft, claimant_name: str) -> str:
    """A one-sentence summary in the project's own template words."""
    if draft.kind == "territory":
        q = {"more_than": "more than ", "about": "about ", "less_than": "less than "}.get(
            draft.qualifier or "", "")
        area = f" (about {draft.area_km2:,.0f} km²)" if draft.area_km2 else ""
        return (f"{claimant_name} put the Russian-held share of Ukraine at {q}"
                f"{draft.share_pct:g}%{area} as of {draft.refers_to}.")
    part = f" ({draft.part})" if draft.extent == "partial" and draft.part else ""
    said: dict[bool | None, str] = {True: "; says it is encircled",
                                    False: "; says it is not encircled"}
    enc = said.get(draft.encircled, "")
    return (f"According to {claimant_name}, {draft.name} is "
            f"{STATUS_WORDS.get(draft.status or '', draft.status)}{part}{enc}.")
