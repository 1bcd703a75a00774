"""The claims table's head built column by column (:func:`geo.claims.tablehead.shown_head`)
is the frame the step-by-step way gives (:func:`ui.tables.words_head`): the same rows,
values, order and dtypes, on many dates, claimant choices, age limits and filters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import synth
from geo.claims import build_index
from geo.claims.state import PageState
from geo.claims.tablehead import shown_head
from geo.claims.view import build_view
from geo.dataset.load import Dataset, load_dataset
from ui import tables
from ui.data import short_labels


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Dataset:
    out = tmp_path_factory.mktemp("synth")
    synth.write(out / "data", 300, 5_000, 0, seed=5, store=None)
    return load_dataset(Path(out / "data"))


@pytest.mark.parametrize("limit", [50, 2000])
def test_the_head_column_by_column_is_the_step_by_step_one(generated: Dataset,
                                                            limit: int) -> None:
    ds = generated
    index = build_index(ds.claims)
    labels = short_labels(ds.claimants)
    days = pd.date_range(ds.first_date, ds.last_date + pd.Timedelta(days=10), periods=6).date
    compared = 0
    for day in days:
        for chosen in (tuple(ds.claimants["id"]), ("ru_mod", "isw"), ()):
            for extra in ({}, {"max_age_days": 45}, {"statuses": ("russian", "contested")},
                          {"disputed_only": True}):
                state = PageState(date=day, claimants=chosen, **extra)
                fast, total = shown_head(build_view(ds, state, index), limit, labels)
                slow, slow_total = tables.words_head(build_view(ds, state, index), limit)
                assert total == slow_total
                if total:
                    pd.testing.assert_frame_equal(fast, slow)
                    compared += len(fast)
    assert compared > 1_000

