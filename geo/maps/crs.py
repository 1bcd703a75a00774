"""The coordinates of an imported map must be WGS 84 longitude/latitude (RFC 7946).

A legacy ``crs`` member (GeoJSON 2008) is accepted only when it names WGS 84 (CRS84,
EPSG:4326 in any spelling); any other declared CRS, a malformed ``crs`` member, or
coordinates outside longitude/latitude range are refused with the reprojection to do.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import shapely

from geo.errors import InputError

#: (authority, code) pairs that mean WGS 84 longitude/latitude in a GeoJSON ``crs`` member.
#: EPSG:4326 officially orders latitude first, but GeoJSON writers put longitude first under
#: it (RFC 7946 practice), so it is read as lon/lat; the bounds checks still apply. The 3-D
#: variants (EPSG:4979, CRS84h) are accepted too: the height is dropped anyway.
WGS84_CRS = frozenset({("EPSG", "4326"), ("OGC", "CRS84"), ("EPSG", "4979"), ("OGC", "CRS84H")})
_CRS_NAME = re.compile(
    r"^(?:urn:ogc:def:crs:(?P<urn_auth>[a-z]+):[0-9.]*:(?P<urn_code>[a-z0-9]+)"
    r"|https?://www\.opengis\.net/def/crs/(?P<url_auth>[a-z]+)/[0-9.]+/(?P<url_code>[a-z0-9]+)"
    r"|https?://www\.opengis\.net/gml/srs/epsg\.xml#(?P<gml_code>[0-9]+)"
    r"|(?P<auth>epsg|ogc):(?P<code>[a-z0-9]+)"
    r"|(?P<bare>crs84h?))$", re.IGNORECASE)
_REPROJECT = ("Fix: reproject the map to WGS 84 longitude/latitude, e.g. "
              "`ogr2ogr -t_srs EPSG:4326 fixed.geojson {name}`, and use fixed.geojson")
_DROP_CRS = ("Fix: if the coordinates are WGS 84 longitude/latitude, delete the crs member "
             "(RFC 7946 GeoJSON needs none); otherwise reproject the map, e.g. "
             "`ogr2ogr -t_srs EPSG:4326 fixed.geojson {name}`")


def _shown(value: Any) -> str:
    """A value from the file, for an error message: JSON, at most 80 characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _crs_code(text: str) -> tuple[str, str] | None:
    """(authority, code) of a CRS name such as ``urn:ogc:def:crs:EPSG::3857``, else None."""
    match = _CRS_NAME.match(text.strip())
    if not match:
        return None
    g = match.groupdict()
    if g["bare"]:
        return "OGC", g["bare"].upper()
    if g["gml_code"]:
        return "EPSG", g["gml_code"]
    auth = g["urn_auth"] or g["url_auth"] or g["auth"]
    code = g["urn_code"] or g["url_code"] or g["code"]
    return auth.upper(), code.upper()


def _crs_label(auth: str, code: str) -> str:
    label = f"{auth}:{code}"
    if auth == "EPSG" and code.isdigit():
        try:
            from pyproj import CRS  # local import: only for naming a refused CRS

            label += f" ({CRS.from_epsg(int(code)).name})"
        except Exception:  # pyproj raises CRSError for unknown codes  # noqa: S110
            pass
    return label


def check_crs(crs: Any, name: str, feature: int | None = None) -> None:
    """Refuse a GeoJSON ``crs`` member that is not WGS 84 longitude/latitude.

    ``name`` is the file, ``feature`` the 1-based number of the feature holding the member
    (None: the collection's own). ``null`` counts as no member (the bounds checks still
    apply). Raises :class:`~geo.errors.InputError` saying what was declared and how to fix it.
    """
    if crs is None:
        return
    where = name if feature is None else f"{name} feature {feature}"
    if not isinstance(crs, dict) or not isinstance(crs.get("type"), str):
        raise InputError(f"{where}: crs = {_shown(crs)}: malformed crs member (expected "
                         '{"type": "name", "properties": {"name": "EPSG:4326"}}). '
                         + _DROP_CRS.format(name=name))
    kind = crs["type"].lower()
    props = crs.get("properties")
    props = props if isinstance(props, dict) else {}
    if kind == "name" and isinstance(props.get("name"), str):
        code = _crs_code(props["name"])
        if code is None:
            raise InputError(f"{where}: crs name = {_shown(props['name'])}: not a CRS name this "
                             "importer knows (e.g. EPSG:4326, urn:ogc:def:crs:OGC:1.3:CRS84). "
                             + _DROP_CRS.format(name=name))
        field, shown = "crs name", props["name"]
    elif kind == "epsg" and isinstance(props.get("code"), int | str) and str(
            props.get("code")).strip().isdigit():
        code = ("EPSG", str(props["code"]).strip())
        field, shown = "crs code", props["code"]
    elif kind in ("link", "linked"):
        raise InputError(f"{where}: crs = {_shown(crs)}: a linked CRS cannot be checked. "
                         + _DROP_CRS.format(name=name))
    else:
        raise InputError(f"{where}: crs = {_shown(crs)}: malformed crs member (expected "
                         '{"type": "name", "properties": {"name": "EPSG:4326"}}). '
                         + _DROP_CRS.format(name=name))
    if code not in WGS84_CRS:
        raise InputError(f"{where}: {field} = {_shown(shown)}: the map declares its coordinates in "
                         f"{_crs_label(*code)}, not WGS 84 longitude/latitude. "
                         + _REPROJECT.format(name=name))


def check_crs_members(doc: Any, name: str) -> None:
    """Check every ``crs`` member: the API wrapper's, the collection's and each feature's."""
    fc = doc["map"] if isinstance(doc, dict) and "map" in doc else doc
    for holder in (doc, fc) if fc is not doc else (doc,):
        if isinstance(holder, dict) and "crs" in holder:
            check_crs(holder["crs"], name)
    for i, feature in enumerate(fc.get("features") or []):
        if isinstance(feature, dict) and "crs" in feature:
            check_crs(feature["crs"], name, i + 1)


def check_lonlat(geoms: np.ndarray, positions: list[int], name: str) -> None:
    """Refuse coordinates outside longitude/latitude range: a projected map declaring no CRS."""
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geoms)
        bad = ((bounds[:, 0] < -180) | (bounds[:, 2] > 180) | (bounds[:, 1] < -90)
               | (bounds[:, 3] > 90))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        x0, y0, x1, y1 = (f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.6g}" for v in bounds[i])
        raise InputError(
            f"{name}: feature {positions[i] + 1} coordinates = x {x0} to {x1}, "
            f"y {y0} to {y1}: outside longitude/latitude range (x -180 to 180, "
            "y -90 to 90); the map is in a projected CRS (metres?), not WGS 84 "
            "longitude/latitude. " + _REPROJECT.format(name=name))
