"""The canvas's integer arrays joined by :mod:`geo.render.numbers` are the text ``json``
writes, and the layer's date part built with them is the one encoded from its values."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo import synth
from geo.claims import build_index
from geo.claims.state import PageState
from geo.claims.view import build_view
from geo.dataset.load import load_dataset
from geo.render.canvas import _claimed_values, claimed_part, fixed_part, members
from geo.render.numbers import KEPT, int_dict, int_list


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def test_lists_and_dicts_of_integers_are_written_as_json_writes_them() -> None:
    rng = np.random.default_rng(3)
    values: list[int | None] = [None, 0, 1, 9, 10, KEPT - 1, KEPT, KEPT + 7, -1, -123, 10**12]
    drawn = rng.integers(-50, 3 * KEPT, 2_000).tolist()
    values += [None if i % 5 == 0 else v for i, v in enumerate(drawn)]
    assert int_list(values) == _dumps(values)
    assert int_list([]) == "[]"
    keyed = {str(i): v for i, v in enumerate(values) if v is not None}
    assert int_dict(keyed) == _dumps(keyed)
    assert int_dict({}) == "{}"


def test_the_date_part_is_the_encoded_values(tmp_path: Path) -> None:
    synth.write(tmp_path / "data", 500, 8_000, 0, seed=4, store=None)
    ds = load_dataset(tmp_path / "data")
    index = build_index(ds.claims)
    fixed = fixed_part(build_view(ds, PageState(date=ds.last_date, claimants=()), index)
                       .resolved)
    lists = dicts = 0
    for day in pd.date_range(ds.first_date, ds.last_date, periods=8).date:
        for chosen in (tuple(ds.claimants["id"]), ("isw",)):
            shown = build_view(ds, PageState(date=day, claimants=chosen), index).shown
            part = claimed_part(shown, day, fixed)
            values = _claimed_values(shown, day, fixed.order)
            assert part.text == members(values)
            lists += sum(isinstance(a, list) for a in values["a"])
            dicts += sum(isinstance(a, dict) for a in values["a"])
    assert lists and dicts     # both forms of the ages were compared


@pytest.mark.parametrize("codes", [[0], [5, 4096 + 17, 0, 21]])
def test_codes(codes: list[int]) -> None:
    assert '"c":' + int_list(codes) == members({"c": codes})
