"""Territory panel, claims table, settlement history and downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.export import TABLE_COLUMNS, to_csv_bytes, to_geojson_bytes
from geo.loading import Dataset
from geo.territory import format_km2, format_share
from geo.urlstate import FilterState
from geo.view import View
from geo.vocab import STATUS_LABELS
from ui.text import md, md_link


def notices(messages: list[str]) -> None:
    """Plain-text notices about ignored URL parameters (never contain URL values)."""
    for message in messages:
        st.warning(message, icon="⚠️")


def territory(ds: Dataset, view: View, state: FilterState) -> None:
    """One metric per claimant, the difference between sides, and a chart over time."""
    st.subheader("Share of Ukraine said to be held by Russia")
    current = view.territory
    if current.empty:
        st.info("No territory figure from the selected claimants on or before this date.")
        return
    for _, row in current.iterrows():
        name = view.claimant_names.get(row["claimant"], row["claimant"])
        delta = None
        if pd.notna(row["change_pp"]):
            delta = (f"{row['change_pp']:+.2f} pp since {row['prev_refers_to'].date()} "
                     f"({format_share(row['prev_share_pct'], row['prev_qualifier'])})")
        st.metric(name, format_share(row["share_pct"], row["qualifier"]), delta=delta,
                  delta_color="inverse")
        area = format_km2(row["km2"], row["km2_derived"], row["qualifier"])
        describes = ("" if row["refers_to"] == row["date"]
                     else f" · describes {row['refers_to'].date()}")
        st.caption(
            f"{md(area)} of {row['denominator_km2']:,.0f} km² · stated {row['date'].date()}"
            f"{describes} · covers: {md(row['includes'] or 'not stated')} · source: "
            f"{md_link(row['source'], row['source_url'])}"
        )
    diff = view.difference
    if diff is not None:
        ru = view.claimant_names.get(diff.ru_claimant, diff.ru_claimant)
        ua = view.claimant_names.get(diff.ua_claimant, diff.ua_claimant)
        st.markdown(
            f"**Difference between sides:** {md(ru)} minus {md(ua)}: "
            f"{diff.pp:+.2f} percentage points ({diff.km2:+,.0f} km² on the stated denominator)."
        )
    series = view.territory_series.assign(
        claimant_name=lambda f: f["claimant"].map(view.claimant_names),
        refers_to=lambda f: f["refers_to"].dt.date.astype(str),
    )
    if len(series) > 1:
        chart = (
            alt.Chart(series)
            .mark_line(point=True)
            .encode(
                x=alt.X("refers_to:T", title="Date the figure describes"),
                y=alt.Y("share_pct:Q", title="% of Ukraine", scale=alt.Scale(zero=False)),
                color=alt.Color("claimant_name:N", title="Claimant"),
                tooltip=["claimant_name", "refers_to", "share_pct", "qualifier", "source"],
            )
            .properties(height=220)
        )
        st.altair_chart(chart, width="stretch")


def claims_table(view: View) -> None:
    """The claims behind what the map shows, newest first, with source links."""
    st.subheader("Claims in view")
    table = view.table.assign(status=view.table["status"].map(STATUS_LABELS))
    if table.empty:
        st.info("No claims from the selected claimants for the settlements in view.")
        return
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
        },
    )


def settlement_history(ds: Dataset, state: FilterState, view: View) -> None:
    """Every claim about the selected settlement up to the date, from the selected claimants."""
    if not state.settlement:
        return
    name = ds.settlements.loc[ds.settlements["id"] == state.settlement, "name"].iloc[0]
    claims = ds.claims[(ds.claims["settlement_id"] == state.settlement)
                       & (ds.claims["date"] <= pd.Timestamp(state.date))
                       & ds.claims["claimant"].isin(set(state.claimants))]
    with st.expander(f"All claims about {name} up to {state.date} ({len(claims)})",
                     expanded=True):
        if claims.empty:
            st.write("None from the selected claimants.")
            return
        history = claims.sort_values("date", ascending=False).assign(
            claimant=lambda f: f["claimant"].map(view.claimant_names),
            date=lambda f: f["date"].dt.date,
            status=lambda f: f["status"].map(STATUS_LABELS),
        )
        st.dataframe(
            history[["date", "claimant", "status", "extent", "part", "encircled", "summary",
                     "source", "source_url"]],
            hide_index=True, width="stretch",
            column_config={"source_url": st.column_config.LinkColumn("source link")},
        )


def downloads(view: View, state: FilterState) -> None:
    """CSV of the claims in view and GeoJSON of the settlements in view."""
    stem = f"frontline-claims-{state.date}"
    left, right = st.columns(2)
    left.download_button("Download claims (CSV)", to_csv_bytes(view.table),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    right.download_button(
        "Download map (GeoJSON)",
        to_geojson_bytes(view.shown, state.date.isoformat(), list(state.claimants)),
        file_name=f"{stem}.geojson", mime="application/geo+json", width="stretch",
    )
