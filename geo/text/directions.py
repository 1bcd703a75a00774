"""Direction words that say where a named place lies: "Vyshneve (northwest of Selydove)",
"Andriivka, just south of Bakhmut", "attacked southeast of Novopavlivka near Horikhove",
"in the Pokrovsk direction, ... near Udachne", "on the Kupiansk axis", "на Покровському
напрямку", "на Купянском направлении".

:func:`directions` finds the phrases with the town they name; :func:`toward_for` picks the
one that applies to a mention: a relative phrase right after it (in brackets or after a
comma), then a relative phrase before it in its clause ("southeast of X near Y, Z"), then
the direction or axis named earlier in its sentence, then in its paragraph. The resolver
keeps the namesakes near that town (:class:`geo.places.context.Toward`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)?"
_COMPASS = (r"north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
            r"northeast|northwest|southeast|southwest")
#: "northwest of Selydove", "south of the city of Bakhmut", "west of Donetsk city", "north of
#: the already Russian-controlled village of Hrabovske".
RELATIVE = re.compile(rf"\b(?P<dir>(?i:{_COMPASS}))(?:ern)?\s+of\s+(?:the\s+(?:[\w-]+\s+){{0,3}}?"
                      rf"(?:city|town|village)\s+of\s+)?(?P<name>{_NAME})")
#: "the Pokrovsk direction", "the Kupiansk axis", "direction of Kostyantynivka".
AXIS = re.compile(rf"\b(?P<name>{_NAME})\s+(?:direction|axis|sector)\b|"
                  rf"\b(?:direction|axis) of (?P<name2>{_NAME})")
#: "на Покровському напрямку", "на Купянском направлении": the adjective of a town.
AXIS_CYR = re.compile(r"\b(?:на|в|у)\s+(?P<adj>[А-ЯІЇЄҐ][а-яіїєґё'’]+?)(?:ому|ом|ім)\s+"
                      r"(?:напрям\w*|направлени\w*)")
#: "in Krasnopillia hromada", "Очеретинська громада": the hromada of a town, its centre.
HROMADA = re.compile(rf"\b(?P<name>{_NAME})\s+(?:hromada|community)\b|"
                     r"\b(?P<adj>[А-ЯІЇЄҐ][а-яіїєґё'’]+?)(?:ська|ській|ської|ську|цька|цькій|"
                     r"цької|цьку)\s+(?:територіальн\w+\s+)?громад\w*")
#: Between a mention and a relative phrase that describes it.
_AFTER = re.compile(r"^\s*(?:\(|,\s*|\s)(?:(?:a|the)\s+(?:small\s+)?(?:village|town|city|"
                    r"settlement)\s+|just\s+|some\s+\d+\s*km\s+(?:\([^)]*\)\s+)?|about\s+\d+\s*km\s+"
                    r"|located\s+)*$", re.I)
#: Between a relative phrase and a mention it places: "southeast of X near Y, Z and".
_BEFORE = re.compile(r"^[^.;:()]{0,12}?\b(?:near|in|at|around|toward|towards)\s+"
                     r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s*\([^)]{0,40}\))?(?:,\s*|\s+and\s+|"
                     r"\s+))*$")


#: Between a mention and an axis phrase that places it: "X on the Y direction", "X (Y axis)".
_AXIS_AFTER = re.compile(r"^\s*(?:\(|,\s*)?(?:(?:on|in|along)\s+)?(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Direction:
    """A direction phrase: its span, the town's name as written, the bearing word (None for
    an axis) and whether it is an axis."""

    start: int
    end: int
    name: str
    bearing: str | None
    axis: bool
    hromada: bool = False


def _stem_forms(adj: str) -> list[str]:
    """Town names an axis adjective may come from: Покровськ(ий) → Покровськ."""
    return [adj, adj + "е", adj + "а"]


def directions(text: str) -> list[Direction]:
    """Every direction phrase of ``text``, in order."""
    out = [Direction(m.start(), m.end(), m.group("name"),
                     m.group("dir").lower().replace("-", ""), False)
           for m in RELATIVE.finditer(text)]
    out += [Direction(m.start(), m.end(), m.group("name") or m.group("name2"), None, True)
            for m in AXIS.finditer(text)]
    out += [Direction(m.start(), m.end(), m.group("adj"), None, True)
            for m in AXIS_CYR.finditer(text)]
    out += [Direction(m.start(), m.end(), m.group("name") or m.group("adj"), None, True, True)
            for m in HROMADA.finditer(text)]
    return sorted(out, key=lambda d: d.start)


def names_of(direction: Direction) -> list[str]:
    """The spellings to look the direction's town up by."""
    return _stem_forms(direction.name) if direction.axis and re.match(
        r"[А-ЯІЇЄҐ]", direction.name) else [direction.name]


def toward_for(text: str, start: int, end: int, found: list[Direction],
               sentence: tuple[int, int], paragraph: tuple[int, int]) -> Direction | None:
    """The direction phrase that places the mention at ``start:end``, if any."""
    for d in found:  # "Vyshneve (northwest of Selydove)", "Andriivka, just south of Bakhmut"
        if not d.axis and d.start >= end and _AFTER.match(text[end:d.start]) and \
                text[d.start:d.end].split()[-1] != text[start:end].split()[-1]:
            return d
    for d in reversed(found):  # "attacked southeast of Novopavlivka near Horikhove, ..."
        if not d.axis and d.end <= start and _BEFORE.match(text[d.end:start]):
            return d
    for d in found:  # "Novoandriivka on the Orikhiv direction", "X (Pokrovsk axis)"
        if d.axis and d.start >= end and _AXIS_AFTER.match(text[end:d.start]):
            return d
    axes = [d for d in found if d.axis and not d.hromada and d.end <= start]
    for lo, _hi in (sentence, paragraph):
        inside = [d for d in axes if d.start >= lo]
        if inside:
            return inside[-1]
    return None
