"""Who published what each claimant said: the claims of the data files grouped by claimant
and publisher (the ``source`` column), with how many claims and places, the first and
latest day, and the latest claim's link, for the Sources page and its download."""

from __future__ import annotations

import pandas as pd

from geo.vocab import MAP_FIRST_ROW

COLUMNS = ("claimant", "publisher", "claims", "places", "first", "latest", "latest_url",
           "site")


def publishers(claims: pd.DataFrame, claimants: pd.DataFrame) -> pd.DataFrame:
    """One row per (claimant, publisher): the claimants in their file's order, each one's
    publishers by claims, most first. A control map's derived claims (rows from
    :data:`~geo.vocab.MAP_FIRST_ROW`) are not a publisher's and are left out; a claim with
    no publisher counts under ``""``. ``site``: the host of the latest claim's link."""
    own = claims[claims["row"].to_numpy() < MAP_FIRST_ROW]
    if own.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = own.assign(publisher=own["source"].fillna("").astype(str).str.strip(),
                       url=own["source_url"].fillna("").astype(str))
    ordered = frame.sort_values(["date", "row"], kind="stable")
    grouped = ordered.groupby(["claimant", "publisher"], sort=False)
    out = grouped.agg(claims=("id", "size"), places=("settlement_id", "nunique"),
                      first=("date", "min"), latest=("date", "max"),
                      latest_url=("url", "last")).reset_index()
    out["site"] = out["latest_url"].str.extract(r"^https?://(?:www\.)?([^/:?#]+)",
                                                expand=False).fillna("")
    order = {c: i for i, c in enumerate(claimants["id"])}
    out = out.assign(_order=out["claimant"].map(order).fillna(len(order)))
    out = out.sort_values(["_order", "claims", "latest"], ascending=[True, False, False],
                          kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)[list(COLUMNS)]
