"""The selected place's timeline: one lane per claimant, bars coloured by the claimed status.

Every bar is a claim by the named claimant, from its date until that claimant's next claim
about the place (or the selected date): what it said, not what happened. The source links
are in the history table further down (:func:`ui.tables.history_panel`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.claims.index import ClaimIndex
from geo.claims.state import PageState
from geo.claims.timeline import Timeline, timeline
from geo.dataset.load import Dataset
from geo.vocab import STATUS_COLORS, STATUS_LABELS, STATUSES
from ui.data import short_labels
from ui.text import md

#: Legend entries of the bars, in words, and their colours.
STATUS_DOMAIN = [STATUS_LABELS[s] for s in STATUSES]
STATUS_RANGE = [STATUS_COLORS[s] for s in STATUSES]
EXTENT_DOMAIN = ["whole place", "part of it"]


def place_name(ds: Dataset, settlement: str) -> str:
    """The settlement's name (its id if it is not in the places table)."""
    names = ds.settlements.loc[ds.settlements["id"] == settlement, "name"]
    return str(names.iloc[0]) if len(names) else settlement


def chart_data(ds: Dataset, t: Timeline) -> pd.DataFrame:
    """One row per claim, with the labels and tooltip texts the chart shows."""
    seg = t.segments
    labels = short_labels(ds.claimants)
    full = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    part = seg["part"].fillna("").astype(str)
    extent = seg["extent"].map({"full": "whole place", "partial": "part of it"})
    enc = seg["encircled"].map({True: "says encircled", False: "denies encirclement"})
    day = pd.Timedelta(days=1)
    return pd.DataFrame({
        "lane": seg["claimant"].map(lambda c: labels.get(c, c)),
        "claimant": seg["claimant"].map(lambda c: full.get(c, c)),
        "start": seg["start"],
        # a claim made on the selected date (or replaced the same day) still gets a sliver
        "end": seg["end"].where(seg["end"] > seg["start"], seg["start"] + day),
        "until": seg["end"].dt.strftime("%Y-%m-%d"),
        "date": seg["start"].dt.strftime("%Y-%m-%d"),
        "status": seg["status"].map(STATUS_LABELS),
        "extent": extent.fillna("").astype(str),
        "claimed": (extent.fillna("") + part.where(part == "", " (" + part + ")")),
        "encircled": enc.fillna("").astype(str),
        "summary": seg["summary"].fillna("").astype(str),
        "source": seg["source"].fillna("").astype(str),
        "replaced": (~seg["wins"]).map({True: "replaced by a later claim that day",
                                        False: ""}),
    })


def panel(ds: Dataset, state: PageState, index: ClaimIndex) -> None:
    """The selected settlement's timeline of claims up to the selected date."""
    if not state.settlement:
        return
    name = place_name(ds, state.settlement)
    t = timeline(index, state.settlement, state.date, state.claimants)
    st.markdown(f"**Timeline: what each claimant said about {md(name)}, up to {state.date}**")
    if t.empty:
        st.info(f"No claim about {md(name)} by the selected claimants on or before "
                f"{state.date} yet.")
        return
    data = chart_data(ds, t)
    lanes = list(dict.fromkeys(data["lane"]))
    st.vega_lite_chart(chart_spec(data, tuple(lanes), str(state.date)), width="stretch")
    st.caption(f"{len(lanes)} claimant{'s' if len(lanes) != 1 else ''}, {len(data)} "
               f"claim{'s' if len(data) != 1 else ''}. Each bar is a claim by the named "
               "claimant, not a verified fact: it runs from the claim's date to that "
               "claimant's next claim about the place (or the selected date). Ticks mark "
               "every claim; faded bars claim only part of the place. Sources and links: "
               "\"All claims about\" below the map.")


@st.cache_data(max_entries=256, show_spinner=False)
def chart_spec(data: pd.DataFrame, lanes: tuple[str, ...], on: str) -> dict:
    """The timeline's Vega-Lite spec (built with Altair once per data, as the territory
    chart's is)."""
    y = alt.Y("lane:N", title=None, sort=list(lanes), axis=alt.Axis(labelLimit=130))
    x = alt.X("start:T", title=f"Claim date (up to {on})",
              axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True))
    tooltip = [alt.Tooltip("date:N", title="claim date"),
               alt.Tooltip("claimant:N", title="claimant"),
               alt.Tooltip("status:N", title="claimed status"),
               alt.Tooltip("claimed:N", title="extent / part"),
               alt.Tooltip("encircled:N", title="encirclement"),
               alt.Tooltip("until:N", title="until"),
               alt.Tooltip("summary:N", title="summary"),
               alt.Tooltip("source:N", title="source"),
               alt.Tooltip("replaced:N", title="note")]
    base = alt.Chart(data)
    bars = base.mark_bar(size=18).encode(
        x=x, x2="end:T", y=y,
        color=alt.Color("status:N", title="Claimed status",
                        scale=alt.Scale(domain=STATUS_DOMAIN, range=STATUS_RANGE)),
        opacity=alt.Opacity("extent:N", title="Claimed extent",
                            scale=alt.Scale(domain=EXTENT_DOMAIN, range=[0.95, 0.4])),
        tooltip=tooltip,
    )
    ticks = base.mark_tick(color="#222", thickness=2, size=26).encode(
        x=x, y=y, tooltip=tooltip)
    return alt.layer(bars, ticks).properties(height=alt.Step(30)).configure_legend(
        orient="bottom", direction="vertical", columns=1).to_dict()
