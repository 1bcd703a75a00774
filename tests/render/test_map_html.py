"""Map building: markers, legend and escaping, checked on the rendered HTML (no browser)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.claims.index import resolve
from geo.claims.latest import latest_claims
from geo.dataset.load import load_dataset
from geo.render.basemap import base_map, initial_view
from geo.render.dom import settlement_layer
from geo.render.escape import esc
from geo.render.markers import icon_svg, radius
from geo.settings import MapConfig
from geo.vocab import DISPUTED_COLOR, STATUS_COLORS
from tests.helpers import CLAIMANTS, SETTLEMENTS, claim, write_data
from tests.render.rendered import script_values

PAYLOADS = ["<img src=x onerror=alert(1)>", "`", "${1+1}", "</script><script>alert(2)</script>",
            "\\u0060", "\"'><svg onload=alert(3)>"]


def render(directory: Path, on: str = "2025-03-01", selected: str | None = None) -> str:
    ds = load_dataset(directory, today=dt.date(2026, 1, 1))
    day = dt.date.fromisoformat(on)
    m = base_map(MapConfig(tiles="none"))
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    settlement_layer(resolve(ds.settlements, ds.claims, day), latest_claims(ds.claims, day),
                     names, selected).add_to(m)
    return m.get_root().render()


def hostile_dir(tmp_path: Path, payload: str) -> Path:
    settlements = [dict(SETTLEMENTS[0], name=f"Alpha {payload}", oblast=payload)]
    claimants = [dict(CLAIMANTS[0], name=f"MoD {payload}"), *CLAIMANTS[1:]]
    claims = [claim("c1", "2025-01-01", "alpha", "ru_mod", "russian", extent="partial",
                    part=payload, summary=f"Summary {payload}", source=f"Wire {payload}")]
    return write_data(tmp_path, settlements=settlements, claimants=claimants, claims=claims)


def test_one_marker_per_settlement_and_local_leaflet(data_dir: Path) -> None:
    html = render(data_dir)
    assert len(_markers(html)) == 3
    assert "/app/static/leaflet/leaflet.js" in html
    assert "cdn.jsdelivr" not in html and "bootstrap" not in html and "jquery" not in html


def test_legend_and_notice_present(data_dir: Path) -> None:
    html = render(data_dir)
    for text in ("Legend", "Russian-held", "Ukrainian-held", "Contested",
                 "No claim", "disputed", "Encirclement", "Partial",
                 "Basemap unavailable"):
        assert text in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_data_strings_are_escaped(tmp_path: Path, payload: str) -> None:
    html = render(hostile_dir(tmp_path, payload), on="2025-01-01")
    for dangerous in ("<img src=x", "<svg onload", "<script>alert(2)", "${1+1}", "`"):
        assert dangerous not in html
    (item,) = _markers(html)
    # what the browser puts into innerHTML: the payload only in escaped form
    for key in ("p", "t"):
        assert esc(payload) in item[key]
        if payload != esc(payload):
            assert payload not in item[key]
    # the title is set as a DOM property (text, never parsed): plain, escaped nowhere
    assert f"Alpha {payload}" in item["ti"] and "&" not in item["ti"].replace(payload, "")


def _markers(html: str) -> list[dict]:
    """The marker records the layer script hands to Leaflet, JSON-decoded as the browser does."""
    return script_values(html, "markers")["markers"]


def test_escape_function() -> None:
    assert esc("<b>&\"'`${x}\\") == "&lt;b&gt;&amp;&quot;&#x27;&#96;&#36;{x}&#92;"
    assert esc(None) == "" and esc(float("nan")) == ""


def test_marker_shows_both_sides_partial_encircled_disputed(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=dt.date(2026, 1, 1))
    r = resolve(ds.settlements, ds.claims, dt.date(2025, 1, 15)).set_index("settlement",
                                                                            drop=False)
    alpha, _ = icon_svg(r.loc["alpha"])
    assert STATUS_COLORS["contested"] in alpha and STATUS_COLORS["ukrainian"] in alpha
    assert DISPUTED_COLOR in alpha
    assert "stroke-dasharray" in alpha            # Russian side says encircled
    beta, _ = icon_svg(r.loc["beta"])
    assert "url(#fc-stripes)" in beta             # partial claim: east
    assert DISPUTED_COLOR not in beta
    items = {it["id"]: it for it in _markers(render(data_dir, on="2025-01-15"))}
    assert (items["alpha"]["ru"], items["alpha"]["ua"], items["alpha"]["d"]) == (
        "contested", "ukrainian", 1)
    assert (items["gamma"]["ru"], items["gamma"]["ua"]) == ("none", "none")


def test_radius_grows_with_population() -> None:
    assert radius(None) == radius(0) == 6.0
    assert radius(10_000) < radius(100_000) <= 12.0


def test_base_map_is_identical_between_runs() -> None:
    """streamlit-folium remounts (flickers) when the base map's script changes."""
    from streamlit_folium import _get_map_string, generate_js_hash

    a = generate_js_hash(_get_map_string(base_map()), "k")
    b = generate_js_hash(_get_map_string(base_map()), "k")
    assert a == b


