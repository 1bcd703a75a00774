"""The bundled national places table, ``data/places.parquet``, built from a GeoNames dump.

One row per populated place (feature class ``P``) of Ukraine's GeoNames dump: its id
(``gn-<geonameid>``, or the curated id of the settlements.csv row with that GeoNames id),
names, oblast (from the admin1 code), raion (from the dump's own ADM2 rows), population
and coordinates. The dump's alternate names carry no language tags, so ``name_uk`` and
``name_ru`` are told apart by their letters (see :func:`cyrillic_names`) and
``alternatenames`` is kept whole. Written sorted, with zstd compression and no timestamp,
so that the same dump gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz
from translitua import UkrainianKMU, translit

from geo.errors import InputError, StoreError
from geo.io.atomic import atomic_write
from geo.places.fold import fold, latin, skeleton
from geo.places.gazetteer import places_from_dump, read_dump, read_table

#: The bundled table's file name in a data directory.
PLACES_FILE = "places.parquet"

#: GeoNames' admin1 codes for Ukraine → the oblast names settlements.csv uses. Checked
#: against the dump's ADM1 rows (``Donetska Oblast`` is 05, ``Misto Kyiv`` 12,
#: ``Sebastopol City`` 20) by tests/places/test_table.py.
OBLASTS = {
    "01": "Cherkasy", "02": "Chernihiv", "03": "Chernivtsi", "04": "Dnipropetrovsk",
    "05": "Donetsk", "06": "Ivano-Frankivsk", "07": "Kharkiv", "08": "Kherson",
    "09": "Khmelnytskyi", "10": "Kirovohrad", "11": "Crimea", "12": "Kyiv City", "13": "Kyiv",
    "14": "Luhansk", "15": "Lviv", "16": "Mykolaiv", "17": "Odesa", "18": "Poltava",
    "19": "Rivne", "20": "Sevastopol", "21": "Sumy", "22": "Ternopil", "23": "Vinnytsia",
    "24": "Volyn", "25": "Zakarpattia", "26": "Zaporizhzhia", "27": "Zhytomyr",
}

#: The table's columns, in order.
COLUMNS = ("id", "geonameid", "name", "name_uk", "name_ru", "alternatenames", "oblast",
           "raion", "population", "lat", "lon", "feature_code")

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_UKRAINIAN = re.compile(r"[іїєґ’ʼ']|[сц]ьк(?:\b|$)", re.IGNORECASE)
_RUSSIAN = re.compile(r"[ыэъё]", re.IGNORECASE)


def cyrillic_names(name: str, alternates: str) -> tuple[str, str]:
    """(Ukrainian, Russian) name among the Cyrillic alternate names, ``""`` when unsure.

    A name with і, ї, є, ґ, an apostrophe or a ``-ськ``/``-цьк`` ending is Ukrainian; one
    with ы, э, ъ or ё is Russian; one with neither may be either (Бахмут is both). Of the
    possible names, the one whose transliteration is closest to the English name wins (for
    the Russian name, a match of the first word is enough: Купянск-Узловой). A heuristic: the
    dump does not say which language a name is in.
    """
    cyr = [a for a in alternates.split(",") if _CYRILLIC.search(a)
           and all("\u0400" <= ch <= "\u04ff" for ch in a if ch.isalpha())]
    if not cyr:
        return "", ""
    target = fold(name)
    key = skeleton(name)

    def best(pool: list[str], marker: re.Pattern[str], first_word: bool = False) -> str:
        pool = [c for c in pool if skeleton(c) == key
                or (first_word and skeleton(c).split()[:1] == key.split()[:1])]
        if not pool:
            return ""
        return max(pool, key=lambda c: (fuzz.ratio(latin(c), target), len(marker.findall(c)),
                                        -len(c)))

    uk = [c for c in cyr if _UKRAINIAN.search(c)]
    ru = [c for c in cyr if _RUSSIAN.search(c) and c not in uk]
    neutral = [c for c in cyr if c not in uk and c not in ru]
    return best([*uk, *neutral], _UKRAINIAN), best([*ru, *neutral], _RUSSIAN, first_word=True)


def display_names(names: pd.Series, names_uk: pd.Series,
                  alternates: pd.Series) -> tuple[list[str], list[str]]:
    """One spelling rule for every place's shown name: the national romanisation of its
    Ukrainian name (KMU 2010, Ukraine's official system: Mykhailivka, Ivanivske), the dump's
    own name where no Ukrainian name is known (the dump mixes it with Russian
    transliterations: Mykhaylivka, Mar'yanovka). The dump's name stays a spelling of the
    place: it joins the alternate names when not already among them.

    Returns the names and the alternate names. Run once, when the table is built."""
    shown: list[str] = []
    alts: list[str] = []
    for name, uk, alt in zip(names, names_uk, alternates, strict=True):
        # only a name that is Ukrainian by its letters: one that may be Russian (Вольное,
        # Марьяновка) romanised by the Ukrainian table would be neither language's spelling
        new = _cased(translit(uk, UkrainianKMU), name) if _UKRAINIAN.search(uk or "") else name
        alt = alt or ""
        if new != name and fold(name) not in {fold(a) for a in alt.split(",")}:
            alt = f"{alt},{name}" if alt else name
        shown.append(new)
        alts.append(alt)
    return shown, alts


def _cased(new: str, old: str) -> str:
    """``new`` with each word capitalised where the same word of ``old`` is (Livoberezhnyi
    Masyv), when both have as many words."""
    words, before = new.split(" "), old.split(" ")
    if len(words) != len(before):
        return new
    return " ".join(w[:1].upper() + w[1:] if b[:1].isupper() else w
                    for w, b in zip(words, before, strict=True))


def build_places(dump: pd.DataFrame, settlements: pd.DataFrame | None = None,
                 source: object = "the dump") -> pd.DataFrame:
    """The places table from a dump's rows (:func:`~geo.places.gazetteer.read_dump`);
    ``source`` names the dump in errors."""
    places = places_from_dump(dump, source)
    if places.empty:
        raise InputError("no populated places (feature class P) in the dump")
    rows = dump[dump["feature_class"] == "P"]
    admin1 = dict(zip(rows["geonameid"].astype("int64"), rows["admin1_code"], strict=True))
    curated: dict[int, str] = {}
    if settlements is not None and "geonames_id" in settlements:
        known = settlements.dropna(subset=["geonames_id"])
        curated = dict(zip(known["geonames_id"].astype("int64"), known["id"].astype(str),
                           strict=True))
    gid = places["geonameid"]
    names = [cyrillic_names(n, a) for n, a in zip(places["name"], places["alternatenames"],
                                                   strict=True)]
    name_uk = pd.Series([n[0] for n in names], dtype=object)
    shown, alternates = display_names(places["name"], name_uk, places["alternatenames"])
    out = pd.DataFrame({
        "id": [curated.get(g, f"gn-{g}") for g in gid],
        "geonameid": gid.to_numpy(),
        "name": shown,
        "name_uk": name_uk.to_numpy(),
        "name_ru": [n[1] for n in names],
        "alternatenames": alternates,
        "oblast": gid.map(admin1).map(OBLASTS).fillna("").to_numpy(),
        "raion": places["raion"].to_numpy(),
        "population": places["population"].to_numpy(),
        "lat": places["lat"].round(5).to_numpy(),
        "lon": places["lon"].round(5).to_numpy(),
        "feature_code": places["feature_code"].to_numpy(),
    })
    out = out.drop_duplicates("geonameid")
    return out.sort_values("geonameid", kind="stable").reset_index(drop=True)[list(COLUMNS)]


def write_places(places: pd.DataFrame, path: Path) -> int:
    """Write the table atomically as zstd Parquet, reproducibly. Returns its size in bytes."""
    frame = places[list(COLUMNS)].reset_index(drop=True)
    # pyarrow's options: zstd, no statistics; its metadata holds no timestamp
    atomic_write(path, lambda handle: frame.to_parquet(
        handle, index=False, compression="zstd", compression_level=19, write_statistics=False))
    return path.stat().st_size


def build_places_file(dump: Path, out: Path, settlements: pd.DataFrame | None = None) -> int:
    """Read ``dump`` (UA.zip or UA.txt), write the table to ``out``; returns its row count."""
    places = build_places(read_dump(dump), settlements, dump)
    write_places(places, out)
    return len(places)


def load_places(data_dir: Path) -> pd.DataFrame:
    """The bundled places table of ``data_dir``.

    Raises :class:`~geo.errors.StoreError` naming the file when it is missing, unreadable or
    lacks a column, with the command that rebuilds it.
    """
    path = data_dir / PLACES_FILE
    fix = f"Fix: rebuild it: python -m geo places build UA.zip --out {path}"
    if not path.is_file():
        raise StoreError(f"{path}: missing. {fix}")
    return read_table(path, COLUMNS, fix, what="the places table", kind="places table")


def bundled_places(data_dir: Path) -> pd.DataFrame | None:
    """:func:`load_places`, or None when ``data_dir`` has no places table."""
    return load_places(data_dir) if (data_dir / PLACES_FILE).is_file() else None
