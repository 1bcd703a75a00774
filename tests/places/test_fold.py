"""Name keys: folding, transliteration and consonant skeletons, on hand-worked spellings."""

from __future__ import annotations

import pytest

from geo.places.fold import fold, latin, skeleton


@pytest.mark.parametrize(("text", "key"), [
    ("Kup’yans'k", "kupyansk"),
    ("Kupʼiansk", "kupiansk"),
    ("  Nova   Kakhovka ", "nova kakhovka"),
    ("Kupiansk-Vuzlovyi", "kupiansk vuzlovyi"),
    ("Sviatohirsk — Lyman", "sviatohirsk lyman"),
    ("Zaporizhzhia_Oblast", "zaporizhzhia oblast"),
    ("Dnipro\tRiver", "dnipro river"),
    ("Hulyaypóle", "hulyaypole"),
    ("e\u0301", "e"),                      # a combining accent on its own letter
    ("İzium", "izium"),                    # dotted capital I: no stray combining dot
    ("ﬁ", "fi"),                           # compatibility ligature
    ('"Kramatorsk"', "kramatorsk"),
    ("", ""),
])
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(("text", "key"), [
    ("Куп’янськ", "kupiansk"),
    ("Часів Яр", "chasiv iar"),
    ("Щастя", "shchastia"),
    ("Подъячевка", "podiachevka"),
    ("Bakhmut", "bakhmut"),
])
def test_latin(text: str, key: str) -> None:
    assert latin(text) == key


@pytest.mark.parametrize(("text", "key"), [
    ("Kupyansk", "kpnsk"),
    ("Kupiansk", "kpnsk"),
    ("Mirnograd", "mrnhrd"),
    ("Myrnohrad", "mrnhrd"),
    ("Dobropillia", "dbrpl"),
    ("Dobropiliya", "dbrpl"),
    ("kupyansk vuzlovyi", "kpnsk vzlv"),
    ("Ust-Ia 2", "st"),             # a word of vowels and digits leaves no key of its own
    ("Ia Kupiansk", "kpnsk"),       # ... at the start
    ("Kupiansk Ia Vuzlovyi", "kpnsk vzlv"),   # ... between two words: one space
    ("Shchastia", "Sst"),
    ("Oo", ""),
])
def test_skeleton(text: str, key: str) -> None:
    assert skeleton(text) == key
