"""Status cues in a clause: what the speaker says happened, with who did it, whether it
is denied, and whether it is only hypothetical.

English and Ukrainian/Russian cues come from :mod:`geo.text.lexicon` and
:mod:`geo.text.lexicon_cyr`. A cue after a modal in its clause ("could seize", "trying to
take", "намагалися") is hypothetical and dropped; a retraction ("backtracked on a claim
that...") drops the clause's cues; a denial before the cue in the same clause ("Kiev denies
Russian forces are in control of it", "did not", "не") or a falsity right after it ("...
are false", "не відповідають дійсності") marks it denied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.text.lexicon import (
    BACKGROUND,
    CUES,
    DENIAL,
    DENIAL_AFTER,
    HYPOTHETICAL,
    RU_ACTOR,
    UA_ACTOR,
    UKRAINIAN_CONTROL,
    UNCONFIRMED,
)
from geo.text.lexicon_cyr import (
    CUES_CYR,
    DENIAL_AFTER_CYR,
    DENIAL_CYR,
    HYPOTHETICAL_CYR,
    RU_ACTOR_CYR,
    UA_ACTOR_CYR,
)

_ALL = [(n, re.compile(p, re.I), e, s) for n, p, e, s in (*CUES, *CUES_CYR)]
RETRACTION = re.compile(r"\b(?:backtrack\w*|retract\w*|walked back|walks back|deleted|"
                        r"corrected|спростува\w+ власн\w+|відмовил\w+ від)\b", re.I)
#: "cleared of Ukrainian troops": the other side holds it now.
CLEARED_OF = re.compile(r"^\s+of\s+(?:the\s+)?(?:(?P<ua>Ukrainian|Ukraine's)|(?P<ru>Russian|"
                        r"Russia's|enemy))\b", re.I)
#: Cues whose object is the side that lost the place ("pushed Russian troops out of").
_OBJECT_IS_LOSER = re.compile(r"out of|from|у ворога|\bвытесни|\bвитісни", re.I)
_LOSER = re.compile(r"(?P<verb>\b(?:pushed|drove|driven|forced|ousted|expelled|вытесни\w*|"
                    r"витісни\w*|відтісни\w*|відбили))\s+(?:\w+\s+){0,3}?(?:out of|from|у|из|з)\b",
                    re.I)
#: "зачистили село від окупантів", "cleared ... of": who was driven out, after the cue.
_FROM_LOSER = re.compile(r"^\s+(?:[\w'-]+\s+){0,3}?(?:від|от)\s+(?:(?P<ru>окупант\w*|ворог\w*|"
                         r"росі\w*|россий\w*|противник\w*)|(?P<ua>ЗСУ|ВСУ|україн\w*|украин\w*))",
                         re.I)
#: «від окупантів звільнено», «от ВСУ освобождены»: who was driven out, just before the cue.
_LOSER_BEFORE = re.compile(r"(?:від|от)\s+(?:(?P<ru>окупант\w*|ворог\w*|загарбник\w*|"
                           r"противник\w*|російськ\w+ (?:окупант|військ)\w*|росі\w*|россий\w*)|"
                           r"(?P<ua>ЗСУ|ВСУ|україн\w*|украин\w*|боевик\w*|нацистов))\s*$", re.I)
#: Unit words that name no side by themselves (either army's bulletins use them).
_UNIT_WORDS = re.compile(r"\b(?:подразделени\w*|группировк\w*|підрозділ\w*|угруповань?\w*|"
                         r"штурмов\w+ отряд\w*)", re.I)
#: «під контролем», «под контролем» ending the words before: the controller comes after.
_UNDER_CONTROL_CYR = re.compile(r"(?:(?:під|под)\s+контрол\w*|(?<!\w)(?:контролю\w+|"
                                r"подконтрол\w+|підконтрольн\w+|"
                                r"контролир\w+|утриму\w+|удержива\w+))\s*$", re.I)
_CONTROLLER_CYR = re.compile(r"^\s*(?:(?P<ru>росі\w*|російськ\w+|россий\w+|\bрф\b|ворог\w*|"
                             r"противник\w*|окупант\w*|оккупант\w*)|(?:наш\w*|україн\w*|"
                             r"украин\w*|\bЗСУ\b|\bВСУ\b|[Сс]ил\w* оборон\w+))", re.I)
RUSSIAN_CONTROL = re.compile(r"^[^.;]{0,25}\b(?:of|by) (?:the )?(?:Russia|Moscow)", re.I)
#: A denial that ends before the cue's clause starts: "did not confirm the loss".
_NOT_DENIAL = re.compile(r"\bnot (?:yet )?(?:confirm|comment|verify)\w*|\bno longer\b.{0,20}"
                         r"\b(?:hold|held|control)", re.I)


#: A capture verb in the passive with no actor named: "X has been captured", "was seized".
_PASSIVE = re.compile(r"\b(?:has|have|had)(?: not| never)? been (?:captured|seized|taken|"
                      r"occupied)$|\b(?:was|were|is|are)(?: not| never)? (?:captured|seized|"
                      r"taken|occupied)$|"
                      # «Соледар не взят», «місто не захоплене»: a passive participle
                      r"\bне (?:взят[аоы]?|захвачен\w*|захоплен\w*|окупован\w*|оккупирован\w*)$",
                      re.I)
#: Right before a capture cue: it claims all of the place ("повне захоплення", "fully
#: captured"); denying that denies only the whole, not that the attacker holds part.
_FULL_BEFORE = re.compile(r"(?:\b(?:full|fully|complete|completely|entire)|повн\w*|полн\w*|"
                          r"повністю|полностью)\s+$", re.I)
#: A purpose phrase ("to avoid encirclement, ... withdrew"), and where it ends.
_PURPOSE = re.compile(r"avoid|in order to|уникну|уникнен|избежа", re.I)
_PURPOSE_END = re.compile(r",|\s[—–]\s|\s(?:підрозділи|війська|units|troops)\s")


def _hypothetical(head: str) -> bool:
    """Whether a modal before a cue makes it hypothetical ("trying to take X"); a purpose
    phrase governs only up to its comma ("to avoid encirclement, the units withdrew")."""
    for regex in (HYPOTHETICAL, HYPOTHETICAL_CYR):
        for hit in regex.finditer(head):
            if not (_PURPOSE.match(hit.group()) and _PURPOSE_END.search(head, hit.end())):
                return True
    return False


_CONJUNCT = re.compile(r"\b(?:and|but)\s+(?=(?:it|they|we|he|she|this|the\s+\w+)\s+"
                       r"(?:(?:is|are|was|were|has|have|had|remains?|still)\b|$))", re.I)
#: After a cue: the speaker did not say it ("про захоплення X офіційно не заявляли").
_NOT_SAID = re.compile(r"^[^.;,]{0,40}?\b(?:офіційно |официально )?(?:не (?:заявля|заявил|"
                       r"повідомля|повідомил|сообща|сообщил|оголош|объявля|объявил)\w*|"
                       r"(?:did|has|have) not (?:yet )?(?:announced?|claimed?|confirmed?))", re.I)
#: The publisher's own recap ("Нагадаємо, що ... захопили X"), or a capture called earlier
#: right before the word ("Раніше звільнена X"): background, no claim (convention 8).
_RECAP = re.compile(r"\b(?:[Нн]агадаємо|[Нн]апомним)\b|\b(?:[Рр]аніше|[Рр]анее|[Pp]reviously)\s+$|"
                    # «яке з травня перебувало під контролем»: how it was, since a month
                    r"\b(?:з|із|с)\s+(?:\w+\s+)?\w+\s+(?:перебува|находил|бул|был)\w*\s+$")
_HAD = re.compile(r"\bhad\s+$", re.I)
_SINCE = re.compile(r"\s+since\b", re.I)
_NOT_ALL = re.compile(r"^\s+(?:the\s+)?(?:entire|whole|all of|full)\b", re.I)


@dataclass(frozen=True)
class Cue:
    """A status cue: its rule name, effect (russian, ukrainian, contested, encircled,
    supplied), position in the clause, strength and whether it is denied."""

    name: str
    effect: str
    start: int
    end: int
    strength: float
    denied: bool
    falsified: bool = False     #: called false right after ("... entered the city is false")
    whole: bool = False         #: claims all of the place ("повне захоплення", "fully taken")


def actor_side(before: str, after: str, speaker_side: str) -> str:
    """Who holds the place after a capture/control verb: the side named right after it
    ("under the control of Ukrainian forces", "captured by Russia"), or the side named last
    before it ("Russian forces captured", "Kyiv said it had recaptured"), else the
    speaker's side."""
    if UKRAINIAN_CONTROL.search(after):
        return "ukrainian"
    if RUSSIAN_CONTROL.search(after):
        return "russian"
    # «під контролем наших підрозділів», «Гуляйполе контролюють Сили оборони»: who follows
    if _UNDER_CONTROL_CYR.search(before):
        by = _CONTROLLER_CYR.match(after)
        if by:
            return "russian" if by.group("ru") else "ukrainian"
    before = _LOSER.sub(r"\g<verb>", before)  # "pushed Russian troops out of": no actor
    before = re.split(r"[.!?]\s+(?=[A-ZА-ЯІЇЄҐ])", before)[-1]  # a quote's sentence before
    ru = [m.start() for r in (RU_ACTOR, RU_ACTOR_CYR) for m in r.finditer(before)]
    ua = [m.start() for r in (UA_ACTOR, UA_ACTOR_CYR) for m in r.finditer(before)]
    if ru or ua:
        return "russian" if max(ru, default=-1) > max(ua, default=-1) else "ukrainian"
    if _PASSIVE.search(before):  # "to say that X has been captured": taken by Russian forces
        return "russian"
    return "ukrainian" if speaker_side == "ua" else "russian"


