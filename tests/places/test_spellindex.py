"""geo.places.spellindex: the keyed search gives exactly what masks over every spelling give
(``PlaceIndex.find_by_masks``, the straightforward search it replaced), on the bundled
table, for sampled names, their halves and insides, and typed queries."""

from __future__ import annotations

import numpy as np
import pytest

from geo.places.lookup import PlaceIndex
from geo.places.table import load_places
from tests.fixtures import BUNDLED_DIR
from tests.places.geonames import BUNDLED


def _reference(index: PlaceIndex, query: str, limit: int) -> list[tuple[str, str, int]]:
    out = index.find_by_masks(query, limit=limit)
    return list(zip(out["id"], out["matched"], out["tier"].astype(int), strict=True))


def _got(index: PlaceIndex, query: str, limit: int) -> list[tuple[str, str, int]]:
    out = index.find(query, limit=limit)
    return list(zip(out["id"], out["matched"], out["tier"].astype(int), strict=True))


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(BUNDLED.settlements, load_places(BUNDLED_DIR))


def _queries(index: PlaceIndex) -> list[str]:
    rng = np.random.default_rng(13)
    texts = index.names["text"].to_numpy(dtype=object)
    picked = [str(t) for t in texts[rng.choice(len(texts), 120, replace=False)]]
    cut = [t[: max(2, len(t) // 2)] for t in picked[:60]]          # prefixes
    inner = [t[1:-1] for t in picked[60:100] if len(t) > 4]        # inside a name
    typed = ["Pokrovsk", "Chasiv Yar", "Kupyansk", "Бахмут", "kupyansk vuzlovyi", "Купянск",
             "Dzerzhinsk", "Xyzzyville", "Novo", "ivka", "Ново", "a", "Zaporizhzhia",
             "Kup'yans'k", "Mykolaivka", "Olek", "Stepove", "Andriivka", "  ", "-", "ь"]
    return picked + cut + inner + typed


@pytest.mark.parametrize("limit", [1, 3, 10, 50])
def test_the_keyed_search_equals_the_masks(index: PlaceIndex, limit: int) -> None:
    wrong = [q for q in _queries(index) if _got(index, q, limit) != _reference(index, q, limit)]
    assert not wrong, wrong[:10]
