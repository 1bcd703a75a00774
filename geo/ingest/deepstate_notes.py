"""DeepState's change notes (``descriptionEn`` / ``description``, HTML) → linked places with
the status the note's template gives each.

The HTML is read with a real parser (BeautifulSoup over Python's ``html.parser``): the
note's text is flattened with each ``<a>`` kept as a span, split into sentences, and each
link whose ``href`` ends in ``#<zoom>/<lat>/<lon>`` takes the status of the last template
verb before it in its sentence ("the enemy has occupied A and advanced near B": A
occupied, B advanced near). A link with no template verb in its sentence ("the situation
near C was clarified") gives no claim, and neither does one without coordinates; both are
reported with the reason.

Templates (English, then Ukrainian stems, which inflect):

* occupied / captured / seized · окупув-, окупува-, захопи- → Russian-held;
* liberated / de-occupied / recaptured · звільн-, деокуп- → Ukrainian-held;
* advanced (near, in) / advancing · просун-, просува- → fighting reported near the place
  (contested at most; the place itself is not said to change hands);
* a correction ("A was marked as occupied by mistake" · помилково) states the opposite of
  its verb: A is Ukrainian-held (or, for a retracted liberation, Russian-held).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

#: A template's cue → (status, what the note says).
_CUES = re.compile(
    r"(?P<liberated>\bliberat\w*|\bde-?occupi\w*|\brecaptur\w*|\bregain\w*|звільн\w*|"
    r"деокуп\w*)"
    r"|(?P<occupied>\boccupi\w*|\bcaptur\w*|\bseiz\w*|(?<!де)окуп\w*|захопи\w*|захопл\w*)"
    r"|(?P<advanced>\badvanc\w*|\bprogress\w*|просун\w*|просува\w*)",
    re.IGNORECASE)
STATUS_OF = {"occupied": "russian", "liberated": "ukrainian", "advanced": "contested",
             "retracted_occupied": "ukrainian", "retracted_liberated": "russian"}
#: A correction: "A was marked as occupied by mistake" states the opposite of its verb.
_MISTAKE = re.compile(r"\bby mistake\b|\bmistaken\w*|\berroneous\w*|\bin error\b|"
                      r"помилков\w*|хибн\w*", re.IGNORECASE)
_COORDS = re.compile(r"#(\d{1,2}(?:\.\d+)?)/(-?\d{1,2}(?:\.\d+)?)/(-?\d{1,3}(?:\.\d+)?)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_BREAKS = {"br", "p", "div", "li"}


@dataclass(frozen=True)
class NoteLink:
    """One linked place of a change note."""

    name: str
    href: str
    zoom: float | None
    lat: float | None
    lon: float | None
    #: "occupied", "liberated", "advanced", "retracted_occupied", "retracted_liberated", or
    #: None (no template verb in its sentence)
    template: str | None
    cue: str
    sentence: str
    #: the link's span within ``sentence`` (for highlighting)
    start: int
    end: int

    @property
    def status(self) -> str | None:
        """The claim status the template gives (None: no claim)."""
        return STATUS_OF.get(self.template or "")


def _flatten(html: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The note's text and its links as (start, end, href) spans of that text."""
    soup = BeautifulSoup(html, "html.parser")
    parts: list[str] = []
    links: list[tuple[int, int, str]] = []
    size = 0

    def walk(node: Tag) -> None:
        nonlocal size
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is not NavigableString:  # comments, CDATA, doctype
                    continue
                text = re.sub(r"\s+", " ", str(child))
                parts.append(text)
                size += len(text)
            elif isinstance(child, Tag):
                if child.name in ("script", "style"):
                    continue
                if child.name == "a":
                    text = re.sub(r"\s+", " ", child.get_text()).strip()
                    href = child.get("href")
                    links.append((size, size + len(text), href if isinstance(href, str)
                                  else ""))
                    parts.append(text)
                    size += len(text)
                    continue
                if child.name in _BREAKS:
                    parts.append("\n")
                    size += 1
                walk(child)
                if child.name in _BREAKS:
                    parts.append("\n")
                    size += 1

    walk(soup)
    return "".join(parts), links


def _coords(href: str) -> tuple[float, float, float] | None:
    m = _COORDS.search(href)
    if not m:
        return None
    zoom, lat, lon = (float(g) for g in m.groups())
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return zoom, lat, lon


def parse_note(html: str) -> list[NoteLink]:
    """Every linked place of a change note, in order, with its template (or None)."""
    text, links = _flatten(html or "")
    bounds = [0]
    for m in _SENTENCE_END.finditer(text):
        inside_link = any(a < m.start() < b for a, b, _ in links)
        if not inside_link:
            bounds.append(m.end())
    bounds.append(len(text))
    out = []
    for start, end, href in links:
        s0 = max(b for b in bounds if b <= start)
        s1 = min(b for b in bounds if b >= end)
        raw = text[s0:s1]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        a, b = start - s0 - lead, end - s0 - lead
        before = list(_CUES.finditer(sentence[:a]))
        cue = before[-1] if before else None
        if cue is None:  # passive: "A was occupied"
            after = _CUES.search(sentence[b:])
            others_between = after is not None and any(
                s0 + lead + b < la < s0 + lead + b + after.start() for la, _, _ in links)
            cue = after if after is not None and not others_between else None
        template = cue.lastgroup if cue is not None else None
        if template in ("occupied", "liberated") and _MISTAKE.search(sentence):
            template = f"retracted_{template}"
        place = _coords(href)
        out.append(NoteLink(
            name=text[start:end], href=href,
            zoom=place[0] if place else None, lat=place[1] if place else None,
            lon=place[2] if place else None, template=template,
            cue=cue.group() if cue is not None else "", sentence=sentence, start=a, end=b))
    return out
