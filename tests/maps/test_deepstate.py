"""DeepState import: formats, classification, filtering, repair, dates, areas."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

from geo.errors import InputError
from geo.maps.area import figures, km2
from geo.maps.deepstate import classify, parse_snapshot, snapshot_date
from tests.deepstate_fixtures import (
    api_response,
    as_bytes,
    feature,
    poly,
    processed,
    raw_collection,
    square,
)

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(("name", "fill", "expected"), [
    ("Окуповано /// Occupied /// geoJSON.status.occupied", None, "occupied"),
    ("Окуповано /// Occupied\xa0/// geoJSON.status.occupied", None, "occupied"),
    ("ОРДЛО /// CADR and CALR\xa0/// geoJSON.territories.ordlo", None, "pre2022"),
    ("Острів Тузла /// Occupied Tuzla Island\xa0/// geoJSON.territories.tuzla", None, "pre2022"),
    ("Статус невідомий /// Unknown status\xa0/// geoJSON.status.unknown", None, "grey"),
    ("Звільнено 04.09 /// Liberated 04.09\xa0/// geoJSON.status.dismissed_at {{at:04.09}}",
     None, "liberated"),
    ("Окупована Абхазія.\n///\nOccupied Abkhazia.\n/// geoJSON.territories.abkhazia", None,
     None),
    ("Зміїний ///\xa0Snake Island /// geoJSON.zmiinyi_island", None, None),
    ("Окуповано /// Occupied\n", "#a52714", "occupied"),
    ("ОРДЛО /// CADR and CALR\n", "#880e4f", "pre2022"),
    ("Окупований Крим /// Occupied Crimea", "#880e4f", "pre2022"),
    ("Окупована область Петсамо /// Occupied Petsamo\n", "#ff5252", None),
    ("Звільнено\xa027-29.03 /// Liberated 27-29.03", "#0f9d58", "liberated"),
    ("Статус невідомий /// Unknown status", "#bcaaa4", "grey"),
    ("Окуповано", "#a52714", "occupied"),
    ("Ізюм. Окуповано\xa0", "#a52714", "occupied"),
    ("Рубіжне. Території зайняті ворогом", "#a52714", "occupied"),
    ("Багатокутник 11", "#a52714", "occupied"),
    ("Невідомо точно при вихід", "#a52714", "occupied"),
    ("Крим", "#000000", "pre2022"),
    ("ОРДЛО", "#000000", "pre2022"),
    ("Під питанням", "#bcaaa4", "grey"),
    ("Звільнено 02.04.2022", "#0288d1", "liberated"),
    ("Орки відсутні 30.03", "#0288d1", "liberated"),
    ("Придністров'я", "#880e4f", None),
    ("something else", None, None),
])
def test_classify(name: str, fill: str | None, expected: str | None) -> None:
    assert classify(name, fill) == expected


@pytest.mark.parametrize("style", ["trilingual", "bilingual", "ukrainian"])
def test_raw_formats(style: str) -> None:
    snap = parse_snapshot(as_bytes(raw_collection(style)), "x.geojson",
                          date=dt.date(2024, 11, 15))
    assert snap.kind == "raw"
    assert list(snap.polygons["class"]) == ["occupied", "pre2022", "grey", "liberated"]
    assert snap.dropped_points == 1
    assert snap.dropped_outside == 2            # Karelia (by key/name or place), Transnistria
    assert not snap.polygons.geometry.has_z.any()
    occupied = snap.polygons.geometry.iloc[0]
    assert occupied.bounds == pytest.approx((37.0, 48.0, 37.5, 48.5))


def test_api_response_and_its_date() -> None:
    snap = parse_snapshot(as_bytes(api_response()), "last")
    assert snap.date == dt.date(2024, 11, 15)
    assert snap.date_from == "the API response's id"
    assert len(snap.polygons) == 4


def test_processed_format() -> None:
    snap = parse_snapshot(as_bytes(processed()), "deepstatemap_data_20241115.geojson")
    assert snap.kind == "processed"
    assert snap.date == dt.date(2024, 11, 15) and snap.date_from == "the file name"
    assert list(snap.polygons["class"]) == ["occupied"]


def test_outside_ukraine_dropped_by_location_even_when_named_occupied() -> None:
    doc = raw_collection()
    doc["features"].append(feature("Окуповано /// Occupied /// geoJSON.status.occupied",
                                   poly(square(142.0, 45.0))))  # the Kurils, mislabelled
    snap = parse_snapshot(as_bytes(doc), "x", date=dt.date(2024, 1, 1))
    assert snap.dropped_outside == 3
    assert snap.polygons.total_bounds[2] < 40.3


def test_invalid_geometry_is_repaired_and_reported() -> None:
    bowtie = [[37.0, 48.0], [37.5, 48.5], [37.5, 48.0], [37.0, 48.5], [37.0, 48.0]]
    doc = {"type": "FeatureCollection", "features": [
        feature("Окуповано /// Occupied /// geoJSON.status.occupied", poly(bowtie))]}
    snap = parse_snapshot(as_bytes(doc), "x", date=dt.date(2024, 1, 1))
    assert snap.repaired == 1
    assert snap.polygons.geometry.is_valid.all()
    assert snap.repaired_km2 > 0


@pytest.mark.parametrize(("doc", "name", "given", "expected", "rule"), [
    (api_response(), "f_20200101.json", dt.date(2023, 5, 5), dt.date(2023, 5, 5), "--date"),
    (api_response(), "f_20200101.json", None, dt.date(2024, 11, 15), "the API response's id"),
    ({"id": None, "datetime": "2024-03-02T10:00:00", "map": {}}, "x", None,
     dt.date(2024, 3, 2), "the API response's datetime"),
    (raw_collection(), "deepstatemap_data_20251115.geojson", None, dt.date(2025, 11, 15),
     "the file name"),
    (raw_collection(), "1668554255.geojson", None, dt.date(2022, 11, 15),
     "the DeepState history id in the file name"),
])
def test_date_rules(doc, name, given, expected, rule) -> None:
    assert snapshot_date(doc, name, given) == (expected, rule)


def test_no_date_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="pass --date"):
        parse_snapshot(as_bytes(raw_collection()), "map.geojson")


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "not valid JSON"), (b"<html>502 Bad Gateway</html>", "not valid JSON"),
    (b'{"type": "Feature"}', "not a DeepState map"), (b"\xff\xfe{", "not UTF-8"),
    (b'{"type": "FeatureCollection", "features": []}', "no features"),
    (as_bytes({"type": "FeatureCollection", "features": [
        feature("Київ", {"type": "Point", "coordinates": [30.5, 50.4]})]}), "no control polygon"),
])
def test_bad_documents(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_snapshot(raw, "bad.json", date=dt.date(2024, 1, 1))


def _geodesic_km2(geom) -> float:
    """Reference area; pyproj needs shells counter-clockwise and holes clockwise."""
    return abs(GEOD.geometry_area_perimeter(orient(geom, 1.0))[0]) / 1e6


@pytest.mark.parametrize("geom", [
    shapely.Polygon(square(37.0, 48.0, 1.0, z=False)),
    shapely.Polygon(square(33.0, 44.5, 0.2, z=False)),
    shapely.Polygon([(22.2, 48.2), (40.1, 47.1), (39.5, 51.9), (24.0, 51.5), (22.2, 48.2)]),
    shapely.Polygon(square(30.0, 46.0, 3.0, z=False),
                    holes=[square(31.0, 47.0, 0.5, z=False)]),
])
def test_area_matches_geodesic_within_0_05_percent(geom) -> None:
    dense = shapely.segmentize(geom, 0.01)  # straight in neither projection: keep edges short
    ours = km2(gpd.GeoSeries([dense], crs="EPSG:4326"))[0]
    assert ours == pytest.approx(_geodesic_km2(dense), rel=5e-4)


def test_figures_count_overlaps_once_and_split_classes() -> None:
    snap = parse_snapshot(as_bytes(raw_collection()), "x", date=dt.date(2024, 1, 1))
    f = figures(snap.polygons, "2024-01-01", "x", denominator_km2=603_628)
    cell = km2(gpd.GeoSeries([shapely.Polygon(square(37.0, 48.0, z=False))],
                             crs="EPSG:4326"))[0]
    crimea = km2(gpd.GeoSeries([shapely.Polygon(square(34.0, 45.0, z=False))],
                               crs="EPSG:4326"))[0]
    assert f.occupied_km2 == pytest.approx(cell + crimea)
    assert f.pre2022_km2 == pytest.approx(crimea)
    assert f.since2022_km2 == pytest.approx(cell)
    assert f.occupied_pct == pytest.approx((cell + crimea) / 603_628 * 100)
    assert f.occupied_with_grey_km2 > f.occupied_km2
    other = figures(snap.polygons, "2024-01-01", "x", denominator_km2=595_000)
    assert other.occupied_pct > f.occupied_pct


def test_processed_figures_leave_unknown_parts_empty() -> None:
    snap = parse_snapshot(as_bytes(processed()), "deepstatemap_data_20241115.geojson")
    f = figures(snap.polygons, "2024-11-15", "x", split_pre2022=False)
    assert f.pre2022_km2 is None and f.grey_km2 is None and f.occupied_with_grey_pct is None


def test_vertex_cap(monkeypatch) -> None:
    from geo.maps import deepstate

    monkeypatch.setattr(deepstate, "MAX_VERTICES", 10)
    with pytest.raises(InputError, match="vertices, more than"):
        parse_snapshot(as_bytes(raw_collection()), "x", date=dt.date(2024, 1, 1))
