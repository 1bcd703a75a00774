"""Name keys for matching place names across spellings, scripts and transliterations.

* :func:`fold`: case, accents, apostrophes (``'``, ``’``, ``ʼ``) and hyphens.
* :func:`latin`: Cyrillic (Ukrainian or Russian) to a plain Latin transliteration.
* :func:`skeleton`: consonants only, ``g``/``h``/``kh`` merged, doubles collapsed, so that
  Kupyansk/Kupiansk, Mirnograd/Myrnohrad, Dobropiliya/Dobropillia, Slavyansk/Sloviansk and
  Novouspenovske/Novouspenivske share a key. Lossy: a match on it has lower confidence.

The search index folds every spelling of the national places table (~200,000) three times,
so each key is a few calls of C string methods (``str.translate`` with tables built once),
never a Python loop over characters.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

#: Apostrophes and quotes, dropped from a key (Kup’yans'k, Kupʼiansk, "Kupiansk").
APOSTROPHES = "'’ʼ`´‘\"”“"
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


@functools.cache
def _dropped() -> dict[int, None]:
    """``str.translate`` table deleting every combining mark and the apostrophes (built on
    first use, ~0.1 s). Deleting the apostrophes before case folding, not after, changes
    nothing: case folding neither makes nor removes one."""
    marks = {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}
    return marks | dict.fromkeys(map(ord, APOSTROPHES))


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive key: ``"Kup’yans'k"`` → ``"kupyansk"``."""
    text = unicodedata.normalize("NFKD", str(text)).translate(_dropped()).casefold()
    return _SEPARATORS.sub(" ", text).strip()


_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "e",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e",
    "ю": "iu", "я": "ia",
}
_LATIN = str.maketrans(_CYRILLIC)
_DIGRAPHS = (("shch", "S"), ("zh", "Z"), ("kh", "h"), ("ts", "C"), ("ch", "c"), ("sh", "S"),
             ("g", "h"), ("w", "v"), ("q", "k"), ("x", "ks"))
#: What a word's skeleton drops: vowels, digits, ``_`` and every other non-word character
#: but the space between words (the words are keyed together, see :func:`skeleton`).
_NON_CONSONANT = re.compile(r"[aeiouyj\d_]+|[^\w ]+")
_DOUBLES = re.compile(r"(.)\1+")


def latin(text: str) -> str:
    """Folded Latin transliteration: ``"Куп’янськ"`` → ``"kupiansk"``."""
    return fold(text).translate(_LATIN)


def skeleton(text: str) -> str:
    """Consonant skeleton of each word, space-separated: ``"Kupyansk"`` → ``"kpnsk"``.

    The words are reduced together: :func:`latin` leaves single spaces between them and no
    rule crosses a space; a word reduced to nothing leaves a double space, which the
    collapse of doubles makes single, and the ends are stripped.
    """
    word = latin(text)
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    return _DOUBLES.sub(r"\1", _NON_CONSONANT.sub("", word)).strip()
