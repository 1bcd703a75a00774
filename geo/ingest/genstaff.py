"""Ukraine's General Staff operational reports (English or Ukrainian) → statements.

The report is read as structure, per front "direction": a direction named after a town
("the Pokrovsk direction", «на Покровському напрямку») is not a claim about the town; its
town only helps tell namesakes apart among the places listed under it. Under a direction:

* "attacked in the areas of A, B and towards C" («у районах населених пунктів A, B та в бік
  C», «біля», «поблизу»): fighting reported near A, B, C (drafts, never control claims);
* explicit statements are claims of the General Staff: a denial of a capture ("claims of
  the capture of A are false", «не відповідають дійсності») and "A remains under our
  control" → Ukrainian-held; "hold the northern part of A" («утримують північну частину»)
  → Ukrainian-held, partial; "withdrew from A" («відійшли з», «вийшли з») → an admission
  that A is Russian-held; "fighting continues in A" («тривають бої за/у») → contested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from geo.ingest.bulletins import _names, sentences
from geo.ingest.records import Statement

DIRECTION = re.compile(
    r"\b(?:[Oo]n|[Ii]n)\s+the\s+(?P<en>[A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)\s+(?:direction|axis|"
    r"sector)|\b[НнУуВв]а?\s+(?P<uk>[А-ЯІЇЄҐ][\w’'-]+?)(?:ському|цькому|зькому|ому)\s+"
    r"напрямк\w*")
FIGHTING = re.compile(
    r"\b(?:in\s+the\s+(?:areas?|vicinity)\s+of(?:\s+the\s+settlements?\s+of)?|near|close\s+to|"
    r"towards?|in\s+the\s+direction\s+of)\s+|"
    r"\b(?:у|в)\s+район(?:і|ах)\s+(?:населених\s+пунктів\s+|населеного\s+пункту\s+)?|"
    r"\bбіля\s+|\bпоблизу\s+|\bв\s+бік\s+|\bу\s+бік\s+|\bу\s+напрямку\s+|\bв\s+напрямку\s+"
    r"|\bнеподалік\s+", re.IGNORECASE)
DENIAL = re.compile(
    r"\b(?:claims?|reports?|statements?|information)\b[^.]{0,60}?\b(?:capture|seizure|"
    r"occupation|fall|taking)\s+of\s+|"
    r"(?:заяв\w*|повідомлен\w*|інформаці\w*)[^.]{0,60}?про\s+(?:захоплення|окупацію|"
    r"взяття)\s+(?:ворогом\s+|противником\s+|окупантами\s+|росіянами\s+)?",
    re.IGNORECASE)
FALSE = re.compile(r"\b(?:false|untrue|not\s+true|lies?|fake|do(?:es)?\s+not\s+correspond|"
                   r"denie[sd]|refute[sd]?)\b|не\s+відповіда\w*\s+дійсності|неправд\w*|"
                   r"фейк\w*|спростов\w*|брехн\w*", re.IGNORECASE)
HELD = re.compile(r"\b(?:remains?|stays?|is)\s+under\s+(?:the\s+)?(?:full\s+)?control\s+of\s+"
                  r"(?:the\s+)?(?:Ukrainian|Defen[cs]e\s+Forces|our)|"
                  r"(?:залишається|перебуває)\s+під\s+(?:повним\s+)?контролем\s+(?:Сил\s+"
                  r"оборони|ЗСУ|українських)", re.IGNORECASE)
PART = re.compile(r"\b(?:hold|holds|control|controls|keep|keeps)\s+(?:the\s+)?(?P<en>northern|"
                  r"southern|eastern|western|central|north-\w+|south-\w+)\s+(?:part|outskirts)"
                  r"\s+of\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+|village\s+of\s+)?|"
                  r"(?:утримують|контролюють|тримають)\s+(?P<uk>північн\w*|південн\w*|"
                  r"східн\w*|західн\w*|центральн\w*)\s+частин\w*\s+", re.IGNORECASE)
_PART_UK = {"північ": "northern part", "півден": "southern part", "схід": "eastern part",
            "східн": "eastern part", "західн": "western part", "централ": "central part"}
WITHDREW = re.compile(r"\b(?:withdrew|have\s+withdrawn|has\s+withdrawn|pulled\s+back|"
                      r"retreated)\s+from\s+(?:the\s+)?(?:settlement\s+of\s+|village\s+of\s+|"
                      r"town\s+of\s+)?|(?:відійшли|вийшли|відведені)\s+(?:з|із|від)\s+"
                      r"(?:населеного\s+пункту\s+)?", re.IGNORECASE)
FOUGHT = re.compile(r"\b(?:fighting|battles?|clashes|clearing)\s+(?:continues?|goes\s+on|"
                    r"are\s+ongoing|is\s+ongoing)\s+(?:in|for|inside)\s+(?:the\s+)?(?:city\s+of\s+"
                    r"|town\s+of\s+)?|\b(?:тривають|точаться|йдуть)\s+(?:бої|бойові\s+дії)\s+"
                    r"(?:за|у|в)\s+(?:місті\s+|місто\s+)?", re.IGNORECASE)

FOUGHT_IN = re.compile(r"\b[УуВв]\s+(?P<n>[А-ЯІЇЄҐ][\w’'-]+(?:\s+[А-ЯІЇЄҐ][\w’'-]+)?)\s+"
                       r"(?:тривають|точаться|йдуть|ведуться|продовжуються)\s+(?:бої|"
                       r"бойові\s+дії|зачисні\s+дії|штурмові\s+дії|вуличні\s+бої|зачистк\w*)")
#: "our units have cleared most of A", "hold ... positions in A": Ukrainian-held in part.
CLEARED = re.compile(r"\b(?:have\s+|has\s+)?cleared\s+(?P<what>most|part|much)\s+of\s+|"
                     r"\bhold\b[^.]{0,80}?\bpositions\s+in\s+|"
                     r"(?:зачистили|очистили)\s+(?:більшу\s+)?частин\w*\s+", re.IGNORECASE)
#: "continue to control the city": the direction's town is held.
CITY_HELD = re.compile(r"\bcontinue\s+to\s+(?:control|hold)\s+the\s+(?:city|town)\b|"
                       r"(?:продовжують\s+)?(?:контролювати|контролюють|утримують|утримувати)"
                       r"\s+(?:місто|селище)\b", re.IGNORECASE)

#: the first of two directions named together («на Гуляйпільському та Оріхівському напрямках»)
_ALSO = re.compile(r"\b[НнУуВв]а?\s+(?P<uk>[А-ЯІЇЄҐ][\w’'-]+?)(?:ському|цькому|зькому|ому)\s+"
                   r"(?:та|і)\s+[А-ЯІЇЄҐ][\w’'-]+\s+напрямк\w*|\b(?:[Ii]n|[Oo]n)\s+the\s+"
                   r"(?P<en>[A-Z][\w’'-]+)\s+and\s+[A-Z][\w’'-]+\s+directions")


def _direction_town(match: re.Match[str]) -> list[str]:
    """Spellings to try for a direction's town (Ukrainian adjectives → nouns)."""
    if match.group("en"):
        return [match.group("en")]
    stem = match.group("uk")
    return [stem + "ськ", stem + "цьк", stem + "ка", stem, stem + "е", stem + "а",
            re.sub("піль$", "поле", stem)]


