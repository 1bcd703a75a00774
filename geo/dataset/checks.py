"""Field checks for the data files: each returns the rows that fail as
:class:`~geo.errors.Problem` (file, line, field, value, what is wrong, how to fix it).

Vectorized; a Python loop only over the rows that fail.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo import vocab
from geo.errors import Problem
from geo.io.csvfile import LINE

SLUG = r"^[a-z0-9][a-z0-9_\-]*$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
URL = r"^https?://[^\s<>\"'`]+$"


def problems_where(
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


def required(df: pd.DataFrame, name: str) -> list[Problem]:
    out: list[Problem] = []
    for field in vocab.COLUMNS[name]:
        if field in vocab.OPTIONAL[name]:
            continue
        out += problems_where(df, df[field] == "", name, field, "required field is empty",
                         f"fill in {field}")
    return out


def unique(df: pd.DataFrame, name: str, field: str) -> list[Problem]:
    dup = df[field].duplicated(keep="first") & (df[field] != "")
    return problems_where(df, dup, name, field, "duplicate id (already used on an earlier line)",
                     "give each row its own id")


def pattern(df: pd.DataFrame, name: str, field: str, pattern: str, fix: str) -> list[Problem]:
    mask = (df[field] != "") & ~df[field].str.match(pattern)
    return problems_where(df, mask, name, field, "invalid format", fix)


def in_vocab(
    df: pd.DataFrame, name: str, field: str, allowed: tuple[str, ...], empty_ok: bool = False
) -> list[Problem]:
    mask = ~df[field].isin(allowed)
    mask &= df[field] != ""  # empty required fields are reported by _required
    hint = " (or leave it empty)" if empty_ok else ""
    return problems_where(df, mask, name, field, "unknown value",
                     f"use one of: {', '.join(allowed)}{hint}")


def refs(
    df: pd.DataFrame, name: str, field: str, known: pd.Series, target: str
) -> list[Problem]:
    # pyarrow's is_in: pandas' isin on a string column makes a pyarrow scalar of every known
    # id first (33,681 places: about half of an accept's CPU)
    found = pc.is_in(pa.array(df[field], pa.string(), from_pandas=True),
                     value_set=pa.array(known, pa.string(), from_pandas=True))
    mask = (df[field] != "") & ~pd.Series(pc.fill_null(found, False).to_numpy(False), df.index)
    return problems_where(df, mask, name, field, f"unknown id (not in {target})",
                     f"use an id from {target} or add it there first")


def dates(
    df: pd.DataFrame, name: str, field: str, today: dt.date
) -> tuple[pd.Series, list[Problem]]:
    text = df[field]
    shaped = text.str.match(ISO_DATE)
    parsed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
    # a year before 1678 does not fit the nanosecond dates the tables use: not a valid date
    bad = (text != "") & (parsed.isna() | (parsed < pd.Timestamp.min))
    future = parsed > pd.Timestamp(today)
    problems = problems_where(df, bad, name, field, "not a valid date",
                         "write it as YYYY-MM-DD, e.g. 2025-11-11")
    problems += problems_where(df, future, name, field, f"date is in the future (after {today})",
                          "use the day the claim was made, not a later one")
    # both are reported above; dropped here so that a year after 2262 cannot overflow
    return parsed.where(~bad & ~future).astype("datetime64[ns]"), problems


def numbers(
    df: pd.DataFrame, name: str, field: str, lo: float, hi: float, integer: bool = False
) -> tuple[pd.Series, list[Problem]]:
    text = df[field]
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    finite = np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
    bad = (text != "") & ~pd.Series(finite, index=df.index)
    problems = problems_where(df, bad, name, field, "not a number",
                         "write a plain number with a dot for decimals, e.g. 48.28")
    kind = "a whole number" if integer else "a number"
    out_of_range = ~bad & values.notna() & ((values < lo) | (values > hi))
    if integer:
        out_of_range |= ~bad & values.notna() & (values != values.round())
    problems += problems_where(df, out_of_range, name, field, "out of range",
                          f"use {kind} between {lo:g} and {hi:g}")
    return values.where(~bad & ~out_of_range).astype("float64"), problems


def coordinates(
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
        *problems_where(frame, swapped, name, "lat,lon", "latitude and longitude look swapped",
                   "put the latitude (about 44-52 in Ukraine) in lat and the longitude "
                   "(22-40) in lon"),
        *problems_where(frame, outside, name, "lat,lon", "coordinates outside Ukraine",
                   f"check the coordinates; Ukraine spans {bbox}"),
    ]
