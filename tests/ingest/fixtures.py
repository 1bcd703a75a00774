"""Fixtures in DeepState's API shapes (our own notes, places and numbers) and a data
directory with a tiny places table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from geo.places.table import COLUMNS, write_places
from tests.deepstate_fixtures import raw_collection
from tests.helpers import CLAIMANTS, write_data
from tests.ingest.fakeserver import Reply

PLACES = [
    # id, geonameid, name, alternates, oblast, population, lat, lon
    ("alpha", 704422, "Alpha", "Альфа,Alfa", "Donetsk", 60000, 48.28, 37.18),
    ("gn-1001", 1001, "Novoselivka", "Новоселівка,Новоселовка", "Donetsk", 900, 48.10, 37.50),
    ("gn-1002", 1002, "Novoselivka", "Новоселівка", "Kharkiv", 300, 49.50, 36.00),
    ("gn-1003", 1003, "Stepove", "Степове,Степовое", "Donetsk", 400, 48.30, 37.10),
    ("gn-1004", 1004, "Kindrashivka", "Кіндрашівка", "Kharkiv", 500, 49.80, 37.70),
    ("gn-1005", 1005, "Dachne", "Дачне", "Donetsk", 200, 47.80, 36.90),
    ("gn-1006", 1006, "Chasiv Yar", "Часів Яр,Часов Яр,Chasov Yar", "Donetsk", 12000,
     48.59, 37.84),
    ("gn-2001", 2001, "Pokrovsk", "Покровськ,Krasnoarmeysk,Красноармейск,Hryshyne",
     "Donetsk", 60000, 48.28, 37.40),
    ("gn-2002", 2002, "Hryshyne", "Гришине,Grishino", "Donetsk", 2000, 48.36, 37.05),
    ("gn-2003", 2003, "Rodynske", "Родинське,Rodinskoye,Родинское", "Donetsk", 10000,
     48.35, 37.21),
    ("gn-2004", 2004, "Dachne", "Дачне,Dachnoye", "Dnipropetrovsk", 100, 48.04, 36.83),
    ("gn-2005", 2005, "Kupiansk", "Куп'янськ,Kupyansk,Купянск", "Kharkiv", 27000, 49.71, 37.61),
]


def places_frame() -> pd.DataFrame:
    rows = [{"id": i, "geonameid": g, "name": n, "name_uk": a.split(",")[0], "name_ru": "",
             "alternatenames": a, "oblast": o, "raion": "", "population": p, "lat": la,
             "lon": lo, "feature_code": "PPL"} for i, g, n, a, o, p, la, lo in PLACES]
    return pd.DataFrame(rows)[list(COLUMNS)]


def ingest_data(directory: Path) -> Path:
    """A valid data directory with the ``deepstate`` claimant and a places table."""
    claimants = [*CLAIMANTS, *({"id": i, "name": n, "side": side, "kind": k, "url": ""}
                               for i, n, side, k in (
                                   ("deepstate", "DeepState", "ua", "osint"),
                                   ("ru_genstaff", "Russian General Staff", "ru", "military"),
                                   ("ua_genstaff", "Ukraine's General Staff", "ua", "military")))]
    write_data(directory, claimants=claimants)
    write_places(places_frame(), directory / "places.parquet")
    return directory


def link(name: str, lat: float, lon: float, zoom: int = 14) -> str:
    return f'<a href="https://deepstatemap.live/#{zoom}/{lat}/{lon}">{name}</a>'


def stamp(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp())


U1, U2, U3 = stamp("2024-11-14T10:00:00"), stamp("2024-11-14T18:00:00"), stamp(
    "2024-11-15T09:00:00")


def update(uid: int, en: str, uk: str = "") -> dict:
    when = dt.datetime.fromtimestamp(uid, dt.UTC).isoformat().replace("+00:00", ".000Z")
    return {"id": uid, "description": uk, "descriptionEn": en, "createdAt": when,
            "updatedAt": when, "datetime": when, "status": True}


def updates() -> list[dict]:
    return [
        update(U2, "<p>Ukrainian forces liberated " + link("Kindrashivka", 49.801, 37.702)
               + ".</p><p>The situation near " + link("Dachne", 47.8, 36.9)
               + " has been clarified. The enemy advanced near "
               + link("Nowhereville", 45.0, 30.0) + ".</p>"),
        update(U1, "The map has been updated. The enemy has occupied "
               + link("Novoselivka", 48.101, 37.502, 15) + " and advanced near "
               + link("Stepove", 48.301, 37.101) + "."),
        {"id": "not-a-number", "descriptionEn": "broken"},
        update(U3, "", "Мапу оновлено. Ворог окупував " + link("Альфу", 48.281, 37.181)
               + " та просунувся поблизу " + link("Часового Яру", 48.591, 37.841) + "."),
    ]


def areas(after: float, before: float, grey: float, after_pct: str | None = None) -> list:
    def pct(km2: float) -> str:
        return f"{km2 / 603628 * 100:.2f}"
    return [
        {"type": "occupied_after_24_02_2022", "area": after,
         "percent": after_pct or pct(after), "hash": "#a52714"},
        {"type": "occupied_to_24_02_2022", "area": before, "percent": pct(before),
         "hash": "#000000"},
        {"type": "unspecified", "area": grey, "percent": pct(grey), "hash": "#bcaaa4"},
        {"type": "other_territories", "area": 20.0, "percent": pct(20.0), "hash": "#0288d1"},
    ]


def js(doc: object) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def routes() -> dict[str, Reply | list[Reply]]:
    """The fake API: three good updates (two on 14 Nov), one malformed list item; update
    U2's Russian-held figure is inconsistent with its percent."""
    return {
        "/api/history/public": Reply(body=js(updates()), etag='"list-1"'),
        f"/api/history/{U1}/areas": Reply(body=js(areas(70000, 43000, 2000))),
        f"/api/history/{U2}/areas": Reply(body=js(areas(70100, 43000, 2100, "25.00"))),
        f"/api/history/{U3}/areas": Reply(body=js(areas(70200, 43000, 2050))),
        f"/api/history/{U2}/geojson": Reply(body=js(raw_collection())),
        f"/api/history/{U3}/geojson": Reply(body=js({"map": raw_collection("bilingual")})),
    }
