"""Place labels' data (plain names, drawing order) and Ukraine's bundled outline."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from shapely.geometry import Point, shape

from geo.render import base_map
from geo.render.basemap import outline
from geo.render.canvas import canvas_layer, drawing_order, layer_data
from geo.render.elements import asset
from geo.render.labels import plain_where_escaped
from geo.render.outline import CRIMEA_BOX, country, outline_geojson
from geo.settings import MapConfig
from tests.render.rendered import overlapping, script_values


def _view(names: list[str], pops: list[float], disputed: list[bool]) -> pd.DataFrame:
    n = len(names)
    frame = pd.DataFrame({"settlement": [f"s{i}" for i in range(n)], "name": names,
                          "lat": [48.0 + i / 10 for i in range(n)], "lon": [37.0] * n,
                          "population": pops, "disputed": disputed})
    for side in ("ru", "ua", "independent"):
        frame[f"{side}_status"] = "none"
        frame[f"{side}_extent"] = None
        frame[f"{side}_part"] = None
        frame[f"{side}_encircled"] = None
        frame[f"{side}_age_days"] = None
    return frame


def test_plain_names_are_sent_only_where_escaping_changed_them() -> None:
    names = ["Kyiv", "Kam'ianske", "<b>x</b>", None]
    escaped = ["Kyiv", "Kam&#x27;ianske", "&lt;b&gt;x&lt;/b&gt;", ""]
    assert plain_where_escaped(names, escaped) == {"1": "Kam'ianske", "2": "<b>x</b>"}


def test_layer_data_carries_plain_names_for_the_labels() -> None:
    view = _view(["Kam'ianske", "Lyman"], [200_000, 20_000], [False, False])
    data = layer_data(view, dt.date(2025, 1, 1))
    at = data["n"].index("Kam&#x27;ianske")
    assert data["nl"] == {str(at): "Kam'ianske"}


def test_equal_circles_go_by_population_so_the_largest_is_labelled_first() -> None:
    """Both are capped at 12 px: Kyiv (3 million) must come before a town of 200,000."""
    view = _view(["Town", "Kyiv", "Disputed"], [200_000, 3_000_000, 500], [False, False, True])
    assert view["name"].to_numpy()[drawing_order(view)].tolist() == ["Kyiv", "Town", "Disputed"]


def test_hostile_plain_names_cannot_close_the_script_or_open_a_template() -> None:
    view = _view(["</script><img src=x>`${1+1}`"] * 401, [1000.0] * 401, [False] * 401)
    m = base_map(MapConfig(tiles="none"))
    canvas_layer(view, dt.date(2025, 1, 1)).add_to(m)
    html = m.get_root().render()
    for bad in ("</script><img", "`", "${1+1}"):
        assert bad not in html
    assert script_values(html, "data")["data"]["nl"]["0"] == "</script><img src=x>`${1+1}`"


def test_bundled_outline_is_ukraine_with_crimea_and_small() -> None:
    text = asset("ukraine-outline.geojson")
    assert len(text.encode()) < 300_000
    shape_ = shape(json.loads(text)["features"][0]["geometry"])
    assert shape_.is_valid
    # Kyiv, Simferopol, Sevastopol, Donetsk inside; Moscow, Minsk, Rostov outside
    for lon, lat in ((30.52, 50.45), (34.10, 44.95), (33.52, 44.60), (37.80, 48.00)):
        assert shape_.contains(Point(lon, lat)), (lon, lat)
    for lon, lat in ((37.62, 55.75), (27.56, 53.90), (39.72, 47.23)):
        assert not shape_.contains(Point(lon, lat)), (lon, lat)


def test_outline_is_built_from_a_topology_with_crimea_joined() -> None:
    """A tiny TopoJSON: Ukraine a square, Russia a square plus a polygon on Crimea."""
    topo = {"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [0, 0]},
            "arcs": [[[3000, 4700], [200, 0], [0, 200], [-200, 0], [0, -200]],
                     [[3300, 4500], [100, 0], [0, 50], [-100, 0], [0, -50]],
                     [[4000, 5000], [100, 0], [0, 100], [-100, 0], [0, -100]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Ukraine"}},
                {"type": "MultiPolygon", "arcs": [[[1]], [[2]]],
                 "properties": {"name": "Russia"}}]}}}
    assert CRIMEA_BOX.contains(country(topo, "Russia").geoms[0].centroid)
    result = shape(outline_geojson(topo)["features"][0]["geometry"])
    assert result.contains(Point(33.5, 45.2)) and result.contains(Point(31, 48))
    assert not result.contains(Point(40.5, 50.5))


def test_outline_is_on_the_base_map_without_tiles() -> None:
    html = base_map(MapConfig(tiles="none")).get_root().render()
    assert script_values(html, "outline")["outline"] == outline()
    assert "fc-outline" in html and "fcLabels" in html


def test_overlapping_finds_touching_boxes_only_when_they_overlap() -> None:
    assert overlapping([[0, 0, 10, 10], [10, 0, 5, 5], [5, 5, 10, 10]]) == [(2, 0)]
