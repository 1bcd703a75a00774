"""Territory panel, claims table, settlement history and downloads."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from geo.claims.export import TABLE_COLUMNS, display_dates, to_csv_bytes, to_geojson_bytes
from geo.claims.territory import format_km2, format_share
from geo.claims.urlstate import FilterState
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.vocab import SIDE_LABELS, STATUS_LABELS
from ui.controlmaps import Maps, compare, compare_from
from ui.text import md, md_link


def notices(messages: list[str]) -> None:
    """Plain-text notices (ignored URL parameters, unreadable maps); never contain URL values."""
    for message in messages:
        st.warning(message, icon="⚠️")


def selection_notes(view: View, state: FilterState) -> None:
    """Say why the map may look empty: no claimant chosen, or the selection filtered out."""
    if not state.claimants:
        st.info("No claimant selected: choose at least one in the sidebar to see claims.")
    if state.settlement and state.settlement not in set(view.shown["settlement"]):
        name = view.resolved.loc[view.resolved["settlement"] == state.settlement, "name"]
        st.info(f"{md(name.iloc[0])} is hidden by the status or \"disputed only\" filter.")


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
        st.metric(md(name), format_share(row["share_pct"], row["qualifier"]), delta=delta,
                  delta_color="off")
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
        dates = (f"both describe {diff.ru_describes}" if diff.ru_describes == diff.ua_describes
                 else f"describing {diff.ru_describes} and {diff.ua_describes}")
        caveat = ("" if diff.exact else " At least one figure is approximate or a bound "
                  "(\"more than\", \"about\"), so this is not an exact gap.")
        st.markdown(
            f"**Russian-side figure minus Ukrainian-side figure** ({md(ru)} minus {md(ua)}, "
            f"{dates}): {diff.pp:+.2f} percentage points of the stated shares; "
            f"{diff.km2:+,.0f} km² by area (stated area where given, else the share of the "
            f"stated denominator).{caveat}"
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
    st.metric("DeepState map: area computed by Frontline Claims",
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
        stated_as=lambda f: [format_share(v, q) for v, q in zip(f["share_pct"],
                                                                  f["qualifier"], strict=True)],
    )[["day", "share_pct", "claimant_name", "side", "qualifier", "stated_as", "source"]]
    computed = None
    if "deepstate" in state.claimants and not maps.series.empty:
        series = maps.series[maps.series["date"] <= pd.Timestamp(state.date)]
        if len(series):
            computed = series.assign(day=series["date"], share_pct=series["occupied_pct"])[
                ["day", "share_pct", "occupied_km2"]]
    if len(announced) + (0 if computed is None else len(computed)) > 1:
        st.vega_lite_chart(_chart_spec(announced, computed), width="stretch")
        st.caption("Points: announced figures at the date they describe (▲ = \"more than\", "
                   "a lower bound). Line: share computed from the imported DeepState maps.")


@st.cache_data(max_entries=256, show_spinner=False)
def _chart_spec(announced: pd.DataFrame, computed: pd.DataFrame | None) -> dict:
    """The chart's Vega-Lite spec (building it with Altair costs ~30 ms; cached per data)."""
    layers = []
    if len(announced):
        # colour by side (Russian reds, Ukrainian blues, independent grey), shape by qualifier
        names = announced.drop_duplicates("claimant_name").sort_values("side")
        palette = {"ru": ["#b03a2e", "#e67e22", "#8e44ad"], "ua": ["#1f6fd1", "#17a2b8",
                   "#2e4053"], "independent": ["#7f8c8d", "#95a5a6", "#566573"]}
        colors = [palette.get(side, palette["independent"])[i % 3] for i, side in
                  enumerate(names["side"])]
        layers.append(alt.Chart(announced).mark_point(size=80, filled=True).encode(
            x=alt.X("day:T", title="Date described"),
            y=alt.Y("share_pct:Q", title="% of Ukraine", scale=alt.Scale(zero=False)),
            color=alt.Color("claimant_name:N", title="Announced by",
                            scale=alt.Scale(domain=list(names["claimant_name"]), range=colors)),
            shape=alt.Shape("qualifier:N", title="Stated as",
                            scale=alt.Scale(domain=["exactly", "about", "more_than",
                                                    "less_than"],
                                            range=["circle", "diamond", "triangle-up",
                                                   "triangle-down"])),
            tooltip=["claimant_name", alt.Tooltip("day:T", title="date described"),
                     "stated_as", "source"],
        ))
    if computed is not None:
        layers.append(alt.Chart(computed).mark_line(point=True, color="#7f2a22").encode(
            x="day:T", y="share_pct:Q",
            tooltip=[alt.Tooltip("day:T", title="map of"),
                     alt.Tooltip("share_pct:Q", format=".3f", title="% computed"),
                     alt.Tooltip("occupied_km2:Q", format=",.0f", title="km²")],
        ))
    return alt.layer(*layers).properties(height=230).to_dict()


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


def claims_table(view: View) -> None:
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


def settlement_history(ds: Dataset, state: FilterState, view: View) -> None:
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


def downloads(view: View, state: FilterState) -> None:
    """CSV of the claims in view and GeoJSON of the settlements in view."""
    stem = f"frontline-claims-{state.date}"
    left, right = st.columns(2)
    # deferred: the files are built only when a button is clicked, not on every rerun
    left.download_button("Download claims (CSV)", lambda: to_csv_bytes(view.table),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    right.download_button(
        "Download map (GeoJSON)",
        lambda: to_geojson_bytes(view.shown, state.date.isoformat(), list(state.claimants)),
        file_name=f"{stem}.geojson", mime="application/geo+json", width="stretch",
    )


def map_changes(ds: Dataset, state: FilterState, maps: Maps) -> None:
    """Compare the control maps in force on two dates: km² gained and lost, places changed."""
    if len(maps.maps) < 2:
        return
    with st.expander("Compare control maps between two dates"):
        first = maps.maps[0].date
        chosen = st.session_state.get("f_compare_from")
        if not isinstance(chosen, dt.date) or not first <= chosen <= state.date:
            st.session_state["f_compare_from"] = min(max(first, compare_from(maps, state.date)
                                                         or first), state.date)
        st.date_input("Compare the map in force on", key="f_compare_from",
                      min_value=maps.maps[0].date, max_value=state.date, format="YYYY-MM-DD")
        st.checkbox("Show the change on the map", key="f_show_change")
        result = compare(ds, maps, state)
        if isinstance(result, str):
            st.info(result)
            return
        st.caption(f"DeepState maps of {result.from_date} and {result.to_date}; areas computed "
                   "by Frontline Claims (Russian-held incl. before 2022, grey zone excluded).")
        a, b, c = st.columns(3)
        a.metric("Became Russian-held", f"{result.gained_km2:,.0f} km²")
        b.metric("No longer Russian-held", f"{result.lost_km2:,.0f} km²")
        c.metric("Net", f"{result.net_km2:+,.0f} km²")
        if result.settlements.empty:
            st.write("No settlement changed status between these maps.")
        else:
            st.dataframe(result.settlements.assign(
                from_status=result.settlements["from_status"].map(STATUS_LABELS),
                to_status=result.settlements["to_status"].map(STATUS_LABELS)),
                hide_index=True, width="stretch")
