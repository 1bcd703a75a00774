"""A few new claims.csv records checked one by one against sets kept with the accept's
base: the common case of a database accept (an editor accepting one claim, or a handful),
where the loader's vectorized checks cost ~100 ms of pandas overhead per accept for a
single record (bench/db_accept.py).

:func:`surely_valid` only ever says "valid for certain": it applies the loader's rules
(:func:`geo.dataset.load.load_dataset`'s claims checks, as
:func:`geo.dataset.append.with_claims` applies them to added records) with the loader's own
patterns and vocabularies, and is stricter wherever the two could differ (ASCII digits in
dates, years the nanosecond dates hold, a record on one line). Everything else is False and
is left to the vectorized check and then the full load, which alone words a refusal: the
problems, lines and fixes are the loader's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from geo import vocab
from geo.dataset.checks import ISO_DATE, SLUG, URL
from geo.dataset.load import Dataset

#: at most this many records are checked one by one; more go to the vectorized check
FEW = 50

_COLUMNS = vocab.COLUMNS["claims.csv"]
_REQUIRED = tuple(c for c in _COLUMNS if c not in vocab.OPTIONAL["claims.csv"])
_SLUG, _URL, _DATE = re.compile(SLUG), re.compile(URL), re.compile(ISO_DATE)
#: the years a nanosecond date holds whole (pandas' Timestamp.min is in 1677, max in 2262)
_FIRST_YEAR, _LAST_YEAR = 1678, 2261
#: fields whose value must be one of a vocabulary, and whether empty is allowed there
_VOCABS = (("status", vocab.STATUSES), ("extent", vocab.EXTENTS),
           ("encircled", ("true", "false")), ("channel", vocab.CHANNELS))


@dataclass(frozen=True)
class Known:
    """What a record may name, from one validated load (a base's ``every``)."""

    settlements: frozenset[str]   #: settlement ids
    aliases: dict[str, str]       #: ``gn-N`` → the id the place is held under
    claimants: frozenset[str]     #: claimant ids
    claims: frozenset[str]        #: claim ids held already

    @classmethod
    def of(cls, ds: Dataset) -> Known:
        s = ds.settlements
        has = s["geonames_id"].notna()
        keys = ("gn-" + s.loc[has, "geonames_id"].astype("int64").astype(str)).tolist()
        ids = s.loc[has, "id"].astype(str).tolist()
        return cls(frozenset(s["id"].astype(str)),
                   {k: i for k, i in zip(keys, ids, strict=True) if k != i},
                   frozenset(ds.claimants["id"].astype(str)),
                   frozenset(ds.claims["id"].astype(str)))


def surely_valid(known: Known, body: str, count: int, today: dt.date) -> bool:
    """Whether the ``count`` records of ``body`` (claims.csv's text after its header line,
    one record per line) all pass the loader's claims checks against ``known``."""
    if not 0 < count <= FEW:
        return False
    try:
        records = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    except csv.Error:
        return False
    if len(records) != count or any(len(r) != len(_COLUMNS) for r in records):
        return False
    seen: set[str] = set()
    for record in records:
        row = dict(zip(_COLUMNS, (cell.strip() for cell in record), strict=True))
        if not _row_valid(known, row, today) or row["id"] in seen:
            return False
        seen.add(row["id"])
    return True


def _row_valid(known: Known, row: dict[str, str], today: dt.date) -> bool:
    if any(row[c] == "" for c in _REQUIRED):
        return False
    if not _SLUG.match(row["id"]) or row["id"] in known.claims:
        return False
    if not all(_date_valid(row[c], today) for c in ("date", "source_date")):
        return False
    if known.aliases.get(row["settlement_id"], row["settlement_id"]) not in known.settlements:
        return False
    if row["claimant"] not in known.claimants:
        return False
    if any(row[c] not in allowed and row[c] != "" for c, allowed in _VOCABS):
        return False
    return row["source_url"] == "" or _URL.match(row["source_url"]) is not None


def _date_valid(text: str, today: dt.date) -> bool:
    if text == "":
        return True      # a required date's emptiness is checked with the required fields
    if not text.isascii() or not _DATE.match(text):
        return False
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return _FIRST_YEAR <= day.year <= _LAST_YEAR and day <= today
