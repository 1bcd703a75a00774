"""Generate a realistic data directory and map store at national scale (deterministic).

Settlements are spread over Ukraine's bounding box (or taken from an imported
GeoNames gazetteer), claims come from 6 claimants over 4 years and cluster near a
front line that moves west over time, and each daily control map is a polygon east
of that day's front with thousands of vertices, like DeepState's real files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.maps.area import figures
from geo.maps.deepstate import Snapshot
from geo.maps.store import save_snapshot
from geo.places.gazetteer import load_gazetteer
from geo.vocab import COLUMNS, UKRAINE_BBOX

CLAIMANTS = pd.DataFrame({
    "id": ["ru_mod", "ru_genstaff", "ru_gov", "ua_genstaff", "ua_military", "deepstate"],
    "name": ["Russian Ministry of Defence", "Russian General Staff", "Russian government",
             "General Staff of Ukraine", "Ukrainian military", "DeepState"],
    "side": ["ru", "ru", "ru", "ua", "ua", "ua"],
    "kind": ["military", "military", "government", "military", "military", "osint"],
    "url": [""] * 6,
})
END = dt.date(2026, 1, 1)
DAYS = 4 * 365


@dataclass(frozen=True)
class Synthetic:
    """Frames of a generated data directory (before writing)."""

    claimants: pd.DataFrame
    settlements: pd.DataFrame
    claims: pd.DataFrame
    territory: pd.DataFrame
    start: dt.date


def front_lon(lat: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Longitude of the front at latitude ``lat`` on day fraction ``t`` (0..1): moves west."""
    return 38.6 - 1.6 * t + 0.35 * np.sin(lat * 2.7 + t * 9.0) + 0.15 * np.sin(lat * 7.1)


def settlements(n: int, rng: np.random.Generator, store: Path | None = None) -> pd.DataFrame:
    """``n`` settlements: from the store's gazetteer when imported, else random in the bbox."""
    box = UKRAINE_BBOX
    gaz = load_gazetteer(store) if store is not None else None
    if gaz is not None and len(gaz[0]) >= n:
        places = gaz[0].sample(n=n, random_state=int(rng.integers(2**31))).reset_index(drop=True)
        ids = [f"p{g}" for g in places["geonameid"]]
        lat, lon = places["lat"].to_numpy(), places["lon"].to_numpy()
        names = places["name"].to_numpy()
        pop = places["population"].to_numpy()
        oblast = places["oblast"].str.replace(" Oblast", "").replace("", "unknown").to_numpy()
        gids = places["geonameid"].to_numpy()
    else:
        lat = rng.uniform(box["lat_min"] + 0.1, box["lat_max"] - 0.1, n).round(5)
        lon = rng.uniform(box["lon_min"] + 0.1, box["lon_max"] - 0.1, n).round(5)
        ids = [f"s{i:06d}" for i in range(n)]
        names = np.array([f"Synthetic {i}" for i in range(n)])
        pop = np.where(rng.random(n) < 0.3, 0, (rng.pareto(1.2, n) * 800).astype(int))
        oblast = np.full(n, "Synthetic")
        gids = np.full(n, "")
    return pd.DataFrame({
        "id": ids, "name": names, "name_uk": "", "aliases": "", "oblast": oblast,
        "kind": np.where(pop >= 50_000, "city", np.where(pop >= 5_000, "town", "village")),
        "population": np.where(pop > 0, pop, 0).astype(int), "lat": lat, "lon": lon,
        "geonames_id": gids,
    })


