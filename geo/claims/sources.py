"""Who published each claimant's claims: counts of claims per claimant, per publisher and
per source link, as the claims file records them (the Sources page).

A publisher carrying a claim is not the claimant: a news site reporting what a ministry
said. The counts are of the claims in the data, not a measure of anyone's reliability.
Grouped in pandas, never row by row.
"""

from __future__ import annotations

import pandas as pd

#: The site of a link: its host without ``www.``.
_SITE = r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:www\.)?([^/?#:]+)"


def site(urls: pd.Series) -> pd.Series:
    """Each link's host without ``www.`` (``""`` for a missing or unreadable link)."""
    return urls.fillna("").astype(str).str.extract(_SITE, expand=False).fillna("")


def _named(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims' columns the counts need, the publisher ``(not named)`` where empty."""
    publisher = claims["source"].fillna("").astype(str).str.strip()
    return pd.DataFrame({
        "claimant": claims["claimant"].astype(str).to_numpy(),
        "publisher": publisher.where(publisher != "", "(not named)").to_numpy(),
        "source_url": claims["source_url"].fillna("").astype(str).to_numpy(),
        "settlement_id": claims["settlement_id"].astype(str).to_numpy(),
        "date": pd.to_datetime(claims["date"]).to_numpy(),
    })


def _in_claimant_order(frame: pd.DataFrame, claimants: pd.DataFrame,
                       by: list[str], ascending: list[bool]) -> pd.DataFrame:
    """``frame`` sorted by the claimants' order first (as the sidebar lists them)."""
    order = {c: i for i, c in enumerate(claimants["id"])}
    rank = frame["claimant"].map(order).fillna(len(order))
    return (frame.assign(_rank=rank).sort_values(["_rank", *by], ascending=[True, *ascending],
                                                 kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


def claimant_summary(claims: pd.DataFrame, claimants: pd.DataFrame) -> pd.DataFrame:
    """One row per claimant (every one of ``claimants``, in their order, those without a
    claim too): ``claimant``, ``claims``, ``publishers``, ``places``, ``first``, ``last``
    (the first and last claim dates; NaT without a claim)."""
    named = _named(claims)
    grouped = named.groupby("claimant", sort=False).agg(
        claims=("date", "size"), publishers=("publisher", "nunique"),
        places=("settlement_id", "nunique"), first=("date", "min"), last=("date", "max"))
    out = grouped.reindex(pd.Index(claimants["id"].astype(str), name="claimant"))
    for col in ("claims", "publishers", "places"):
        out[col] = out[col].fillna(0).astype(int)
    return out.reset_index()


def publishers(claims: pd.DataFrame, claimants: pd.DataFrame) -> pd.DataFrame:
    """One row per (claimant, publisher): ``claims``, ``places``, ``links`` (distinct),
    ``first``, ``last``, ``newest_url`` (the link of its newest claim) and ``site`` (that
    link's host); the claimants in their order, each one's busiest publisher first."""
    named = _named(claims)
    if named.empty:
        return pd.DataFrame(columns=["claimant", "publisher", "claims", "places", "links",
                                     "first", "last", "newest_url", "site"])
    keys = ["claimant", "publisher"]
    grouped = named.groupby(keys, sort=False).agg(
        claims=("date", "size"), places=("settlement_id", "nunique"),
        first=("date", "min"), last=("date", "max")).reset_index()
    with_link = named[named["source_url"] != ""].sort_values("date", kind="stable")
    links = with_link.groupby(keys, sort=False)["source_url"].nunique().rename("links")
    grouped = grouped.merge(links.reset_index(), on=keys, how="left")
    grouped["links"] = grouped["links"].fillna(0).astype(int)
    newest = with_link.drop_duplicates(keys, keep="last")[[*keys, "source_url"]]
    out = grouped.merge(newest.rename(columns={"source_url": "newest_url"}), on=keys,
                        how="left")
    out["newest_url"] = out["newest_url"].fillna("")
    out["site"] = site(out["newest_url"])
    return _in_claimant_order(out, claimants, ["claims", "publisher"], [False, True])


def source_links(claims: pd.DataFrame, claimants: pd.DataFrame) -> pd.DataFrame:
    """One row per (claimant, source link): ``publisher`` (as the newest claim names it),
    ``claims``, ``places``, ``first``, ``last``; claims without a link are left out. The
    claimants in their order, each one's newest link first."""
    named = _named(claims)
    named = named[named["source_url"] != ""].sort_values("date", kind="stable")
    keys = ["claimant", "source_url"]
    grouped = named.groupby(keys, sort=False).agg(
        publisher=("publisher", "last"), claims=("date", "size"),
        places=("settlement_id", "nunique"), first=("date", "min"),
        last=("date", "max")).reset_index()
    return _in_claimant_order(grouped, claimants, ["last", "source_url"], [False, True])
