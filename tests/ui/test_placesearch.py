"""The sidebar search's index: built once per dataset, best first, nearest names on a miss."""

from __future__ import annotations

from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR
from ui import placesearch


def test_index_built_once_per_dataset_and_matches_best_first() -> None:
    ds = load_dataset(BUNDLED_DIR)
    assert placesearch.place_index(ds) is placesearch.place_index(ds)
    other = load_dataset(BUNDLED_DIR)               # another version: its own index
    assert placesearch.place_index(other) is not placesearch.place_index(ds)
    ids, note = placesearch.matches(ds, "kupyansk vuzlovyi")
    assert ids[0] == "kupiansk-vuzlovyi" and note == ""
    ids, note = placesearch.matches(ds, "Kupyansk")
    assert ids[:2] == ["kupiansk", "kupiansk-vuzlovyi"]
    ids, note = placesearch.matches(ds, "Pokrovks")              # a typo: nearest names
    assert ids == [] and "Nearest: Pokrovsk (Donetsk)" in note
    assert placesearch.chosen(ds, "Kupyansk") == "kupiansk"     # the one exact match
    assert placesearch.chosen(ds, "Kupiansk-V") == "kupiansk-vuzlovyi"   # the only match
    assert placesearch.chosen(ds, "Pokrovks") is None
    assert placesearch.labels(ds, ["", "pokrovsk"]) == {"pokrovsk": "Pokrovsk (Donetsk)"}
