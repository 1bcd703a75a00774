"""Turn a report's text into draft claims: who says which settlement is held by whom.

Rule-based and offline. Sentences come from pysbd (a rule-based segmenter, no model);
each sentence is cut into clauses (", while", "; ", " - ", ", and said"), and in each
clause three things are looked for:

* the **speaker** (claimant cue: "Russia said", "Moscow", "the Defence Ministry",
  "Gerasimov", "a Russian commander" → Russian side; "Kyiv/Kiev", "the Ukrainian
  military", "General Staff", "Syrskyi" → Ukrainian side; "DeepState", "Ukrainian maps"
  → DeepState; ISW). Reuters' own statements are not claims. A clause with no cue takes
  the speaker of the clause before it in the same sentence;
* **status cues** (captured, took/established control, liberated, entered, pushing
  deeper, fighting in, encircled, under siege, still able to supply, counter-attack near,
  repelled, withdrew from), flipped by a denial or negation before them ("Kiev denies
  Russian forces are in control of it") and skipped when hypothetical ("will give");
* **settlements** resolved with :class:`geo.places.resolution.Resolver` (no fuzzy matching here),
  minus those named only as context ("towards Kramatorsk", "east of Pokrovsk", "on the
  line to Kupiansk-Vuzlovyi"); "the city", "it" refer back to the last settlement named.

Territory figures ("more than 19 percent of Ukraine's territory, or about 116,000 square
kilometers", "19.1 percent, up from 18 percent three years ago") are read per sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pysbd

from geo.places.resolution import Resolver
from geo.text.dates import as_of, claim_date
from geo.text.draft import Draft
from geo.text.lexicon import (
    CLAUSE,
    CONTEXT,
    COREF,
    CUE_RES,
    DENIAL,
    DENIAL_AFTER,
    EARLIER_SPEAKER,
    HYPOTHETICAL,
    MENTION,
    NUMBERS,
    PART,
    PART_AFTER,
    PERCENT_OF,
    REFERENCE_FITS,
    REGION,
    REGION_BEFORE,
    RU_ACTOR,
    SIDE_OF,
    SPEAKER_RES,
    STOPWORDS,
    TERRITORY,
    UA_ACTOR,
    UKRAINIAN_CONTROL,
    UP_FROM,
)

__all__ = ["Extractor"]


@dataclass
class _Clause:
    text: str
    start: int
    speaker: str | None
    explicit: bool


def _actor_side(before: str, after: str, speaker_side: str) -> str:
    """Who holds the place after a capture/control verb: the side named last before it
    ("Russian forces captured", "Kyiv said it had recaptured"), or named right after it
    ("under the control of Ukrainian forces"), else the speaker's side."""
    if UKRAINIAN_CONTROL.search(after):
        return "ukrainian"
    ru = [m.start() for m in RU_ACTOR.finditer(before)]
    ua = [m.start() for m in UA_ACTOR.finditer(before)]
    if ru or ua:
        return "russian" if (ru[-1] if ru else -1) > (ua[-1] if ua else -1) else "ukrainian"
    return "ukrainian" if speaker_side == "ua" else "russian"


def _speaker(text: str) -> tuple[str | None, int]:
    best: tuple[int, str] | None = None
    for regex, claimant in SPEAKER_RES:
        m = regex.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), claimant)
    if best and best[1] == "ua_genstaff" and "russia" in text[max(0, best[0] - 30):best[0]
                                                                ].lower():
        best = (best[0], "ru_genstaff")  # "Russian Chief of General Staff"
    return (best[1], best[0]) if best else (None, -1)


def _clauses(sentence: str, offset: int) -> list[_Clause]:
    out, pos = [], 0
    pieces = []
    for m in CLAUSE.finditer(sentence):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(sentence)))
    previous: str | None = None
    for a, b in pieces:
        text = sentence[a:b]
        speaker, _ = _speaker(text)
        explicit = speaker is not None
        if speaker is None:
            speaker = previous
        out.append(_Clause(text, offset + a, speaker, explicit))
        previous = speaker
    return out


