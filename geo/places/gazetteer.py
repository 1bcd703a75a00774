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
from geo.io.atomic import atomic_directory
from geo.io.locking import locked
from geo.places.fold import fold, latin, skeleton

COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date")
PLACES = Path("gazetteer") / "places.parquet"
NAMES = Path("gazetteer") / "names.parquet"


#: Largest dump read, uncompressed (Ukraine's UA.txt is 8 MB; the whole world's
#: allCountries.txt, 1.6 GB, is not a country dump). Checked against the zip's declared
#: sizes before anything is decompressed; zipfile itself stops at the declared size.
MAX_DUMP_BYTES = 200 * 1024 * 1024
_REDOWNLOAD = ("Fix: download the country dump again from "
               "https://download.geonames.org/export/dump/ (UA.zip) and import that")


def _dump_bytes(path: Path) -> bytes:
    """The dump's text, from the zip's country .txt member or the file itself, size-capped."""
    if not zipfile.is_zipfile(path):
        size = path.stat().st_size
        if size > MAX_DUMP_BYTES:
            raise InputError(f"{path}: {size:,} bytes, more than the {MAX_DUMP_BYTES:,} a "
                             f"country dump has. {_REDOWNLOAD}")
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        members = [i for i in archive.infolist() if i.filename.endswith(".txt")
                   and not i.filename.lower().startswith("readme")]
        if not members:
            raise InputError(f"{path}: no country .txt file in the zip. {_REDOWNLOAD}")
        member = members[0]
        if member.file_size > MAX_DUMP_BYTES:
            raise InputError(f"{path}: {member.filename} unpacks to {member.file_size:,} "
                             f"bytes, more than the {MAX_DUMP_BYTES:,} a country dump has. "
                             f"{_REDOWNLOAD}")
        if member.flag_bits & 0x1:
            raise InputError(f"{path}: {member.filename} is encrypted (password-protected). "
                             f"{_REDOWNLOAD}")
        try:
            return archive.read(member)
        except NotImplementedError:  # deflate64, PPMd...: methods zipfile cannot unpack
            raise InputError(f"{path}: {member.filename} is packed with a compression method "
                             f"this import cannot unpack (method {member.compress_type}). "
                             "Fix: unzip it yourself and import the .txt, or download the "
                             "dump again") from None


def read_dump(path: Path) -> pd.DataFrame:
    """The rows of a GeoNames dump (zip holding ``UA.txt``, or the ``.txt`` itself).

    Refused with a one-line :class:`~geo.errors.InputError`: a file that is not a dump, a
    zip member that is encrypted, packed with a method zipfile lacks (deflate64) or larger
    than :data:`MAX_DUMP_BYTES`, a geonameid of more than 10 digits.
    """
    if not path.is_file():
        raise InputError(f"file not found: {path}")
    try:
        raw = _dump_bytes(path)
        frame = pd.read_csv(io.BytesIO(raw), sep="\t", header=None, names=list(COLUMNS),
                            dtype=str, keep_default_na=False, quoting=3, encoding="utf-8")
    except InputError:
        raise
    except (UnicodeDecodeError, pd.errors.ParserError, zipfile.BadZipFile, ValueError,
            RuntimeError, OSError, EOFError) as exc:
        raise InputError(f"{path}: not a GeoNames dump ({exc.__class__.__name__}: "
                         f"{str(exc)[:120]}). {_REDOWNLOAD}") from None
    if frame.empty or not frame["geonameid"].str.fullmatch(r"\d+").all():
        raise InputError(f"{path}: not a GeoNames dump (expected 19 tab-separated columns "
                         f"starting with a numeric geonameid). {_REDOWNLOAD}")
    long_id = frame["geonameid"].str.len() > 10  # GeoNames ids are below 2**32
    if long_id.any():
        line = int(np.argmax(long_id.to_numpy())) + 1
        raise InputError(f"{path}:{line} geonameid = {frame['geonameid'][long_id].iloc[0][:40]!r}"
                         f": not a GeoNames id (at most 10 digits). {_REDOWNLOAD}")
    return frame


def places_from_dump(frame: pd.DataFrame, source: object = "the dump") -> pd.DataFrame:
    """Populated places with oblast and raion names from the dump's ADM1/ADM2 rows.

    ``source`` (the dump's path) names the file in the error about a bad population."""
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
        "oblast": p["admin1_code"].map(oblast).astype(object).fillna("").to_numpy(),
        "raion": [raion.get(k, "") for k in keys],
        "population": _population(p["population"], source),
    })
    return out[np.isfinite(out["lat"]) & np.isfinite(out["lon"])].reset_index(drop=True)


def _population(text: pd.Series, source: object) -> np.ndarray:
    """Whole non-negative populations; empty is 0, anything else is refused naming the row."""
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    ok = (text == "") | (values.notna() & np.isfinite(values.fillna(0))
                         & (values >= 0) & (values <= 5e7) & (values == values.round()))
    if not ok.all():
        row = text.index[~ok.to_numpy()][0]
        raise InputError(f"{source}:{row + 1} population = {text[row][:40]!r}: not a whole "
                         f"number "
                         f"from 0 to 50,000,000. {_REDOWNLOAD}")
    return values.fillna(0).astype("int64").to_numpy()


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


def read_populated(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A dump's rows and its populated places; a dump without any is an InputError naming
    it (what :func:`import_gazetteer` checks, on either backend)."""
    dump = read_dump(path)
    places = places_from_dump(dump, path)
    if places.empty:
        raise InputError(f"{path}: no populated places (feature class P) in the dump. "
                         f"{_REDOWNLOAD}")
    return dump, places


def import_gazetteer(path: Path, store: Path) -> tuple[int, int]:
    """Read a dump and store its places and name index as one unit. Returns (places, names).

    Both tables are written into a new directory that then replaces ``<store>/gazetteer``
    (:func:`~geo.io.atomic.atomic_directory`): a crash leaves the old pair, or no gazetteer,
    never new names against old places.
    """
    _, places = read_populated(path)
    index = spelling_index(places)
    with locked(store), atomic_directory(store / PLACES.parent) as unit:
        index.to_parquet(unit / NAMES.name, index=False)
        places.to_parquet(unit / PLACES.name, index=False)
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
    place_table = read_table(places, PLACE_COLUMNS, fix)
    name_table = read_table(names, NAME_COLUMNS, fix)
    ids = place_table["geonameid"], name_table["geonameid"]
    orphans = ~np.isin(ids[1].unique(), ids[0].to_numpy()) if all(
        pd.api.types.is_integer_dtype(i) for i in ids) else np.zeros(0, bool)  # else: values
    if orphans.any():  # the two files come from different imports (or a damaged copy)
        raise StoreError(f"{names}: {int(orphans.sum()):,} places in the name index are not in "
                         f"{places.name}, so the two files do not belong together. {fix}")
    return place_table, name_table
