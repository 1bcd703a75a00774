"""Choosing and reading a reference: a claimant's stored maps when it has any with place
classes, else its own claims. The file claims only (claims derived from maps are not
claims made by anyone and are never scored)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from geo.dataset.load import Dataset
from geo.errors import InputError, StoreError
from geo.maps.claimant import MAP_URL
from geo.maps.placeclasses import classes_path
from geo.maps.store import StoredMap, list_maps, stored_classes
from geo.scores.reference import (
    Reference,
    claims_reference,
    combined_reference,
    map_reference,
)
from geo.vocab import MAP_FIRST_ROW

DEFAULT_REFERENCE = "deepstate"


def file_claims(ds: Dataset) -> pd.DataFrame:
    """The dataset's claims from claims.csv (rows below :data:`geo.vocab.MAP_FIRST_ROW`)."""
    claims = ds.claims
    return claims[claims["row"] < MAP_FIRST_ROW] if len(claims) else claims


@dataclass(frozen=True)
class MapCodes:
    """One stored map's class codes per place id (what a reference needs of its classes)."""

    day: dt.date
    ids: np.ndarray
    codes: np.ndarray


def read_all_classes(maps: list[StoredMap]) -> tuple[list[MapCodes], list[str]]:
    """Every stored map's place codes (maps without classes are skipped), and read errors.

    A file derived from the same places table as the previous one (same fingerprint and
    row count: the same ids in the same order) has only its ``class`` column read, which is
    about 20 times faster than reading it whole (365 maps: a fraction of a second).
    """
    found: list[MapCodes] = []
    errors: list[str] = []
    ids: np.ndarray | None = None
    last_print = None
    for stored in maps:
        path = classes_path(stored.path)
        if not path.is_file():
            continue
        try:
            handle = pq.ParquetFile(path)
            meta = {k.decode(): v.decode() for k, v in
                    (handle.schema_arrow.metadata or {}).items()}
            day = dt.date.fromisoformat(meta["frontline.map_date"])
            same = ids is not None and meta.get("frontline.places") == last_print and \
                handle.metadata.num_rows == len(ids)
            if same and ids is not None:
                codes = handle.read(columns=["class"]).column("class").to_numpy()
                found.append(MapCodes(day, ids, codes.astype(np.uint8)))
                continue
        except Exception as exc:  # pyarrow raises several types for damaged files
            errors.append(f"{path}: stored place classes unreadable "
                          f"({exc.__class__.__name__}). Fix: python -m geo maps rederive")
            continue
        try:
            whole = stored_classes(stored)
        except StoreError as exc:
            errors.append(str(exc))
            continue
        if whole is not None:
            ids, last_print = whole.ids, whole.fingerprint
            found.append(MapCodes(whole.day, whole.ids, whole.codes))
    return found, errors


def _capture_dates(ds: Dataset, claimant: str) -> pd.Series:
    """The dates of the claims a reference ``claimant`` could judge: others' Russian- or
    Ukrainian-held claims in claims.csv."""
    claims = file_claims(ds)
    if not len(claims):
        return pd.Series([], dtype="datetime64[ns]")
    keep = claims["status"].isin(("russian", "ukrainian")) & (claims["claimant"] != claimant)
    return claims.loc[keep, "date"]


def _maps_too_late(ds: Dataset, claimant: str, classes: list[MapCodes]) -> str:
    """Why ``auto`` leaves the stored maps aside (empty: it uses them): the claimant has
    claims of its own, and its first map comes after most of the claims it could judge (a
    map tells nothing of the time before it; one recent map would leave nearly every claim
    unscored or too young to judge)."""
    dates = _capture_dates(ds, claimant)
    if not len(dates) or not (file_claims(ds)["claimant"] == claimant).any():
        return ""
    first = min(c.day for c in classes)
    before = int((dates < pd.Timestamp(first)).sum())
    if 2 * before <= len(dates):
        return ""
    maps = "1 stored map" if len(classes) == 1 else f"{len(classes)} stored maps"
    return (f"its {maps} (from {first.isoformat()}) came after {before:,} of the "
            f"{len(dates):,} claims it could judge, and a map tells nothing of the time "
            "before it, so its own claims are used; choose its stored maps to judge by "
            "them alone")


def reference_for(ds: Dataset, store: Path, claimant: str = DEFAULT_REFERENCE,
                  use: str = "auto") -> tuple[Reference, list[str]]:
    """The reference named ``claimant`` and the errors met reading it.

    ``use``: ``maps`` (its stored maps' place classes), ``claims`` (its claims in
    claims.csv), ``both`` (maps and claims merged: between two maps a statement holds
    until the next) or ``auto``: maps when any has place classes, unless the claimant has
    claims of its own and its first map came after most of the claims it could judge
    (:func:`_maps_too_late`: then its claims, the reason in :attr:`Reference.why`), else
    claims.
    """
    errors: list[str] = []
    url = MAP_URL if claimant == "deepstate" else ""
    why = ""
    if use in ("auto", "maps", "both"):
        classes, errors = read_all_classes(list_maps(store, claimant))
        why = _maps_too_late(ds, claimant, classes) if classes and use == "auto" else ""
        if why:
            classes = []
        if classes and use == "both":
            own = claims_reference(file_claims(ds), claimant)
            return combined_reference(map_reference(classes, claimant, url,
                                                    list(own.places)), own), errors
        if classes:  # a map's claimant need not be in claimants.csv
            return map_reference(classes, claimant, url), errors
        if use in ("maps", "both"):
            raise InputError(f"no stored maps with place classes for {claimant!r} in "
                             f"{store}; import one (python -m geo import deepstate ...) or "
                             "run python -m geo maps rederive")
    known = set(ds.claimants["id"])
    if claimant not in known:
        raise InputError(f"unknown reference claimant {claimant!r} (no stored maps, no "
                         f"claims); use one of: {', '.join(sorted(known))}")
    ref = claims_reference(file_claims(ds), claimant)
    return (replace(ref, why=why) if why else ref), errors
