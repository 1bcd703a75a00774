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
from ui.maps import Maps
from ui.text import md, md_link


def notices(messages: list[str]) -> None:
    """Plain-text notices about ignored URL parameters (never contain URL values)."""
    for message in messages:
        st.warning(message, icon="⚠️")


def territory(ds: Dataset, view: View, state: FilterState, maps: Maps) -> None:
    """One metric per claimant, the computed map figure, the difference, and a chart."""
    st.subheader("Share of Ukraine said to be held by Russia")
    current = view.territory
    computed = _computed(maps, state)
    if current.empty and computed is None:
        st.info("No territory figure from the selected claimants on or before this date.")
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
    if computed is not None:
        _computed_metric(computed)
    diff = view.difference
    if diff is not None:
        ru = view.claimant_names.get(diff.ru_claimant, diff.ru_claimant)
        ua = view.claimant_names.get(diff.ua_claimant, diff.ua_claimant)
        st.markdown(
            f"**Difference between sides:** {md(ru)} minus {md(ua)}: "
            f"{diff.pp:+.2f} percentage points ({diff.km2:+,.0f} km² on the stated denominator)."
        )
    _chart(view, maps, state)


def _computed(maps: Maps, state: FilterState) -> pd.Series | None:
    """The stored figures of the DeepState map in force on the date (if DeepState is selected)."""
    if "deepstate" not in state.claimants:
        return None
    stored = maps.in_force(state.date)
    if stored is None:
        return None
    rows = maps.series[maps.series["date"] == pd.Timestamp(stored.date)]
    return None if rows.empty else rows.iloc[0]


def _computed_metric(row: pd.Series) -> None:
    st.metric("DeepState map — area computed by Frontline Claims",
              f"{row['occupied_pct']:.2f}%",
              help="Area of the Russian-held polygons of the imported DeepState map, in an "
                   "equal-area projection (EPSG:6933), divided by the denominator.")
    grey = ""
    if pd.notna(row.get("grey_km2")):
        grey = (f" · with the grey zone ({row['grey_km2']:,.0f} km²): "
                f"{row['occupied_with_grey_pct']:.2f}%")
    pre = ""
    if pd.notna(row.get("pre2022_km2")):
        pre = f" · held before 2022: {row['pre2022_km2']:,.0f} km²"
    st.caption(
        f"{row['occupied_km2']:,.0f} km² of {row['denominator_km2']:,.0f} km² · map of "
        f"{row['date'].date()} · includes Crimea and the areas held before 2022, excludes "
        f"the grey zone{grey}{pre} · source: {md_link('DeepState', 'https://deepstatemap.live')}"
    )


def _chart(view: View, maps: Maps, state: FilterState) -> None:
    """Announced figures as points, the computed map series as a line."""
    announced = view.territory_series.assign(
        claimant_name=lambda f: f["claimant"].map(view.claimant_names),
        day=lambda f: f["refers_to"],
    )[["day", "share_pct", "claimant_name", "qualifier", "source"]]
    layers = []
    if len(announced):
        layers.append(alt.Chart(announced).mark_point(size=70, filled=True).encode(
            x=alt.X("day:T", title="Date described"),
            y=alt.Y("share_pct:Q", title="% of Ukraine", scale=alt.Scale(zero=False)),
            color=alt.Color("claimant_name:N", title="Announced by"),
            shape=alt.Shape("claimant_name:N", legend=None),
            tooltip=["claimant_name", alt.Tooltip("day:T", title="date described"),
                     "share_pct", "qualifier", "source"],
        ))
    if "deepstate" in state.claimants and not maps.series.empty:
        series = maps.series[maps.series["date"] <= pd.Timestamp(state.date)]
        if len(series):
            computed = series.assign(day=series["date"], share_pct=series["occupied_pct"],
                                     what="DeepState map, computed")
            layers.append(alt.Chart(computed).mark_line(point=True, color="#7f2a22").encode(
                x="day:T", y="share_pct:Q",
                tooltip=[alt.Tooltip("day:T", title="map of"),
                         alt.Tooltip("share_pct:Q", format=".3f", title="% computed"),
                         alt.Tooltip("occupied_km2:Q", format=",.0f", title="km²")],
            ))
    if sum(len(layer.data) for layer in layers) > 1:
        st.altair_chart(alt.layer(*layers).properties(height=230), width="stretch")
        st.caption("Points: announced figures, at the date they describe. Line: share "
                   "computed from the imported DeepState maps.")


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
