"""Correctness at scale (issue 5): on generated national-style data, the indexed
resolution returns exactly what the straightforward version returns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import synth
from geo.claims import build_index, latest_claims, resolve, resolve_naive
from geo.dataset.load import load_dataset


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> object:
    out = tmp_path_factory.mktemp("synth")
    synth.write(out / "data", 1_500, 60_000, 0, seed=7, store=None)
    return load_dataset(Path(out / "data"))


@pytest.mark.parametrize("every", [48, 300])
def test_fast_equals_straightforward_on_generated_data(generated, every: int) -> None:
    ds = generated
    index = build_index(ds.claims, every)
    days = pd.date_range(ds.first_date - pd.Timedelta(days=3), ds.last_date + pd.Timedelta(days=3),
                         periods=9).date
    chosen_sets = [None, ["ru_mod", "deepstate"], ["ua_genstaff"], []]
    cols = ["settlement", *(f"{s}_claim" for s in ("ru", "ua", "independent")), "disputed"]
    compared = 0
    for day in days:
        for chosen in chosen_sets:
            for max_age in (None, 90):
                fast = resolve(ds.settlements, ds.claims, day, chosen, index=index,
                               max_age_days=max_age)
                slow = resolve_naive(ds.settlements, ds.claims, day, chosen, max_age)
                pd.testing.assert_frame_equal(fast[cols].astype(object),
                                              slow[cols].astype(object))
                pd.testing.assert_frame_equal(
                    latest_claims(ds.claims, day, chosen, max_age, index=index),
                    latest_claims(ds.claims, day, chosen, max_age))
                compared += int(fast["ru_claim"].notna().sum())
    assert compared > 10_000          # the comparison covered real claims, not empty frames
