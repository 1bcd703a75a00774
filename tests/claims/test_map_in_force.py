"""DeepState's claims dated by the map in force on the selected date (issue 11)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.claims.index import build_index, resolve
from geo.vocab import MAP_FIRST_ROW
from tests.fixtures import BUNDLED_DIR

PLACES = pd.DataFrame({"id": ["a"], "name": ["A"], "oblast": ["X"], "lat": [48.0],
                       "lon": [37.0], "population": [1]})


def _claims() -> pd.DataFrame:
    rows = [  # (date, claimant, side, status, row): a file claim, then two map runs
        ("2025-11-12", "ua_genstaff", "ua", "contested", 0),
        ("2022-04-03", "deepstate", "ua", "ukrainian", MAP_FIRST_ROW),
        ("2025-12-01", "deepstate", "ua", "contested", MAP_FIRST_ROW + 1),
    ]
    frame = pd.DataFrame(rows, columns=["date", "claimant", "side", "status", "row"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["settlement_id"] = "a"
    frame["id"] = [f"c{i}" for i in range(len(frame))]
    for col in ("extent", "part", "summary", "source", "source_url"):
        frame[col] = ""
    frame["encircled"] = pd.array([pd.NA] * len(frame), dtype="boolean")
    frame["source_date"] = frame["date"]
    return frame.sort_values(["date", "row"]).reset_index(drop=True)


MAPS = [dt.date(2022, 4, 3), dt.date(2025, 12, 1), dt.date(2026, 1, 1)]


def test_map_claim_dated_by_map_in_force_with_since() -> None:
    claims = _claims()
    index = build_index(claims, map_dates=MAPS)
    out = resolve(PLACES, claims, dt.date(2026, 1, 2), ["deepstate"], index=index)
    assert out.loc[0, "ua_date"] == pd.Timestamp("2026-01-01")      # the map in force
    assert out.loc[0, "ua_age_days"] == 1
    assert out.loc[0, "ua_since"] == pd.Timestamp("2025-12-01")     # first map of the status
    assert out.loc[0, "ua_status"] == "contested"


def test_age_limit_and_side_use_the_map_in_force() -> None:
    claims = _claims()
    index = build_index(claims, map_dates=MAPS)
    day = dt.date(2026, 1, 2)
    recent = resolve(PLACES, claims, day, ["deepstate"], index=index, max_age_days=30)
    assert recent.loc[0, "ua_status"] == "contested"                # not hidden as old
    # on the Ukrainian side the map of 2026-01-01 is newer than the General Staff's claim
    both = resolve(PLACES, claims, day, ["deepstate", "ua_genstaff"], index=index)
    assert both.loc[0, "ua_claimant"] == "deepstate"
    before = resolve(PLACES, claims, dt.date(2025, 11, 20), ["deepstate", "ua_genstaff"],
                     index=index)
    assert before.loc[0, "ua_claimant"] == "ua_genstaff"            # 2025-11-12 > 2022 map
    # without the maps' dates (the CLI's own claims): dated by the claim itself
    plain = resolve(PLACES, claims, day, ["deepstate"])
    assert plain.loc[0, "ua_date"] == pd.Timestamp("2025-12-01")
    assert pd.isna(plain.loc[0, "ua_since"])


def test_myrnohrad_on_2026_01_02_reads_the_map_of_2026_01_01(shared_data, tmp_path) -> None:
    """The issue's example with the real maps: DeepState's claim is the map of 2026-01-01
    (1 day old, so a 30-day limit keeps it), with the first map of its status as since."""
    from geo.claims.state import PageState
    from geo.claims.view import build_view
    from geo.dataset.load import load_dataset
    from geo.maps.claimant import with_map_claims
    from geo.maps.importer import import_deepstate
    from geo.maps.store import list_maps
    from geo.places.table import load_places

    store = tmp_path / "store"
    places = load_places(BUNDLED_DIR)
    for path in sorted((shared_data / "deepstate" / "cyterat").glob("*.geojson")):
        import_deepstate(str(path), store, places=places)
    ds, errors = with_map_claims(load_dataset(BUNDLED_DIR), store, use_classes=True)
    assert not errors
    index = build_index(ds.claims, map_dates=[m.date for m in list_maps(store)])
    day = dt.date(2026, 1, 2)
    state = PageState(date=day, claimants=("deepstate",), max_age_days=30)
    view = build_view(ds, state, index)
    row = view.resolved.set_index("settlement").loc["myrnohrad"]
    assert row["ua_date"] == pd.Timestamp("2026-01-01") and row["ua_age_days"] == 1
    assert row["ua_since"] <= pd.Timestamp("2026-01-01")
    latest = view.latest[view.latest["settlement_id"] == "myrnohrad"]
    assert latest["date"].iloc[0] == pd.Timestamp("2026-01-01")
    assert "since" in view.table.columns
