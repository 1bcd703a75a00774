"""Tiny DeepState-format documents, written by hand, in every format the importer accepts."""

from __future__ import annotations

import json


def square(lon: float, lat: float, size: float = 0.5, z: bool = True) -> list:
    """A closed square ring, with a third coordinate like the raw API files."""
    pts = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size),
           (lon, lat)]
    return [[x, y, 0] if z else [x, y] for x, y in pts]


def feature(name: str | None, geometry: dict, fill: str | None = None) -> dict:
    props = {} if name is None else {"name": name, "description": "", "stroke-width": 1}
    if fill:
        props["fill"] = fill
    return {"type": "Feature", "properties": props, "geometry": geometry}


def poly(ring: list) -> dict:
    return {"type": "Polygon", "coordinates": [ring]}


def raw_features(style: str = "trilingual") -> list[dict]:
    """Occupied, Crimea (pre-2022), grey, liberated, plus decoys: a point, Karelia, Transnistria."""
    names = {
        "trilingual": {
            "occ": "Окуповано /// Occupied\xa0/// geoJSON.status.occupied",
            "crimea": "Окупований Крим /// Occupied Crimea\xa0/// geoJSON.territories.crimea",
            "grey": "Статус невідомий /// Unknown status /// geoJSON.status.unknown",
            "lib": "Звільнено 02.07 /// Liberated 02.07\xa0/// geoJSON.status.dismissed_at "
                   "{{at:02.07}}",
            "karelia": "Тимчасово окупована територія Карелії.\n///\nThe temporarily occupied "
                       "territory of Karelia\n/// geoJSON.territories.karelia",
            "transnistria": "Придністров'я/// Transnistria /// geoJSON.territories.transnistria",
        },
        "bilingual": {
            "occ": "Окуповано /// Occupied\n",
            "crimea": "Окупований Крим /// Occupied Crimea",
            "grey": "Статус невідомий /// Unknown status",
            "lib": "Звільнено /// Liberated\n",
            "karelia": "Тимчасово окупована територія Карелії.///\xa0The temporarily occupied",
            "transnistria": "Придністров'я /// Transnistria",
        },
        "ukrainian": {
            "occ": "Окуповано",
            "crimea": "Крим",
            "grey": "Під питанням",
            "lib": "Звільнено 25.03",
            "karelia": "Тимчасово окупована територія Карелії",
            "transnistria": "Придністров'я",
        },
    }[style]
    fills = {"occ": "#a52714", "crimea": "#000000", "grey": "#bcaaa4", "lib": "#0288d1",
             "karelia": "#a52714", "transnistria": "#880e4f"}
    out = [
        feature(names["occ"], poly(square(37.0, 48.0)), fills["occ"]),
        feature(names["crimea"], poly(square(34.0, 45.0)), fills["crimea"]),
        feature(names["grey"], poly(square(37.5, 48.0)), fills["grey"]),
        feature(names["lib"], poly(square(36.0, 49.5)), fills["lib"]),
        feature(names["karelia"], poly(square(33.0, 63.0)), fills["karelia"]),
        feature(names["transnistria"], poly(square(29.3, 47.0)), fills["transnistria"]),
        feature("Київ", {"type": "Point", "coordinates": [30.52, 50.45, 0]}),
    ]
    if style == "ukrainian":  # early 2022 files carry GeometryCollections
        out[0]["geometry"] = {"type": "GeometryCollection", "geometries": [
            poly(square(37.0, 48.0)), {"type": "LineString", "coordinates": [[37, 48, 0],
                                                                            [37.2, 48.1, 0]]}]}
    return out


def raw_collection(style: str = "trilingual") -> dict:
    return {"type": "FeatureCollection", "features": raw_features(style)}


def api_response(stamp: int = 1731707743) -> dict:
    return {"id": stamp, "datetime": "2024-11-15T21:55:43Z", "map": raw_collection()}


def processed(date: str = "20241115") -> dict:
    """One MultiPolygon, empty properties, CRS84, like cyterat's daily files."""
    return {"type": "FeatureCollection", "name": f"deepstatemap_data_{date}",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            "features": [feature(None, {"type": "MultiPolygon", "coordinates": [
                [square(37.0, 48.0, z=False)], [square(34.0, 45.0, z=False)]]})]}


def as_bytes(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
