"""Who speaks: the speaker cue of a clause, clauses of a sentence, and speakers found
across sentence boundaries.

A clause with no speaker takes the one of the clause before it in its sentence. A
sentence with none takes, in order: the speaker of the quotation it belongs to ('"The
enemy ... This is not the case," said a spokesman', the sentence that closes or opens the
quote); the speaker of the next sentence when that one only attributes ("Voloshyn said
this on television."); the text's default speaker (a bulletin's publisher). Reported
claims ("Kyiv's claims that ... are false", "заяви начальника генштабу рф про...") are
the reported speaker's; the denial around them is the reporter's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.text.cues import find_cues
from geo.text.lexicon import CLAUSE, SPEAKER_RES

_AND = re.compile(r",\s+and\s+$")

#: A sentence that only says who said the previous one.
ATTRIBUTION = re.compile(
    r"^\W*(?:[A-ZА-ЯІЇЄҐ][\w'’.-]*,?\s+){1,7}(?:[^,.;]{1,80},\s+)?(?:said|stated|told|added|"
    r"wrote|confirmed|"
    r"повідомив|заявив|сказав|сообщил|заявил)\s+(?:this|so|it|that|the same|це|об этом|"
    r"про це)\b|"
    # "Про це в ефірі повідомив речник ...", "Об этом сообщили в министерстве ..."
    r"^\W*(?:[Пп]ро це|[Оо]б этом)\b[^.;:]{0,60}?\b(?:повідоми\w*|заяви\w*|сказа\w*|"
    r"написа\w*|сообщи\w*|рассказа\w*)", re.U)
#: "X's claims that ...", "claims by X", "заяви X про": the claim is X's, reported.
REPORTED = re.compile(r"(?:['’]s\s+(?:claims?|statements?|reports?|assertions?)\b|"
                      r"\b(?:claims?|statements?|reports?|information) (?:by|of|from)\b|"
                      r"\bзаяв[аиі]?\s|"
                      r"\bзаявлени\w+\s|\bутвержден\w+\s|\bтверджен\w+\s|"
                      # «повідомлення ... про захоплення X не відповідають дійсності»
                      r"\bповідомлен\w+\s|\bінформаці\w+\s|\bсообщени\w+\s|\bинформаци\w+\s)", re.I)
#: The words calling a reported claim false ("are not true", «не відповідають дійсності»).
CALLED_FALSE = re.compile(r"\b(?:(?:is|are) (?:not true|false|untrue)|не відповіда\w+ дійсності|"
                          r"не соответству\w+ действительности|фейк\w*|неправд\w+)", re.I)
#: A collective noun of places shortly before a colon: the list after it is what the
#: clause is about ("liberated 12 settlements in the Kharkiv region: A, B and C",
#: «освободили населённые пункты Харьковской области: A, B и C», «звільнили три села: A та B»).
_LIST_COLON = re.compile(r"\b(?:settlements?|villages?|towns?|localities|hamlets?|"
                         r"населен\w+\s+пункт\w*|населён\w+\s+пункт\w*|сел[аоу]?|сёл|сіл|"
                         r"селищ\w*|посел\w*|посёлк\w*|деревн\w*)\b[^:;.!?\"“”«»]{0,50}$", re.I)
_DATELINE = re.compile(r"\(\s*(?:Reuters|AFP|AP|Bloomberg)\s*\)")
_NAMING = re.compile(r"\b(?:as|what|known in|called in|by)\s+$", re.I)
_CALLS = re.compile(r"^\s+(?:calls?|names?|refers? to)\b", re.I)
_OPEN = "\"“«"
_CLOSE = "\"”»"


@dataclass
class Clause:
    """A clause: its text, offset in the whole text, speaker cue and whether the speaker
    is named in the clause itself."""

    text: str
    start: int
    speaker: str | None
    explicit: bool
    speaker_at: int = -1
    reporter: str | None = None     #: who reports a claim quoted in the clause


def speaker(text: str) -> tuple[str | None, int]:
    """The first speaker cue in ``text`` and its position, or (None, -1)."""
    best: tuple[int, str] | None = None
    for regex, claimant in SPEAKER_RES:
        for m in regex.finditer(text):
            if _NAMING.search(text[max(0, m.start() - 12):m.start()]) or _CALLS.match(
                    text[m.end():m.end() + 12]):
                continue  # "as Moscow calls the town": a name, not a statement
            if best is None or m.start() < best[0]:
                best = (m.start(), claimant)
            break
    if best and best[1] == "ua_genstaff" and re.search(
            r"russia|росі|росси|\bрф\b|gerasimov|герасимов",
            text[max(0, best[0] - 30):best[0] + 45], re.I):
        best = (best[0], "ru_genstaff")  # "Russian Chief of General Staff"
    return (best[1], best[0]) if best else (None, -1)


def speakers_in(text: str) -> list[str]:
    """Every listed speaker named in ``text``, in order, once each ("the statements of
    Prigozhin and of Russia's defence ministry": both)."""
    found: list[tuple[int, str]] = []
    for regex, claimant in SPEAKER_RES:
        found += [(m.start(), claimant) for m in regex.finditer(text)
                  if not _NAMING.search(text[max(0, m.start() - 12):m.start()])]
    return list(dict.fromkeys(c for _, c in sorted(found) if c != "reuters"))


def last_speaker(text: str) -> str | None:
    """The speaker cue named last in ``text`` (who spoke just before what follows)."""
    best: tuple[int, str] | None = None
    for regex, claimant in SPEAKER_RES:
        for m in regex.finditer(text):
            if _NAMING.search(text[max(0, m.start() - 12):m.start()]) or _CALLS.match(
                    text[m.end():m.end() + 12]) or claimant == "reuters":
                continue
            if best is None or m.start() > best[0]:
                best = (m.start(), claimant)
    return best[1] if best else None


def clauses(sentence: str, offset: int) -> list[Clause]:
    """The clauses of a sentence, each with its speaker (carried forward within it)."""
    out, pos, pieces = [], 0, []
    cuts = [m for m in CLAUSE.finditer(sentence)
            if not (m.group().startswith(":") and _LIST_COLON.search(sentence[:m.start()]))]
    for n, m in enumerate(cuts):
        if m.start() < pos:
            continue
        if m.group().startswith(",") and _AND.match(m.group()):
            upto = cuts[n + 1].start() if n + 1 < len(cuts) else len(sentence)
            rest = sentence[m.end():upto]
            if speaker(rest)[0] is None and not find_cues(rest):
                continue  # "recaptured A, a town on the road, and B, a village": one list
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(sentence)))
    pieces = [p for a, b in pieces for p in _at_new_speakers(sentence, a, b)]
    previous: str | None = None
    for a, b in pieces:
        text = sentence[a:b]
        cue, at = speaker(text)
        if cue == "reuters" and _DATELINE.search(text):
            cue, at = None, -1  # "KYIV, Nov 5 (Reuters) -" names the publisher, not a speaker
        explicit = cue is not None
        out.append(Clause(text, offset + a, cue or previous, explicit, at))
        previous = cue or previous
        if cue is not None and REPORTED.search(text):
            previous = None  # "... from Russian channels ... is not true: the town remains"
    _postposed(out)
    return out


