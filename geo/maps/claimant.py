"""The map as a claimant: per-settlement statuses derived from stored control maps.

Inside Russian-held territory (since or before 2022) → ``russian``; inside the
grey zone → ``contested``; otherwise → ``ukrainian``. A derived claim is dated
by the first snapshot that shows a settlement's status (later snapshots that
show the same status add no row), so one row per change, not per day.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geo.dataset.load import Dataset
from geo.dataset.national import curated_aliases
from geo.errors import FrontlineError
from geo.maps.placeclasses import PlaceClasses
from geo.maps.store import MAP_CLAIMANT, StoredMap, list_maps, read_map, stored_classes
from geo.vocab import MAP_FIRST_ROW

MAP_SOURCE = "DeepState map (status computed by Frontline Claims)"
MAP_URL = "https://deepstatemap.live"
_SUMMARY = {
    "russian": "On the DeepState map of {d}, this place lies inside Russian-held territory.",
    "contested": "On the DeepState map of {d}, this place lies inside the grey zone "
                 "(status unknown).",
    "ukrainian": "On the DeepState map of {d}, this place lies outside Russian-held "
                 "territory and the grey zone.",
}
#: Processed maps (cyterat's files) draw Russian-held territory only: no grey zone.
_PROCESSED_SUMMARY = {
    "russian": "On the DeepState map of {d} (Russian-held territory only; this file has "
               "no grey zone), this place lies inside Russian-held territory.",
    "ukrainian": "On the DeepState map of {d} (Russian-held territory only; this file has "
                 "no grey zone, so contested ground is not told apart), this place lies "
                 "outside Russian-held territory.",
}


def summary_text(status: str, day: str, kind: str = "raw", run: bool = False) -> str:
    """The summary of a map-derived claim; ``kind`` is the stored map's (raw/processed).

    ``run``: the claim stands for every map from ``day`` on that shows the same status
    (the page dates it by the map in force), so the text says "every map since".
    """
    table = _PROCESSED_SUMMARY if kind == "processed" and status in _PROCESSED_SUMMARY \
        else _SUMMARY
    text = table[status].format(d=day)
    return text.replace(f"On the DeepState map of {day}",
                        f"On every DeepState map since {day}") if run else text


def statuses_on_map(settlements: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame) -> pd.Series:
    """Each settlement's status on one map (vectorized point-in-polygon), indexed by id."""
    status = pd.Series("ukrainian", index=settlements["id"].to_numpy(), dtype=object)
    for cls, value in (("grey", "contested"), ("occupied", "russian"), ("pre2022", "russian")):
        part = polygons[polygons["class"] == cls]
        if part.empty:
            continue
        area = part.geometry.iloc[0]  # one dissolved geometry per class
        shapely.prepare(area)
        mask = np.asarray(shapely.contains(area, settlements.geometry.to_numpy()), dtype=bool)
        status[mask] = value
    return status


def _among(values: pd.Series, known: pd.Series) -> np.ndarray:
    """Whether each of ``values`` is one of ``known``, as a boolean array: pyarrow's hash
    lookup (pandas' ``isin`` on string arrays converts every value to an Arrow scalar
    first, 0.4 s a map on the national table, five maps on the first render)."""
    found = pc.is_in(pa.array(values.to_numpy(dtype=object), type=pa.string()),
                     value_set=pa.array(known.to_numpy(dtype=object), type=pa.string()))
    return np.asarray(pc.fill_null(found, False), dtype=bool)


def _map_statuses(stored: StoredMap, settlements: gpd.GeoDataFrame, use_classes: bool
                  ) -> tuple[pd.Series, str]:
    """(status per place id, the map's kind): from the map's stored place classes when
    ``use_classes`` and it has them (every classified place of the settlements), else
    computed from its polygons for the settlements."""
    classes = stored_classes(stored) if use_classes else None
    if classes is not None:
        kind = str(pd.read_parquet(stored.path, columns=["kind"])["kind"].iloc[0])
        # a place curated after the map was classified is still found by its gn- id
        ids = pd.Series(np.asarray(classes.ids, dtype=object))
        ids = ids.map(curated_aliases(settlements)).fillna(ids)   # (a dict replace: 20 s)
        status = pd.Series(classes.statuses(), index=pd.Index(ids.to_numpy()))
        status = status[status.notna().to_numpy() & _among(ids, settlements["id"])]
        status = status[~status.index.duplicated(keep="last")]
        return status, kind
    polygons = read_map(stored)
    return statuses_on_map(settlements, polygons), str(polygons["kind"].iloc[0])


