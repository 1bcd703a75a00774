"""Tiny hand-made claims and maps for the scorecard tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from geo.maps.importer import import_deepstate
from geo.maps.placeclasses import CODES, PlaceClasses
from tests.deepstate_fixtures import as_bytes, feature, poly, raw_features, square
from tests.helpers import CLAIMANTS, SETTLEMENTS, claim, write_data

PLACES = np.array(["a", "b", "c"], dtype=object)


def claims(*rows: tuple[str, str, str, str, str] | tuple[str, str, str, str, str, str]
           ) -> pd.DataFrame:
    """A loaded-claims-like frame from (id, date, place, claimant, status[, extent])."""
    out = []
    for i, row in enumerate(rows):
        cid, day, place, claimant, status = row[:5]
        extent = row[5] if len(row) > 5 else "full"
        out.append({"id": cid, "date": pd.Timestamp(day), "settlement_id": place,
                    "claimant": claimant, "status": status, "extent": extent,
                    "source": f"Wire on {day}", "source_url": f"https://example.org/{cid}",
                    "row": i})
    frame = pd.DataFrame(out)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame.sort_values(["date", "row"], kind="stable").reset_index(drop=True)


def classes(day: str, **by_place: str) -> PlaceClasses:
    """One map: each place's class name (default ``none``)."""
    codes = np.array([CODES[by_place.get(p, "none")] for p in PLACES], dtype=np.uint8)
    date = dt.date.fromisoformat(day)
    return PlaceClasses(date, PLACES, codes, np.full(len(PLACES), np.datetime64(date, "D")),
                        "test", "1")


def _map(tmp: Path, name: str, lon: float, lat: float) -> str:
    path = tmp / name
    occupied = raw_features()[0]["properties"]["name"]
    path.write_bytes(as_bytes({"type": "FeatureCollection",
                               "features": [feature(occupied, poly(square(lon, lat)))]}))
    return str(path)


def far_map(tmp: Path) -> str:
    """A DeepState map file whose only Russian-held area is far from every test place."""
    return _map(tmp, "far.json", 30.0, 46.0)


def stored_dirs(tmp_path: Path, claims: list[dict] | None = None) -> tuple[Path, Path]:
    """(data, store): the helpers' data directory (``claims`` rows, if given) and a store
    with DeepState maps of 2025-01-01 (Russian-held far away), 2025-02-10 and 2025-03-01
    (Alpha and Beta Russian-held)."""
    data = write_data(tmp_path / "data", **({"claims": claims} if claims else {}))
    store = tmp_path / "store"
    places = pd.DataFrame({"id": [s["id"] for s in SETTLEMENTS],
                           "lat": [float(s["lat"]) for s in SETTLEMENTS],
                           "lon": [float(s["lon"]) for s in SETTLEMENTS]})
    far, here = far_map(tmp_path), _map(tmp_path, "here.json", 37.0, 48.0)
    for day, path in (("2025-01-01", far), ("2025-02-10", here), ("2025-03-01", here)):
        import_deepstate(path, store, date=dt.date.fromisoformat(day), places=places)
    return data, store


def early_claims_dirs(tmp_path: Path, deepstate_speaks: bool = True) -> tuple[Path, Path]:
    """(data, store): the three maps of :func:`stored_dirs` (from 2025-01-01), and claims of
    which two of three capture claims came before the first map; DeepState, a claimant
    too, said Alpha was Russian-held in 2024 (unless ``deepstate_speaks`` is false)."""
    rows = [claim("e1", "2024-06-01", "alpha", "ru_mod", "russian"),
            claim("e2", "2024-07-01", "beta", "ru_gs", "russian"),
            claim("e3", "2025-02-01", "gamma", "ru_gs", "russian")]
    own = [claim("e4", "2024-08-01", "alpha", "deepstate", "russian")]
    data, store = stored_dirs(tmp_path, rows)
    who = {"id": "deepstate", "name": "DeepState", "side": "ua", "kind": "osint", "url": ""}
    write_data(data, claims=rows + (own if deepstate_speaks else []),
               claimants=[*CLAIMANTS, who])
    return data, store
