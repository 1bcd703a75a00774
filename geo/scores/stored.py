"""Choosing and reading a reference: a claimant's stored maps when it has any with place
classes, else its own claims. The file claims only (claims derived from maps are not
claims made by anyone and are never scored)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.dataset.load import Dataset
from geo.errors import InputError, StoreError
from geo.maps.claimant import MAP_URL
from geo.maps.placeclasses import PlaceClasses
from geo.maps.store import StoredMap, list_maps, stored_classes
from geo.scores.reference import Reference, claims_reference, map_reference
from geo.vocab import MAP_FIRST_ROW

DEFAULT_REFERENCE = "deepstate"


def file_claims(ds: Dataset) -> pd.DataFrame:
    """The dataset's claims from claims.csv (rows below :data:`geo.vocab.MAP_FIRST_ROW`)."""
    claims = ds.claims
    return claims[claims["row"] < MAP_FIRST_ROW] if len(claims) else claims


def read_all_classes(maps: list[StoredMap]) -> tuple[list[PlaceClasses], list[str]]:
    """Every stored map's place classes (maps without any are skipped), and read errors."""
    found, errors = [], []
    for stored in maps:
        try:
            classes = stored_classes(stored)
        except StoreError as exc:
            errors.append(str(exc))
            continue
        if classes is not None:
            found.append(classes)
    return found, errors


def reference_for(ds: Dataset, store: Path, claimant: str = DEFAULT_REFERENCE,
                  use: str = "auto") -> tuple[Reference, list[str]]:
    """The reference named ``claimant`` and the errors met reading it.

    ``use``: ``maps`` (its stored maps' place classes), ``claims`` (its claims in
    claims.csv) or ``auto`` (maps when any has place classes, else claims).
    """
    errors: list[str] = []
    if use in ("auto", "maps"):
        classes, errors = read_all_classes(list_maps(store, claimant))
        if classes:  # a map's claimant need not be in claimants.csv
            return map_reference(classes, claimant, MAP_URL if claimant == "deepstate"
                                 else ""), errors
        if use == "maps":
            raise InputError(f"no stored maps with place classes for {claimant!r} in "
                             f"{store}; import one (python -m geo import deepstate ...) or "
                             "run python -m geo maps rederive")
    known = set(ds.claimants["id"])
    if claimant not in known:
        raise InputError(f"unknown reference claimant {claimant!r} (no stored maps, no "
                         f"claims); use one of: {', '.join(sorted(known))}")
    return claims_reference(file_claims(ds), claimant), errors
