"""The CRS of imported and uploaded control maps: WGS 84 longitude/latitude or a clear refusal.

GeoJSON 2008 let a map declare its CRS in a ``crs`` member; RFC 7946 dropped it and fixed
WGS 84 longitude/latitude. A map declaring Web Mercator (EPSG:3857) or UTM has coordinates
in metres: read as degrees they land far outside Ukraine, and the import used to fail with a
misleading "no control polygon inside Ukraine" (or, for a CRS in degrees, could succeed
wrongly). These tests guard the refusal, its message and that nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.cli import main
from geo.errors import InputError
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import import_deepstate
from geo.maps.uploads import session_map
from tests.deepstate_fixtures import api_response, as_bytes, raw_collection

DAY = dt.date(2025, 1, 1)
FIX = "ogr2ogr -t_srs EPSG:4326"


def named(name: str) -> dict:
    return {"type": "name", "properties": {"name": name}}


def with_crs(crs: object, doc: dict | None = None) -> bytes:
    doc = copy.deepcopy(doc or raw_collection())
    doc["crs"] = crs
    return as_bytes(doc)


def parse(raw: bytes, name: str = "map.geojson"):
    return parse_snapshot(raw, name, date=DAY)


def projected(doc: dict, scale: float = 111_000.0) -> dict:
    """The document with every polygon's degrees turned into rough metres (a Mercator-ish map)."""
    doc = copy.deepcopy(doc)
    for f in doc["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            g["coordinates"] = [[[x * scale, y * scale * 1.5] for x, y, *_ in ring]
                                for ring in g["coordinates"]]
    return doc


@pytest.mark.parametrize("crs", [
    named("EPSG:4326"), named("epsg:4326"), named("urn:ogc:def:crs:EPSG::4326"),
    named("urn:ogc:def:crs:EPSG:6.6:4326"), named("urn:ogc:def:crs:OGC:1.3:CRS84"),
    named("urn:ogc:def:crs:OGC::CRS84"), named("OGC:CRS84"), named("CRS84"),
    named("http://www.opengis.net/def/crs/EPSG/0/4326"),
    named("https://www.opengis.net/def/crs/OGC/1.3/CRS84"),
    named("http://www.opengis.net/gml/srs/epsg.xml#4326"), named(" EPSG:4326 "),
    named("urn:ogc:def:crs:EPSG::4979"),
    {"type": "EPSG", "properties": {"code": 4326}}, None,
], ids=lambda c: str(c))
def test_wgs84_spellings_are_accepted_and_change_nothing(crs: object) -> None:
    plain = parse(as_bytes(raw_collection()))
    declared = parse(with_crs(crs))
    assert list(declared.polygons["class"]) == list(plain.polygons["class"])
    assert declared.polygons.geometry.geom_equals(plain.polygons.geometry).all()


@pytest.mark.parametrize(("crs", "declared"), [
    (named("urn:ogc:def:crs:EPSG::3857"), "EPSG:3857 (WGS 84 / Pseudo-Mercator)"),
    (named("EPSG:32636"), "EPSG:32636 (WGS 84 / UTM zone 36N)"),
    (named("http://www.opengis.net/def/crs/EPSG/0/3857"), "EPSG:3857"),
    (named("urn:ogc:def:crs:EPSG::4284"), "EPSG:4284 (Pulkovo 1942)"),   # degrees, not WGS 84
    (named("urn:ogc:def:crs:OGC:1.3:CRS83"), "OGC:CRS83"),
    ({"type": "EPSG", "properties": {"code": 3857}}, "EPSG:3857"),
])
def test_other_declared_crs_is_refused_naming_it_and_the_fix(crs: dict, declared: str) -> None:
    with pytest.raises(InputError) as info:
        parse(with_crs(crs))
    text = str(info.value)
    assert text.startswith("map.geojson: crs ")
    assert f"declares its coordinates in {declared}" in text
    assert "not WGS 84 longitude/latitude" in text and FIX in text


