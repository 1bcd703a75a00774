"""The territory panel: each claimant's figure, the computed map figure, the difference
between the sides, and the chart of figures over time."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from geo.claims.state import PageState
from geo.claims.territory import SideDifference, format_km2, format_share
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.vocab import QUALIFIER_LABELS
from ui.controlmaps import Maps
from ui.data import short_labels
from ui.text import md, md_link

#: The computed figure's label (short enough for the side column; the help says who computed it)
COMPUTED = "DeepState map: computed area"


def panel(ds: Dataset, view: View, state: PageState, maps: Maps) -> None:
    """One metric per claimant, the computed map figure and the difference (beside the
    map; the chart over time goes below it at the page's width: :func:`chart`)."""
    st.subheader("Share of Ukraine said to be held by Russia")
    current = view.territory
    computed = _computed(maps, state)
    if current.empty and computed is None:
        st.info("No territory figure from the selected claimants on or before this date.")
    labels = short_labels(ds.claimants)   # the full name in the help: cut by the column
    for _, row in current.iterrows():
        name = view.claimant_names.get(row["claimant"], row["claimant"])
        label = labels.get(row["claimant"], name)
        delta = None
        if pd.notna(row["change_pp"]):
            delta = (f"{row['change_pp']:+.2f} pp since {row['prev_refers_to'].date()} "
                     f"({format_share(row['prev_share_pct'], row['prev_qualifier'])})")
        st.metric(md(label), format_share(row["share_pct"], row["qualifier"]), delta=delta,
                  delta_color="off", help=md(name) if label != name else None)
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
        st.markdown(difference_text(diff, ru, ua))


#: How a bound gap is written before its number, and what it means.
_BOUND_WORDS = {
    "at least": ("at least", "the true gap is this or larger"),
    "at most": ("at most", "the true gap is this or smaller"),
    "about": ("about", "both are approximate"),
    "unknown": ("", "the bounds point opposite ways, so the true gap may be larger or "
                    "smaller than this"),
}


def difference_text(diff: SideDifference, ru: str, ua: str) -> str:
    """The sides' difference in Markdown: percentage points and their km² of the
    denominator (one sign), what a bound ("more than") makes of it, and the stated
    areas' own difference when its sign disagrees (a stated area that does not match the
    stated share)."""
    dates = (f"both describe {diff.ru_describes}" if diff.ru_describes == diff.ua_describes
             else f"describing {diff.ru_describes} and {diff.ua_describes}")
    word, meaning = _BOUND_WORDS.get(diff.bound, ("", ""))
    prefix = f"{word} " if word else ""
    said = [f"{md(name)} said {md(QUALIFIER_LABELS.get(q, q).strip() or 'exactly')}"
            for name, q in ((ru, diff.ru_qualifier), (ua, diff.ua_qualifier))
            if q != "exactly"]
    why = f" ({'; '.join(said)}: {meaning})" if said else ""
    text = (f"**Russian-side figure minus Ukrainian-side figure** ({md(ru)} minus {md(ua)}, "
            f"{dates}): **{prefix}{diff.pp:+.2f} percentage points** of the stated shares, "
            f"{prefix}{diff.pp_km2:+,.0f} km²{why}.")
    if np.sign(round(diff.km2)) != np.sign(round(diff.pp_km2)):
        text += (f" By the stated areas instead (the area given, else the share of the "
                 f"denominator) the gap is {diff.km2:+,.0f} km²: a stated area and its share "
                 "do not match, so these figures do not settle which side claims more.")
    return text


def _computed(maps: Maps, state: PageState) -> pd.Series | None:
    """The stored figures of the DeepState map in force on the date (if DeepState is selected)."""
    if "deepstate" not in state.claimants:
        return None
    stored = maps.in_force(state.date)
    if stored is None:
        return None
    rows = maps.series[maps.series["date"] == pd.Timestamp(stored.date)]
    return None if rows.empty else rows.iloc[0]


def _computed_metric(row: pd.Series) -> None:
    st.metric(COMPUTED, f"{row['occupied_pct']:.2f}%",
              help="Computed by Frontline Claims, not stated by DeepState: the area of the "
                   "Russian-held polygons of the imported DeepState map, in an "
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


def qualifier_word(qualifier: str) -> str:
    """How a figure was stated, in words: "more than", "about", "exactly", "less than"."""
    return QUALIFIER_LABELS.get(qualifier) or qualifier


def chart(view: View, maps: Maps, state: PageState) -> None:
    """Announced figures as points, the computed map series as a line, at the width it is
    given (below the map: in the side column it was squeezed to a third of the page)."""
    labels = short_labels(view.ds.claimants)
    announced = view.territory_series.assign(
        claimant_name=lambda f: f["claimant"].map(labels),
        claimant_full=lambda f: f["claimant"].map(view.claimant_names),
        day=lambda f: f["refers_to"],
        stated_as=lambda f: [format_share(v, q) for v, q in zip(f["share_pct"],
                                                                  f["qualifier"], strict=True)],
        qualifier=lambda f: f["qualifier"].map(qualifier_word),   # after stated_as
    )[["day", "share_pct", "claimant_name", "claimant_full", "side", "qualifier", "stated_as",
       "source"]]
    computed = None
    if "deepstate" in state.claimants and not maps.series.empty:
        series = maps.series[maps.series["date"] <= pd.Timestamp(state.date)]
        if len(series):
            computed = series.assign(day=series["date"], share_pct=series["occupied_pct"])[
                ["day", "share_pct", "occupied_km2"]]
    if len(announced) + (0 if computed is None else len(computed)) > 1:
        st.markdown("**The announced shares over time**")
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
                            scale=alt.Scale(domain=[qualifier_word(q) for q in
                                                    ("exactly", "about", "more_than",
                                                     "less_than")],
                                            range=["circle", "diamond", "triangle-up",
                                                   "triangle-down"])),
            tooltip=[alt.Tooltip("claimant_full:N", title="claimant"),
                     alt.Tooltip("day:T", title="date described"),
                     alt.Tooltip("stated_as:N", title="stated as"), "source"],
        ))
    if computed is not None:
        layers.append(alt.Chart(computed).mark_line(point=True, color="#7f2a22").encode(
            x="day:T", y="share_pct:Q",
            tooltip=[alt.Tooltip("day:T", title="map of"),
                     alt.Tooltip("share_pct:Q", format=".3f", title="% computed"),
                     alt.Tooltip("occupied_km2:Q", format=",.0f", title="km²")],
        ))
    return alt.layer(*layers).properties(height=230).to_dict()