#: Before a speaker cue: the end of what they said ('... it exists," said Viktor ',
#: '..., but fighting goes on, the spokesman ').
_AFTER_QUOTE = re.compile(r"[\"”»],?\s*(?:(?:said|says|told|added|wrote|stated)\s+)?"
                          r"[^,;\"“”«»]{0,60}$", re.I)


_QUOTE_END = re.compile(r"[\"”»],?\s*$")
_SPEECH_FIRST = re.compile(r"^\s*(?:said|says|told|added|wrote|stated|заяви\w+|сказа\w+|"
                           r"повідоми\w+|зазначи\w+|сообщи\w+|отмети\w+|додав|добавил)\b", re.I)


def _postposed(out: list[Clause]) -> None:
    """The clauses before the first named speaker of a sentence take that speaker when it
    is named after a quotation it closes ('"There is no encirclement. Supply is hard, but
    it exists," said the spokesman'): the whole quotation is theirs."""
    first = next((k for k, c in enumerate(out) if c.explicit), None)
    if not first or any(c.speaker for c in out[:first]):
        return
    c = out[first]
    # «…», - заявив X: the hyphen cut the closing quotation off into the clause before
    cut_off = bool(_QUOTE_END.search(out[first - 1].text)) and bool(_SPEECH_FIRST.match(c.text))
    if c.speaker_at >= 0 and (cut_off or _AFTER_QUOTE.search(c.text[:c.speaker_at])):
        for earlier in out[:first]:
            earlier.speaker, earlier.explicit = c.speaker, True


