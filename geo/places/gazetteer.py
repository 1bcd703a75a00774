"""Import a GeoNames country dump (``UA.zip`` or ``UA.txt``) into the store.

Populated places (feature class ``P``) with names, alternate names, oblast
(ADM1 name), raion (ADM2 name), population and coordinates; written atomically
to ``<store>/gazetteer/places.parquet`` together with a name index.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputError, StoreError
from geo.io.atomic import atomic_write_parquet
from geo.io.locking import locked
from geo.places.fold import fold, latin, skeleton

COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date")
PLACES = Path("gazetteer") / "places.parquet"
NAMES = Path("gazetteer") / "names.parquet"


def read_dump(path: Path) -> pd.DataFrame:
    """The rows of a GeoNames dump (zip holding ``UA.txt``, or the ``.txt`` itself)."""
    if not path.is_file():
        raise InputError(f"file not found: {path}")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")
                           and not n.lower().startswith("readme")]
                if not members:
                    raise InputError(f"{path}: no country .txt file in the zip")
                raw = archive.read(members[0])
        else:
            raw = path.read_bytes()
        frame = pd.read_csv(io.BytesIO(raw), sep="\t", header=None, names=list(COLUMNS),
                            dtype=str, keep_default_na=False, quoting=3, encoding="utf-8")
    except InputError:
        raise
    except (UnicodeDecodeError, pd.errors.ParserError, zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"{path}: not a GeoNames dump ({exc.__class__.__name__}: "
                         f"{str(exc)[:120]})") from None
    if frame.empty or not frame["geonameid"].str.fullmatch(r"\d+").all():
        raise InputError(f"{path}: not a GeoNames dump (expected 19 tab-separated columns "
                         "starting with a numeric geonameid)")
    return frame


def places_from_dump(frame: pd.DataFrame) -> pd.DataFrame:
    """Populated places with oblast and raion names from the dump's ADM1/ADM2 rows."""
    adm1 = frame[frame["feature_code"] == "ADM1"].drop_duplicates("admin1_code")
    adm2 = frame[frame["feature_code"] == "ADM2"].drop_duplicates(["admin1_code",
                                                                   "admin2_code"])
    oblast = dict(zip(adm1["admin1_code"], adm1["name"], strict=True))
    raion = dict(zip(zip(adm2["admin1_code"], adm2["admin2_code"], strict=True), adm2["name"],
                     strict=True))
    p = frame[frame["feature_class"] == "P"].copy()
    lat = pd.to_numeric(p["latitude"], errors="coerce")
    lon = pd.to_numeric(p["longitude"], errors="coerce")
    keys = list(zip(p["admin1_code"], p["admin2_code"], strict=True))
    out = pd.DataFrame({
        "geonameid": p["geonameid"].astype("int64").to_numpy(),
        "name": p["name"].to_numpy(),
        "alternatenames": p["alternatenames"].to_numpy(),
        "lat": lat.to_numpy(),
        "lon": lon.to_numpy(),
        "feature_code": p["feature_code"].to_numpy(),
        "oblast": p["admin1_code"].map(oblast).fillna("").to_numpy(),
        "raion": [raion.get(k, "") for k in keys],
        "population": pd.to_numeric(p["population"], errors="coerce").fillna(0)
        .astype("int64").to_numpy(),
    })
    return out[np.isfinite(out["lat"]) & np.isfinite(out["lon"])].reset_index(drop=True)


def spelling_index(places: pd.DataFrame, id_column: str = "geonameid") -> pd.DataFrame:
    """One row per (place, spelling) with its folded, transliterated and skeleton keys."""
    names = pd.concat([
        places[[id_column]].assign(text=places["name"], primary=True),
        places[[id_column]].assign(text=places["alternatenames"].str.split(","),
                                   primary=False).explode("text"),
    ])
    names = names[names["text"].fillna("").str.strip() != ""]
    texts = names["text"].astype(str)
    names = names.assign(fold=texts.map(fold), latin=texts.map(latin),
                         skeleton=texts.map(skeleton))
    names = names[names["fold"] != ""]
    return names.drop_duplicates([id_column, "fold"]).reset_index(drop=True)


def import_gazetteer(path: Path, store: Path) -> tuple[int, int]:
    """Read a dump and store its places and name index atomically. Returns (places, names)."""
    places = places_from_dump(read_dump(path))
    if places.empty:
        raise InputError(f"{path}: no populated places (feature class P) in the dump")
    index = spelling_index(places)
    with locked(store):
        atomic_write_parquet(index, store / NAMES)
        atomic_write_parquet(places, store / PLACES)
    return len(places), len(index)


#: Columns the stored tables must have (as written by :func:`import_gazetteer`).
PLACE_COLUMNS = ("geonameid", "name", "alternatenames", "lat", "lon", "feature_code", "oblast",
                 "raion", "population")
NAME_COLUMNS = ("geonameid", "text", "primary", "fold", "latin", "skeleton")


def read_table(path: Path, columns: tuple[str, ...], fix: str,
               what: str = "the stored gazetteer", kind: str = "gazetteer table") -> pd.DataFrame:
    """A stored Parquet table with at least ``columns``; a damaged or foreign file is a
    StoreError naming it (``what`` is unreadable / not a ``kind``) and saying ``fix``."""
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types on a damaged file
        raise StoreError(f"{path}: {what} is unreadable ({exc.__class__.__name__}: "
                         f"{str(exc)[:120]}). {fix}") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise StoreError(f"{path}: not a {kind} (no column {', '.join(missing)}). {fix}")
    return frame


def load_gazetteer(store: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The stored places and name index, or None when no gazetteer was imported.

    Raises :class:`~geo.errors.StoreError` naming the file when one is missing, unreadable
    (garbage, a truncated write) or not a gazetteer table, and saying how to re-import it.
    """
    places, names = store / PLACES, store / NAMES
    if not places.is_file() and not names.is_file():
        return None
    fix = f"Fix: re-import it: python -m geo gazetteer import UA.zip --store {store}"
    for path in (places, names):
        if not path.is_file():
            raise StoreError(f"{path}: missing, so the stored gazetteer is incomplete. {fix}")
    return read_table(places, PLACE_COLUMNS, fix), read_table(names, NAME_COLUMNS, fix)
