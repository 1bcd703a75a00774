"""Split a report into sentences, with character offsets into the original text.

Paragraphs (blank lines, or a line break before a capital) are cut first, then each is
segmented by pysbd (rule-based, no model), then a sentence is cut again where a full stop
is followed directly by a capital ("...Vilcha.The ministry said"), which pysbd keeps
together. The text is never changed: every span indexes the original.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import pysbd

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[A-ZА-ЯІЇЄҐ\"“«])")
#: A full stop, question or exclamation mark glued to the next sentence's capital.
_GLUED = re.compile(r"(?<=[a-zа-яіїєґ0-9\)»”\"])[.!?](?=[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ])")


#: A short abbreviation ending a piece ("116,7 тис.", "2 млн.", "тыс.") and a piece going on in
#: lower case after it: one sentence.
_ABBREVIATED = re.compile(r"\b(?:тис|тыс|млн|млрд|км|кв|ст|обл|р-н|ths|sq|approx)\.$", re.I)
_GOES_ON = re.compile(r"[a-zа-яіїєґё]")


@lru_cache(maxsize=2)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, leading and trailing blanks excluded."""
    language = "ru" if re.search(r"[а-яіїєґ]", text[:2000], re.I) else "en"
    out: list[tuple[int, int]] = []
    for p0, p1 in _paragraphs(text):
        for span in _segmenter(language).segment(text[p0:p1]):
            a, b = p0 + span.start, p0 + span.end
            cuts = [a, *(m.end() for m in _GLUED.finditer(text, a, b)), b]
            for x, y in itertools.pairwise(cuts):
                piece = text[x:y]
                lead = len(piece) - len(piece.lstrip())
                x, y = x + lead, x + len(piece.rstrip())
                if y > x and out and _GOES_ON.match(text, x) and _ABBREVIATED.search(
                        text, out[-1][0], out[-1][1]):
                    out[-1] = (out[-1][0], y)  # "116,7 тис. км²": an abbreviation, no end
                elif y > x:
                    out.append((x, y))
    return out