class Extractor:
    """Draft claims from text, for a data directory's claimants and a resolver."""

    def __init__(self, resolver: Resolver, claimants: pd.DataFrame) -> None:
        self.resolver = resolver
        self.known = set(claimants["id"])
        self.sides = dict(zip(claimants["id"], claimants["side"], strict=True))
        self.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def _claimant(self, cue: str | None) -> str | None:
        if cue is None or cue == "reuters":
            return None
        if cue in self.known:
            return cue
        side = SIDE_OF.get(cue)
        fallback = [c for c in self.known if self.sides.get(c) == side]
        return sorted(fallback)[0] if fallback else None

    def mentions(self, text: str, start: int) -> list[tuple[int, int, str, Any]]:
        """Settlement mentions in ``text``: (start, end, as written, Resolution).

        Names shared by several places are resolved in a second pass, by proximity to
        the places named unambiguously in the same text.
        """
        found = []
        for m in MENTION.finditer(text):
            spans = [(m.start(), m.end())]
            words = list(re.finditer(r"[^\s]+", m.group()))
            if len(words) > 1:
                spans += [(m.start() + w.start(), m.start() + w.end()) for w in words]
            for a, b in spans:
                written = text[a:b]
                key = written.lower().replace("’", "'")
                if len(written) < 4 or key in STOPWORDS or all(
                        w.lower() in STOPWORDS for w in written.split()):
                    continue
                if REGION.match(text[b:b + 12]) or REGION_BEFORE.search(text[max(0, a - 12):a]):
                    continue
                res = self.resolver.resolve(written, fuzzy=False)
                if res is not None and res.confidence >= 0.7:
                    found.append((start + a, start + b, written, res))
                    break
        anchors = [(r.lat, r.lon) for *_, r in found if not r.candidates]
        if anchors:
            found = [(a, b, w, self.resolver.resolve(w, near=anchors, fuzzy=False) or r)
                     if r.candidates else (a, b, w, r) for a, b, w, r in found]
        return found

    def extract(self, text: str, date: dt.date,
                default_claimant: str | None = None) -> list[Draft]:
        """Draft claims and territory figures found in ``text`` reported on ``date``.

        ``default_claimant`` speaks the sentences that name no speaker (a ministry's own
        bulletin, say); without it such sentences yield no claim.
        """
        drafts: list[Draft] = []
        last_mention: tuple[str, Any] | None = None
        last_speaker: str | None = None
        for sent in self.segmenter.segment(text):
            sentence, s0 = sent.sent, sent.start
            evidence = sentence.strip()
            e0 = s0 + (len(sentence) - len(sentence.lstrip()))
            regions = [m.group(1) for m in re.finditer(
                r"\b([A-Z][a-z]+(?:ia|iv|ka|sk|ya|ye|a|e)?)\s+(?:region|oblast)\b", sentence)]
            clauses = _clauses(sentence, s0)
            for clause in clauses:
                ref = EARLIER_SPEAKER.search(clause.text)
                fits = (ref is not None and last_speaker is not None and
                        last_speaker in REFERENCE_FITS.get((ref.group("ref") or "").lower(),
                                                           {last_speaker}))
                if clause.speaker is None and fits:
                    clause.speaker, clause.explicit = last_speaker, True
                elif clause.speaker is None and default_claimant:
                    clause.speaker = default_claimant
                if clause.explicit and clause.speaker not in (None, "reuters"):
                    last_speaker = clause.speaker
            mentions_all = self.mentions(sentence, s0)
            near = [(r.lat, r.lon) for *_, r in mentions_all]
            drafts += self._territory(sentence, s0, evidence, e0, clauses, date)
            in_sentence: list[Draft] = []
            for clause in clauses:
                claimant = self._claimant(clause.speaker)
                mentions = [m for m in mentions_all
                            if clause.start <= m[0] < clause.start + len(clause.text)]
                speaker_side = SIDE_OF.get(clause.speaker or "", "")
                cues = self._cues(clause.text, speaker_side)
                targets = []
                for a, b, written, res in mentions:
                    before = text[max(0, a - 60):a]
                    where = re.match(r",?\s+where\b", text[b:b + 10])  # "near X, where ..."
                    if CONTEXT.search(before) and not where and not any(
                            c[0] in ("counter", "supply") for c in cues):
                        continue
                    targets.append((a, b, written, res, before))
                if not mentions and cues and COREF.search(clause.text) and last_mention:
                    written, res = last_mention
                    targets.append((clause.start, clause.start, written, res, ""))
                real = [t for t in targets if t[0] != t[1]]
                if real:  # places named only as context ("towards X") are not referred back to
                    last_mention = (real[-1][2], real[-1][3])
                if claimant is None or not cues:
                    continue
                for _a, _b, written, res, before in targets:
                    draft = self._settlement_draft(
                        claimant, clause, cues, written, res, before, evidence, e0, date,
                        regions, near)
                    if draft:
                        in_sentence.append(draft)
            drafts += _merge_sentence(in_sentence)
        return _dedupe(drafts)

    def _cues(self, clause: str, speaker_side: str = "") -> list[tuple[str, str, int, float,
                                                                         bool]]:
        """(name, effect, position, strength, denied) of every status cue in the clause.

        A cue after a modal in its clause ("could seize", "aims to take", "will give ...
        under Ukrainian control") or a nominal cue followed by one ("the capture of X will
        give") is hypothetical and dropped.
        """
        found = []
        for name, regex, effect, strength in CUE_RES:
            for m in regex.finditer(clause):
                if HYPOTHETICAL.search(clause[:m.start()]) or (
                        m.group().endswith(" of") and HYPOTHETICAL.search(clause[m.end():])):
                    continue
                denied = bool(DENIAL.search(clause[:m.start()])
                              or DENIAL_AFTER.search(clause[m.end():]))
                if effect == "actor":
                    effect = _actor_side(clause[:m.end()], clause[m.end():], speaker_side)
                found.append((name, effect, m.start(), strength, denied))
        return sorted(found, key=lambda c: c[2])

    def _settlement_draft(self, claimant, clause, cues, written, res, before, evidence, e0,
                          date, regions, near) -> Draft | None:
        side = self.sides.get(claimant, SIDE_OF.get(claimant, ""))
        if regions and res.oblast and not any(
                r[:5].lower() in str(res.oblast).lower() for r in regions):
            better = self.resolver.resolve(written, oblast=regions[0], near=near, fuzzy=False)
            res = better or res
        status, encircled, strength, names = None, None, 1.0, []
        for name, effect, _pos, cue_strength, denied in cues:
            if name not in names:
                names.append(name)
            strength = min(strength, cue_strength)
            if effect == "encircled":
                encircled = not denied
                status = status or ("contested" if not denied else None)
            elif effect == "contested":
                status = "contested" if status != "russian" or denied else status
            elif effect == "supplied":
                status, encircled = ("ukrainian", False) if not denied else ("contested", True)
            elif denied:
                flipped = {"russian": "ukrainian", "ukrainian": "russian"}.get(effect)
                status = status if status == "contested" else flipped or status
            elif effect == "russian" or status is None or (effect == "contested"
                                                             and status == "ukrainian"):
                status = effect
        if status is None and encircled is None:
            return None
        extent, part = "full", ""
        m = PART.search(before)
        if m:
            extent, part = "partial", f"{m.group(1).lower()} part"
        m = PERCENT_OF.search(before)
        if m:
            extent, part = "partial", f"{m.group(1)}% of the city"
        m = PART_AFTER.search(clause.text)
        if m and extent == "full":
            extent, part = "partial", f"{m.group(1).lower()} part"
        confidence = (0.9 if clause.explicit else 0.75) * strength * res.confidence
        day = claim_date(clause.text, date)
        return Draft(kind="settlement", claimant=claimant, side=side, evidence=evidence,
                     start=e0, end=e0 + len(evidence), confidence=confidence,
                     date=day.isoformat(), settlement=res.id, name=res.name,
                     geonames_id=res.geonames_id, matched=written, status=status,
                     extent=extent, part=part, encircled=encircled, cue=",".join(names),
                     curated=res.curated, lat=res.lat, lon=res.lon, oblast=res.oblast,
                     population=res.population, ambiguous=len(res.candidates))

    def _territory(self, sentence, s0, evidence, e0, clauses, date) -> list[Draft]:
        out = []
        for m in TERRITORY.finditer(sentence):
            clause = next((c for c in clauses if c.start - s0 <= m.start()
                           < c.start - s0 + len(c.text)), None)
            claimant = self._claimant(clause.speaker if clause else None)
            if clause is None or claimant is None:
                continue
            qualifier = {"more than": "more_than", "over": "more_than", "less than": "less_than",
                         None: "exactly"}.get((m.group("q") or "").lower() or None, "about")
            area = float(m.group("area").replace(",", "")) if m.group("area") else None
            refers = as_of(sentence[m.end():m.end() + 60], date) or date
            out.append(Draft(kind="territory", claimant=claimant,
                             side=self.sides.get(claimant, ""), evidence=evidence, start=e0,
                             end=e0 + len(evidence), confidence=0.85 if clause.explicit else 0.7,
                             date=date.isoformat(), share_pct=float(m.group("pct")),
                             qualifier=qualifier, area_km2=area,
                             refers_to=refers.isoformat()))
            tail = sentence[m.end():m.end() + 80]
            up = UP_FROM.search(tail)
            if up:
                years = NUMBERS.get(up.group("n").lower()) or (
                    int(up.group("n")) if up.group("n").isdigit() else None)
                if years:
                    when = date.replace(year=date.year - years)
                    out.append(Draft(kind="territory", claimant=claimant,
                                     side=self.sides.get(claimant, ""), evidence=evidence,
                                     start=e0, end=e0 + len(evidence), confidence=0.75,
                                     date=date.isoformat(), share_pct=float(up.group("pct")),
                                     qualifier="exactly", area_km2=None,
                                     refers_to=when.isoformat()))
        return out


