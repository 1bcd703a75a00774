"""The "Add claims" page takes its front (where the fighting is, to tell namesakes apart)
from the control maps it is given: the store's, or on a database its mirror's maps."""

from __future__ import annotations

from pathlib import Path

from geo.dataset.load import load_dataset
from tests.db.data import TODAY, tiny_data, tiny_store
from ui.review import extractor


def test_the_front_comes_from_the_given_maps(tmp_path: Path) -> None:
    data = tiny_data(tmp_path / "data")
    ds = load_dataset(data, today=TODAY)
    store = tmp_path / "store"            # no gazetteer, no map
    maps = tiny_store(data, tmp_path / "maps")
    found, error = extractor(ds, ("front", 1), store, maps)
    assert error is None
    assert found.front_source.startswith("the front on the stored control map of 2024-01-01")
    without, _ = extractor(ds, ("front", 1), store)
    assert "control map" not in (without.front_source or "")