#: The entry verbs of the "entered" cue (not "fighting in", "advanced in").
_ENTRY = re.compile(r"entered|entering|broke into|broken into|break into", re.I)
_QUOTES = frozenset("\"“”«»")
_OWN = {"ua": "ukrainian", "ru": "russian"}


def find_cues(clause: str, speaker_side: str = "") -> list[Cue]:
    """Every status cue of ``clause``, in order (quotation marks inside a cue ignored:
    'had "liberated" Artemovsk', 'the so-called "liberation" of Toretsk')."""
    if RETRACTION.search(clause):
        return []
    keep = [i for i, ch in enumerate(clause) if ch not in _QUOTES]
    text = "".join(clause[i] for i in keep)
    keep.append(len(clause))
    found = _find(text, speaker_side)
    inside = {id(c) for c in found for d in found if d is not c and d.start <= c.start
              and c.end <= d.end and d.end - d.start > c.end - c.start}  # the longer wins
    return [Cue(c.name, c.effect, keep[c.start], keep[c.end - 1] + 1 if c.end else 0,
                c.strength, c.denied, c.falsified, c.whole) for c in found
            if id(c) not in inside]


def _find(clause: str, speaker_side: str) -> list[Cue]:
    found = []
    for name, regex, effect, strength in _ALL:
        for m in regex.finditer(clause):
            head, tail = clause[:m.start()], clause[m.end():]
            if _hypothetical(head) or (
                    m.group().lower().endswith(("capture of", "liberation of"))
                    and HYPOTHETICAL.search(tail)):
                continue
            if any(u.start() < m.start() for u in UNCONFIRMED.finditer(clause)) or \
                    BACKGROUND.match(tail) or (
                    _HAD.search(head) and _SINCE.match(tail)) or _RECAP.search(head) or \
                    _NOT_SAID.match(tail):
                continue  # "ISW has not observed ... seized"; "which it captured in May";
                # "a town Russian forces had occupied since March"
            falsified = bool(DENIAL_AFTER.search(tail) or DENIAL_AFTER_CYR.search(tail))
            # a denial governs the words after it, up to a new conjunct ("was never
            # surrounded and it is ours")
            near = _CONJUNCT.split(re.split(r"[,;]", head)[-1])[-1][-60:]
            denied = bool((DENIAL.search(near) and not _NOT_DENIAL.search(near))
                          or DENIAL_CYR.search(near) or falsified)
            if denied and not falsified and _NOT_ALL.match(tail):
                continue  # "have not yet seized the entire town": a partial claim, said apart

            side = effect
            if name == "entered" and denied and not falsified and _ENTRY.match(m.group()):
                # "the enemy has not entered the town itself": the speaker's side holds it
                own = _OWN.get(speaker_side)
                enemy = {"ukrainian": "russian", "russian": "ukrainian"}.get(own or "")
                if own and any(r.search(head) for r in (RU_ACTOR, UA_ACTOR, RU_ACTOR_CYR,
                                                        UA_ACTOR_CYR)) and actor_side(
                        head, "", speaker_side) == enemy:
                    found.append(Cue("not entered", own, m.start(), m.end(), strength, False))
                    continue
            if name == "ours":  # "is ours": the speaker's side; "is Ukraine": Ukraine's
                side = "ukrainian" if m.group().lower().endswith("ukraine") else _OWN.get(
                    speaker_side, "")
                if not side:
                    continue
            elif effect == "own":  # "our units remain in": held by the speaker's side
                actor = [r for r in (RU_ACTOR, UA_ACTOR, RU_ACTOR_CYR, UA_ACTOR_CYR)
                         if r.search(head[-40:])]
                own = _OWN.get(speaker_side)
                side = own if own and actor and actor_side(head, "", speaker_side) == own \
                    else "contested"
            elif name == "withdrew":  # the withdrawing side concedes: the actor named
                # before the cue ("Russia's ministry said it was withdrawing"), else the
                # speaker's own side when it is Russia's, else Ukraine's forces
                bare = _UNIT_WORDS.sub(" ", head)  # "украинские подразделения": Ukraine's
                named = any(r.search(bare) for r in (RU_ACTOR, UA_ACTOR, RU_ACTOR_CYR,
                                                     UA_ACTOR_CYR))
                who = actor_side(bare, "", speaker_side) if named else (
                    "russian" if speaker_side == "ru" else "ukrainian")
                side = "ukrainian" if who == "russian" else "russian"
            elif effect == "actor":
                cleared = CLEARED_OF.match(tail) if m.group().lower() == "cleared" else None
                cleared = cleared or _FROM_LOSER.match(tail) or _LOSER_BEFORE.search(head)
                if cleared:
                    side = "russian" if cleared.group("ua") else "ukrainian"
                else:
                    upto = (head + m.group().split()[0]
                            if _OBJECT_IS_LOSER.search(m.group()) else clause[:m.end()])
                    side = actor_side(upto, tail, speaker_side)
            found.append(Cue(name, side, m.start(), m.end(), strength, denied, falsified,
                             bool(_FULL_BEFORE.search(head[-30:]))))
    return sorted(found, key=lambda c: c.start)
