"""Name keys for matching place names across spellings, scripts and transliterations.

* :func:`fold`: case, accents, apostrophes (``'``, ``’``, ``ʼ``) and hyphens.
* :func:`latin`: Cyrillic (Ukrainian or Russian) to a plain Latin transliteration.
* :func:`skeleton`: consonants only, ``g``/``h``/``kh`` merged, doubles collapsed, so that
  Kupyansk/Kupiansk, Mirnograd/Myrnohrad, Dobropiliya/Dobropillia, Slavyansk/Sloviansk and
  Novouspenovske/Novouspenivske share a key. Lossy: a match on it has lower confidence.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\'’ʼ`´‘\"”“]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive key: ``"Kup’yans'k"`` → ``"kupyansk"``."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    return _SEPARATORS.sub(" ", text).strip()



_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "e",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e",
    "ю": "iu", "я": "ia",
}
_DIGRAPHS = (("shch", "S"), ("zh", "Z"), ("kh", "h"), ("ts", "C"), ("ch", "c"), ("sh", "S"),
             ("g", "h"), ("w", "v"), ("q", "k"), ("x", "ks"))
_NON_CONSONANT = re.compile(r"[aeiouyj\W\d_]+")


def latin(text: str) -> str:
    """Folded Latin transliteration: ``"Куп’янськ"`` → ``"kupiansk"``."""
    return "".join(_CYRILLIC.get(ch, ch) for ch in fold(text))


def skeleton(text: str) -> str:
    """Consonant skeleton of each word, space-separated: ``"Kupyansk"`` → ``"kpnsk"``."""
    words = []
    for word in latin(text).split():
        for src, dst in _DIGRAPHS:
            word = word.replace(src, dst)
        word = _NON_CONSONANT.sub("", word)
        word = re.sub(r"(.)\1+", r"\1", word)
        if word:
            words.append(word)
    return " ".join(words)
