"""Tiny hand-written data directories for tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.vocab import COLUMNS

CLAIMANTS = [
    {"id": "ru_mod", "name": "Russian MoD", "side": "ru", "kind": "military", "url": ""},
    {"id": "ru_gs", "name": "Russian General Staff", "side": "ru", "kind": "military", "url": ""},
    {"id": "ua_gs", "name": "Ukrainian General Staff", "side": "ua", "kind": "military",
     "url": "https://example.org/ua"},
    {"id": "osint", "name": "Map", "side": "ua", "kind": "osint", "url": ""},
    {"id": "isw", "name": "ISW", "side": "independent", "kind": "analyst", "url": ""},
]
SETTLEMENTS = [
    {"id": "alpha", "name": "Alpha", "name_uk": "Альфа", "aliases": "Alfa;Krasnoalpha",
     "oblast": "Donetsk", "kind": "city", "population": "60000", "lat": "48.28",
     "lon": "37.18", "geonames_id": "704422"},
    {"id": "beta", "name": "Beta", "name_uk": "", "aliases": "", "oblast": "Kharkiv",
     "kind": "town", "population": "", "lat": "49.71", "lon": "37.62", "geonames_id": ""},
    {"id": "gamma", "name": "Gamma", "name_uk": "", "aliases": "", "oblast": "Zaporizhzhia",
     "kind": "village", "population": "0", "lat": "47.74", "lon": "36.39",
     "geonames_id": ""},
]


def claim(cid: str, date: str, settlement: str, claimant: str, status: str, **extra: str) -> dict:
    """A valid claim row; keyword arguments override fields."""
    row = {"id": cid, "date": date, "settlement_id": settlement, "claimant": claimant,
           "status": status, "extent": "full", "part": "", "encircled": "",
           "summary": f"{claimant} says {status}.", "source": "Test Wire",
           "source_url": "https://example.org/a", "source_date": date}
    row.update(extra)
    return row


CLAIMS = [
    claim("c1", "2025-01-01", "alpha", "ru_mod", "contested", encircled="true"),
    claim("c2", "2025-01-01", "alpha", "ua_gs", "ukrainian", encircled="false"),
    claim("c3", "2025-02-01", "alpha", "ru_gs", "russian"),
    claim("c4", "2025-01-15", "beta", "ru_mod", "russian", extent="partial", part="east"),
    claim("c5", "2025-01-15", "beta", "ua_gs", "russian"),
    claim("c6", "2025-03-01", "gamma", "isw", "contested"),
]

TERRITORY = [
    {"date": "2025-01-01", "claimant": "ru_mod", "share_pct": "19", "qualifier": "more_than",
     "area_km2": "116000", "denominator_km2": "603628", "includes": "", "summary": "s",
     "source": "Wire", "source_url": "", "refers_to": ""},
    {"date": "2025-01-01", "claimant": "osint", "share_pct": "19.1", "qualifier": "exactly",
     "area_km2": "", "denominator_km2": "", "includes": "", "summary": "s",
     "source": "Wire", "source_url": "", "refers_to": ""},
    {"date": "2025-01-01", "claimant": "osint", "share_pct": "18", "qualifier": "exactly",
     "area_km2": "", "denominator_km2": "603628", "includes": "", "summary": "s",
     "source": "Wire", "source_url": "", "refers_to": "2022-01-01"},
    {"date": "2025-02-01", "claimant": "osint", "share_pct": "19.3", "qualifier": "exactly",
     "area_km2": "", "denominator_km2": "603628", "includes": "", "summary": "s",
     "source": "Wire", "source_url": "", "refers_to": ""},
]

TABLES = {"claimants.csv": CLAIMANTS, "settlements.csv": SETTLEMENTS, "claims.csv": CLAIMS,
          "territory.csv": TERRITORY}


def to_csv(name: str, rows: list[dict]) -> str:
    """CSV text with the file's canonical header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_data(directory: Path, **tables: list[dict] | str) -> Path:
    """Write a data directory; pass ``claims=[...]`` (rows) or ``claims="raw text"`` to override."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in TABLES.items():
        override = tables.get(name.removesuffix(".csv"), rows)
        text = override if isinstance(override, str) else to_csv(name, override)
        (directory / name).write_text(text, encoding="utf-8")
    return directory
