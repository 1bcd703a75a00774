"""Settlement search by name, alias (Russian transliterations, Soviet-era names) or Cyrillic."""

from __future__ import annotations

import pandas as pd

from geo.places.fold import fold


def settlement_name_index(settlements: pd.DataFrame) -> pd.DataFrame:
    """One row per (settlement id, folded name) over name, name_uk and every alias."""
    names = settlements[["id", "name", "name_uk", "aliases"]].fillna("")
    long = pd.concat([
        names[["id"]].assign(text=names["name"]),
        names[["id"]].assign(text=names["name_uk"]),
        names[["id"]].assign(text=names["aliases"].str.split(";")).explode("text"),
    ])
    long = long[long["text"].astype(str).str.strip() != ""]
    long["key"] = long["text"].map(fold)
    return long.drop_duplicates(["id", "key"]).reset_index(drop=True)


def search(settlements: pd.DataFrame, query: str) -> list[str]:
    """Settlement ids matching ``query``: exact folded names, then prefixes, then substrings."""
    key = fold(query)
    if not key:
        return []
    index = settlement_name_index(settlements)
    exact = index.loc[index["key"] == key, "id"]
    prefix = index.loc[index["key"].str.startswith(key), "id"]
    inner = index.loc[index["key"].str.contains(key, regex=False), "id"]
    return list(dict.fromkeys([*exact, *prefix, *inner]))
