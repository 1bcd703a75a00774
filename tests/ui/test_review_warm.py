"""The Add claims page's warm-up hands the extractor to the worker under the key the click
looks it up by: with the maps' store given (the page always gives it), a mismatch sent the
~30 MB extractor a second time behind the first "Find claims" (bench/first_find.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from tests.db.data import TODAY, tiny_data
from ui import extraction, review


def test_the_warm_up_primes_the_key_the_click_uses(tmp_path: Path, monkeypatch) -> None:
    ds = load_dataset(tiny_data(tmp_path / "data"), today=TODAY)
    store, maps = tmp_path / "store", tmp_path / "maps"
    built: list[tuple] = []
    primed: list[object] = []
    done = threading.Event()

    def fake_extractor(_ds, ds_key, st, mp=None):
        built.append((ds_key, st, mp))
        return "the extractor", None

    def fake_prime(found_by, key):
        primed.append(key)
        done.set()
        return True

    monkeypatch.setattr(review, "extractor", fake_extractor)
    monkeypatch.setattr(extraction, "prime", fake_prime)
    monkeypatch.setattr(review, "_warmed", set())
    review.warm(ds, ("warm", 1), store, maps)
    assert done.wait(10), "the warm-up thread did not hand the extractor over"
    assert built == [(("warm", 1), store, maps)]        # the same cache entry as the click's
    assert primed == [review.extraction_key(("warm", 1), store, maps)]
    assert review.extraction_key(("warm", 1), store, maps) != review.extraction_key(
        ("warm", 1), store, store)


@pytest.fixture(autouse=True)
def _no_worker_left() -> Iterator[None]:
    yield
    extraction.shutdown()
