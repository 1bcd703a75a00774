"""Where a name stands in its clause: the ground of fighting ("near X", "east of Y"), a
reference back ("the town"), and one draft per claim."""

from __future__ import annotations

import re
from collections.abc import Iterable

from geo.text.draft import Draft
from geo.text.lexicon import CONTEXT, COREF
from geo.text.lexicon_cyr import CONTEXT_CYR, COREF_CYR

__all__ = ["LANDMARK", "dedupe", "is_context", "refers_back"]

#: Right before a name: it only locates another place ("east of Siversk").
LANDMARK = re.compile(r"\b(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$|(?:північніше|"
                      r"південніше|східніше|західніше|севернее|южнее|восточнее|западнее)\s+$",
                      re.I)


#: Right before «населених пунктів», "settlements": a count or a kind of place, so places
#: in general ("окупував 9 населених пунктів", «звільнені населені пункти»), none named.
_GENERIC = re.compile(r"(?:\d[\d\s]*|\b(?:понад|більше|більш ніж|более|около|близько|кілька|"
                      r"декілька|несколько|десятки|десятков|сотні|інші|інших|другие|других|"
                      r"звільнені|звільнених|освобожденные|окуповані|окупованих|прилеглі|"
                      r"прилеглих|сусідні|сусідніх))\s+$", re.I)


def refers_back(clause: str, at: int) -> bool:
    """Whether "the town" (or «місто») after ``at`` names the place before it, not a
    landmark of it ("Sloboda, a village just south of the city": another place), nor places
    in general ("9 населених пунктів")."""
    for regex in (COREF, COREF_CYR):
        for hit in regex.finditer(clause, at):
            head = clause[:hit.start()]
            if not LANDMARK.search(head) and not _GENERIC.search(head):
                return True
    return False


def is_context(before: str) -> bool:
    """Whether the words before a name make it the ground of fighting, not its object."""
    return bool(before) and bool(CONTEXT.search(before) or CONTEXT_CYR.search(before))


def dedupe(drafts: Iterable[Draft]) -> list[Draft]:
    """One draft per (kind, claimant, settlement, status, extent, part, encircled, figure)."""
    best: dict[tuple, Draft] = {}
    for d in drafts:
        key = (d.kind, d.claimant, d.settlement, d.status, d.extent, d.part, d.encircled,
               d.share_pct, d.refers_to, d.date)
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    return sorted(best.values(), key=lambda d: (d.start, d.kind, d.settlement or ""))