def claims(places: pd.DataFrame, m: int, rng: np.random.Generator) -> pd.DataFrame:
    """``m`` claims over 4 years, mostly about places near that day's front."""
    start = END - dt.timedelta(days=DAYS)
    day = np.sort(rng.integers(0, DAYS, m))
    t = day / DAYS
    lat, lon = places["lat"].to_numpy(), places["lon"].to_numpy()
    # pick places near the front: sample candidates, keep the closest of a few
    cands = rng.integers(0, len(places), (m, 6))
    dist = np.abs(lon[cands] - front_lon(lat[cands], t[:, None]))
    pick = cands[np.arange(m), dist.argmin(axis=1)]
    offset = lon[pick] - front_lon(lat[pick], t)       # > 0: east of the front (Russian-held)
    claimant = rng.integers(0, len(CLAIMANTS), m)
    side = CLAIMANTS["side"].to_numpy()[claimant]
    bias = np.where(side == "ru", 0.15, -0.15)         # each side leans its own way
    score = offset + bias + rng.normal(0, 0.1, m)
    status = np.where(score > 0.1, "russian", np.where(score < -0.1, "ukrainian", "contested"))
    encircled = np.where(rng.random(m) < 0.05, np.where(side == "ru", "true", "false"), "")
    dates = pd.to_datetime(start) + pd.to_timedelta(day, unit="D")
    iso = dates.strftime("%Y-%m-%d")
    return pd.DataFrame({
        "id": [f"k{i:07d}" for i in range(m)], "date": iso,
        "settlement_id": places["id"].to_numpy()[pick],
        "claimant": CLAIMANTS["id"].to_numpy()[claimant], "status": status,
        "extent": np.where(rng.random(m) < 0.1, "partial", "full"), "part": "",
        "encircled": encircled, "summary": "Synthetic claim for benchmarks.",
        "source": "synthetic", "source_url": "", "source_date": iso,
    })


def control_polygon(t: float, vertices: int = 2000) -> shapely.Geometry:
    """The Russian-held area on day fraction ``t``: east of the front, ``vertices`` points."""
    box = UKRAINE_BBOX
    lat = np.linspace(box["lat_min"] + 0.05, box["lat_max"] - 0.05, vertices)
    lon = np.minimum(front_lon(lat, np.full_like(lat, t)), box["lon_max"] - 0.05)
    ring = [*zip(lon, lat, strict=True), (box["lon_max"] - 0.01, lat[-1]),
            (box["lon_max"] - 0.01, lat[0])]
    return shapely.make_valid(shapely.Polygon(ring))


def generate(n: int, m: int, seed: int, store: Path | None = None) -> Synthetic:
    """The frames of a synthetic data directory."""
    rng = np.random.default_rng(seed)
    places = settlements(n, rng, store)
    territory = pd.DataFrame({
        "date": ["2025-06-01", "2025-12-01"], "claimant": ["ru_gov", "deepstate"],
        "share_pct": [19.0, 19.2], "qualifier": ["more_than", "exactly"], "area_km2": "",
        "denominator_km2": "", "includes": "not stated",
        "summary": "Synthetic figure for benchmarks.", "source": "synthetic",
        "source_url": "", "refers_to": "",
    })
    return Synthetic(CLAIMANTS, places, claims(places, m, rng), territory,
                     END - dt.timedelta(days=DAYS))


def write(out: Path, n: int, m: int, k: int, seed: int, store: Path | None = None) -> Path:
    """Write a data directory to ``out`` and ``k`` daily maps to ``out/local`` (its store)."""
    synth = generate(n, m, seed, store)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("claimants.csv", synth.claimants),
                        ("settlements.csv", synth.settlements),
                        ("claims.csv", synth.claims), ("territory.csv", synth.territory)):
        frame.reindex(columns=list(COLUMNS[name]), fill_value="").to_csv(out / name, index=False)
    maps = out / "local"
    for i in range(k):
        day = END - dt.timedelta(days=k - 1 - i)
        t = 1.0 - (k - 1 - i) / DAYS
        poly = gpd.GeoDataFrame({"class": ["occupied"]}, geometry=[control_polygon(t)],
                                crs="EPSG:4326")
        snap = Snapshot(date=day, date_from="synthetic", kind="processed", polygons=poly,
                        features=1, dropped_points=0, dropped_outside=0, dropped_unknown=0,
                        repaired=0, repaired_km2=0.0, source="synthetic")
        save_snapshot(snap, maps, figures(poly, day.isoformat(), "synthetic",
                                          split_pre2022=False))
    return out
