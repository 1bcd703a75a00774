"""A namesake near the front beats one far behind the lines that lies a little nearer
the text's other places (issue 13, seventh round: a DeepState note's village by the
front resolved to a larger namesake 90 km behind the lines). Coordinates made up."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.places.context import PlaceContext, choose


def _cands() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Ivanivka", "Ivanivka"], "oblast": ["Luhansk", "Donetsk"],
        "population": [6000, 0], "curated": [False, False],
        "lat": [48.40, 47.96], "lon": [39.20, 37.44], "feature_code": ["PPL", "PPL"]})


def test_the_namesake_by_the_front_wins_over_the_larger_one_behind_the_lines() -> None:
    # the text's places: one near each candidate (the nearer to the Luhansk one), the
    # front running past the Donetsk one
    anchors = ((48.45, 39.30), (48.00, 37.50), (47.90, 37.52))
    front = np.array([[47.97, 37.47], [48.10, 37.60], [47.80, 37.30]])
    with_front = choose(_cands(), PlaceContext(anchors=anchors, front=front), set(), None)
    assert with_front.row == 1 and "to the front" in with_front.steps[-1]
    # with no front known, the distance to the text and the population decide as before
    without = choose(_cands(), PlaceContext(anchors=anchors), set(), None)
    assert without.row == 0
