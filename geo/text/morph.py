"""Dictionary forms of inflected Ukrainian and Russian words (pymorphy3 with its Ukrainian
and Russian dictionaries, offline), so that "в Покровську", "Мирнограда", "Купянском" and
"біля Удачного" find Покровськ, Мирноград, Купянск and Удачне.

:func:`forms` gives the word as written first, then its normal forms (place-name readings
first), then a few case endings stripped and replaced by nominative ones, for names the
dictionaries do not know (most villages). The resolver tries them in that order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pymorphy3

_UKRAINIAN = re.compile(r"[іїєґ’ʼ']", re.I)
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
#: Case ending → nominative endings to try (adjectival -ське/-ське, -ка, -ськ, -е...).
_ENDINGS = (
    ("ського", ("ське", "ський")), ("ському", ("ське", "ськ", "ський")), ("ською", ("ська",)),
    ("ської", ("ська",)), ("ського", ("ське",)), ("ськом", ("ськ",)), ("ська", ("ськ",)),
    ("ську", ("ськ",)), ("ске", ("ськ", "ск")), ("ского", ("ское", "ский")),
    ("ском", ("ск", "ское")), ("ска", ("ск",)), ("ого", ("е", "ое", "ий", "ый")),
    ("ому", ("е", "ое")), ("івки", ("івка",)), ("івці", ("івка",)), ("івку", ("івка",)),
    ("овки", ("овка",)), ("овке", ("овка",)), ("овку", ("овка",)), ("ки", ("ка",)),
    ("ці", ("ка",)), ("ку", ("ка",)), ("ке", ("ка",)), ("кой", ("ка",)), ("ою", ("а",)),
    ("ої", ("а",)), ("ом", ("",)), ("ові", ("",)), ("ого", ("",)), ("у", ("", "а")),
    ("а", ("", "е")), ("і", ("а", "е", "")), ("и", ("а", "")), ("е", ("а", "")),
    ("я", ("ь", "")), ("ю", ("я", "ь", "")), ("ів", ("и",)), ("ах", ("и", "ы")),
)


@lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    return pymorphy3.MorphAnalyzer(lang=lang)


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@lru_cache(maxsize=20_000)
def forms(word: str) -> tuple[str, ...]:
    """Candidate dictionary forms of ``word`` (itself first); Latin words are returned alone."""
    if not is_cyrillic(word):
        return (word,)
    langs = ("uk", "ru") if _UKRAINIAN.search(word) else ("ru", "uk")
    out = [word]
    for lang in langs:
        parses = _analyzer(lang).parse(word)
        for p in sorted(parses, key=lambda p: ("Geox" not in str(p.tag), -p.score)):
            if p.tag.POS in ("NOUN", "ADJF", None):
                out.append(p.normal_form)
    low = word.lower()
    for ending, replacements in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out += [low[: len(low) - len(ending)] + r for r in replacements]
    parts = word.split("-")
    if len(parts) == 2 and all(len(p) >= 3 for p in parts):
        # «Купянска-Узлового»: each half inflected on its own (Купянск-Узловой)
        out += [f"{a}-{b}" for a in forms(parts[0])[:4] for b in forms(parts[1])[:5]]
    seen: dict[str, None] = {}
    for f in out:
        seen.setdefault(f.lower(), None)
    return tuple(seen)


#: A Russian adjectival name's ending and the Ukrainian one of the same village
#: (Дачное/Дачне, Первомайское/Первомайське, Новая/Нова).
_RU_TO_UK = (("ское", "ське"), ("цкое", "цьке"), ("ое", "е"), ("ая", "а"), ("ый", "ий"))


def ukrainian_forms(word: str) -> tuple[str, ...]:
    """The Ukrainian spelling of a Russian adjectival place name in the nominative, when it
    differs («Дачное» → «Дачне»), else nothing."""
    low = word.lower()
    if not is_cyrillic(word) or _UKRAINIAN.search(word):
        return ()
    for ru, uk in _RU_TO_UK:
        if low.endswith(ru) and len(low) - len(ru) >= 3:
            return (low[: len(low) - len(ru)] + uk,)
    return ()


def phrase_forms(words: list[str]) -> list[str]:
    """Forms of a multi-word name ("Часовому Яру", "Малая Токмачка"): each word's forms
    combined position by position (first forms first), at most a dozen."""
    per = [forms(w)[:4] for w in words]
    out = [" ".join(w) for w in zip(*[p[:1] for p in per], strict=True)]
    for i, options in enumerate(per):
        for option in options[1:]:
            combo = [p[0] for p in per]
            combo[i] = option
            out.append(" ".join(combo))
    if len(per) == 2:
        out += [f"{a} {b}" for a in per[0][1:4] for b in per[1][1:3]]
    return list(dict.fromkeys(out))[:12]


#: Parts of speech no place name has: adverbs, verbs, pronouns and the words of grammar.
_NO_NAME_POS = frozenset({"ADVB", "CONJ", "PREP", "PRCL", "NPRO", "INFN", "VERB", "GRND",
                          "PRED", "INTJ", "NUMR"})


@lru_cache(maxsize=20_000)
def known_word(word: str) -> bool:
    """Whether a dictionary knows ``word`` as an ordinary noun (not a place or a person's
    name): "Місто", "Заяви", "Ворог"; adjectives stay possible names (Удачное). A name
    found only by its consonant skeleton that is such a word is no place."""
    if not is_cyrillic(word):
        return False
    for lang in ("uk", "ru"):
        p = _analyzer(lang).parse(word)[0]
        tag = str(p.tag)
        if p.is_known and p.tag.POS == "NOUN" and not any(
                g in tag for g in ("Geox", "Surn", "Name", "Patr")):
            return True
        if p.is_known and p.tag.POS in _NO_NAME_POS:
            return True  # "Сегодня", "Также", "Однако": an adverb or a word of grammar
    return False


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def _readings(word: str, pos: frozenset[str]) -> set[tuple[str, str]]:
    """(case, number) of ``word``'s readings of a part of speech, in both dictionaries."""
    out: set[tuple[str, str]] = set()
    for lang in ("ru", "uk"):
        for p in _analyzer(lang).parse(word):
            if p.tag.POS in pos and p.tag.case in _CASES and p.tag.number:
                out.add((str(p.tag.case), str(p.tag.number)))
    return out


@lru_cache(maxsize=20_000)
def attribute_of(word: str, noun: str) -> bool:
    """Whether a capitalised Cyrillic ``word`` is an adjective or participle agreeing in
    case and number with the lower-case ``noun`` after it: a title's own words
    ("Вооружённых сил", "Верховным главнокомандующим", "Генерального штаба"), not a place
    named before a common noun."""
    if len(noun) < 3 or not (is_cyrillic(word) and is_cyrillic(noun) and noun[:1].islower()):
        return False
    adjective = _readings(word, frozenset({"ADJF", "PRTF"}))
    return bool(adjective and adjective & _readings(noun, frozenset({"NOUN"})))
