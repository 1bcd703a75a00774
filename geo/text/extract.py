"""Turn a report's text into draft claims: who says which settlement is held by whom.

Rule-based and offline, in English, Ukrainian and Russian. The text is cut into sentences
(:mod:`geo.text.sentences`), its place names found and resolved once for the whole text
(:mod:`geo.text.mentions`: people, units, directions and places in Russia are no
settlements; namesakes are told apart by the oblast named, the other places and the
front), then each sentence is cut into clauses, and in each clause three things are
looked for:

* the **speaker** (:mod:`geo.text.speakers`): "Russia said", "the Defence Ministry",
  "Gerasimov", "Kyiv", "the General Staff", "DeepState", "ISW", "Міноборони Росії"...
  Reuters' own statements are not claims; milbloggers and "the enemy claims" are no listed
  claimant's word; a quote's speaker is found where the quote closes, and "X said this on
  television" names the speaker of the sentence before;
* **status cues** (:mod:`geo.text.cues`): captured, occupied, took control, liberated,
  hoisted a flag, pushed out of, holds, entered, advanced in, mopping up, fighting in,
  encircled, still supplied, withdrew, "звільнили", "тривають бої"..., denied or
  hypothetical as their clause says;
* **settlements**: the clause's mentions, minus those named only as context ("towards
  Kramatorsk", "near Hryshyne", "біля Удачного"): ``fighting`` drafts (low confidence,
  not control) when asked for. "the city", "the village", "it", "both villages" refer back.

Every draft carries the rule that produced it (``rule``), its evidence sentence and span,
why the resolver chose the place (``why_place``) and what else it weighed
(``alternatives``). Territory figures ("more than 19 percent of Ukraine's territory, or
about 116,000 square kilometers") are read per sentence; a share of a town ("80% of
Vovchansk") is a partial claim about the town, never a national figure.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from typing import Any

import pandas as pd

from geo.places.resolution import Resolution, Resolver
from geo.text.cues import Cue, find_cues
from geo.text.dates import claim_date
from geo.text.draft import Draft
from geo.text.extent import extent as extent_of
from geo.text.front import Front
from geo.text.grounds import LANDMARK, dedupe, is_context, refers_back
from geo.text.lexicon import (
    BACKGROUND,
    CONTEXT_AFTER,
    COREF_ALL,
    EARLIER_SPEAKER,
    NO_FALLBACK,
    REFERENCE_FITS,
    SIDE_OF,
)
from geo.text.lists import list_heads, plain_head
from geo.text.mentions import Mention, MentionFinder
from geo.text.scope import scope
from geo.text.scorer import Scorer, shipped
from geo.text.sentences import sentences
from geo.text.shares import territory
from geo.text.speakers import REPORTED, Clause, clauses_of_sentence, cut_at, says_at, speakers_in
from geo.text.status import compose, merge_sentence, merge_text

__all__ = ["Extractor"]

#: A first line with no full stop, then a blank line: a headline or a bulletin's title.
_HEADLINE = re.compile(r"^[^\n.!?]{10,160}[^\n.!?:\"”»]\n\s*\n", re.S)
#: A clause that only rejects what the one before it said: "..., a claim Ukraine denied".
_REJECTS_IT = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted)\b|"
                         r"спростува\w+|опроверг\w+", re.I)
_FIGHTING = re.compile(r"\b(?:attack\w*|counter-?\w+|assault\w*|fight\w*|clash\w*|"
                       r"engagement\w*|repel\w*|advanc\w*|offensive|losses|push\w* back|"
                       r"battle\w*)\b|"
                       r"(?:атак\w*|штурм\w*|бо[їи]\w*|зіткнен\w*|відбил\w*|відтісни\w*|"
                       r"просуну\w*|наступ\w*|поражени\w*|продвиж\w*)", re.I)

#: An advance cue: "advanced in", "просунулися в" (see :mod:`geo.text.extent`).
_ADVANCE_CUE = re.compile(r"\badvanc\w* (?:in|into|inside)\b|просуну\w+ [ву]\b|"
                          r"продвину\w+ [ву]\b", re.I)
#: Right before a name: its edge held, taken or entered ("hold the northern outskirts of").
_HELD_EDGE = re.compile(r"\b(?:hold|holds|held|holding|control\w*|seized|captured|took|enter"
                        r"(?:ed|ing)?|broke into|pushed into)\s+"
                        r"(?:positions\s+\w+\s+)?(?:the\s+)?(?:\w+ern\s+)?outskirts of\s+$", re.I)
#: An HTML tag (DeepState's notes link every place).
_TAG = re.compile(r"<[^<>]{0,200}>")
#: A sentence that takes back the one before it ("This was an error on our side").
_TAKES_BACK = re.compile(r"^\W*(?:this|that|it) (?:was|is) (?:an? )?(?:error|mistake)\b|"
                         r"^\W*(?:це|то) (?:була )?помилк\w*|^\W*(?:это|то) (?:была )?ошибк\w*",
                         re.I)
#: A clause's speaker and the verb of saying after it ("the corps stated").
_SPEAKS = re.compile(r"[^.;\"“”«»]{0,60}?\b(?:said|says|stated|told|added|announced|called|"
                     r"wrote|заяви\w*|повідоми\w*|сообщи\w*|наголоси\w*)\b", re.I)
_AREA = re.compile(r"\s*(?:the\s+)?(?:areas?|vicinity|direction|районі|районе|направлении)\b",
                   re.I)


class Extractor:
    """Draft claims from text, for a data directory's claimants and a resolver.

    ``front`` tells namesakes apart by where the fighting is: a :class:`~geo.text.front.Front`
    (the stored control maps' grey zone and Russian-held edge, or the places of recent
    claims, :func:`~geo.text.front.front_from_claims`), or (lat, lon) points as an (N, 2)
    array; by default the curated settlements' (the places the claims are about). Its
    source is named in each draft's ``why_place``.

    ``scorer`` scores each settlement draft (:mod:`geo.text.scorer`): ``"shipped"``, the
    default, loads the model shipped beside it; None scores nothing. ``drop_below`` drops
    the drafts scored below the model's threshold: off by default (on the held-out round
    the drop did not beat the rules, see ``tests/texts/README.md``); where no argument is
    given, the environment variable ``GEO_TEXT_SCORER=filter`` turns it on.
    """

    def __init__(self, resolver: Resolver, claimants: pd.DataFrame,
                 front: Any = None, scorer: Scorer | str | None = "shipped",
                 drop_below: bool | None = None) -> None:
        if scorer == "shipped":
            scorer = shipped()
        self.scorer: Scorer | None = scorer if isinstance(scorer, Scorer) else None
        self.drop_below = (os.environ.get("GEO_TEXT_SCORER", "") == "filter"
                           if drop_below is None else drop_below)
        self.resolver = resolver
        self.known = set(claimants["id"])
        self.sides = dict(zip(claimants["id"], claimants["side"], strict=True))
        if front is None:
            curated = resolver.places[resolver.places["curated"].astype(bool)]
            front = Front(curated[["lat", "lon"]].to_numpy(dtype=float),
                          "the front (the curated settlements)")
        elif not isinstance(front, Front):
            front = Front(front, "the front")
        self.front = front.points
        self.front_source = front.source
        self.finder = MentionFinder(resolver, self.front, front.source)

    def _claimant(self, cue: str | None) -> str | None:
        if cue is None or (cue in NO_FALLBACK and cue not in self.known):
            return None
        if cue in self.known:
            return cue
        side = SIDE_OF.get(cue)
        fallback = [c for c in self.known if self.sides.get(c) == side]
        return sorted(fallback)[0] if fallback else None

    def mentions(self, text: str, start: int = 0) -> list[tuple[int, int, str, Resolution]]:
        """Settlement mentions in ``text``: (start, end, as written, Resolution)."""
        return [(start + m.start, start + m.end, m.written, m.res)
                for m in self.finder.find(text) if m.res is not None]

    def extract(self, text: str, date: dt.date, default_claimant: str | None = None,
                include_fighting: bool = False) -> list[Draft]:
        """Draft claims and territory figures found in ``text`` reported on ``date``.

        ``default_claimant`` speaks the sentences that name no speaker (a ministry's own
        bulletin, say); without it such sentences yield no claim. ``include_fighting``
        adds ``fighting`` drafts: places named where fighting is reported, not control.
        """
        spans = sentences(text)
        if spans and _HEADLINE.match(text[spans[0][0]:spans[0][1] + 3]) and len(spans) > 1:
            spans = spans[1:]  # a headline repeats, unattributed, what the story says
        found = [m for m in self.finder.find(text) if m.res is not None]
        head_of = list_heads(text, found)  # a list's head governs all its members
        index = {id(m): i for i, m in enumerate(found)}
        per_sentence = [clauses_of_sentence(text, spans, i, default_claimant)
                        for i in range(len(spans))]
        drafts: list[Draft] = []
        last: list[Mention] = []
        last_speaker: str | None = None
        previous_start = -1
        for (s0, s1), sentence_clauses in zip(spans, per_sentence, strict=True):
            sentence = text[s0:s1]
            referred: str | None = None
            for clause in sentence_clauses:
                ref = EARLIER_SPEAKER.search(clause.text)
                if clause.speaker is None and referred is not None:
                    clause.speaker, clause.explicit = referred, True  # "He added that ..., and"
                elif clause.speaker is None and ref is not None and last_speaker is not None \
                        and (last_speaker in REFERENCE_FITS.get(
                            (ref.group("ref") or ("ministry" if ref.group("cyr") else "")).lower(),
                            {last_speaker})):
                    clause.speaker, clause.explicit = last_speaker, True
                    referred = last_speaker
                elif clause.speaker is None and default_claimant:
                    clause.speaker = default_claimant
                if clause.explicit and clause.speaker not in (None, "reuters"):
                    last_speaker = clause.speaker
            drafts += territory(sentence, s0, sentence_clauses, date, self._claimant,
                                self.sides)
            in_sentence: list[Draft] = []
            named: list[Mention] = []
            grounds: set[str] = set()  # places named only as the ground of fighting
            ground_ms: list[Mention] = []
            for clause in sentence_clauses:
                c0, c1 = clause.start, clause.start + len(clause.text)
                mentions = [m for m in found if c0 <= m.start < c1]
                side = SIDE_OF.get(clause.speaker or "", "")
                title = says_at(clause)  # "Saldo, governor of the part held by Russia, said"
                cues = [c for c in find_cues(clause.text, side) if c.start not in title]
                targets: list[tuple[Mention, str]] = []
                for m in mentions:
                    # the words before the name, markup left out ('near <a href=...>X</a>')
                    before = _TAG.sub("", text[max(s0, m.start - 240):m.start])[-60:]
                    # "near X, where ... captured": a claim about X; "where the Defence
                    # Forces counterattacked" is still fighting there (convention 7)
                    where = re.match(r",?\s+where\b", text[m.end:m.end + 10]) and any(
                        c.start > m.end - clause.start and c.name != "counter" for c in cues)
                    # "seized Zvanivka, north-east of Siversk, and advanced in eastern Siversk":
                    # a cue between the context word and the name is this name's own
                    own_cue = any(m.start - 60 <= clause.start + c.start and
                                  clause.start + c.end <= m.start and c.effect == "contested"
                                  and _ADVANCE_CUE.search(clause.text[c.start:c.end])
                                  and not _AREA.match(clause.text[c.end:]) for c in cues)
                    # "Ukrainian forces hold the northern outskirts of X": a part held
                    held_edge = bool(_HELD_EDGE.search(before))
                    exempt = any(c.name == "supply" for c in cues) or own_cue or held_edge
                    bare = plain_head(re.sub(r"\([^()]*\)", "", before))  # "X (south of Y)"
                    head = found[head_of[index[id(m)]]]
                    listed = ""  # "in the areas of A, B, … and C": the list's head
                    if head is not m and head.start >= s0:
                        listed = plain_head(re.sub(r"\([^()]*\)", "", _TAG.sub("", text[
                            max(s0, head.start - 240):head.start])[-60:]))
                    if (is_context(bare) or is_context(listed) or CONTEXT_AFTER.match(
                            text[m.end:m.end + 40])) and not where \
                            and not exempt:
                        if include_fighting and _FIGHTING.search(clause.text):
                            in_sentence += self._fighting(clause, m, text, s0, s1, date)
                        grounds.add(m.res.id if m.res else "")
                        if not LANDMARK.search(bare):  # "east of the canal": a landmark only
                            ground_ms.append(m)
                        continue
                    if targets and targets[-1][0].res is not None and m.res is not None and (
                            targets[-1][0].res.id == m.res.id) and (
                            m.start - targets[-1][0].end < 70):
                        continue  # "Kupiansk, which Moscow calls Kupyansk": one place, once
                    targets.append((m, before))
                real = [m for m, _ in targets]
                here = [g for g in ground_ms if c0 <= g.start < c1]
                if not targets and cues and here and len({g.res.id for g in here
                                                          if g.res}) == 1 and refers_back(
                        clause.text, here[-1].end - c0):
                    # "the situation around Avdiivka ... I decided to withdraw our units
                    # from the town": the one place named, if only as the ground
                    targets = [(here[-1], "")]
                landmarks = all(g not in ground_ms for g in mentions)  # none, or "east of Y"
                if not targets and landmarks and cues and last:
                    if COREF_ALL.search(clause.text):
                        targets = [(m, "") for m in last]
                    elif refers_back(clause.text, 0):  # not "north of the city"
                        targets = [(last[-1], "")]
                if not targets and not mentions and named and cues and all(
                        c.effect == "encircled" for c in cues):  # "…, but no encirclement"
                    targets = [(named[-1], "")]  # the place named before it in the sentence
                # places named only as context, or as background ("since it took Bakhmut
                # last May"), are not referred back to
                real = [m for m in real if not BACKGROUND.match(text[m.end:m.end + 40])]
                named += real
                if real:
                    last = real
                if not cues and not mentions and clause.explicit and _REJECTS_IT.search(
                        clause.text):
                    in_sentence += self._rejections(clause, in_sentence)
                if not cues:
                    continue
                for (m, before), own in zip(targets, scope(cues, targets, clause), strict=True):
                    in_sentence += self._drafts(clause, own, m, before, text, s0, s1, date)
            if len(named) > 1:
                last = named
            elif not named and ground_ms and not grounds & {m.res.id for m in last if m.res}:
                # "the city" after a list of other places fought over: not one before; after
                # one place fought over ("Під Роботиним ситуація складна"), that one; after
                # a landmark only ("east of the canal"), the one before still
                last = ground_ms[-1:] if len({g.res.id for g in ground_ms if g.res}) == 1 \
                    else []
            if _TAKES_BACK.search(sentence):
                # "X was shown as occupied. This was an error": the speaker's claim before
                # is taken back, and what it said of the place is so no longer
                said = self._claimant(sentence_clauses[0].speaker if sentence_clauses else None)
                before_it = [d for d in drafts if d.start == previous_start]
                drafts = [d for d in drafts if d.start != previous_start] + [
                    _corrected(d) for d in before_it if d.kind == "settlement"
                    and d.claimant == said and d.status in _FLIP]
            previous_start = s0
            drafts += merge_sentence(in_sentence)
        out = dedupe(merge_text(drafts))
        if self.scorer is not None:
            self.scorer.score(out, text, default_claimant)
            if self.drop_below:
                out = [d for d in out if self.scorer.keep(d)]
        return out

    def _drafts(self, clause: Clause, cues: list[Cue], m: Mention, before: str, text: str,
                s0: int, s1: int, date: dt.date) -> list[Draft]:
        """The clause's claim about ``m``; with a reported claim ("Kyiv's claims that X
        was retaken are false"), the reported speaker's claim and the reporter's."""
        out = []
        reported = REPORTED.search(clause.text)
        if reported and clause.explicit and any(c.denied for c in cues) and (
                0 <= clause.speaker_at <= reported.start() + 40):
            claimant = self._claimant(clause.speaker)
            first = min(c.start for c in cues)
            says = _SPEAKS.match(clause.text, clause.speaker_at)
            # the makers claimed what comes before the denial, not what the denier adds
            cut = cut_at(clause.text, first)
            plain = [Cue(c.name, c.effect, c.start, c.end, c.strength, False) for c in cues
                     if c.start < cut]
            if says and says.end() <= reported.start() + 1:
                # "the corps stated ... and called Russian claims of encirclement fiction":
                # the clause's speaker rejects the claims of whoever is named before them
                makers = [self._claimant(s) for s in speakers_in(
                    clause.text[says.end():first])]
                reporter, claimant = claimant, None
            else:
                makers = [self._claimant(s) for s in speakers_in(clause.text[:first])] or [
                    claimant]
                reporter = self._claimant(clause.reporter)
            said = replace(clause, text=clause.text[:cut])
            for maker in dict.fromkeys(makers):  # "the statements of Prigozhin and the MoD"
                if maker is not None and maker != reporter:
                    out += self._draft(maker, said, plain, m, before, text, s0, s1, date,
                                       "reported claim")
            if reporter is not None and reporter != claimant:
                out += self._draft(reporter, clause, cues, m, before, text, s0, s1, date,
                                   "denial of a reported claim")
            return out
        claimant = self._claimant(clause.speaker)
        if claimant is None:
            return []
        return self._draft(claimant, clause, cues, m, before, text, s0, s1, date, "")

    def _draft(self, claimant: str, clause: Clause, cues: list[Cue], m: Mention,
               before: str, text: str, s0: int, s1: int, date: dt.date,
               how: str) -> list[Draft]:
        res = m.res
        assert res is not None
        status, encircled, strength, names = compose(cues)
        if status is None and encircled is None:
            return []
        extent, part = extent_of(before, text[m.end:min(s1, m.end + 120)], clause.text,
                                 cues, status)
        confidence = (0.9 if clause.explicit else 0.75) * strength * res.confidence
        first = min([c.start for c in cues] + [m.start - clause.start])
        last = max([c.end for c in cues] + [m.end - clause.start])
        rule = (f"cue {'+'.join(names)} in a clause spoken by {clause.speaker}"
                f" ({'named' if clause.explicit else 'the default speaker'})"
                + (f"; {how}" if how else ""))
        return [Draft(
            kind="settlement", claimant=claimant, side=self.sides.get(claimant, ""),
            evidence=text[s0:s1], start=s0, end=s1, confidence=confidence,
            date=claim_date(clause.text, date).isoformat(), settlement=res.id, name=res.name,
            geonames_id=res.geonames_id, matched=m.written, status=status, extent=extent,
            part=part, encircled=encircled, cue=",".join(names), curated=res.curated,
            lat=res.lat, lon=res.lon, oblast=res.oblast, population=res.population,
            ambiguous=res.namesakes, rule=rule,
            evidence_start=clause.start + max(0, first) - s0,
            evidence_end=clause.start + last - s0, why_place=res.reason,
            alternatives=res.candidates[:8])]

    def _rejections(self, clause: Clause, said: list[Draft]) -> list[Draft]:
        """"..., a claim Ukraine's military denied": the denier's claim that the place is
        held by its own side, for each capture claimed earlier in the sentence."""
        claimant = self._claimant(clause.speaker)
        out = []
        for d in said:
            if claimant is None or d.kind != "settlement" or d.claimant == claimant:
                continue
            flipped = {"russian": "ukrainian", "ukrainian": "russian"}.get(d.status or "")
            if flipped:
                out.append(replace(d, claimant=claimant, side=self.sides.get(claimant, ""),
                                   status=flipped, extent="full", part="", encircled=None,
                                   confidence=d.confidence * 0.8,
                                   rule=f"rejection by {clause.speaker} of the claim before "
                                        f"it ({d.rule})"))
        return out

    def _fighting(self, clause: Clause, m: Mention, text: str, s0: int, s1: int,
                  date: dt.date) -> list[Draft]:
        claimant = self._claimant(clause.speaker)
        res = m.res
        if claimant is None or res is None:
            return []
        return [Draft(
            kind="fighting", claimant=claimant, side=self.sides.get(claimant, ""),
            evidence=text[s0:s1], start=s0, end=s1, confidence=0.3 * res.confidence,
            date=claim_date(clause.text, date).isoformat(), settlement=res.id, name=res.name,
            geonames_id=res.geonames_id, matched=m.written, status=None, extent=None,
            cue="fighting near", curated=res.curated, lat=res.lat, lon=res.lon,
            oblast=res.oblast, population=res.population, ambiguous=res.namesakes,
            rule="named after 'near', 'towards', 'in the area of'... in a clause about "
                 "fighting: where fighting is reported, not who holds it",
            evidence_start=m.start - s0, evidence_end=m.end - s0, why_place=res.reason,
            alternatives=res.candidates[:8])]


_FLIP = {"russian": "ukrainian", "ukrainian": "russian"}


def _corrected(d: Draft) -> Draft:
    """A claim its own report calls an error: the other side holds what it named."""
    return replace(d, status=_FLIP[d.status or ""], encircled=None,
                   confidence=d.confidence * 0.8,
                   rule=f"the report's correction of its own claim ({d.rule})")
