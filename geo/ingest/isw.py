"""ISW's daily assessment (a direction's section) → statements, each given to whoever makes
the claim.

Each sentence is cut into clauses (", and", ", while", ", although", ";"), and each clause
has a speaker: the one it reports ("a Russian milblogger claimed", "the Russian MoD
claimed", "Gerasimov claimed", "the DeepState map reported", "the commander of a Ukrainian
brigade stated"; "another claimed" keeps the previous one), else ISW itself. Claims others
make go to their makers with ISW's page as the source; ISW's doubts ("has not observed
confirmation") change nothing about who claims it. In a clause:

* "<side> forces (likely) seized / captured / occupied A" → A held by that side;
  "recaptured / liberated / retook A" likewise; "both settlements" are the last two named;
* "<side> forces control / hold most / over 70 percent / roughly half of A" → partly held;
* "encircled ... in A and B" → contested (encircled); "continue to supply A" → held by
  Ukraine; "Russian soldiers are operating inside A" → contested;
* "advanced into (the outskirts of) A" → contested in part; "advanced in / near / to the
  outskirts of A" and "attacked near A, B and toward C" → fighting near A (an advance is not
  a change of hands).

The title's direction ("— Hulyaipole direction") and each "(northeast of Hulyaipole)" tell
namesakes apart; they are not claims. ISW writes prose, so every statement waits for
review (none is ``certain``).
"""

from __future__ import annotations

import re

from geo.ingest.bulletins import _names, pieces, sentences
from geo.ingest.records import Statement
from geo.text.lexicon import SPEAKER_RES

#: Who a clause reports: the free-text extractor's speaker patterns (geo.text.lexicon, one
#: table for both), first match wins.
SPEAKERS = SPEAKER_RES
#: Speakers whose words are no claim here (a wire agency, "the enemy claims").
NOBODY = frozenset({"reuters", "enemy_reported"})
_REPORTING = re.compile(r"\b(?:claimed|claims|reported|stated|said|asserted|alleged|denied)\b",
                        re.I)
_CLAUSES = re.compile(r",\s+(?:and|while|although|but|whereas)\s+|;\s+")
_SUBJECT = re.compile(r"\b(?P<side>Russian|Ukrainian)\s+(?:forces|troops|units|servicemen)\b",
                      re.I)
TOOK = re.compile(r"\b(?:(?:likely|recently|reportedly|have|has|had)\s+)*(?:seized|captured|"
                  r"occupied|took\s+control\s+of|completed\s+the\s+capture\s+of)\s+|"
                  r"\b(?P<back>(?:(?:likely|recently|reportedly|have|has|had)\s+)*(?:recaptured|"
                  r"liberated|retook|regained))\s+", re.I)
SHARE = re.compile(r"\b(?:control|controls|hold|holds)\s+(?P<part>most|much|part|roughly\s+"
                   r"half|about\s+half|half|(?:over|more\s+than|about|roughly|nearly)?\s*\d{1,2}"
                   r"\s*(?:percent|%))\s+of\s+(?:the\s+)?", re.I)
ENCIRCLED = re.compile(r"\bencircled\b[^.;]*?\bin\s+", re.I)
SUPPLY = re.compile(r"\bcontinue\s+to\s+(?:supply|hold|defend)\s+", re.I)
INSIDE = re.compile(r"\bRussian\s+(?:soldiers|troops|forces|servicemen)\s+(?:are|were)\s+"
                    r"(?:operating|present|fighting)\s+(?:inside|in|within)\s+", re.I)
INTO = re.compile(r"\badvanced\s+into\s+(?:the\s+)?(?:(?P<side>\w+ern)\s+)?"
                  r"outskirts\s+of\s+", re.I)
#: in a sentence about attacks, each "; north of A near B and toward C" part lists places
NEAR_ANY = re.compile(r"\b(?:near|toward|towards|within)\s+(?=[A-Z])")
FIGHTING = re.compile(r"\badvanced\s+(?:in|near|within|to\s+the\s+(?:\w+\s+)?outskirts\s+of|"
                      r"(?:north|south|east|west)\w*\s+of)\s+(?:(?:central|northern|southern|"
                      r"eastern|western|\w+eastern|\w+western)\s+)?|\b(?:attack(?:ed|s)?|"
                      r"counterattacked)\s+(?:near|toward|towards|within|in)\s+|"
                      r"\band\s+(?:near|toward|towards)\s+|\badvanced\s+into\s+(?:\w+ern\s+)?"
                      r"(?=[A-Z])", re.I)
_BOTH = re.compile(r"\bboth\s+(?:settlements|villages|towns|places)\b", re.I)
_DIRECTION = re.compile(r"\b[A-Z][\w'-]+\s+direction\b")
_RELATIVE = re.compile(r"\((?:\w+\s+){0,2}of\s+(?P<town>[A-Z][\w'-]+)\)|\bbetween\s+[A-Z]")
_TITLE = re.compile(r"[—–-]\s*(?P<town>[A-Z][\w'-]+)\s+direction", re.I)