def test_initial_view_fits_points() -> None:
    import pandas as pd

    center, zoom = initial_view(pd.Series([48.28, 49.71]), pd.Series([36.39, 37.62]))
    assert 48 < center[0] < 50 and 36 < center[1] < 38
    assert 6 <= zoom <= 9


def test_level_of_detail_never_hides_a_disputed_settlement() -> None:
    import numpy as np
    import pandas as pd

    from geo.render.detail import level_of_detail

    rng = np.random.default_rng(3)
    view = pd.DataFrame({"settlement": [f"s{i}" for i in range(500)],
                         "disputed": rng.random(500) < 0.2,
                         "population": rng.integers(0, 10_000, 500)})
    for limit in (10, 50, 200, 499, 500, 1000):
        shown, note = level_of_detail(view, limit)
        assert set(view.loc[view["disputed"], "settlement"]) <= set(shown["settlement"])
        assert len(shown) == max(limit, view["disputed"].sum()) if limit < 500 else 500
        assert (note != "") == (limit < 500)
        if note:
            assert f"of {len(view):,} settlements" in note


def test_large_views_share_icons_and_load_popups_on_demand(tmp_path: Path) -> None:
    from geo.render import dom

    settlements = [dict(SETTLEMENTS[0], id=f"p{i}", name=f"Place {i}", geonames_id="",
                        lat=str(48 + i / 1000), lon="37.0") for i in range(60)]
    d = write_data(tmp_path, settlements=settlements, claims=[
        claim(f"c{i}", "2025-01-01", f"p{i}", "ru_mod", "russian") for i in range(60)])
    old = dom.POPUP_LIMIT
    dom.POPUP_LIMIT = 10
    try:
        html = render(d, on="2025-01-01")
    finally:
        dom.POPUP_LIMIT = old
    items = _markers(html)
    assert len(items) == 60 and all("p" not in it for it in items)
    assert len({it["i"] for it in items}) == 1          # one shared SVG
    assert "fetched when you click one" in html


def test_popups_group_only_the_drawn_places_claims(monkeypatch) -> None:
    """An empty or small view must not group every settlement's claims (at national scale
    that made 30,000 frames per rerun and seconds of garbage collection)."""
    import datetime as dt

    import pandas as pd

    from geo.claims.index import resolve
    from geo.claims.latest import latest_claims
    from geo.dataset.load import load_dataset
    from geo.render.dom import settlement_layer
    from tests.fixtures import BUNDLED_DIR

    ds = load_dataset(BUNDLED_DIR)
    day = dt.date(2025, 11, 20)
    resolved = resolve(ds.settlements, ds.claims, day)
    latest = latest_claims(ds.claims, day)
    grouped: list[int] = []
    real = pd.DataFrame.groupby

    def spy(self, *args, **kwargs):
        grouped.append(len(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "groupby", spy)
    settlement_layer(resolved.iloc[0:0], latest, {})
    one = resolved[resolved["settlement"] == "pokrovsk"]
    settlement_layer(one, latest, {})
    assert grouped[0] == 0
    assert grouped[1] == (latest["settlement_id"] == "pokrovsk").sum() < len(latest)
