"""The view's faster steps give what the straightforward ones give: the GeoJSON's sizes
(:mod:`geo.claims.geosize`) equal the bytes the download writes, for every place and for
the places with a claim, on many dates and choices; a statuses filter that keeps every
place returns the resolved frame itself, with the rows the mask would keep."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo import synth, vocab
from geo.claims import build_index, geosize
from geo.claims.export import place_lengths, to_geojson_bytes, with_claims
from geo.claims.filters import filter_view
from geo.claims.state import PageState
from geo.claims.view import build_view
from geo.dataset.load import Dataset, load_dataset

#: Texts a JSON writer escapes or writes as several bytes.
AWKWARD = ['the "eastern" part', "back\\slash", "line\nbreak\ttab", "Курахове", "bell\x07",
           "", "Ivanivka – south"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Dataset:
    out = tmp_path_factory.mktemp("synth")
    synth.write(out / "data", 400, 6_000, 0, seed=11, store=None)
    ds = load_dataset(Path(out / "data"))
    claims = ds.claims.copy()
    picks = np.arange(0, len(claims), 7)
    for column in ("part", "source", "source_url"):   # awkward texts on every 7th claim
        values = claims[column].astype(object).to_numpy(copy=True)
        values[picks] = [AWKWARD[i % len(AWKWARD)] for i in range(len(picks))]
        claims[column] = pd.array(values, dtype=claims[column].dtype)
    return dataclasses.replace(ds, claims=claims)


def _states(ds: Dataset) -> list[PageState]:
    days = pd.date_range(ds.first_date, ds.last_date + pd.Timedelta(days=30), periods=7).date
    claimants = tuple(ds.claimants["id"])
    out = []
    for day in days:
        for chosen in (claimants, ("ru_mod", "deepstate"), ()):
            for max_age in (None, 60):
                out.append(PageState(date=day, claimants=chosen, max_age_days=max_age))
    out.append(PageState(date=days[-1], claimants=claimants, statuses=("russian",)))
    out.append(PageState(date=days[-1], claimants=claimants, disputed_only=True))
    return out


def test_the_sizes_are_the_bytes_the_download_writes(generated: Dataset) -> None:
    ds = generated
    index = build_index(ds.claims)
    seen = 0
    for state in _states(ds):
        view = build_view(ds, state, index)
        assert view.sources is not None
        rows = view.shown.index.to_numpy(dtype=np.int64)
        count, claimed, every = geosize.sizes(
            view.shown, index, view.sources[:, rows], place_lengths(ds.settlements)[rows],
            state.date.isoformat(), list(state.claimants))
        places = with_claims(view.shown)
        args = (state.date.isoformat(), list(state.claimants))
        assert count == len(places)
        assert claimed == len(to_geojson_bytes(view.with_details(places), *args))
        assert every == len(to_geojson_bytes(view.with_details(view.shown), *args))
        seen += count
    assert seen > 2_000     # the comparison covered many places with claims, not empty views


def test_a_filter_keeping_every_status_is_the_frame_itself(generated: Dataset) -> None:
    view = build_view(generated, PageState(date=generated.last_date,
                                           claimants=tuple(generated.claimants["id"])),
                      build_index(generated.claims))
    resolved = view.resolved
    every = (*vocab.STATUSES, "none")
    assert filter_view(resolved, every) is resolved
    assert filter_view(resolved, None) is resolved
    cols = [f"{s}_status" for s in vocab.SIDES]
    mask = resolved[cols].isin(set(every)).any(axis=1) | resolved[cols].isna().all(axis=1)
    assert bool(mask.all())          # what the mask would have kept: every row
    some = filter_view(resolved, ("russian",))
    assert 0 < len(some) < len(resolved)
    assert filter_view(resolved, every, disputed_only=True).equals(
        resolved[resolved["disputed"]])
