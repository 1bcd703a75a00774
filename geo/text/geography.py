"""What a text says about where its places lie: oblast and region phrases, and places
outside Ukraine.

:func:`regions` finds every region phrase with its span: "in the Donetsk region",
"Kharkiv oblast's", "the Dnipropetrovsk Oblast village of", "Zaporozhye region",
"на Донеччині", "Донецької області", "Запорожской области", "Donetsk People's Republic"
(→ Donetsk), and the Russian regions ("Russia's Kursk region", "Kursk Oblast",
"Курской области", "Бєлгородщина"), marked ``abroad``, and raions ("Бериславського
району", "Pokrovsk district"). :func:`region_for` picks the one
that applies to a mention: the nearest in the same comma-delimited stretch, after it
first ("Sverdlikovo in Russia's Kursk region"), then before it ("the Dnipropetrovsk Oblast
village of Dachne").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.places.context import raion_key

#: Stem (Latin or Cyrillic, lower case) → oblast name as the places table spells it.
_OBLAST_STEMS = (
    ("donet", "Donetsk"), ("донец", "Donetsk"), ("донеч", "Donetsk"), ("донецьк", "Donetsk"),
    ("luhan", "Luhansk"), ("lugan", "Luhansk"), ("луган", "Luhansk"), ("луганщ", "Luhansk"),
    ("khark", "Kharkiv"), ("харк", "Kharkiv"), ("харьк", "Kharkiv"), ("харків", "Kharkiv"),
    ("zapor", "Zaporizhzhia"), ("запор", "Zaporizhzhia"), ("запоріж", "Zaporizhzhia"),
    ("dnipropetr", "Dnipropetrovsk"), ("dnepropetr", "Dnipropetrovsk"),
    ("дніпропетр", "Dnipropetrovsk"), ("днепропетр", "Dnipropetrovsk"),
    ("kherson", "Kherson"), ("херсон", "Kherson"), ("sum", "Sumy"), ("сум", "Sumy"),
    ("mykola", "Mykolaiv"), ("nikola", "Mykolaiv"), ("микола", "Mykolaiv"),
    ("никола", "Mykolaiv"), ("chernih", "Chernihiv"), ("черніг", "Chernihiv"),
    ("черниг", "Chernihiv"), ("odes", "Odesa"), ("одес", "Odesa"), ("poltav", "Poltava"),
    ("полтав", "Poltava"), ("kyiv", "Kyiv"), ("київ", "Kyiv"), ("киев", "Kyiv"),
)
_ABROAD_STEMS = ("kursk", "курск", "курськ", "курщ", "belgorod", "bilhorod", "белгород",
                 "бєлгород", "бєлгородщ", "bryansk", "брянск", "брянськ", "брянщ", "rostov",
                 "ростов", "voronezh", "воронеж")

_EN = re.compile(
    r"(?P<abroad>Russia's\s+|Russian\s+)?\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?:\s+(?:region|oblast|Oblast|Region|province|People's\s+Republic|Peoples\s+Republic)"
    r"(?:'s)?\b)", re.U)
_EN_OF = re.compile(r"\b(?:region|oblast|province) of (?P<name>[A-Z][a-z]+)\b", re.I)
_CYR = re.compile(
    r"\b(?P<name>[А-ЯІЇЄҐ][а-яіїєґ']+(?:ой|ій|ої|ая|ую|ого|ська|ська|ская|ской|кая|кой|ської|"
    r"ську|ській))\s+(?:област[иіьюей]\w*|Народн\w+\s+Республик\w*|народн\w+\s+республік\w*|"
    r"обл\.)"
    r"|\b(?:на|в|у)\s+(?P<short>Запоріжжі|Запорожье|Донбас\w*)"
    # the -щина/-ччина name of an oblast in any case, with or without a preposition:
    # «три села Харківщини», «на Донеччині», «Харьковщины»
    r"|(?<![\w'’])(?P<short2>[А-ЯІЇЄҐ][а-яіїєґ]+(?:щин|ччин)(?:ою|ой|[аиуіые]))(?![\w'’])"
    r"|\b(?P<abbr>ДНР|ЛНР|ДНР|Курщин\w*|Бєлгородщин\w*|Брянщин\w*)", re.U)


_NICKNAME = re.compile(r"[А-ЯІЇЄҐ][а-яіїєґ]+(?:щин|ччин)(?:ою|ой|[аиуіые])")


def is_region_word(word: str) -> bool:
    """Whether ``word`` is the -щина/-ччина name of an oblast or Russian region in any case
    («Харківщини», «Донеччині», «Харьковщины», «Курщину»): a region, never a village."""
    if not _NICKNAME.fullmatch(word):
        return False
    oblast, abroad = _oblast_of(word)
    return bool(oblast or abroad)


#: A raion: «Бериславського району», «Покровского района», "Pokrovsk district",
#: "Beryslavskyi raion".
_RAION = re.compile(r"\b(?P<cyr>[А-ЯІЇЄҐ][а-яіїєґ'’-]+(?:ського|ському|ському|ський|ского|ском|"
                    r"ский))\s+район(?:у|а|і|е)?\b"
                    r"|\b(?P<en>[A-Z][a-z'’-]+)\s+(?:district|raion|rayon)\b", re.U)


@dataclass(frozen=True)
class Region:
    """A region phrase: its span, the oblast it names (None abroad) and whether abroad;
    for a raion, its key (:func:`geo.places.context.raion_key`)."""

    start: int
    end: int
    oblast: str | None
    abroad: bool
    raion: str | None = None


def _oblast_of(word: str) -> tuple[str | None, bool]:
    low = word.lower()
    if low.startswith(_ABROAD_STEMS):
        return None, True
    if low.startswith(("донбас", "donbas")):  # в Донбассе, на Донбасі
        return "Donetsk", False
    for stem, oblast in _OBLAST_STEMS:
        if low.startswith(stem) and not (stem in ("sum", "сум") and len(low) > 6 and
                                         not low.startswith(("sumy", "сумск", "сумськ",
                                                             "сумщ"))):
            return oblast, False
    return None, False


def regions(text: str) -> list[Region]:
    """Every region phrase in ``text`` (oblasts of Ukraine and regions of Russia)."""
    out = []
    for m in _EN.finditer(text):
        oblast, abroad = _oblast_of(m.group("name"))
        if oblast or abroad:
            out.append(Region(m.start(), m.end(), oblast, abroad or bool(m.group("abroad")
                                                                          and not oblast)))
    for m in _EN_OF.finditer(text):
        oblast, abroad = _oblast_of(m.group("name"))
        if oblast or abroad:
            out.append(Region(m.start(), m.end(), oblast, abroad))
    for m in _CYR.finditer(text):
        word = (m.group("name") or m.group("short") or m.group("short2") or m.group("abbr")
                or "")
        if word in ("ДНР",):
            out.append(Region(m.start(), m.end(), "Donetsk", False))
            continue
        if word == "ЛНР":
            out.append(Region(m.start(), m.end(), "Luhansk", False))
            continue
        oblast, abroad = _oblast_of(word)
        if oblast or abroad:
            out.append(Region(m.start(), m.end(), oblast, abroad))
    for m in _RAION.finditer(text):
        key = raion_key(m.group("cyr") or m.group("en"))
        if key:
            out.append(Region(m.start(), m.end(), None, False, key))
    # "five kilometres from the border with Belgorod oblast": a border named, not the
    # region the sentence is about
    out = [r for r in out if not (r.abroad and _BORDER_WITH.search(text[max(0, r.start - 40):
                                                                        r.start]))]
    return sorted(out, key=lambda r: r.start)


#: Right before a Russian region's name: it names the border, not where things happen.
_BORDER_WITH = re.compile(r"(?:границ\w*\s+с|кордон\w*\s+(?:з|із)|border\s+with|"
                          r"borders?\s+(?:of|on))\s+(?:the\s+|Russia['’]s\s+)?$", re.I)


#: Words just before a name saying it lies in Russia.
ABROAD_BEFORE = re.compile(r"\b(?:Russian (?:town|city|village|settlement|border town)s?"
                           r"(?: of)?|in Russia(?:'s)?|inside Russia|российск\w+ (?:город|"
                           r"сел\w+)|російськ\w+ (?:місто|село|міста|села))\s*$", re.I)
_STRETCH = re.compile(r"[,;:().]|\band\b|\bі\b|\bи\b|\bта\b")
#: An apposition between a name and its region: "Andriivka, a village south of Bakhmut in",
#: "Danylivka, the latter located just across the border in".
_APPOSITION = re.compile(r"^,\s+(?:(?:a|the|an)\s+(?:[\w-]+\s+){0,2}(?:village|town|city|"
                         r"settlement)\b|the latter\b|the former\b|which (?:is|lies)\b|"
                         r"(?:located|lying|situated)\b)[^,;.]*$", re.I)


#: A list of names, then "in": "A, B and C in the ...".
_LIST_THEN_IN = re.compile(r"(?:\s*(?:,|\band\b|\bи\b|\bта\b|\bі\b)\s*[A-ZА-ЯІЇЄҐ][\w'’-]*"
                           r"(?:\s+[A-ZА-ЯІЇЄҐ][\w'’-]*)?)+\s+(?:in|в|у)\s+(?:the\s+)?")


def region_for(text: str, start: int, end: int, found: list[Region]) -> Region | None:
    """The region phrase that applies to the mention at ``start:end`` of ``text``."""
    after = [r for r in found if r.start >= end and r.start - end <= 60
             and (not _STRETCH.search(text[end:r.start].replace("'s", ""))
                  or _APPOSITION.match(text[end:r.start]))]
    if after:
        return after[0]
    after_comma = [r for r in found if r.start >= end and r.start - end <= 40 and
                   re.fullmatch(r"\s*,\s*(?:in\s+)?(?:the\s+)?", text[end:r.start])]
    if after_comma:
        return after_comma[0]
    listed = [r for r in found if r.start >= end and r.start - end <= 150 and (
              _LIST_THEN_IN.fullmatch(text[end:r.start])) and not r.abroad]
    if listed:  # "the settlements of A, B and C in the Donetsk People's Republic"
        return listed[0]
    listed = [r for r in found if r.start >= end and r.start - end <= 150 and
              re.search(r"(?:\(|,\s*)(?:all|both) in (?:the )?$",
                        text[max(0, r.start - 14):r.start])
              and not re.search(r"[.;]", text[end:r.start])]
    if listed:  # "seized Sudzha, Podol, and Melovoy (all in Kursk Oblast)"
        return listed[0]
    before = [r for r in found if r.end <= start and start - r.end <= 40
              and not _STRETCH.search(text[r.end:start])]
    return before[-1] if before else None
