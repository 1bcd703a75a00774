"""Regenerate the bad-input corpus in this folder: ``python tests/badinput/make_corpus.py``.

Each file is one hostile or broken input; MANIFEST.csv says which loader reads it and
what must happen: ``error`` (a clear, named error, nothing written) or ``ok`` (valid,
accepted — e.g. a payload that must be kept as literal text).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLAIMS_HEADER = ("id,date,settlement_id,claimant,status,extent,part,encircled,summary,source,"
                 "source_url,source_date")
SETTLEMENTS_HEADER = "id,name,name_uk,aliases,oblast,kind,population,lat,lon,geonames_id"
GOOD_CLAIM = "c1,2025-01-01,alpha,ru_mod,russian,full,,,A claim.,Wire,,2025-01-01"
GOOD_PLACE = "alpha,Alpha,,,Donetsk,city,60000,48.28,37.18,"
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>`${1+1}`"

CASES: list[tuple[str, str, str, str, bytes]] = []  # file, loader, expect, message, content


def add(name: str, loader: str, expect: str, message: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    CASES.append((name, loader, expect, message, data))


def claims(*rows: str) -> str:
    return CLAIMS_HEADER + "\n" + "\n".join(rows) + "\n"


def places(*rows: str) -> str:
    return SETTLEMENTS_HEADER + "\n" + "\n".join(rows) + "\n"


def fc(*features: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def poly(coords: list, name: str = "Окуповано /// Occupied /// geoJSON.status.occupied",
         gtype: str = "Polygon") -> dict:
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": gtype, "coordinates": coords}}


SQUARE = [[[37.0, 48.0], [37.5, 48.0], [37.5, 48.5], [37.0, 48.5], [37.0, 48.0]]]

# --- claims.csv -----------------------------------------------------------------------------
add("claims_empty.csv", "claims", "error", "empty", "")
add("claims_header_only.csv", "claims", "ok", "", CLAIMS_HEADER + "\n")
add("claims_truncated_row.csv", "claims", "error", "expected 12 fields",
    claims(GOOD_CLAIM, "c2,2025-01-02,alpha,ru_mod"))
add("claims_unclosed_quote.csv", "claims", "error", "", claims('c2,2025-01-02,alpha,ru_mod,'
                                                                 'russian,full,,,"never closed'))
add("claims_semicolons.csv", "claims", "error", "not comma-separated",
    CLAIMS_HEADER.replace(",", ";") + "\n" + GOOD_CLAIM.replace(",", ";") + "\n")
add("claims_tabs.csv", "claims", "error", "not comma-separated",
    CLAIMS_HEADER.replace(",", "\t") + "\n")
add("claims_utf16.csv", "claims", "error", "UTF-16", claims(GOOD_CLAIM).encode("utf-16"))
add("claims_bom.csv", "claims", "ok", "", b"\xef\xbb\xbf" + claims(GOOD_CLAIM).encode())
add("claims_cp1251.csv", "claims", "error", "not valid UTF-8",
    claims(GOOD_CLAIM.replace("A claim.", "Заява.")).encode("cp1251"))
add("claims_nul_byte.csv", "claims", "error", "", claims(GOOD_CLAIM) .encode() + b"\x00\x00")
add("claims_huge_field.csv", "claims", "ok", "",
    claims(GOOD_CLAIM.replace("A claim.", "x" * 100_000)))
add("claims_duplicate_id.csv", "claims", "error", "duplicate id", claims(GOOD_CLAIM, GOOD_CLAIM))
add("claims_unknown_settlement.csv", "claims", "error", "unknown id",
    claims(GOOD_CLAIM.replace("alpha", "atlantis")))
add("claims_unknown_claimant.csv", "claims", "error", "unknown id",
    claims(GOOD_CLAIM.replace("ru_mod", "kremlin_bot")))
add("claims_future_date.csv", "claims", "error", "future",
    claims(GOOD_CLAIM.replace("2025-01-01", "2099-01-01")))
add("claims_date_us_format.csv", "claims", "error", "not a valid date",
    claims(GOOD_CLAIM.replace("2025-01-01,alpha", "01/02/2025,alpha")))
add("claims_date_words.csv", "claims", "error", "not a valid date",
    claims(GOOD_CLAIM.replace("2025-01-01,alpha", "11 November 2025,alpha")))
add("claims_date_feb30.csv", "claims", "error", "not a valid date",
    claims(GOOD_CLAIM.replace("2025-01-01,alpha", "2025-02-30,alpha")))
add("claims_unknown_status.csv", "claims", "error", "unknown value",
    claims(GOOD_CLAIM.replace("russian", "liberated")))
add("claims_formula_injection.csv", "claims", "ok", "",
    claims(GOOD_CLAIM.replace("A claim.", '"=HYPERLINK(""http://evil.example"",""x"")"')))
add("claims_html_payloads.csv", "claims", "ok", "",
    claims(GOOD_CLAIM.replace("A claim.", XSS).replace("Wire", XSS)))
add("claims_javascript_url.csv", "claims", "error", "invalid format",
    claims(GOOD_CLAIM.replace(",Wire,,", ",Wire,javascript:alert(1),")))
add("claims_path_as_url.csv", "claims", "error", "invalid format",
    claims(GOOD_CLAIM.replace(",Wire,,", ",Wire,/etc/passwd,")))
add("claims_missing_column.csv", "claims", "error", "missing column",
    CLAIMS_HEADER.replace("status,", "") + "\n")
add("claims_blank_lines.csv", "claims", "ok", "", claims("", GOOD_CLAIM, "", ""))
add("claims_binary.csv", "claims", "error", "", bytes(range(256)) * 4)
# --- settlements.csv --------------------------------------------------------------------------
add("settlements_nan_coords.csv", "settlements", "error", "not a number",
    places(GOOD_PLACE.replace("48.28,37.18", "nan,37.18")))
add("settlements_inf_coords.csv", "settlements", "error", "not a number",
    places(GOOD_PLACE.replace("48.28,37.18", "inf,-inf")))
add("settlements_swapped.csv", "settlements", "error", "swapped",
    places(GOOD_PLACE.replace("48.28,37.18", "37.18,48.28")))
add("settlements_outside.csv", "settlements", "error", "outside Ukraine",
    places(GOOD_PLACE.replace("48.28,37.18", "55.75,37.62")))
add("settlements_comma_decimal.csv", "settlements", "error", "expected 10 fields",
    places(GOOD_PLACE.replace("48.28,37.18", "48,28,37,18")))
add("settlements_bad_slug.csv", "settlements", "error", "invalid format",
    places(GOOD_PLACE.replace("alpha,Alpha", "../../etc/passwd,Alpha")))
add("settlements_html_name.csv", "settlements", "ok", "",
    places(GOOD_PLACE.replace(",Alpha,", f",\"{XSS}\",")))
add("settlements_negative_population.csv", "settlements", "error", "out of range",
    places(GOOD_PLACE.replace("60000", "-1")))
add("settlements_duplicate_geonames_id.csv", "settlements", "error",
    "GeoNames id already used by an earlier settlement",
    places(GOOD_PLACE + "704422", GOOD_PLACE.replace("alpha,", "alpha-2,") + "704422"))
# --- DeepState maps --------------------------------------------------------------------------
add("map_empty.json", "deepstate", "error", "not valid JSON", "")
add("map_truncated.json", "deepstate", "error", "not valid JSON", fc(poly(SQUARE))[:-20])
add("map_html.json", "deepstate", "error", "not valid JSON", "<html>502 Bad Gateway</html>")
add("map_not_fc.json", "deepstate", "error", "not a DeepState map", '{"type": "Feature"}')
add("map_array.json", "deepstate", "error", "not a DeepState map", "[1, 2, 3]")
add("map_no_features.json", "deepstate", "error", "no features", fc())
add("map_points_only.json", "deepstate", "error", "no control polygon",
    fc({"type": "Feature", "properties": {"name": "Київ"},
        "geometry": {"type": "Point", "coordinates": [30.5, 50.4, 0]}}))
add("map_self_intersecting.json", "deepstate", "ok", "",
    fc(poly([[[37.0, 48.0], [37.5, 48.5], [37.5, 48.0], [37.0, 48.5], [37.0, 48.0]]])))
add("map_zero_area.json", "deepstate", "error", "no control polygon",
    fc(poly([[[37.0, 48.0], [37.5, 48.0], [37.0, 48.0], [37.0, 48.0]]])))
add("map_geometrycollection.json", "deepstate", "ok", "",
    fc(poly([{"type": "Polygon", "coordinates": SQUARE},
             {"type": "Point", "coordinates": [37.1, 48.1]}], gtype="GeometryCollection")
       | {"geometry": {"type": "GeometryCollection", "geometries": [
           {"type": "Polygon", "coordinates": SQUARE},
           {"type": "Point", "coordinates": [37.1, 48.1]}]}}))
add("map_3d.json", "deepstate", "ok", "",
    fc(poly([[[x, y, 0] for x, y in SQUARE[0]]])))
add("map_4d.json", "deepstate", "ok", "",
    fc(poly([[[x, y, 0, 1] for x, y in SQUARE[0]]])))
add("map_nan_coords.json", "deepstate", "error", "",
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": '
    '"Окуповано /// Occupied /// geoJSON.status.occupied"}, "geometry": {"type": "Polygon", '
    '"coordinates": [[[NaN, 48], [37.5, 48], [37.5, 48.5], [NaN, 48]]]}}]}')
add("map_outside_only.json", "deepstate", "error", "no control polygon",
    fc(poly([[[142.0, 45.0], [142.5, 45.0], [142.5, 45.5], [142.0, 45.0]]])))
add("map_string_coords.json", "deepstate", "error", "",
    fc(poly([[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]])))
add("map_payload_name.json", "deepstate", "error", "no control polygon",
    fc(poly(SQUARE, name=XSS)))
# --- the map's CRS: WGS 84 longitude/latitude only (a GeoJSON 2008 "crs" member may say so) --


def crs(name: str) -> dict:
    return {"crs": {"type": "name", "properties": {"name": name}}}


# SQUARE projected to Web Mercator and to UTM zone 36N (pyproj), as a converter would write it
MERCATOR = [[[4118821, 6106855], [4174481, 6106855], [4174481, 6190444], [4118821, 6190444],
             [4118821, 6106855]]]
UTM36N = [[[798357, 5324046], [835644, 5326105], [832382, 5381661], [795458, 5379606],
           [798357, 5324046]]]
add("map_crs_3857.json", "deepstate", "error", "declares its coordinates in EPSG:3857",
    json.dumps(json.loads(fc(poly(MERCATOR))) | crs("urn:ogc:def:crs:EPSG::3857")))
add("map_crs_utm36n.json", "deepstate", "error", "declares its coordinates in EPSG:32636",
    json.dumps(json.loads(fc(poly(UTM36N))) | crs("EPSG:32636")))
add("map_crs_pulkovo_degrees.json", "deepstate", "error", "declares its coordinates in EPSG:4284",
    json.dumps(json.loads(fc(poly(SQUARE))) | crs("http://www.opengis.net/def/crs/EPSG/0/4284")))
add("map_crs_malformed.json", "deepstate", "error", "malformed crs member",
    json.dumps(json.loads(fc(poly(SQUARE))) | {"crs": "EPSG:4326"}))
add("map_crs_unknown_name.json", "deepstate", "error", "not a CRS name",
    json.dumps(json.loads(fc(poly(SQUARE))) | crs("WGS 84 please")))
add("map_crs_feature_3857.json", "deepstate", "error", "feature 1: crs name",
    fc(poly(MERCATOR) | crs("EPSG:3857")))
add("map_projected_no_crs.json", "deepstate", "error", "outside longitude/latitude range",
    fc(poly(MERCATOR)))
add("map_crs_crs84.json", "deepstate", "ok", "",
    json.dumps(json.loads(fc(poly(SQUARE))) | crs("urn:ogc:def:crs:OGC:1.3:CRS84")))
add("map_crs_epsg4326.json", "deepstate", "ok", "",
    json.dumps(json.loads(fc(poly(SQUARE))) | crs("urn:ogc:def:crs:EPSG::4326")))
# --- second round (issue 14): each crashed with a traceback before ---------------------------
# "deepstate-own-date": read with the date the file states (no --date), as an upload is
API_FC = json.loads(fc(poly(SQUARE)))
add("map_api_feb30.json", "deepstate-own-date", "error", "is not a valid date",
    json.dumps({"id": None, "datetime": "2025-02-30T10:00:00", "map": API_FC}))
add("map_api_id_1e12.json", "deepstate-own-date", "error", "not a Unix time",
    json.dumps({"id": 1e12, "datetime": "2025-01-01", "map": API_FC}))
add("map_api_id_infinity.json", "deepstate-own-date", "error", "not a number JSON allows",
    '{"id": Infinity, "map": ' + json.dumps(API_FC) + "}")
add("map_api_future.json", "deepstate-own-date", "error", "in the future",
    json.dumps({"datetime": "2100-01-01T00:00:00", "map": API_FC}))
add("map_api_id_true.json", "deepstate-own-date", "error", "cannot tell the date",
    json.dumps({"id": True, "map": API_FC}))
add("map_nested_5000.json", "deepstate", "error", "nested too deeply",
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
    '"geometry": {"type": "Polygon", "coordinates": ' + "[" * 5000 + "]" * 5000 + "}}]}")
add("map_nested_900.json", "deepstate", "error", "nested 5 deep",
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
    '"geometry": {"type": "Polygon", "coordinates": ' + "[" * 900 + "]" * 900 + "}}]}")
add("map_5000_digits.json", "deepstate", "error", "a value cannot be read",
    fc(poly(SQUARE)).replace("37.5, 48.0", "3" * 5000 + ", 48.0", 1))
add("map_nan_literal.json", "deepstate", "error", "NaN is not a number JSON allows",
    fc(poly(SQUARE)).replace("37.5, 48.0", "NaN, 48.0", 1))
add("map_huge_exponent.json", "deepstate", "error", "",
    fc(poly(SQUARE)).replace("37.5, 48.0", "1e400, 48.0", 1))
add("map_ukraine_border.json", "deepstate-import", "error", "not a DeepState front-line map",
    fc({"type": "Feature", "properties": {"NAME": "Ukraine"}, "geometry": {
        "type": "Polygon", "coordinates": [[[22.2, 48.4], [24.0, 51.9], [33.5, 52.3],
                                            [40.2, 49.6], [38.0, 47.0], [33.6, 44.4],
                                            [30.2, 45.8], [22.2, 48.4]]]}}))
# --- GeoNames dumps --------------------------------------------------------------------------
add("geonames_empty.txt", "gazetteer", "error", "", "")
add("geonames_csv_instead.txt", "gazetteer", "error", "not a GeoNames dump",
    "geonameid,name\n1,Kyiv\n")
add("geonames_no_places.txt", "gazetteer", "error", "no populated places",
    "\t".join(["1", "Oblast", "Oblast", "", "48", "37", "A", "ADM1", "UA", "", "05", "", "", "",
               "0", "", "100", "Europe/Kyiv", "2026-07-28"]) + "\n")
add("geonames_not_zip.zip", "gazetteer", "error", "", b"PK\x03\x04 this is not a zip")


def dump_row(geonameid: str = "703448", population: str = "2797553") -> str:
    return "\t".join([geonameid, "Kyiv", "Kyiv", "Kiev,Київ", "50.45466", "30.5238", "P",
                      "PPLC", "UA", "", "12", "", "", "", population, "", "187", "Europe/Kyiv",
                      "2026-07-28"]) + "\n"


def zipped(text: str, flags: int = 0, method: int | None = None,
           declared: int | None = None) -> bytes:
    """A one-member zip of ``text`` as UA.txt, its header fields then overwritten: general
    purpose flags (bit 0: encrypted), compression method (9: deflate64) and the declared
    uncompressed size, in the local header and the central directory alike."""
    import io
    import struct
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("UA.txt", date_time=(2026, 7, 29, 0, 0, 0)), text)
    data = bytearray(buffer.getvalue())
    local, central = 0, data.index(b"PK\x01\x02")
    for offset, flag_at, method_at, size_at in ((local, 6, 8, 22), (central, 8, 10, 24)):
        if flags:
            struct.pack_into("<H", data, offset + flag_at, flags)
        if method is not None:
            struct.pack_into("<H", data, offset + method_at, method)
        if declared is not None:
            struct.pack_into("<I", data, offset + size_at, declared)
    return bytes(data)


add("geonames_30_digit_id.txt", "gazetteer", "error", "not a GeoNames id",
    dump_row(geonameid="1" * 30))
add("geonames_population_inf.txt", "gazetteer", "error", "population = 'inf'",
    dump_row(population="inf"))
add("geonames_population_negative.txt", "gazetteer", "error", "not a whole number",
    dump_row(population="-5"))
add("geonames_deflate64.zip", "gazetteer", "error", "compression method",
    zipped(dump_row(), method=9))
add("geonames_encrypted.zip", "gazetteer", "error", "encrypted", zipped(dump_row(), flags=1))
add("geonames_bomb.zip", "gazetteer", "error", "unpacks to 3,221,225,472 bytes",
    zipped(dump_row(), declared=3 * 1024 ** 3))

if __name__ == "__main__":
    for old in HERE.iterdir():
        if old.name not in ("make_corpus.py", "__init__.py"):
            old.unlink()
    with (HERE / "MANIFEST.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "loader", "expect", "message"])
        for name, loader, expect, message, content in CASES:
            (HERE / name).write_bytes(content)
            writer.writerow([name, loader, expect, message])
    print(f"wrote {len(CASES)} inputs to {HERE}")