def _first(sentence: str, start: int) -> list[tuple[int, int, str | None]]:
    return _names(sentence, start, len(sentence))[:1]


def _explicit(ev: str, claimant: str, direction: list[str]) -> Iterator[Statement]:
    if FALSE.search(ev):
        for m in DENIAL.finditer(ev):
            for a, b, ob in _names(ev, m.end(), len(ev)):
                yield Statement(ev[a:b], claimant, "ukrainian", ev, a, b, oblast=ob,
                                certain=True, cue=m.group().strip())
    for m in HELD.finditer(ev):  # "A remains under the control of ...": A before the cue
        for a, b, ob in _names(ev, max(ev.rfind(",", 0, m.start()), 0), m.start())[-1:]:
            yield Statement(ev[a:b], claimant, "ukrainian", ev, a, b, oblast=ob,
                            certain=True, cue=m.group().strip())
    for m in PART.finditer(ev):
        word = (m.group("en") or "").lower()
        part = f"{word} part" if word else next(
            (v for k, v in _PART_UK.items() if (m.group("uk") or "").lower().startswith(k)),
            "part")
        for a, b, ob in _first(ev, m.end()):
            yield Statement(ev[a:b], claimant, "ukrainian", ev, a, b, extent="partial",
                            part=part, oblast=ob, certain=True, cue=m.group().strip())
    for m in CLEARED.finditer(ev):
        for a, b, ob in _first(ev, m.end()):
            yield Statement(ev[a:b], claimant, "ukrainian", ev, a, b, extent="partial",
                            part="most" if m.groupdict().get("what") else "part", oblast=ob,
                            certain=True, cue=m.group().strip())
    city = CITY_HELD.search(ev)
    if city and direction:
        yield Statement(direction[0].split("|")[0], claimant, "ukrainian", ev, city.start(),
                        city.end(), certain=True, cue=city.group().strip())
    for m in WITHDREW.finditer(ev):
        for a, b, ob in _first(ev, m.end()):
            yield Statement(ev[a:b], claimant, "russian", ev, a, b, oblast=ob, certain=True,
                            cue=m.group().strip())
    for m in FOUGHT_IN.finditer(ev):
        a, b = m.span("n")
        yield Statement(ev[a:b], claimant, "contested", ev, a, b, certain=True,
                        cue=m.group().strip())
    for m in FOUGHT.finditer(ev):
        for a, b, ob in _first(ev, m.end()):
            yield Statement(ev[a:b], claimant, "contested", ev, a, b, oblast=ob,
                            certain=True, cue=m.group().strip())


def parse_report(text: str, claimant: str = "ua_genstaff") -> list[Statement]:
    """Claims and fighting-near statements of one report, in order; each statement under a
    direction carries its towns' spellings (``anchor_names``: one ``a|b|c`` entry per
    town)."""
    out: list[Statement] = []
    direction: list[str] = []
    for offset, sentence in sentences(text):
        ev = sentence.strip()
        found = list(DIRECTION.finditer(ev)) + list(_ALSO.finditer(ev))
        if found:
            direction = ["|".join(_direction_town(m)) for m in found]
        elif offset == 0 or "\n" in text[max(0, offset - 3):offset]:
            direction = []  # a new paragraph without a direction of its own
        claims = list(_explicit(ev, claimant, direction))
        out += [_with(st, direction) for st in claims]
        blocked = [(m.start(), m.end()) for m in found] + [(c.start, c.end) for c in claims]
        for cue in FIGHTING.finditer(ev):
            for a, b, ob in _names(ev, cue.end(), len(ev)):
                if any(x <= a < y for x, y in blocked):
                    continue
                out.append(_with(Statement(ev[a:b], claimant, "contested", ev, a, b,
                                           kind="fighting", oblast=ob,
                                           cue=cue.group().strip()), direction))
    seen: set[tuple[str, str, str, str]] = set()
    unique = []
    for st in out:
        key = (st.name, st.kind, st.status, "|".join(st.anchor_names))
        if key not in seen:
            seen.add(key)
            unique.append(st)
    return unique


def _with(st: Statement, direction: list[str]) -> Statement:
    st.anchor_names = list(direction)
    return st
