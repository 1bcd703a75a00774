"""The claims behind the map (newest first) and the selected settlement's history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.claims.state import PageState
from geo.claims.table import TABLE_COLUMNS, display_dates
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.vocab import SIDE_LABELS, STATUS_LABELS
from ui.text import md

#: Rows of the on-screen claims table (the download has every row).
TABLE_ROWS = 2000


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """Labels instead of codes for the on-screen tables."""
    enc = table["encircled"].map({True: "says encircled", False: "denies encirclement"})
    return table.assign(
        status=table["status"].map(STATUS_LABELS),
        side=table["side"].map(SIDE_LABELS),
        encircled=enc.fillna("").astype(str),
    )


def claims_panel(view: View) -> None:
    """The claims behind what the map shows, newest first, with source links."""
    st.subheader("Claims in view")
    head, total = view.table_head(TABLE_ROWS)
    if not total:
        st.info("No claims from the selected claimants for the settlements in view.")
        return
    table = readable(display_dates(head))  # newest first
    if total > TABLE_ROWS:
        st.caption(f"The {TABLE_ROWS:,} most recent of {total:,} claims in view; "
                   "the CSV download has them all.")
    st.dataframe(
        table[list(TABLE_COLUMNS)],
        hide_index=True,
        width="stretch",
        column_config={
            "source_url": st.column_config.LinkColumn("source link"),
            "settlement": None,
            "claimant": None,
            "settlement_name": "settlement",
            "claimant_name": "claimant",
            "age_days": st.column_config.NumberColumn("age (days)"),
            "summary": st.column_config.TextColumn("summary", width="large"),
            "claim": None,
            "disputed": None,
        },
    )


def history_panel(ds: Dataset, state: PageState, view: View) -> None:
    """Every claim about the selected settlement up to the date, from the selected claimants."""
    if not state.settlement:
        return
    name = ds.settlements.loc[ds.settlements["id"] == state.settlement, "name"].iloc[0]
    claims = ds.claims[(ds.claims["settlement_id"] == state.settlement)
                       & (ds.claims["date"] <= pd.Timestamp(state.date))
                       & ds.claims["claimant"].isin(set(state.claimants))]
    with st.expander(f"All claims about {md(name)} up to {state.date} ({len(claims)})",
                     expanded=True):
        if claims.empty:
            st.write("None from the selected claimants.")
            return
        history = readable(claims.sort_values("date", ascending=False)).assign(
            claimant=lambda f: f["claimant"].map(view.claimant_names),
            date=lambda f: f["date"].dt.date,
        )
        st.dataframe(
            history[["date", "claimant", "status", "extent", "part", "encircled", "summary",
                     "source", "source_url"]],
            hide_index=True, width="stretch",
            column_config={"source_url": st.column_config.LinkColumn("source link")},
        )
