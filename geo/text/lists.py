"""Enumerations of places in a report: the members of one list share its head.

Bulletins name places in lists: "repelled attacks in the areas of 14 settlements, including
A in the Luhansk region, B, C and D", «від окупантів звільнено населені пункти A, B, … та C
Бериславського району», "took control of the city of X and a number of nearby settlements,
the largest of which are A, B and C". Whatever stands before the list (a verb of capture,
"in the areas of", «у районах») governs every member, however long the list, and a region
named after its last member («… Бериславського району», "in the Donetsk region") is where
all of them lie.

:func:`enumerations` groups a text's mentions into such lists by what stands between two
neighbours (:data:`GLUE`): list punctuation and conjunctions, a region or raion qualifier,
a parenthesis, and the phrases that open a list's members after a collective noun ("14
settlements, including", "settlements, the largest of which are", «крупнейшие из
которых», «серед них»). A verb, a full stop or any other word ends a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

__all__ = ["GLUE", "PLAIN_GLUE", "Spanned", "enumerations", "is_glue", "list_heads", "plain_head"]


class Spanned(Protocol):
    """Anything with a span in the text (a mention)."""

    start: int
    end: int


#: Conjunctions and list punctuation between two members (en, uk, ru).
_JOIN = (r"(?:\s*,\s*(?:(?:and|or|та|і|й|и|а також|а также|as well as)\s+)?|\s+(?:and|or|та|і|й|и|"
         r"as well as|а также|а також)\s+|\s*…\s*|\s*\.\.\.\s*)")
#: A region or raion named after a member: "in the Luhansk region", "of Donetsk Oblast",
#: «Донецької області», «Бериславського району», "(Zaporizhzhia region)".
_QUALIFIER = (r"(?:\s*\([^()]{1,40}\)|\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+People's)?"
              r"\s+(?:[Rr]egion|[Oo]blast|[Dd]istrict|[Rr]aion|Republic)|"
              r"\s+[А-ЯІЇЄҐ][а-яіїєґё'’]+(?:ої|ой|ого|ської|ского|ського)\s+"
              r"(?:област[іиь]|району|района|обл\.))")
#: A collective noun, then the words that open its members: "a number of nearby
#: settlements, the largest of which are", "14 settlements, including", «населенных пунктов,
#: крупнейшие из которых», «сіл, серед яких», «зокрема».
_OPENER = (r"(?:\s+(?:and|та|і|и)\s+(?:a\s+number\s+of|several|\d+|ряд\w*|ще|кілька|несколько)"
           r"\s+(?:\w+\s+){0,2}?(?:settlements?|villages?|населен\w+\s+пункт\w*|"
           r"населён\w+\s+пункт\w*|сел\w*|селищ\w*)\s*)?"
           r"(?:,\s*|\s+)(?:the\s+(?:largest|biggest|main)\s+of\s+which\s+(?:are|were|is)|"
           r"including|among\s+them|among\s+which|such\s+as|namely|"
           r"крупнейши\w+\s+из\s+которых|в\s+том\s+числе|среди\s+которых|среди\s+них|"
           r"найбільш\w+\s+з\s+яких|серед\s+яких|серед\s+них|зокрема|у\s+тому\s+числі)"
           r"\s*:?\s*")
#: Words that name the kind of place before a member: "the villages of", «селище».
_KIND = (r"(?:(?:the\s+)?(?:city|town|village|settlement)s?\s+of\s+|"
         r"(?:місто|село|селище|город|поселок|посёлок)\s+|"
         # «…, а также населённых пунктов A, B и C»: the kind in any case, singular or plural
         r"(?:населён|населен|населе)\w*\s+пункт\w*\s+|(?:сёл|сіл|сел[аоу]|селищ\w*|"
         r"посёлк\w+|поселк\w+|город\w*|міст[аі])\s+)?")
GLUE = re.compile(rf"(?:{_QUALIFIER})?(?:{_JOIN}|{_OPENER}){_KIND}", re.I)
#: Only punctuation, conjunctions and a qualifier: "A, B та C Бериславського району" is one
#: list's places; "the city of A and the town of B in Kharkiv region" puts only B there.
PLAIN_GLUE = re.compile(rf"(?:{_QUALIFIER})?{_JOIN}", re.I)
#: One capitalized word the gazetteer does not know, between two members ("Красное,
#: Морохорец и Олейниково": a misspelt or missing village): still one list.
_UNKNOWN = r"(?-i:[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’ʼ-]+)"
_SKIP_GLUE = re.compile(rf"{_JOIN}{_UNKNOWN}{_JOIN}", re.I)


#: ", and" after a single name: a new conjunct, not a list ("east of Kupiansk, and B, a
#: village ..."); a list of two is written "A and B", of more "A, B, and C".
_COMMA_AND = re.compile(r"\s*,\s+(?:and|or)\s+")


def is_glue(between: str) -> bool:
    """Whether ``between`` (the text between two names) only joins them in one list."""
    return bool(GLUE.fullmatch(between))


def enumerations(text: str, mentions: Sequence[Spanned],
                 plain: bool = False) -> list[list[int]]:
    """Indexes of ``mentions`` (sorted by start) grouped into lists, in order; a mention
    in no list is a list of one. ``plain``: joined by :data:`PLAIN_GLUE` only."""
    glue = PLAIN_GLUE if plain else GLUE
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        between = text[mentions[groups[-1][-1]].end:m.start] if groups else ""
        if groups and (glue.fullmatch(between) or _SKIP_GLUE.fullmatch(between)) and not (
                len(groups[-1]) == 1 and _COMMA_AND.fullmatch(between)):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def list_heads(text: str, mentions: Sequence[Spanned]) -> dict[int, int]:
    """For each mention's index, the index of the first member of its list."""
    return {i: group[0] for group in enumerations(text, mentions) for i in group}


#: "nearby" describing the list's collective noun ("a number of nearby settlements, the
#: largest of which are"): where those places lie, not that the names are context.
_NEARBY_NOUN = re.compile(r"\b(?:nearby|surrounding|neighbouring|neighboring|близлежащ\w*|"
                          r"соседн\w*|сусідн\w*|навколишн\w*)\s+(?=(?:\w+\s+)?(?:settlements?|"
                          r"villages?|towns?|населен\w+|населён\w+|сел\w*))", re.I)


def plain_head(before: str) -> str:
    """The words before a list with an adjective of its collective noun dropped."""
    return _NEARBY_NOUN.sub("", before)
