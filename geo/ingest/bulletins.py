"""The Russian Defence Ministry's bulletins (English or Russian) → statements per place.

The bulletins are formulaic, so they are parsed by template, sentence by sentence:

* "... liberated the settlement(s) of A, B and C in the Donetsk People's Republic",
  "control has been established over ...", "took control of ...", Russian «освободили
  населённый пункт ...», «установлен контроль над ...»: each place named is Russian-held
  (a full template: ``certain``);
* "more than 70% of (the territory of) A" makes that claim partial; "encircled ... in A"
  makes A contested and encircled;
* "close to / near / in the areas of A, B" in a sentence about fighting: fighting near
  those places (a draft, never a control claim);
* strike reports (struck, strikes, missiles, drones) without a control verb: nothing.

The region phrase after a list ("in the Donetsk People's Republic", "Zaporozhye region",
«в Донецкой Народной Республике») names the oblast for every place of that list, so the
republic is a region, never the city of Donetsk. A bulletin that voices the Chief of the
General Staff (Gerasimov) is his claim (``ru_genstaff``), not the ministry's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.ingest.records import Statement
from geo.text.geography import Region, regions

#: Region phrases are geo.text.geography's (one table of oblast names for both); the
#: Latin abbreviations are the bulletins' own.
_ABBR = re.compile(r"\(?\s*(?:in\s+the\s+)?\b(?P<abbr>DPR|LPR)\b\s*\)?")
_ABBR_OBLAST = {"DPR": "Donetsk", "LPR": "Luhansk"}

CONTROL = re.compile(
    r"\b(?:have|has|had)?\s*(?:liberated|freed|completed\s+the\s+liberation\s+of|"
    r"took\s+(?:full\s+)?control\s+(?:of|over)|taken\s+(?:full\s+)?control\s+(?:of|over)|"
    r"established\s+(?:full\s+)?control\s+over|control\s+(?:has\s+been|was|is|had\s+been)\s+"
    r"established\s+over)|освободил\w*|освобожд\w*|освобожден\w*|"
    r"установ\w+\s+(?:полный\s+)?контрол\w*\s+над|взял\w*\s+под\s+(?:полный\s+)?контроль",
    re.IGNORECASE)
_NOUNS = (r"(?:(?:the\s+)?(?:settlements?|towns?|villages?|cit(?:y|ies)|communities|"
          r"population\s+centres?|localit(?:y|ies))\s+(?:of\s+)?|"
          r"населённ\w+\s+пункт\w*\s+|населенн\w+\s+пункт\w*\s+|посёл\w+\s+|сел\w+\s+|"
          r"город\w*\s+)")
FIGHTING = re.compile(r"\b(?:close\s+to|near|in\s+the\s+areas?\s+of|in\s+the\s+vicinity\s+of|"
                      r"around)\s+|\bв\s+районах?\s+(?:населённ\w+\s+пункт\w*\s+)?|"
                      r"\bблиз\s+|\bвблизи\s+", re.IGNORECASE)
STRIKE = re.compile(r"\b(?:struck|strikes?|striking|missiles?|drones?|UAVs?|precision|"
                    r"aviation|shot\s+down|intercepted)\b|удар\w*|ракет\w*|беспилот\w*",
                    re.IGNORECASE)
PARTIAL = re.compile(r"(?P<q>more\s+than|over|about|almost|nearly|более|свыше)?\s*"
                     r"(?P<n>\d{1,2})\s?(?:%|percent|per\s+cent|процент\w*)\s+"
                     r"(?:of\s+)?(?:the\s+)?(?:territory\s+of\s+|buildings\s+in\s+|"
                     r"территори\w+\s+)?|(?P<half>more\s+than\s+half\s+of\s+(?:the\s+)?"
                     r"(?:territory\s+of\s+|buildings\s+(?:in|of)\s+)?)", re.IGNORECASE)
#: "more than 70% of the city is under the control of ..." after "In A, ..."
PERCENT_HELD = re.compile(r"(?P<q>more\s+than|over|about|almost|nearly|более|свыше)?\s*"
                          r"(?P<n>\d{1,2})\s?(?:%|percent|процент\w*)\s+(?:of\s+)?(?:the\s+)?"
                          r"(?:city|town|village|settlement|territor|город|территор)",
                          re.IGNORECASE)
ENCIRCLED = re.compile(r"\bencircl\w*|\bblockaded\b|\bblocked\b|\bcauldron\b|окружен\w*|"
                       r"блокирован\w*|котл\w*",
                       re.IGNORECASE)
GENSTAFF = re.compile(r"Chief\s+of\s+(?:the\s+)?General\s+Staff|Gerasimov|Герасимов|"
                      r"начальник\w*\s+Генерального\s+штаба", re.IGNORECASE)
_NAME = re.compile(r"[A-ZА-ЯЁІЇЄ][\w’'`-]*(?:[\s-]+[A-ZА-ЯЁІЇЄ][\w’'`-]*){0,3}")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|и\s+|та\s+|і\s+)?|\s+(?:and|и|та|і|й|as\s+well\s+as)\s+")
_PASSIVE = re.compile(r"\b(?:has|have|had)\s+been\s*$|\b(?:was|were|is|are)\s*$|"
                      r"\b(?:был\w*|полностью)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZА-ЯЁІЇЄҐ«\"(])|\n\s*\n|\n(?=\s*[-•*▫])")
_STOP = re.compile(r"\b(?:Group|Forces|Armed|Army|Brigade|Division|Regiment|Battalion|AFU|"
                   r"Ukrainian|Russian|Republic|Federation|Ministry|Defence|Defense|"
                   r"General|Staff|Tsentr|Vostok|Yug|Zapad|Sever|Dnepr|Sunday|Monday|"
                   r"Tuesday|Wednesday|Thursday|Friday|Saturday|Группировк\w*|ВСУ)\b")


def pieces(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(offset, piece) pairs of ``text`` cut at each match of ``pattern`` (dropped)."""
    out, start = [], 0
    for m in pattern.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs."""
    return [(o, s) for o, s in pieces(_SENTENCE, text) if s.strip()]


def region_phrases(text: str) -> list[Region]:
    """The region phrases of ``text``: oblasts of Ukraine and regions of Russia (abroad)."""
    found = regions(text)
    found += [Region(m.start(), m.end(), _ABBR_OBLAST[m.group("abbr")], False)
              for m in _ABBR.finditer(text)
              if not any(r.start <= m.start("abbr") < r.end for r in found)]
    return sorted(found, key=lambda r: r.start)


def _names(sentence: str, start: int, stop: int) -> list[tuple[int, int, str | None]]:
    """The place names listed in ``sentence[start:stop]``, each with the oblast of the
    region phrase that closes its part of the list (None when there is none)."""
    # a parenthesis names a place only as a region phrase: "(Zaporozhye region)" counts,
    # "(north of Kupyansk)" and "(between A and B)" do not
    part = re.sub(r"\([^()]*\)", lambda m: m.group() if region_phrases(m.group())
                  else " " * len(m.group()), sentence[start:stop])
    cut = re.search(r"\b(?:as\s+a\s+result|during|after|with|by|which|where|while|"
                    r"thanks|is|are|was|were|has|have|had)\b|[.;:]|\s[—–-]\s", part)
    if cut:
        part = part[:cut.start()]
    out: list[tuple[int, int, str | None]] = []
    pending: list[tuple[int, int]] = []
    pos = 0
    for region in [*region_phrases(part), None]:
        end = region.start if region else len(part)
        chunk = part[pos:end]
        for piece in _SPLIT.split(chunk):
            piece = re.sub(r"^\W+|\W+$", "", piece)
            amount = PARTIAL.match(piece)
            if amount and amount.end():
                piece = piece[amount.end():]
            piece = re.sub(rf"^{_NOUNS}", "", piece, flags=re.IGNORECASE)
            m = _NAME.match(piece)
            if m and not _STOP.search(m.group()):
                at = part.find(m.group(), pos)
                pending.append((start + at, start + at + len(m.group())))
        if region is None:
            out += [(a, b, None) for a, b in pending]
            break
        if region.oblast and not region.abroad:
            out += [(a, b, region.oblast) for a, b in pending]
        pending, pos = [], region.end
    return out


def parse_bulletin(text: str, claimant: str = "ru_mod") -> list[Statement]:
    """Every place a bulletin names with a control claim or as a place of fighting."""
    if GENSTAFF.search(text[:400]):
        claimant = "ru_genstaff"
    out: list[Statement] = []
    for _, sentence in sentences(text):
        evidence = sentence.strip()
        control = list(CONTROL.finditer(evidence))
        for i, cue in enumerate(control):
            stop = control[i + 1].start() if i + 1 < len(control) else len(evidence)
            named = _names(evidence, cue.end(), stop)
            floor = cue.end()
            if not named and _PASSIVE.search(evidence[:cue.start()]):  # "A has been liberated"
                floor = max(evidence.rfind(c, 0, cue.start()) for c in (",", ";", ":")) + 1
                named = _names(evidence, floor, cue.start())
            for a, b, oblast in named:
                before = evidence[max(floor, a - 60):a]
                partial = PARTIAL.search(before)
                st = Statement(name=evidence[a:b], claimant=claimant, status="russian",
                               evidence=evidence, start=a, end=b, oblast=oblast,
                               certain=True, cue=cue.group().strip())
                if partial:
                    amount = partial.group("n")
                    qual = (partial.group("q") or "").strip().lower()
                    st = replace(st, extent="partial", part=(
                        "more than half" if partial.group("half") else
                        f"{qual + ' ' if qual else ''}{amount}%"))
                out.append(st)
        encircled = ENCIRCLED.search(evidence)
        if encircled:
            where = re.search(r"\b(?:in|near|around|в|под)\s+", evidence[encircled.end():])
            if where:
                a0 = encircled.end() + where.end()
                for a, b, oblast in _names(evidence, a0, len(evidence)):
                    out.append(Statement(name=evidence[a:b], claimant=claimant,
                                         status="contested", encircled=True,
                                         evidence=evidence, start=a, end=b, oblast=oblast,
                                         certain=True, cue=encircled.group()))
        share = PERCENT_HELD.search(evidence)
        lead_in = re.match(r"\s*(?:In|В|Во)\s+", evidence)
        if share and lead_in and not control and re.search(r"control|контрол", evidence,
                                                            re.IGNORECASE):
            for a, b, oblast in _names(evidence, lead_in.end(), len(evidence))[:1]:
                qual = (share.group("q") or "").strip().lower()
                out.append(Statement(name=evidence[a:b], claimant=claimant, status="russian",
                                     extent="partial", part=f"{qual + ' ' if qual else ''}"
                                     f"{share.group('n')}%", evidence=evidence, start=a,
                                     end=b, oblast=oblast, certain=True,
                                     cue=share.group().strip()))
            continue
        if control or (STRIKE.search(evidence) and "losses" not in evidence
                                    and "потер" not in evidence):
            continue
        for cue in FIGHTING.finditer(evidence):
            for a, b, oblast in _names(evidence, cue.end(), len(evidence)):
                out.append(Statement(name=evidence[a:b], claimant=claimant,
                                     status="contested", kind="fighting", evidence=evidence,
                                     start=a, end=b, oblast=oblast, cue=cue.group().strip()))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for st in out:
        key = (st.name, st.kind, st.status)
        if key not in seen:
            seen.add(key)
            unique.append(st)
    return unique
