"""The "Sources" page: where each claimant's claims were published (claimants, publishers
and source links, with counts and links: :mod:`geo.claims.sources`), then each live
source's runs as ``python -m geo watch`` recorded them (last success, next run, failures,
the last runs' counts and errors)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.claims.sources import claimant_summary, publishers, site, source_links
from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.ingest.watch import all_states
from geo.vocab import SIDE_LABELS
from ui.data import short_labels
from ui.text import md

#: Everyone: the claimant filter's first choice.
EVERYONE = ""
#: A link column shows the link's site, not the whole address.
_SITE_TEXT = r"https?://(?:www\.)?([^/?#]+)"


@st.cache_data(max_entries=8, show_spinner=False)
def _tables(version: tuple, _ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three tables of the data ``version`` (counted once per version)."""
    return (claimant_summary(_ds.claims, _ds.claimants), publishers(_ds.claims, _ds.claimants),
            source_links(_ds.claims, _ds.claimants))


def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna("—")


def page(ds: Dataset, version: tuple, store: Path) -> None:
    """Lay out the Sources page."""
    st.subheader("Sources")
    publications(ds, version)
    live_sources(store)


def publications(ds: Dataset, version: tuple) -> None:
    """Each claimant's claims by publisher and by source link, with counts and links."""
    st.markdown("**Where each claimant's claims were published**")
    st.caption("As the claims file records them: a publisher is the outlet whose report "
               "carries the claim (a news site reporting what a ministry said), not the "
               "claimant. Counts are of the claims in the data, not a measure of anyone's "
               "reliability (that is the Reliability page).")
    summary, by_publisher, by_link = _tables(version, ds)
    labels = short_labels(ds.claimants)
    info = ds.claimants.set_index("id")
    overview = pd.DataFrame({
        "claimant": summary["claimant"].map(labels),
        "side": summary["claimant"].map(info["side"]).map(SIDE_LABELS),
        "claims": summary["claims"], "publishers": summary["publishers"],
        "places": summary["places"], "first claim": _day(summary["first"]),
        "last claim": _day(summary["last"]),
        "own site": summary["claimant"].map(info["url"]).fillna("").astype(str)
        if "url" in info else "",
    })
    # every claimant in view at once (a row is 35 px, as is the header)
    st.dataframe(overview, hide_index=True, width="stretch",
                 height=35 * (len(overview) + 1) + 3, column_config={
                     "own site": st.column_config.LinkColumn(
                         "own site", display_text=_SITE_TEXT,
                         help="the claimant's own website, if any"),
                     "places": st.column_config.NumberColumn(
                         "places", help="distinct places claimed")})
    ids = [c for c in summary["claimant"] if c in set(by_publisher["claimant"])]
    who = st.selectbox("Publishers and links of", [EVERYONE, *ids], key="src_claimant",
                       format_func=lambda c: labels.get(c, c) if c else "every claimant")
    if who:
        by_publisher = by_publisher[by_publisher["claimant"] == who]
        by_link = by_link[by_link["claimant"] == who]
    if by_publisher.empty:
        st.info("No claim in the data names a publisher yet.")
        return
    st.markdown(f"**Publishers ({len(by_publisher):,})**")
    st.dataframe(pd.DataFrame({
        "claimant": by_publisher["claimant"].map(labels), "publisher": by_publisher["publisher"],
        "claims": by_publisher["claims"], "places": by_publisher["places"],
        "links": by_publisher["links"], "first": _day(by_publisher["first"]),
        "last": _day(by_publisher["last"]), "newest link": by_publisher["newest_url"],
    }), hide_index=True, width="stretch", column_config={
        "newest link": st.column_config.LinkColumn(
            "newest link", display_text=_SITE_TEXT,
            help="the publisher's report of this claimant's newest claim"),
        "links": st.column_config.NumberColumn("links", help="distinct source links")})
    st.markdown(f"**Source links ({len(by_link):,})**")
    st.dataframe(pd.DataFrame({
        "claimant": by_link["claimant"].map(labels), "link": by_link["source_url"],
        "site": site(by_link["source_url"]), "publisher": by_link["publisher"],
        "claims": by_link["claims"], "places": by_link["places"],
        "first": _day(by_link["first"]), "last": _day(by_link["last"]),
    }), hide_index=True, width="stretch", column_config={
        "link": st.column_config.LinkColumn("link", width="medium")})
    without = int(by_publisher["claims"].sum() - by_link["claims"].sum())
    if without:
        st.caption(f"{without:,} claim{'s' if without != 1 else ''} name a publisher but no "
                   "link (an agency's wire or a print edition).")


def live_sources(store: Path) -> None:
    """Each live source's recorded runs (``python -m geo watch``)."""
    st.markdown("**Live sources**")
    try:
        states = all_states(store)
    except FrontlineError as exc:
        st.error(md(str(exc)))
        return
    if not states:
        st.info("No live source has run yet. Start `python -m geo watch --config "
                "sources.toml` (see the README, 'Live sources').")
        return
    st.dataframe(pd.DataFrame([{
        "source": s.get("label"), "last success": s.get("last_success", "never"),
        "next run": s.get("next_run", ""), "failures in a row": s.get("failures", 0),
        "last run": (s.get("runs") or [{}])[-1].get("finished", ""),
        "claims added (last run)": (s.get("runs") or [{}])[-1].get("claims_added", 0),
        "drafts queued (last run)": (s.get("runs") or [{}])[-1].get("drafts_queued", 0),
        "errors (last run)": len((s.get("runs") or [{}])[-1].get("errors", [])),
    } for s in states]), hide_index=True)
    for s in states:
        runs = s.get("runs") or []
        with st.expander(f"{s.get('label')}: last {len(runs)} run(s)"):
            st.dataframe(pd.DataFrame([{k: r.get(k) for k in (
                "started", "finished", "documents_fetched", "documents_new", "claims_added",
                "drafts_queued", "maps_stored")} | {"errors": "; ".join(r.get("errors", []))}
                for r in reversed(runs)]), hide_index=True)
