"""The reliability scorecard on the page (AppTest): figures, table, chart, the selected
place's outcomes, a claimant as the reference, downloads, and no reference at all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps.importer import import_deepstate
from tests.deepstate_fixtures import as_bytes, feature, poly, raw_features, square
from tests.helpers import CLAIMS, SETTLEMENTS, claim, write_data

OCCUPIED = raw_features()[0]["properties"]["name"]


def _page(data: str, store: str, settlement: str | None) -> None:
    from pathlib import Path

    from geo.claims.state import PageState
    from geo.dataset.load import load_dataset
    from ui import controlmaps, scorecard

    ds = load_dataset(Path(data))
    maps = controlmaps.stored_maps(Path(store))
    day = ds.last_date
    scorecard.panel(ds, ("test", data), maps,
                    PageState(date=day, claimants=tuple(ds.claimants["id"]),
                              settlement=settlement))


def _map(tmp: Path, name: str, lon: float, lat: float) -> str:
    path = tmp / name
    path.write_bytes(as_bytes({"type": "FeatureCollection",
                               "features": [feature(OCCUPIED, poly(square(lon, lat)))]}))
    return str(path)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    rows = [*CLAIMS, claim("c7", "2025-02-05", "alpha", "ru_mod", "russian",
                           channel="briefing", source_url="https://example.org/b")]
    data, store = write_data(tmp_path / "data", claims=rows), tmp_path / "store"
    places = pd.DataFrame({"id": [s["id"] for s in SETTLEMENTS],
                           "lat": [float(s["lat"]) for s in SETTLEMENTS],
                           "lon": [float(s["lon"]) for s in SETTLEMENTS]})
    far, here = _map(tmp_path, "far.json", 30.0, 46.0), _map(tmp_path, "here.json", 37.0, 48.0)
    for day, path in (("2025-01-01", far), ("2025-02-10", here), ("2025-03-01", here)):
        import_deepstate(path, store, date=dt.date.fromisoformat(day), places=places)
    return data, store


def run(data: Path, store: Path, settlement: str | None = None) -> AppTest:
    return AppTest.from_function(_page, args=(str(data), str(store), settlement),
                                 default_timeout=60).run()


def _specs(at: AppTest) -> list[dict]:
    def nodes(node: object) -> list:
        children = getattr(node, "children", {})
        return [node, *(n for child in children.values() for n in nodes(child))]
    return [json.loads(n.proto.spec) for n in nodes(at._tree)
            if getattr(n, "type", "") == "vega_lite_chart"]


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with this column (AppTest keeps no dataframe keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def captions(at: AppTest) -> list[str]:
    return [c.value.replace("\\", "") for c in at.caption]


def test_the_scorecard_against_the_stored_maps(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs)
    assert not at.exception
    assert at.subheader[0].value.startswith("Reliability")
    assert any("stored maps (3 dates, latest 2025-03-01)" in c for c in captions(at))
    rows = frame(at, "median lead (d)")
    both = rows[(rows["kind"] == "all") & (rows["period"] == "all")].set_index("claimant")
    assert both.loc["Russian General Staff", "confirmed"] == 1       # c3, lead 9 days
    assert both.loc["Russian General Staff", "median lead (d)"] == 9
    assert both.loc["Russian MoD", "claims"] == 2                      # c4 beta, c7 alpha
    kinds = rows[rows["claimant"] == "Russian MoD"]["kind"].tolist()
    assert "briefing" in kinds
    assert {m.label for m in at.metric} >= {"Russian General Staff"}
    (spec,) = _specs(at)
    assert "Lead in days" in json.dumps(spec)
    claims = frame(at, "shown_source")
    c7 = claims.set_index("claim").loc["c7"]
    assert (c7["outcome"], c7["lead_days"], c7["shown_date"]) == ("confirmed", 5, "2025-02-10")
    assert c7["shown_source"] == "deepstate map of 2025-02-10"
    assert len(at.get("download_button")) == 3


def test_the_selected_place_lists_its_outcomes(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs, settlement="alpha")
    assert not at.exception
    assert any(m.value == "**Outcomes of the claims about Alpha**" for m in at.markdown)
    place = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["date",
                                                                                 "claimant"])
    assert set(place["claimant"]) == {"Russian General Staff", "Russian MoD"}
    assert set(place["outcome"]) == {"confirmed"}


def test_a_claimant_as_the_reference_and_changed_rules(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs)
    at.selectbox(key="rel_use").set_value("both").run()
    assert not at.exception
    assert any("stored maps and own claims (3 dates" in c for c in captions(at))
    at.selectbox(key="rel_reference").set_value("ua_gs").run()
    assert any("no stored maps with place classes for 'ua_gs'" in i.value.replace("\\", "")
               for i in at.info)
    at.selectbox(key="rel_use").set_value("claims").run()
    assert not at.exception
    assert any("own claims" in c for c in captions(at))
    at.radio(key="rel_period").set_value("quarter").run()
    assert not at.exception
    rows = frame(at, "median lead (d)")
    assert set(rows["period"]) == {"all", "2025-Q1"}


def test_without_maps_or_claims_the_reference_is_explained(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    at = run(data, tmp_path / "empty")
    assert not at.exception
    assert any("no capture claim" in i.value.lower() or "unknown reference" in i.value
               for i in at.info)
