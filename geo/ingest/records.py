"""Claim records from parsed statements: one statement (a place named with a status, or
fighting reported near it) → a claims.csv row with the evidence, or a review draft.

Shared by the text adapters (MoD bulletins, General Staff reports, Telegram posts). A
statement is accepted automatically only when its parser matched a full template
(``certain``) and its place resolved at or above the run's ``auto_accept`` confidence;
fighting-near statements are always drafts (contested at most, low confidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geo.ingest.model import IngestContext, Parsed
from geo.places.resolution import Resolution

#: Confidence given to a fighting-near draft (never accepted automatically).
FIGHTING_CONFIDENCE = 0.3


@dataclass
class Statement:
    """A place named in a document, with what is said about it."""

    name: str
    claimant: str
    status: str
    evidence: str
    start: int
    end: int
    kind: str = "claim"            # "claim" or "fighting"
    extent: str = "full"
    part: str = ""
    encircled: bool | None = None
    oblast: str | None = None
    certain: bool = False          # a full template matched
    cue: str = ""
    #: towns the statement is near (a report's directions), one ``a|b|c`` entry of
    #: spellings per town: they tell namesakes apart, never a claim about those towns
    anchor_names: list[str] = field(default_factory=list)


def add_statement(ctx: IngestContext, parsed: Parsed, st: Statement, day: str, source: str,
                  url: str, summary: str, res: Resolution | None) -> None:
    """Turn one statement into an accepted claim or a queued draft (or a report line)."""
    if res is None:
        parsed.reported.append(f"{source}: {st.name!r} matches no place"
                               f"{' in ' + st.oblast if st.oblast else ''}; no claim")
        return
    fighting = st.kind == "fighting"
    claim: dict[str, Any] = {
        "date": day, "settlement_id": res.id, "claimant": st.claimant,
        "status": "contested" if fighting else st.status, "extent": st.extent,
        "part": st.part, "encircled": "" if st.encircled is None else str(st.encircled).lower(),
        "summary": summary, "source": source, "source_url": url, "source_date": day,
        "evidence": st.evidence, "span": [st.start, st.end], "cue": st.cue, "name": res.name,
        "geonames_id": res.geonames_id, "confidence": res.confidence, "resolved": res.reason,
        "kind": st.kind,
    }
    claim["auto"] = (not fighting and st.certain and res.confidence >= ctx.auto_accept)
    place = None
    if res.id.startswith("gn-"):
        place = {"name": res.name, "oblast": res.oblast, "lat": res.lat, "lon": res.lon,
                 "population": res.population, "geonames_id": res.geonames_id}
        parsed.new_places[res.id] = place
    if claim["auto"]:
        parsed.claims.append(claim)
        return
    reason = ("fighting reported near the place, not a control claim" if fighting else
              "no full template matched" if not st.certain else
              f"the place is uncertain ({res.reason})")
    parsed.queued.append({
        "claim": claim, "kind": st.kind,
        "confidence": FIGHTING_CONFIDENCE if fighting else res.confidence,
        "evidence": st.evidence, "span": [st.start, st.end],
        "place": place or {"name": res.name, "oblast": res.oblast},
        "alternatives": [c for c in res.candidates if c["id"] != res.id][:5],
        "reason": reason})
