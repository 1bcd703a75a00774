"""Whole or part: how much of a place a claim is about (:func:`extent`).

A claim is ``full`` unless its words name a part of the place: a direction part ("the
northern part of X", "eastern X", "в північній частині X", "західну частину"), a share
("most of", "roughly half of the village", "70 процентов застройки города"), a piece of
the town ("the Kanal district on the eastern edge of X", "microdistricts", "the
industrial zone", "мікрорайон", "квартали", "промзона", "окраины"), what is left of it
("the rest of the town", "решта населеного пункту"), or an advance into it with no
control claimed ("advanced in X", "infiltration attacks in X", "просунувся в X": the
attacker is inside part of it, contested). "In the south-western part of the Donetsk
People's Republic" is a part of a region, not of the place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.text.cues import Cue
from geo.text.lexicon import (
    PART,
    PART_ADJ,
    PART_AFTER,
    PART_LATER,
    PART_SHARE,
    PART_SHARE_AFTER,
    PERCENT_OF,
    PERCENT_UNDER,
)
from geo.text.lexicon_cyr import PART_CYR

__all__ = ["extent"]

_DIR = (r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central|north-?eastern|"
        r"north-?western|south-?eastern|south-?western")
#: A piece of the town right before its name: "the Kanal district on the eastern edge of",
#: "the industrial zone of", "частину", "в мікрорайоні", "кварталы".
_PIECE_BEFORE = re.compile(
    rf"\b(?:(?P<dir>{_DIR})\s+)?(?P<piece>edge|outskirts|districts?|microdistricts?|quarters?|"
    r"neighbou?rhoods?|industrial (?:zone|area)|sections?|sectors?|side)\s+(?:of|in)\s+"
    r"(?:the (?:city|town|village|settlement) of )?$|"
    r"(?P<cyr>частин\w*|част[иі]|мікрорайон\w*|микрорайон\w*|квартал\w*|промзон\w+|"
    r"промислов\w+ зон\w+|промышленн\w+ зон\w+|окраин\w+)\s+"
    r"(?:міста|города|села|селища|посёлка|поселка)?\s*$", re.I)
#: After the name, in its clause: a part said of "it", the town or what is left of it.
_PIECE_AFTER = re.compile(
    rf"\b(?:its|the (?:city|town|village)['’]s) (?P<dir>{_DIR})?\s*(?:parts?|districts?|"
    r"microdistricts?|quarters?|outskirts|half)\b|"
    r"\b(?P<rest>the rest|the remainder|the remaining part) of (?:the (?:city|town|village|"
    r"settlement)|it)\b|"
    r"\b(?P<half>(?:roughly |about |nearly |almost |more than |over |less than )?half|"
    r"a (?:third|quarter)) of (?:the (?:city|town|village|settlement)|it)\b|"
    r"\b(?:industrial (?:zone|area)|outskirts) of the (?:city|town|village)\b|"
    r"\b(?P<micro>[Mm]icroraion|[Mm]icrodistrict|мікрорайон|микрорайон)|"
    r"(?:його|її|его|ее|их|їх)\s+(?P<cdir>\w+)\s+частин\w*|"
    r"(?:його|її|его|ее)\s+(?P<cdir2>\w+)\s+(?:часть|окраин\w*)|"
    r"(?P<cdir3>північн|південн|східн|західн|северн|южн|восточн|западн|центральн)\w*\s+"
    r"(?:частин\w*|част[иі]|окраин\w*|околиц\w+|квартал\w*)\s+(?:міста|города|села|селища|"
    r"посёлка|поселка)\b|"
    r"(?:промислов\w+|промышленн\w+) зон\w+ (?:міста|города)|промзон\w+ (?:міста|города)|"
    r"(?P<crest>решта|остальн\w+ част\w+|остальн\w+ территори\w+) (?:населеного пункту|"
    r"міста|села|селища|населенного пункта|города)|"
    r"половин\w+ (?:міста|города|села|селища)|"
    # «под контролем ... находится большая часть города»
    r"(?P<cmost>основн\w+|больш\w+|більш\w+) част\w+ (?:міста|города|села|селища|посёлка|"
    r"поселка)|"
    # «удерживают около трети его застройки»: a share of the town named before
    r"(?P<third>трет\w+|четверт\w+|половин\w+) (?:його |её |її |его )?(?:застройки|забудови|"
    r"територі\w+|территори\w+)|"
    r"(?P<pct>\d{1,3})\s*(?:%|процент\w*|відсот\w+)\s+(?:застройки|забудови|територі\w+|"
    r"территори\w+)?\s*"
    r"(?:міста|города|села|населенного пункта|населеного пункту)", re.I)
#: After a part word: "of" a region, the country or a republic, so not a part of the town.
_OF_REGION = re.compile(r"^\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:region|oblast|"
                        r"republic|country|front|Donbas|Ukraine)\b", re.I)
#: A cue that says the whole place is fought over: "remains in the grey zone", "contested".
#: Beside it, "with our units holding its northern part" is where the speaker's units are,
#: and the claim stays whole (convention 2: of a whole and a partial contested, the whole).
_WHOLE = re.compile(r"gr[ae]y zone|contested|сір\w+ зон|сер\w+ зон", re.I)
#: A cue that says the place itself is fought over ("У Вовчанську тривають бої", "fighting
#: continues in the village"): beside "our units hold its southern part" the claim is
#: contested, whole (convention 2); alone, a part named after it is where the fighting is.
_FIGHT_IN = re.compile(r"^(?:трива\w* (?:запеклі |важкі )?бо\w+|бо\w+ трива\w+|бо\w+ продолжа\w+|"
                       r"продолжа\w+ бо\w+|fighting (?:in|inside|continues|is continuing))", re.I)
#: The words of a cue that says only that the attacker got in, not that anyone holds it.
_ADVANCE = re.compile(r"\badvanc\w*|\badvances\b|\binfiltrat\w+|просуну\w+|продвину\w+|"
                      r"продвижени\w+|просочу\w+|інфільтр\w+|проник\w+|ворвал\w+|"
                      r"увірвал\w+|вдерл\w+|\bpush\w* into|просочи\w+|"
                      # "entered X", «зайшли в X»: got in, no one said to hold it (convention 2)
                      r"\benter(?:ed|ing)\b|\bзаш(?:ли|[её]л)\b|\bзайш\w+|\bзаход\w+|\bувійш\w+|"
                      r"\bвошл\w+|\bвход\w+", re.I)


def extent(before: str, tail: str, clause: str, cues: Sequence[Cue],
           status: str | None) -> tuple[str, str]:
    """(extent, part) of a claim about a place: ``before`` is the text of its sentence up
    to the name, ``tail`` the text right after it, ``clause`` the clause's text and
    ``cues`` its status cues (offsets into ``clause``)."""
    held = any(c.effect not in ("contested", "encircled") and not c.denied for c in cues)
    whole = status == "contested" and any(_WHOLE.search(clause[c.start:c.end]) or (
        held and _FIGHT_IN.search(clause[c.start:c.end])) for c in cues)
    found = _before(before) or _later(tail) or ("" if whole else _in_clause(clause))
    if found:
        return "partial", found
    if status == "contested" and _only_advances(clause, cues):
        return "partial", "where the attackers advanced"
    return "full", ""


def _before(before: str) -> str:
    part = ""
    for regex, label in ((PART, "{} part"), (PERCENT_OF, "{}% of the city")):
        hit = regex.search(before)
        if hit:
            part = label.format(hit.group(1).lower())
    share = PART_SHARE.search(before)
    if share:
        part = f"{share.group(1).lower()} of it"
    hit = PART_ADJ.search(before)
    if hit:
        part = f"{hit.group(1).lower()} part"
    cyr = PART_CYR.search(before)
    if cyr:
        part = (f"{cyr.group('pct')}% of the city" if cyr.group("pct") else
                "most of it" if cyr.group("most") else f"{cyr.group('side')} part")
    piece = _PIECE_BEFORE.search(before)
    if piece and not part:
        part = " ".join(w.lower() for w in (piece.group("dir"), piece.group("piece")
                                            or piece.group("cyr")) if w)
    return part


def _later(tail: str) -> str:
    later = PART_LATER.search(tail, 0, 60)
    if later is None or _OF_REGION.match(tail[later.end():]):
        return ""  # "the largest town in the south-western part of the Donetsk region"
    return f"{(later.group(1) or later.group(2)).lower()} part"


def _in_clause(clause: str) -> str:
    share = PART_SHARE_AFTER.search(clause)
    if share:
        return f"{share.group(1).lower()} part of it"
    under = PERCENT_UNDER.search(clause)
    if under:
        return f"{under.group(1)}% of the city"
    hit = PART_AFTER.search(clause)
    if hit:
        return f"{(hit.group(1) or hit.group(2)).lower()} part"
    piece = _PIECE_AFTER.search(clause)
    if piece is None:
        return ""
    if piece.group("pct"):
        return f"{piece.group('pct')}% of the city"
    words = [w for w in (piece.group("dir"), piece.group("cdir"), piece.group("cdir2"),
                         piece.group("cdir3")) if w]
    if piece.group("rest") or piece.group("crest"):
        return "the rest of it"
    if piece.group("half"):
        return f"{piece.group('half').lower()} of it"
    if piece.group("cmost"):
        return "most of it"
    return f"{words[0].lower()} part" if words else "part of it"


def _only_advances(clause: str, cues: Sequence[Cue]) -> bool:
    """Every contested cue is an advance ("advanced in", "infiltrated", "просунувся в")
    and no cue says who holds the place."""
    contested = [c for c in cues if c.effect == "contested"]
    if not contested or any(c.effect in ("russian", "ukrainian") and not c.denied
                            for c in cues):
        return False
    return all(_ADVANCE.search(clause[c.start:c.end]) for c in contested)