_SAYS = re.compile(r"^\W{0,3}\w*\W{0,3}\s*(?:said|says|stated|claimed|reported|announced|"
                   r"told|added|denied|заявил\w*|заявив|повідоми\w+|сообщи\w+)\b", re.I)


#: Right before a speaker cue: it only describes the one before ("DeepState, which is
#: close to Ukraine's military, said").
_DESCRIBES = re.compile(r"\b(?:close to|linked to|affiliated with|tied to|part of|run by)\s+"
                        r"(?:the\s+)?$", re.I)
#: A speaker cue that ends on its verb ("Wagner Group financier ... claimed").
_SAID_END = re.compile(r"\b(?:said|says|claimed|claims|reported|announced)$", re.I)
#: Right before a speaker cue: it only completes the one before ("the Defense Ministry in
#: Moscow also said").
_PART_OF_SPEAKER = re.compile(r"\b(?:Ministry|Staff|General|Office|Command|Forces)\s+(?:in|of)\s+"
                              r"(?:the\s+)?$", re.I)


def _at_new_speakers(sentence: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut ``sentence[a:b]`` where another speaker starts speaking ("... liberated the
    town, two days after Ukraine's military said it had ordered its units out"; "Zelenskiy
    said that Syrskyi had told him ...": the claim is the innermost speaker's)."""
    cuts = [a]
    first, _ = speaker(sentence[a:b])
    spans = [(m.start(), m.end()) for regex, _ in SPEAKER_RES
             for m in regex.finditer(sentence, a, b)]
    for regex, claimant in SPEAKER_RES:
        for m in regex.finditer(sentence, a, b):
            if any(x < m.start() < y or (x < m.start() and m.end() <= y) for x, y in spans):
                continue  # "General Staff" inside "the Russian General Staff": one speaker
            says = _SAYS.match(sentence[m.end():m.end() + 30]) or _SAID_END.search(m.group())
            if m.start() - cuts[-1] > 15 and claimant != first and says and \
                    not _PART_OF_SPEAKER.search(sentence[max(a, m.start() - 30):m.start()]) \
                    and not _DESCRIBES.search(sentence[max(a, m.start() - 30):m.start()]):
                cuts.append(m.start())
    cuts = sorted(set(cuts))
    return list(zip(cuts, [*cuts[1:], b], strict=True))


#: A quotation attributed within its own sentence ('"...," X said'), to a speaker the
#: lexicon does not know: it is not the previous sentence's speaker's ("he said" is).
_SAID_BY_OTHER = re.compile(r"[\"”»],?\s+(?!(?:he|she|they|we|it|він|вона|вони|он|она|они)\s)"
                            r"(?:[^.;\"“”«»]{1,80}?\s)?(?:said|says|stated|told|"
                            r"added|announced|wrote|сказав|заявив|сказал|заявил|повідоми\w+|"
                            r"сообщи\w+)\b", re.I)


#: A quotation attributed to "he" or "she" within its own sentence.
_SAID_BY_HIM = re.compile(r"[\"”»],?\s+(?:he|she|він|вона|он|она)\s+(?:said|says|added|told|"
                          r"сказав|заявив|додав|сказал|заявил|добавил)\b", re.I)


def quote_state(sentence: str, inside: bool) -> tuple[bool, bool]:
    """(starts inside a quotation, ends inside one), given whether the text before it
    ended inside one."""
    starts = inside or (sentence[:1] in _OPEN)
    depth = inside
    for ch in sentence:
        if ch in "«“":
            depth = True
        elif ch in "»”":
            depth = False
        elif ch == '"':
            depth = not depth
    return starts, depth


def is_attribution(sentence: str) -> bool:
    """Whether a sentence only says who said the one before ("X said this on TV")."""
    return bool(ATTRIBUTION.match(sentence))


def clauses_of_sentence(text: str, spans: list[tuple[int, int]], i: int,
                           default: str | None) -> list[Clause]:
    """Sentence ``i``'s clauses, a sentence with no speaker of its own taking the speaker
    of its quotation (where the quote closes, else the sentence before), or of the
    attribution sentence after it ("Voloshyn said this on television.")."""
    a, b = spans[i]
    out = clauses(text[a:b], a)
    for c in out:
        c.reporter = default
    if any(c.explicit for c in out):
        return out

    def named(j: int) -> str | None:
        """The first speaker named in sentence ``j``; before ``i``, the last (who spoke
        just before this sentence)."""
        if not 0 <= j < len(spans):
            return None
        if j < i:
            return last_speaker(text[spans[j][0]:spans[j][1]])
        return next((c.speaker for c in clauses(text[spans[j][0]:spans[j][1]], 0)
                     if c.explicit), None)

    inside = False
    for x, y in spans[:i]:
        _, inside = quote_state(text[x:y], inside)
    starts, ends_inside = quote_state(text[a:b], inside)
    borrowed: str | None = None
    if starts and not ends_inside and _SAID_BY_HIM.search(text[a:b]):
        # '"...," he said': who spoke last before, never the next sentence's speaker (else
        # "he said" finds the speaker named further back, geo.text.extract)
        borrowed = named(i - 1)
    elif starts and not ends_inside and _SAID_BY_OTHER.search(text[a:b]):
        pass  # '"...," the Defence Intelligence of Ukraine said': a speaker we do not list
    elif starts and not ends_inside and not is_attribution(text[spans[i + 1][0]:spans[i + 1][1]]
                                                         if i + 1 < len(spans) else ""):
        # a whole quotation with no attribution: the same speaker goes on ('"...," the
        # centre said. "The city is controlled by ..."')
        borrowed = named(i - 1) or named(i + 1)
    elif starts:
        close = i
        state = ends_inside
        while state and close + 1 < len(spans):
            close += 1
            _, state = quote_state(text[spans[close][0]:spans[close][1]], state)
        borrowed = named(close) or named(close + 1) or named(i - 1)
    elif i + 1 < len(spans) and is_attribution(text[spans[i + 1][0]:spans[i + 1][1]]):
        borrowed = named(i + 1)
    if borrowed:
        for c in out:
            c.speaker, c.explicit = borrowed, True
    return out


#: A speech verb with what was said after it.
_SAYS_THAT = re.compile(r"\b(?:said|says|stated|told|claimed|claims|reported|заяви\w*|сказа\w*|"
                        r"повідоми\w*|стверджу\w*|сообщи\w*|утвержда\w*)\b(?=\s*,?\s*(?:що|"
                        r"что|that)?\s*\S+(?:\s+\S+){2,})", re.I)


_CONTENT = re.compile(r"\b(?:that|що|что)\b", re.I)


def says_at(clause: Clause) -> range:
    """Where the clause's named speaker is described, before what they say ("Saldo, the
    governor of the part of the region held by Russia, said ...": "held" describes the
    speaker and claims nothing): from shortly before the name to the speech verb after it;
    empty when no such verb follows, or when a quotation closes in between."""
    if not clause.explicit or clause.speaker_at < 0:
        return range(0)
    verb = _SAYS_THAT.search(clause.text, clause.speaker_at)
    if not verb or verb.start() - clause.speaker_at > 120 or _CONTENT.search(
            clause.text, clause.speaker_at, verb.start()):
        return range(0)  # "ISW assesses that ... control X, which the brigade reported"
    # the words of a title run from shortly before the name (after any comma) to the verb,
    # no quotation closing between them ('"Irpin has been liberated," the mayor said in a video')
    title = max(0, clause.speaker_at - 80, clause.text.rfind(",", 0, clause.speaker_at) + 1)
    closed = max((clause.text.rfind(q, 0, verb.start()) for q in _CLOSE), default=-1)
    return range(title, verb.end()) if closed < title else range(0)


def cut_at(text: str, first: int) -> int:
    """Where a clause calls a reported claim false, when its first cue (at ``first``) comes
    before that; else the clause's end: the claim's makers said what comes before."""
    found = CALLED_FALSE.search(text)
    return found.start() if found and first < found.start() else len(text)
