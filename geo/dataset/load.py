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

from geo import vocab
from geo.dataset import checks as ck
from geo.dataset import national
from geo.dataset.evidence import with_evidence
from geo.errors import DataValidationError, InputError, Problem
from geo.io.csvfile import LINE, read_csv_file
from geo.places.table import PLACES_FILE

Places = Literal["claimed", "all"]


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
        """Every settlement id (computed once per dataset: a database's refresh makes a new
        one per accept; ``tolist`` converts the Arrow ids at once, ~10x faster than
        iterating the column)."""
        return frozenset(self.settlements["id"].tolist())

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
        problems += ck.required(frame, name)
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
    problems = ck.pattern(df, name, "id", ck.SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += ck.unique(df, name, "id")
    problems += ck.in_vocab(df, name, "side", vocab.SIDES)
    problems += ck.in_vocab(df, name, "kind", vocab.CLAIMANT_KINDS)
    problems += ck.pattern(df, name, "url", ck.URL,
                           "use a full http(s):// address or leave it empty")
    problems += _short_labels(df, name)
    out = df.drop(columns=[LINE]).reset_index(drop=True)
    out["short"] = out["short"].where(out["short"] != "", out["name"])  # empty: the name
    out["order"] = np.arange(len(out))
    return out, problems


def _short_labels(df: pd.DataFrame, name: str) -> list[Problem]:
    """Problems with the ``short`` labels: too long, or one another's (or a name's) duplicate."""
    short = df["short"]
    limit = vocab.SHORT_LABEL_MAX
    problems = ck.problems_where(
        df, short.str.len() > limit, name, "short", "label too long",
        f"use at most {limit} characters (the full name stays in `name`)")
    label = short.where(short != "", df["name"])
    problems += ck.problems_where(
        df, label.duplicated(keep="first") & (short != ""), name, "short",
        "label already used by an earlier claimant", "give each claimant its own short label")
    return problems


def _settlements(df: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The settlements frame (with point geometry) and the problems found in it."""
    name = "settlements.csv"
    problems = ck.pattern(df, name, "id", ck.SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += ck.unique(df, name, "id")
    problems += ck.in_vocab(df, name, "kind", vocab.SETTLEMENT_KINDS)
    population, found = ck.numbers(df, name, "population", 0, 5e7, integer=True)
    problems += found
    geonames, found = ck.numbers(df, name, "geonames_id", 1, 1e10, integer=True)
    problems += found
    twice = geonames.notna() & geonames.duplicated(keep="first") & ~df["id"].duplicated()
    problems += ck.problems_where(  # (a repeated id is reported as such)
        df, twice, name, "geonames_id", "GeoNames id already used by an earlier settlement",
        "keep one row per place: merge the two rows or correct the id")
    lat, found = ck.numbers(df, name, "lat", -90, 90)
    problems += found
    lon, found = ck.numbers(df, name, "lon", -180, 180)
    problems += found
    problems += ck.coordinates(df, name, lat, lon)
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
    problems = ck.pattern(df, name, "id", ck.SLUG, "use a lowercase slug: letters, digits, - or _")
    problems += ck.unique(df, name, "id")
    date, found = ck.dates(df, name, "date", today)
    problems += found
    source_date, found = ck.dates(df, name, "source_date", today)
    problems += found
    if "settlements.csv" not in unreadable:
        problems += ck.refs(df, name, "settlement_id", settlement_ids, target)
    if "claimants.csv" not in unreadable:
        problems += ck.refs(df, name, "claimant", claimants["id"], "claimants.csv")
    problems += ck.in_vocab(df, name, "status", vocab.STATUSES)
    problems += ck.in_vocab(df, name, "extent", vocab.EXTENTS)
    problems += ck.in_vocab(df, name, "encircled", ("true", "false"), empty_ok=True)
    problems += ck.in_vocab(df, name, "channel", vocab.CHANNELS, empty_ok=True)
    problems += ck.pattern(df, name, "source_url", ck.URL,
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
    date, problems = ck.dates(df, name, "date", today)
    refers_to, found = ck.dates(df, name, "refers_to", today)
    problems += found
    if "claimants.csv" not in unreadable:
        problems += ck.refs(df, name, "claimant", claimants["id"], "claimants.csv")
    share, found = ck.numbers(df, name, "share_pct", 0, 100)
    problems += found
    problems += ck.in_vocab(df, name, "qualifier", vocab.QUALIFIERS)
    area, found = ck.numbers(df, name, "area_km2", 0, vocab.UKRAINE_AREA_KM2 * 1.1)
    problems += found
    denominator, found = ck.numbers(df, name, "denominator_km2", 1, 1e7)
    problems += found
    problems += ck.pattern(df, name, "source_url", ck.URL,
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
