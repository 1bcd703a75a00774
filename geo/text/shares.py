"""Shares of Ukraine's territory in a sentence ("more than 19 percent of Ukraine's
territory, or about 116,000 square kilometers", "a fifth of the country"), as territory
drafts of the clause's speaker. A share of a town is no share of Ukraine: those are the
extent of a settlement claim (:mod:`geo.text.extent`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from geo.text.dates import as_of
from geo.text.draft import Draft
from geo.text.lexicon import NUMBERS, TERRITORY, UP_FROM
from geo.text.speakers import Clause

#: "a fifth of Ukraine's territory": the share in percent.
_FRACTIONS = {"fifth": 20.0, "quarter": 25.0, "third": 33.3, "sixth": 16.7, "tenth": 10.0}


def _share(m: re.Match[str]) -> float:
    if m.group("pct"):
        return float(m.group("pct").replace(",", "."))  # «17,4%»
    return _FRACTIONS[m.group("frac").split()[-1].lower()]


#: «загальна площа окупованої території України ... становить 19,4%»: the share after
#: the words that say of what.
_SHARE_AFTER = re.compile(
    r"(?:окупован\w+|оккупированн\w+) (?:території|территории) (?:України|Украины)[^.;%]{0,80}?"
    r"(?:становить|складає|сягає|составляет|достигает)\s+(?P<q>понад|більше|близько|майже|"
    r"около|почти|более)?\s*(?P<pct>\d{1,2}(?:[.,]\d+)?)\s*%(?P<frac>(?!x)x)?(?P<area>(?!x)x)?",
    re.I)


def territory(sentence: str, s0: int, sentence_clauses: list[Clause], date: dt.date,
              claimant_of: Callable[[str | None], str | None],
              sides: dict[str, str]) -> list[Draft]:
    """The drafts of the shares of Ukraine's territory said in ``sentence`` (starting at
    ``s0`` of the text), each credited to its clause's speaker (``claimant_of``); "up from
    X% N years ago" adds the earlier figure."""
    out = []
    evidence = sentence
    for m in [*TERRITORY.finditer(sentence), *_SHARE_AFTER.finditer(sentence)]:
        clause = next((c for c in sentence_clauses if c.start - s0 <= m.start()
                       < c.start - s0 + len(c.text)), None)
        claimant = claimant_of(clause.speaker if clause else None)
        if clause is None or claimant is None:
            continue
        qualifier = {"more than": "more_than", "over": "more_than", "less than": "less_than",
                     None: "exactly"}.get((m.group("q") or "").lower() or None, "about")
        area = float(m.group("area").replace(",", "")) if m.group("area") else None
        # "... as of Feb. 1" after the share, else "As of 1 November, ... stands at 19.3%"
        # («станом на 1 липня ...») before it in its clause
        before = sentence[max(clause.start - s0, m.start() - 100):m.start()]
        refers = as_of(sentence[m.end():m.end() + 60], date) or as_of(before, date) or as_of(
            m.group(), date) or date
        common: dict[str, Any] = {
            "kind": "territory", "claimant": claimant, "side": sides.get(claimant, ""),
            "evidence": evidence, "start": s0, "end": s0 + len(evidence),
            "date": date.isoformat(), "rule": "a share of Ukraine's territory",
            "evidence_start": m.start(), "evidence_end": m.end()}
        out.append(Draft(**common, confidence=0.85 if clause.explicit else 0.7,
                         share_pct=_share(m), qualifier=qualifier,
                         area_km2=area, refers_to=refers.isoformat()))
        up = UP_FROM.search(sentence[m.end():m.end() + 80])
        if up:
            years = NUMBERS.get(up.group("n").lower()) or (
                int(up.group("n")) if up.group("n").isdigit() else None)
            if years:
                when = date.replace(year=date.year - years)
                out.append(Draft(**common, confidence=0.75,
                                 share_pct=float(up.group("pct")), qualifier="exactly",
                                 area_km2=None, refers_to=when.isoformat()))
    return out
