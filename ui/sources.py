"""The "Sources" page: each claimant's publishers in the data (claims, places, first and
latest day, the latest link) with a download, then each live source's runs as ``python -m
geo watch`` recorded them (last success, next run, failures, the last runs' counts and
errors)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.claims.export import to_csv_bytes
from geo.claims.publishers import publishers
from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.ingest.watch import all_states
from ui.data import short_labels
from ui.text import md


def published(ds: Dataset) -> None:
    """Each claimant's publishers and sources in the data, with counts and links."""
    st.subheader("Who published each claimant's claims")
    table = publishers(ds.claims, ds.claimants)
    if table.empty:
        st.info("No claims in the data yet: add some on the \"Add claims\" page or in "
                "claims.csv.")
        return
    names = short_labels(ds.claimants)
    per = table.groupby("claimant", sort=False)["claims"].sum()
    st.markdown(md(f"{int(per.sum()):,} claims by {len(per)} claimants from "
                   f"{table['publisher'].nunique():,} publishers. Each row: what one "
                   "publisher reported one claimant as saying (a claim is the claimant's, "
                   "not the publisher's), with the link of the latest such claim."))
    shown = table.assign(claimant=table["claimant"].map(lambda c: names.get(c, c)),
                         publisher=table["publisher"].where(table["publisher"] != "",
                                                            "(not stated)"),
                         first=table["first"].dt.date, latest=table["latest"].dt.date)
    st.dataframe(shown, hide_index=True, width="stretch", key="src_publishers",
                 column_config={
                     "claimant": st.column_config.TextColumn("claimant"),
                     "publisher": st.column_config.TextColumn("publisher (source)"),
                     "claims": st.column_config.NumberColumn("claims"),
                     "places": st.column_config.NumberColumn("places"),
                     "first": st.column_config.DateColumn("first claim"),
                     "latest": st.column_config.DateColumn("latest claim"),
                     "latest_url": st.column_config.LinkColumn("latest link"),
                     "site": st.column_config.TextColumn("site")})
    st.download_button("Publishers (CSV)", to_csv_bytes(shown),
                       file_name="frontline-publishers.csv", mime="text/csv",
                       key="src_download")


def page(store: Path, ds: Dataset) -> None:
    """Lay out the Sources page: the data's publishers, then the live sources' runs."""
    published(ds)
    st.subheader("Live sources")
    try:
        states = all_states(store)
    except FrontlineError as exc:
        st.error(md(str(exc)))
        return
    if not states:
        st.info("No source has run yet. Start `python -m geo watch --config sources.toml` "
                "(see the README, 'Live sources').")
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