def derived_claims(
    settlements: gpd.GeoDataFrame,
    maps: list[StoredMap],
    first_row: int = MAP_FIRST_ROW,
    use_classes: bool = False,
) -> tuple[pd.DataFrame, list[str]]:
    """Claims by the map's claimant, one per settlement per change of status.

    Columns follow the loaded claims frame (``row`` numbers start at ``first_row``
    so that on the same date a map claim counts as entered after the file's claims).
    Unreadable stored maps are skipped; their errors are returned beside the claims.
    ``use_classes``: read each map's stored place classes (never recomputed) when it has
    them. Each claim's date is the first map of the run showing that status: its
    ``since``; :func:`geo.claims.index.build_index` with the maps' dates shows it dated by
    the map in force.
    """
    errors: list[str] = []
    frames = []
    previous: pd.Series | None = None
    for stored in maps:
        try:
            status, kind = _map_statuses(stored, settlements, use_classes)
        except FrontlineError as exc:
            errors.append(str(exc))
            continue
        if previous is None:
            changed = status
        else:
            before = previous.reindex(status.index)
            changed = status[before.isna().to_numpy() | (before.to_numpy() != status.to_numpy())]
        previous = status
        if changed.empty:
            continue
        day = stored.date.isoformat()
        frames.append(pd.DataFrame({
            "id": [f"map-{MAP_CLAIMANT}-{day}-{s}" for s in changed.index],
            "date": pd.Timestamp(stored.date),
            "settlement_id": changed.index,
            "claimant": stored.claimant,
            "status": changed.to_numpy(),
            "extent": "full",
            "part": "",
            "encircled": pd.array([pd.NA] * len(changed), dtype="boolean"),
            "summary": changed.map({v: summary_text(v, day, kind, run=use_classes)
                                    for v in set(changed)}).to_numpy(),
            "source": MAP_SOURCE,
            "source_url": MAP_URL,
            "source_date": pd.Timestamp(stored.date),
        }))
    if not frames:
        return pd.DataFrame(), errors
    out = pd.concat(frames, ignore_index=True)
    out["date"] = out["date"].astype("datetime64[ns]")
    out["source_date"] = out["source_date"].astype("datetime64[ns]")
    out["row"] = np.arange(first_row, first_row + len(out))
    return out, errors


def place_claims(stored: StoredMap, classes: PlaceClasses, first_row: int = 2_000_000_000
                 ) -> pd.DataFrame:
    """The claims of one stored map's place classes (every place it classifies: outside
    Ukraine left out), in the loaded claims frame's columns plus ``since`` and ``class``;
    each dated by the map itself."""
    kind = str(pd.read_parquet(stored.path, columns=["kind"])["kind"].iloc[0])
    frame = classes.frame()
    frame = frame[frame["status"].notna()].reset_index(drop=True)
    day = stored.date.isoformat()
    texts = {s: summary_text(s, day, kind) for s in ("russian", "contested", "ukrainian")}
    n = len(frame)
    out = pd.DataFrame({
        "id": f"map-{stored.claimant}-{day}-" + frame["place"].astype(str),
        "date": pd.Timestamp(stored.date),
        "settlement_id": frame["place"].astype(str),
        "claimant": stored.claimant,
        "status": frame["status"].astype(str),
        "extent": "full",
        "part": "",
        "encircled": pd.array([pd.NA] * n, dtype="boolean"),
        "summary": frame["status"].map(texts),
        "source": MAP_SOURCE,
        "source_url": MAP_URL,
        "source_date": pd.Timestamp(stored.date),
        "since": frame["since"],
        "class": frame["class"],
    })
    out["date"] = out["date"].astype("datetime64[ns]")
    out["source_date"] = out["source_date"].astype("datetime64[ns]")
    out["row"] = np.arange(first_row, first_row + n)
    return out


def merge_claims(claims: pd.DataFrame, derived: pd.DataFrame, sides: dict[str, str]
                 ) -> pd.DataFrame:
    """File claims plus derived ones, sorted by (date, row) as resolution expects."""
    if derived.empty:
        return claims
    derived = derived.assign(side=derived["claimant"].map(sides))
    derived = derived[derived["side"].notna()]
    # optional text columns of the file that a map claim has no value for (e.g. ``channel``)
    derived = derived.assign(**{c: "" for c in claims.columns if c not in derived.columns})
    merged = pd.concat([claims, derived[claims.columns]], ignore_index=True)
    return merged.sort_values(["date", "row"], kind="stable").reset_index(drop=True)


def with_map_claims(ds: Dataset, store: Path, use_classes: bool = False
                    ) -> tuple[Dataset, list[str]]:
    """``ds`` with the claims derived from every map in ``store`` merged in, and read errors.

    ``use_classes``: read the maps' stored place classes (the page: every place of the
    dataset), see :func:`derived_claims`.
    """
    derived, errors = derived_claims(ds.settlements, list_maps(store), use_classes=use_classes)
    sides = dict(zip(ds.claimants["id"], ds.claimants["side"], strict=True))
    return dataclasses.replace(ds, claims=merge_claims(ds.claims, derived, sides)), errors