def _merge_sentence(drafts: list[Draft]) -> list[Draft]:
    """Merge one sentence's drafts by (claimant, settlement).

    An encirclement flag stated alone ("but had not yet encircled the town") joins the
    claim it qualifies; "denied that X had fallen, saying its troops were still fighting
    inside" is one contested claim, not a Ukrainian-held one plus a contested one. A flag
    with no claim to join becomes the speaker's own side's claim when it denies an
    encirclement ("X is not encircled", said by Ukraine), and is dropped otherwise.
    """
    out: list[Draft] = []
    groups: dict[tuple, list[Draft]] = {}
    for d in drafts:
        groups.setdefault((d.claimant, d.settlement), []).append(d)
    for group in groups.values():
        flags = [d.encircled for d in group if d.encircled is not None]
        claims = [d for d in group if d.status is not None]
        if {"ukrainian", "contested"} <= {d.status for d in claims}:
            claims = [d for d in claims if d.status != "ukrainian"]
        if not claims:
            first = group[0]
            if flags and flags[-1] is False and first.side == "ua":
                first.status = "ukrainian"  # "…is not encircled", said by the side holding it
                out.append(first)
            continue
        for d in claims:
            if d.encircled is None and flags:
                d.encircled = flags[-1]
            out.append(d)
    return out


def _dedupe(drafts: Iterable[Draft]) -> list[Draft]:
    """One draft per (kind, claimant, settlement, status, extent, part, encircled, figure)."""
    best: dict[tuple, Draft] = {}
    for d in drafts:
        key = (d.kind, d.claimant, d.settlement, d.status, d.extent, d.part, d.encircled,
               d.share_pct, d.refers_to, d.date)
        if key not in best or d.confidence > best[key].confidence:
            best.setdefault(key, d)
            if d.confidence > best[key].confidence:
                best[key] = d
    return sorted(best.values(), key=lambda d: (d.start, d.kind, d.settlement or ""))
