"""A dataset with claims appended: the new claims.csv records validated by the loader's own
rules against the places and claimants in memory, then put in the claims frame where a
full load of the longer file would put them. For a server's incremental refresh: adding
a few claims to a million costs a few frame operations, not a new load.

The result equals what :func:`geo.dataset.load.load_dataset` gives for the longer file
when the records come after every record of the old file (their ``row`` follows the old
rows) and name only places the dataset holds. Anything else, and any problem in the new
records, is returned as a one-line reason: the caller then loads the whole data, which
reports problems with every line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo import vocab
from geo.dataset.checks import required
from geo.dataset.load import Dataset, _claims
from geo.io.csvfile import read_csv_text

_NAME = "claims.csv"


def _aliases(settlements: pd.DataFrame) -> dict[str, str]:
    """``gn-N`` → id for the rows held under another id (the curated places): the loader's
    aliases, read from the settlements in memory."""
    gn = settlements["geonames_id"]
    has = gn.notna()
    key = "gn-" + gn[has].astype("int64").astype(str)
    ids = settlements.loc[has, "id"].astype(str)
    other = key.to_numpy() != ids.to_numpy()
    return dict(zip(key[other], ids[other], strict=True))


def with_claims(ds: Dataset, lines: list[str], directory: Path,
                today: dt.date | None = None,
                evidence: dict[str, str] | None = None) -> Dataset | str:
    """``ds`` with the claims.csv records ``lines`` (in file order) appended, and
    ``directory`` as its data directory; or why they cannot be appended (one line).
    ``evidence``: the new claims' report sentences (claim id → text), as the side file
    gives them."""
    columns = vocab.COLUMNS[_NAME]
    extra = vocab.EXTRA_COLUMNS.get(_NAME, ())
    text = ",".join(columns) + "\n" + "".join(f"{line}\n" for line in lines)
    frame, problems = read_csv_text(text, _NAME, (*columns, *extra),
                                    (*vocab.MAY_BE_ABSENT[_NAME], *extra))
    problems += required(frame, _NAME)
    if problems or len(frame) != len(lines):
        return f"a new claim did not read as a claims.csv record ({len(problems)} problem(s))"
    # pyarrow's is_in over the held ids (pandas' isin would turn a million ids into
    # Python strings first)
    if pc.any(pc.is_in(pa.array(ds.claims["id"]), value_set=pa.array(frame["id"],
                                                                      pa.string()))).as_py():
        return "a new claim's id is already held"
    aliases = _aliases(ds.settlements)
    frame["settlement_id"] = frame["settlement_id"].replace(aliases)
    known = pd.Series(ds.settlements["id"].astype(str).unique())
    new, problems = _claims(frame, ds.claimants, known, today or dt.date.today(), set(),
                            "the places in memory")
    if problems:
        return f"a new claim failed validation: {problems[0]}"
    new["row"] += len(ds.claims)
    if evidence and "evidence" not in ds.claims:
        return "the first evidence of this dataset (its claims have no evidence column yet)"
    if "evidence" in ds.claims:
        given = new["id"].map(evidence or {})
        old_column = new["evidence"] if "evidence" in new else pd.Series("", index=new.index)
        new["evidence"] = given.where(given.notna(), old_column).fillna("")
    old = ds.claims
    new = new[list(old.columns)].astype(old.dtypes.to_dict())
    # old is in (date, row) order and every new row comes after every old one: each new
    # claim goes after the old claims of its date or earlier
    at = np.searchsorted(old["date"].to_numpy(), new["date"].to_numpy(), side="right")
    order = np.insert(np.arange(len(old)), at, np.arange(len(old), len(old) + len(new)))
    claims = pd.concat([old, new], ignore_index=True).take(order).reset_index(drop=True)
    return Dataset(ds.claimants, ds.settlements, claims, ds.territory, directory)