def _speaker(clause: str, previous: str) -> str:
    if (re.match(r"\s*another\b", clause, re.I) and previous != "isw") or (
            not _REPORTING.search(clause) and previous != "isw"
            and re.match(r"\s*(?:that|have|has|seized|captured|control)\b", clause, re.I)):
        return previous
    if not _REPORTING.search(clause):
        return "isw"
    for pattern, claimant in SPEAKERS:
        if pattern.search(clause):
            return claimant
    return "isw"


def _side(clause: str, at: int, default: str) -> str:
    subjects = [m for m in _SUBJECT.finditer(clause) if m.start() < at]
    if not subjects:
        return default
    return "russian" if subjects[-1].group("side").lower() == "russian" else "ukrainian"


def parse_assessment(text: str, claimant: str = "isw") -> list[Statement]:
    """Statements of one ISW section (``claimant`` speaks where nobody else is reported)."""
    title = _TITLE.search(text[:300])
    towns = [title.group("town")] if title else []
    out: list[Statement] = []
    recent: list[tuple[str, int, int]] = []

    def add(ev: str, a: int, b: int, who: str, status: str, **extra: object) -> None:
        if any(x <= a < y for x, y in blocked):
            return
        st = Statement(ev[a:b], who, status, ev, a, b, anchor_names=list(towns),
                       **extra)  # type: ignore[arg-type]
        out.append(st)
        recent.append((ev[a:b], a, b))

    for _, sentence in sentences(text):
        ev = sentence.strip()
        blocked = [(m.start(), m.end()) for m in _DIRECTION.finditer(ev)]
        who = "isw"
        for c0, clause in pieces(_CLAUSES, ev):
            who = _speaker(clause, who)
            if who in NOBODY:
                continue
            speaker = claimant if who == "isw" else who
            c1 = c0 + len(clause)
            claimed: set[int] = set()
            for m in TOOK.finditer(clause):
                status = _side(clause, m.start(), "ukrainian" if m.group("back") else "russian")
                if m.group("back") and status == "russian" and "liberat" not in m.group():
                    status = "ukrainian"
                names = _names(ev, c0 + m.end(), c1)
                distinct = list({n: (n, a, b) for n, a, b in recent}.values())
                if not names and _BOTH.match(clause[m.end():]) and len(distinct) >= 2:
                    for name, a, b in distinct[-2:]:
                        out.append(Statement(name, speaker, status, ev, a, b,
                                             anchor_names=list(towns), cue=m.group().strip()))
                    continue
                for a, b, ob in names:
                    claimed.add(a)
                    add(ev, a, b, speaker, status, oblast=ob, cue=m.group().strip())
            for m in SHARE.finditer(clause):
                for a, b, ob in _names(ev, c0 + m.end(), c1)[:1]:
                    claimed.add(a)
                    add(ev, a, b, speaker, _side(clause, m.start(), "russian"),
                        extent="partial", part=re.sub(r"\s+", " ", m.group("part")).strip(),
                        oblast=ob, cue=m.group().strip())
            for pattern, status, extra in ((ENCIRCLED, "contested", {"encircled": True}),
                                           (SUPPLY, "ukrainian", {}),
                                           (INSIDE, "contested", {})):
                for m in pattern.finditer(clause):
                    for a, b, ob in _names(ev, c0 + m.end(), c1):
                        claimed.add(a)
                        add(ev, a, b, speaker, status, oblast=ob, cue=m.group().strip(),
                            **extra)
            for m in INTO.finditer(clause):
                for a, b, ob in _names(ev, c0 + m.end(), c1)[:1]:
                    claimed.add(a)
                    add(ev, a, b, speaker, "contested", extent="partial",
                        part=f"{m.group('side') or ''} outskirts".strip(), oblast=ob,
                        cue=m.group().strip())
            attacks = re.search(r"\b(?:attack|assault|counterattack)\w*", ev, re.I)
            cues = list(FIGHTING.finditer(clause))
            if attacks:
                cues += list(NEAR_ANY.finditer(clause))
            for m in cues:
                for a, b, ob in _names(ev, c0 + m.end(), c1):
                    if a not in claimed:
                        add(ev, a, b, speaker, "contested", kind="fighting", oblast=ob,
                            cue=m.group().strip())
        for m in _RELATIVE.finditer(ev):
            if m.group("town") and m.group("town") not in towns:
                towns.append(m.group("town"))
    seen: set[tuple[str, str, str, str]] = set()
    unique = []
    for st in out:
        key = (st.name, st.claimant, st.kind, st.status)
        if key not in seen:
            seen.add(key)
            unique.append(st)
    return unique