@pytest.mark.parametrize(("crs", "shown"), [
    ("EPSG:4326", 'crs = "EPSG:4326"'),                       # a bare string, not an object
    ([4326], "crs = [4326]"),
    ({"type": "name"}, 'crs = {"type": "name"}'),
    ({"properties": {"name": "EPSG:4326"}}, "crs = {"),
    (named(""), 'crs name = ""'),
    ({"type": "name", "properties": {"name": 4326}}, "crs = {"),
    (named("WGS84"), 'crs name = "WGS84"'),
    (named("EPSG:"), 'crs name = "EPSG:"'),
    ({"type": "EPSG", "properties": {"code": "four"}}, "crs = {"),
    ({"type": "link", "properties": {"href": "http://example.org/crs", "type": "proj4"}},
     "a linked CRS cannot be checked"),
])
def test_malformed_crs_member_is_a_clear_error(crs: object, shown: str) -> None:
    with pytest.raises(InputError) as info:
        parse(with_crs(crs))
    text = str(info.value)
    assert text.startswith("map.geojson: crs")
    assert shown in text
    assert "delete the crs member" in text and FIX in text


def test_a_long_crs_value_is_cut_in_the_message() -> None:
    with pytest.raises(InputError) as info:
        parse(with_crs(named("x" * 5000)))
    assert len(str(info.value)) < 600


def test_crs_inside_the_api_response_and_on_a_feature() -> None:
    api = api_response()
    api["map"]["crs"] = named("EPSG:3857")
    with pytest.raises(InputError, match="EPSG:3857"):
        parse_snapshot(as_bytes(api), "last.json")
    doc = raw_collection()
    doc["features"][2]["crs"] = named("EPSG:32636")
    with pytest.raises(InputError, match=r"^map\.geojson feature 3: crs name = \"EPSG:32636\""):
        parse(as_bytes(doc))


def test_projected_coordinates_without_crs_are_refused() -> None:
    """No crs member, but metres for degrees: the bounds check names the feature."""
    with pytest.raises(InputError) as info:
        parse(as_bytes(projected(raw_collection())))
    text = str(info.value)
    assert text.startswith("map.geojson: feature 1 coordinates = x 4,107,000 to 4,162,500")
    assert "outside longitude/latitude range" in text and FIX in text


def test_epsg4326_is_still_read_lon_lat_and_bounds_checked() -> None:
    """EPSG:4326 officially orders latitude first; GeoJSON writers do not. Coordinates are read
    as lon/lat, so a file really written lat/lon ends up outside Ukraine and is refused."""
    doc = raw_collection()
    for f in doc["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            g["coordinates"] = [[[y, x] for x, y, *_ in ring] for ring in g["coordinates"]]
    with pytest.raises(InputError, match="no control polygon inside Ukraine"):
        parse(with_crs(named("urn:ogc:def:crs:EPSG::4326"), doc))


def test_refused_map_writes_nothing(tmp_path: Path, capsys) -> None:
    source = tmp_path / "mercator.geojson"
    source.write_bytes(with_crs(named("EPSG:3857"), projected(raw_collection())))
    store = tmp_path / "store"
    with pytest.raises(InputError, match="EPSG:3857"):
        import_deepstate(str(source), store, date=DAY)
    with pytest.raises(InputError, match="EPSG:3857"):
        session_map(source.read_bytes(), "mercator.geojson", DAY, store)
    assert main(["import", "deepstate", str(source), "--date", "2025-01-01",
                 "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "EPSG:3857 (WGS 84 / Pseudo-Mercator)" in err and FIX in err
    assert not store.exists() or not any(p.is_file() for p in store.rglob("*"))


def test_uploaded_map_in_another_crs_is_refused_on_the_page(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("FRONTLINE_DATA_DIR", raising=False)
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"),
                           default_timeout=60)
    at.query_params["date"] = "2025-11-20"
    at.run()
    at.sidebar.file_uploader(key="up_map").upload(
        "utm.geojson", with_crs(named("EPSG:32636"), projected(raw_collection())))
    at.sidebar.date_input(key="up_map_date").set_value(dt.date(2025, 11, 15))
    at.run()
    assert not at.exception
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]   # undo md() escapes
    assert len(errors) == 1 and errors[0].startswith("Your map was not used: utm")
    assert "EPSG:32636" in errors[0] and "UTM zone 36N" in errors[0]
    assert not any("Using your map" in s.value for s in at.success)
