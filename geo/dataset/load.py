"""Load and validate a data directory into typed (Geo)DataFrames.

Every problem in every file is collected and raised together as a
:class:`~geo.errors.DataValidationError`; nothing is half-loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo import vocab
from geo.dataset import national
from geo.dataset.evidence import with_evidence
from geo.errors import DataValidationError, InputError, Problem
from geo.io.csvfile import LINE, read_csv_file
from geo.places.table import PLACES_FILE

Places = Literal["claimed", "all"]
SLUG = r"^[a-z0-9][a-z0-9_\-]*$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
URL = r"^https?://[^\s<>\"'`]+$"


@dataclass(frozen=True)
class Dataset:
    """A validated data directory. Treat every frame as read-only."""

    claimants: pd.DataFrame
    settlements: gpd.GeoDataFrame
    claims: pd.DataFrame
    territory: pd.DataFrame
    directory: Path

    def __post_init__(self) -> None:
        for frame in (self.claims, self.settlements):
            compact_strings(frame)

    @cached_property
    def settlement_ids(self) -> frozenset[str]:
        """Every settlement id (computed once per dataset)."""
        return frozenset(self.settlements["id"])

    @cached_property
    def first_date(self) -> dt.date:
        """Earliest claim or figure date (today when there is none)."""
        dates = pd.concat([self.claims["date"], self.territory["date"]])
        return dates.min().date() if len(dates) else dt.date.today()

    @cached_property
    def last_date(self) -> dt.date:
        """Latest claim or figure date (today when there is none)."""
        dates = pd.concat([self.claims["date"], self.territory["date"]])
        return dates.max().date() if len(dates) else dt.date.today()


def compact_strings(frame: pd.DataFrame) -> None:
    """Store each Arrow-backed column of ``frame`` as one contiguous array (in place).

    Frames read from Parquet or built by ``concat`` hold their strings in many chunks;
    picking rows from a chunked column (as resolution does, dozens of times per date)
    is several times slower than from a contiguous one. The values do not change.
    """
    for name in frame.columns:
        array = frame[name].array
        chunked = getattr(array, "_pa_array", None)
        if chunked is not None and getattr(chunked, "num_chunks", 1) > 1:
            # pd.array keeps the column's dtype (its missing-value semantics too; the
            # array type's own constructor gives ``string`` where the column was ``str``)
            frame[name] = pd.Series(pd.array(chunked.combine_chunks(), dtype=array.dtype),
                                    index=frame.index, name=name)


def load_dataset(data_dir: Path | str, today: dt.date | None = None,
                 places: Places = "claimed") -> Dataset:
    """Read and validate ``claimants.csv``, ``settlements.csv``, ``claims.csv``, ``territory.csv``.

    Parameters
    ----------
    data_dir
        Directory holding the four files.
    today
        Dates after this are rejected as future dates (default: today's date).
    places
        With a places table (``places.parquet``) in the directory, claims may name any of its
        places (``gn-<geonameid>``; a curated place's ``gn-`` id means the curated row). The
        settlements frame holds the curated rows plus the table's places that a claim names
        (``"claimed"``, the CLI's default) or plus every place of the table (``"all"``, the
        page: the national map).

    Raises
    ------
    InputError
        The directory does not exist.
    DataValidationError
        Any file is missing or malformed, or any row is invalid; lists every problem.
    """
    directory = Path(data_dir)
    if not directory.is_dir():
        raise InputError(f"data directory not found: {directory} (pass --data DIR or set "
                         "FRONTLINE_DATA_DIR)")
    today = today or dt.date.today()
    problems: list[Problem] = []
    frames = {}
    unreadable: set[str] = set()
    for name, columns in vocab.COLUMNS.items():
        extra = vocab.EXTRA_COLUMNS.get(name, ())
        frame, found = read_csv_file(directory / name, (*columns, *extra),
                                     (*vocab.MAY_BE_ABSENT[name], *extra))
        problems += found
        problems += _required(frame, name)
        frames[name] = frame
        if found and frame.empty:
            unreadable.add(name)  # do not report every reference to it as unknown

    claimants, found = _claimants(frames["claimants.csv"])
    problems += found
    settlements, found = _settlements(frames["settlements.csv"])
    problems += found
    table, found = national.bundled_table(directory)
    problems += found
    known, target = settlements["id"], "settlements.csv"
    if table is not None:  # a claim may name any place of the table (gn-<geonameid>)
        known, target = national.addressable_ids(settlements, table), "settlements.csv or " \
            "places.parquet"
        refs = frames["claims.csv"]["settlement_id"]
        frames["claims.csv"]["settlement_id"] = refs.replace(national.curated_aliases(settlements))
    claims, found = _claims(frames["claims.csv"], claimants, pd.Series(known), today, unreadable,
                            target)
    problems += found
    territory, found = _territory(frames["territory.csv"], claimants, today, unreadable)
    problems += found
    if (directory / vocab.EVIDENCE_FILE).exists():  # each claim's report sentence
        problems += with_evidence(directory / vocab.EVIDENCE_FILE, claims)
    if problems:
        raise DataValidationError(problems)
    if table is not None:
        only = None if places == "all" else pd.Index(claims["settlement_id"].unique())
        settlements = national.national_settlements(settlements, table, directory / PLACES_FILE,
                                                    only)
    return Dataset(claimants, settlements, claims, territory, directory)


# --- per-file validation ------------------------------------------------------------


def _claimants(df: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The claimants frame and the problems found in it."""
    name = "claimants.csv"
    problems = _pattern(df, name, "id", SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += _unique(df, name, "id")
    problems += _vocab(df, name, "side", vocab.SIDES)
    problems += _vocab(df, name, "kind", vocab.CLAIMANT_KINDS)
    problems += _pattern(df, name, "url", URL, "use a full http(s):// address or leave it empty")
    problems += _short_labels(df, name)
    out = df.drop(columns=[LINE]).reset_index(drop=True)
    out["short"] = out["short"].where(out["short"] != "", out["name"])  # empty: the name
    out["order"] = np.arange(len(out))
    return out, problems


def _short_labels(df: pd.DataFrame, name: str) -> list[Problem]:
    """Problems with the ``short`` labels: too long, or one another's (or a name's) duplicate."""
    short = df["short"]
    limit = vocab.SHORT_LABEL_MAX
    problems = _problems(df, short.str.len() > limit, name, "short", "label too long",
                         f"use at most {limit} characters (the full name stays in `name`)")
    label = short.where(short != "", df["name"])
    problems += _problems(df, label.duplicated(keep="first") & (short != ""), name, "short",
                          "label already used by an earlier claimant",
                          "give each claimant its own short label")
    return problems


def _settlements(df: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The settlements frame (with point geometry) and the problems found in it."""
    name = "settlements.csv"
    problems = _pattern(df, name, "id", SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += _unique(df, name, "id")
    problems += _vocab(df, name, "kind", vocab.SETTLEMENT_KINDS)
    population, found = _numbers(df, name, "population", 0, 5e7, integer=True)
    problems += found
    geonames, found = _numbers(df, name, "geonames_id", 1, 1e10, integer=True)
    problems += found
    twice = geonames.notna() & geonames.duplicated(keep="first") & ~df["id"].duplicated()
    problems += _problems(df, twice, name,  # (a repeated id is reported as such)
                          "geonames_id", "GeoNames id already used by an earlier settlement",
                          "keep one row per place: merge the two rows or correct the id")
    lat, found = _numbers(df, name, "lat", -90, 90)
    problems += found
    lon, found = _numbers(df, name, "lon", -180, 180)
    problems += found
    problems += _coordinates(df, name, lat, lon)
    out = df.drop(columns=[LINE, "lat", "lon", "population", "geonames_id"]).reset_index(drop=True)
    out["population"] = population.astype("Int64").to_numpy()
    out["geonames_id"] = geonames.astype("Int64").to_numpy()
    out["lat"] = lat.to_numpy()
    out["lon"] = lon.to_numpy()
    return gpd.GeoDataFrame(
        out, geometry=gpd.points_from_xy(out["lon"], out["lat"]), crs="EPSG:4326"
    ), problems


def _claims(
    df: pd.DataFrame,
    claimants: pd.DataFrame,
    settlement_ids: pd.Series,
    today: dt.date,
    unreadable: set[str],
    target: str = "settlements.csv",
) -> tuple[pd.DataFrame, list[Problem]]:
    """The claims frame, in resolution order, and the problems found in it (``target``: where
    the ``settlement_ids`` a claim may name come from, for the message)."""
    name = "claims.csv"
    problems = _pattern(df, name, "id", SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += _unique(df, name, "id")
    date, found = _dates(df, name, "date", today)
    problems += found
    source_date, found = _dates(df, name, "source_date", today)
    problems += found
    if "settlements.csv" not in unreadable:
        problems += _refs(df, name, "settlement_id", settlement_ids, target)
    if "claimants.csv" not in unreadable:
        problems += _refs(df, name, "claimant", claimants["id"], "claimants.csv")
    problems += _vocab(df, name, "status", vocab.STATUSES)
    problems += _vocab(df, name, "extent", vocab.EXTENTS)
    problems += _vocab(df, name, "encircled", ("true", "false"), empty_ok=True)
    problems += _vocab(df, name, "channel", vocab.CHANNELS, empty_ok=True)
    problems += _pattern(df, name, "source_url", URL,
                         "use a full http(s):// address or leave it empty")
    out = df.drop(columns=[LINE]).reset_index(drop=True)
    out["date"] = date.to_numpy()
    out["source_date"] = source_date.to_numpy()
    out["encircled"] = out["encircled"].map({"true": True, "false": False}).astype("boolean")
    out["row"] = np.arange(len(out))
    side = dict(zip(claimants["id"], claimants["side"], strict=True))
    out["side"] = out["claimant"].map(side)
    # resolution relies on this order: by date, then by position in the file
    return out.sort_values(["date", "row"], kind="stable").reset_index(drop=True), problems


def _territory(
    df: pd.DataFrame,
    claimants: pd.DataFrame,
    today: dt.date,
    unreadable: set[str],
) -> tuple[pd.DataFrame, list[Problem]]:
    """The territory-figures frame and the problems found in it."""
    name = "territory.csv"
    date, problems = _dates(df, name, "date", today)
    refers_to, found = _dates(df, name, "refers_to", today)
    problems += found
    if "claimants.csv" not in unreadable:
        problems += _refs(df, name, "claimant", claimants["id"], "claimants.csv")
    share, found = _numbers(df, name, "share_pct", 0, 100)
    problems += found
    problems += _vocab(df, name, "qualifier", vocab.QUALIFIERS)
    area, found = _numbers(df, name, "area_km2", 0, vocab.UKRAINE_AREA_KM2 * 1.1)
    problems += found
    denominator, found = _numbers(df, name, "denominator_km2", 1, 1e7)
    problems += found
    problems += _pattern(df, name, "source_url", URL,
                         "use a full http(s):// address or leave it empty")
    out = df.drop(columns=[LINE]).reset_index(drop=True)
    out["date"] = date.to_numpy()
    out["refers_to"] = refers_to.fillna(date).to_numpy()
    out["share_pct"] = share.to_numpy()
    out["area_km2"] = area.to_numpy()
    out["denominator_km2"] = denominator.fillna(vocab.UKRAINE_AREA_KM2).to_numpy()
    out["row"] = np.arange(len(out))
    side = dict(zip(claimants["id"], claimants["side"], strict=True))
    out["side"] = out["claimant"].map(side)
    return out, problems


# --- field checks (vectorized; a Python loop only over the rows that fail) --------------


def _problems(
    df: pd.DataFrame, mask: pd.Series, name: str, field: str, message: str, fix: str
) -> list[Problem]:
    hit = mask.fillna(False).to_numpy(dtype=bool)
    if not hit.any():   # the common case: indexing a frame for no row costs ~2 ms a check
        return []
    bad = df.loc[hit, [LINE, field]]
    return [
        Problem(name, int(line), field, str(value), message, fix)
        for line, value in zip(bad[LINE], bad[field], strict=True)
    ]


def _required(df: pd.DataFrame, name: str) -> list[Problem]:
    out: list[Problem] = []
    for field in vocab.COLUMNS[name]:
        if field in vocab.OPTIONAL[name]:
            continue
        out += _problems(df, df[field] == "", name, field, "required field is empty",
                         f"fill in {field}")
    return out


def _unique(df: pd.DataFrame, name: str, field: str) -> list[Problem]:
    dup = df[field].duplicated(keep="first") & (df[field] != "")
    return _problems(df, dup, name, field, "duplicate id (already used on an earlier line)",
                     "give each row its own id")


def _pattern(df: pd.DataFrame, name: str, field: str, pattern: str, fix: str) -> list[Problem]:
    mask = (df[field] != "") & ~df[field].str.match(pattern)
    return _problems(df, mask, name, field, "invalid format", fix)


def _vocab(
    df: pd.DataFrame, name: str, field: str, allowed: tuple[str, ...], empty_ok: bool = False
) -> list[Problem]:
    mask = ~df[field].isin(allowed)
    mask &= df[field] != ""  # empty required fields are reported by _required
    hint = " (or leave it empty)" if empty_ok else ""
    return _problems(df, mask, name, field, "unknown value",
                     f"use one of: {', '.join(allowed)}{hint}")


def _refs(
    df: pd.DataFrame, name: str, field: str, known: pd.Series, target: str
) -> list[Problem]:
    # pyarrow's is_in: pandas' isin on a string column makes a pyarrow scalar of every known
    # id first (33,681 places: about half of an accept's CPU)
    found = pc.is_in(pa.array(df[field], pa.string(), from_pandas=True),
                     value_set=pa.array(known, pa.string(), from_pandas=True))
    mask = (df[field] != "") & ~pd.Series(pc.fill_null(found, False).to_numpy(False), df.index)
    return _problems(df, mask, name, field, f"unknown id (not in {target})",
                     f"use an id from {target} or add it there first")


def _dates(
    df: pd.DataFrame, name: str, field: str, today: dt.date
) -> tuple[pd.Series, list[Problem]]:
    text = df[field]
    shaped = text.str.match(ISO_DATE)
    parsed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
    # a year before 1678 does not fit the nanosecond dates the tables use: not a valid date
    bad = (text != "") & (parsed.isna() | (parsed < pd.Timestamp.min))
    future = parsed > pd.Timestamp(today)
    problems = _problems(df, bad, name, field, "not a valid date",
                         "write it as YYYY-MM-DD, e.g. 2025-11-11")
    problems += _problems(df, future, name, field, f"date is in the future (after {today})",
                          "use the day the claim was made, not a later one")
    # both are reported above; dropped here so that a year after 2262 cannot overflow
    return parsed.where(~bad & ~future).astype("datetime64[ns]"), problems


def _numbers(
    df: pd.DataFrame, name: str, field: str, lo: float, hi: float, integer: bool = False
) -> tuple[pd.Series, list[Problem]]:
    text = df[field]
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    finite = np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
    bad = (text != "") & ~pd.Series(finite, index=df.index)
    problems = _problems(df, bad, name, field, "not a number",
                         "write a plain number with a dot for decimals, e.g. 48.28")
    kind = "a whole number" if integer else "a number"
    out_of_range = ~bad & values.notna() & ((values < lo) | (values > hi))
    if integer:
        out_of_range |= ~bad & values.notna() & (values != values.round())
    problems += _problems(df, out_of_range, name, field, "out of range",
                          f"use {kind} between {lo:g} and {hi:g}")
    return values.where(~bad & ~out_of_range).astype("float64"), problems


def _coordinates(
    df: pd.DataFrame, name: str, lat: pd.Series, lon: pd.Series
) -> list[Problem]:
    box = vocab.UKRAINE_BBOX

    def inside(la: pd.Series, lo: pd.Series) -> pd.Series:
        return la.between(box["lat_min"], box["lat_max"]) & lo.between(
            box["lon_min"], box["lon_max"]
        )

    known = lat.notna() & lon.notna()
    ok = inside(lat, lon)
    swapped = known & ~ok & inside(lon, lat)
    outside = known & ~ok & ~swapped
    bbox = (f"lat {box['lat_min']}..{box['lat_max']}, "
            f"lon {box['lon_min']}..{box['lon_max']}")
    frame = df.assign(**{"lat,lon": df["lat"] + "," + df["lon"]})
    return [
        *_problems(frame, swapped, name, "lat,lon", "latitude and longitude look swapped",
                   "put the latitude (about 44-52 in Ukraine) in lat and the longitude "
                   "(22-40) in lon"),
        *_problems(frame, outside, name, "lat,lon", "coordinates outside Ukraine",
                   f"check the coordinates; Ukraine spans {bbox}"),
    ]
