"""The reliability scorecard under the map: how often, and how early, each claimant's capture
claims were confirmed by a reference (DeepState's stored maps by default, or any claimant's
own claims), as figures, a table, a chart with one dot per claim, the selected place's
claims with their outcomes, and downloads (CSV, JSON)."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from geo.claims.state import PageState
from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.scores import DEFAULT_REFERENCE, PERIODS, Rules, Scorecard, build_scorecard, records
from geo.scores.stored import file_claims, reference_for
from ui.controlmaps import Maps
from ui.data import short_labels
from ui.text import md

OUTCOME_COLORS = {"confirmed": "#1b7837", "reversed": "#c51b7d", "open": "#999999",
                  "never": "#542788"}
#: Where "what the reference showed" comes from (``geo.scores.stored.reference_for``).
USES = {"auto": "its stored maps, if any, else its claims", "maps": "its stored maps",
        "claims": "its own claims", "both": "its maps and its claims"}
_HEADERS = {"claimant": "claimant", "kind": "kind", "period": "period", "claims": "claims",
            "confirmed": "confirmed", "reversed": "reversed", "open": "open",
            "never": "never", "confirmed_share_7d": "≤ 7 d", "confirmed_share_30d": "≤ 30 d",
            "confirmed_share_90d": "≤ 90 d", "median_lead_days": "median lead (d)",
            "lead_q1_days": "lead Q1", "lead_q3_days": "lead Q3",
            "reversed_share": "reversed share"}


@st.cache_resource(max_entries=8, show_spinner="Scoring the claims…")
def _card(_ds: Dataset, version: tuple, listing: tuple, store: str, reference: str,
          use: str, rules: tuple[int, int, int], period: str
          ) -> tuple[Scorecard | None, str, tuple]:
    """The scorecard (or why there is none), computed once per data, maps and choices."""
    # ``version`` and ``listing`` key the cache: new data or maps, a new scorecard
    try:
        ref, errors = reference_for(_ds, Path(store), reference, use)
    except FrontlineError as exc:
        return None, str(exc), ()
    names = dict(zip(_ds.settlements["id"], _ds.settlements["name"], strict=True))
    card = build_scorecard(file_claims(_ds), ref, names, Rules(*rules), period)
    return card, "", tuple(errors)


def chart_spec(claims: pd.DataFrame, labels: dict[str, str]) -> dict:
    """One dot per confirmed or reversed claim: its lead in days, per claimant."""
    shown = claims[claims["lead_days"].notna()].copy()
    shown["who"] = shown["claimant"].map(lambda c: labels.get(c, c))
    shown["lead"] = shown["lead_days"].astype(float)
    # the change fell between the reference's previous observation and the one showing it
    shown["low"] = shown["lead_min_days"].astype(float).fillna(shown["lead"])
    # the same vertical offset for a claim's dot and line (golden-ratio spread, no overlap)
    shown["jitter"] = (np.arange(len(shown)) * 0.618034 % 1.0) * 16 - 8
    tooltip = [alt.Tooltip("name:N", title="place"), alt.Tooltip("who:N", title="claimant"),
               alt.Tooltip("date:N", title="claimed on"),
               alt.Tooltip("shown_date:N", title="reference showed it on"),
               alt.Tooltip("lead:Q", title="lead (days)"),
               alt.Tooltip("low:Q", title="lead at least (days)"),
               alt.Tooltip("outcome:N", title="outcome"),
               alt.Tooltip("source:N", title="claim source"),
               alt.Tooltip("shown_source:N", title="reference source")]
    dots = alt.Chart(shown).mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("lead:Q", title="Lead in days (negative: the claim came after the reference)"),
        y=alt.Y("who:N", title=None, axis=alt.Axis(labelLimit=150)),
        yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color("outcome:N", title="Outcome",
                        scale=alt.Scale(domain=list(OUTCOME_COLORS),
                                        range=list(OUTCOME_COLORS.values()))),
        tooltip=tooltip,
    )
    spans = alt.Chart(shown).mark_rule(opacity=0.35, strokeWidth=2).encode(
        x="low:Q", x2="lead:Q", y=alt.Y("who:N", title=None), yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color("outcome:N", legend=None,
                        scale=alt.Scale(domain=list(OUTCOME_COLORS),
                                        range=list(OUTCOME_COLORS.values()))),
        tooltip=tooltip,
    )
    rule = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#444").encode(x="x:Q")
    return alt.layer(rule, spans, dots).properties(height=alt.Step(40)).to_dict()


def _figures(card: Scorecard, labels: dict[str, str]) -> None:
    """The headline figures: the claimants with most scored claims, over the whole record."""
    top = card.rows[(card.rows["kind"] == "all") & (card.rows["period"] == "all")]
    rows = records(top.sort_values("claims", ascending=False).head(4))
    for col, row in zip(st.columns(max(len(rows), 1)), rows, strict=False):
        share, median = row["confirmed_share_30d"], row["median_lead_days"]
        col.metric(str(labels.get(row["claimant"], row["claimant"])),
                   "–" if share is None else f"{share:.0%} in 30 d",
                   None if median is None else f"median lead {median:+.0f} d",
                   delta_color="off", delta_arrow="off",
                   help=f"{row['claims']} capture claims: {row['confirmed']} confirmed, "
                        f"{row['reversed']} reversed, {row['open']} open, "
                        f"{row['never']} never")


def panel(ds: Dataset, version: tuple, maps: Maps, state: PageState) -> None:
    """The scorecard section (its own controls; nothing of it goes into the URL)."""
    st.subheader("Reliability: how far ahead of the map each claimant runs")
    claimants = list(ds.claimants["id"])
    options = list(dict.fromkeys([DEFAULT_REFERENCE, *claimants]))
    labels = short_labels(ds.claimants)
    c0, c1, c2, c3, c4, c5 = st.columns([2, 2, 2, 1, 1, 1])
    reference = c0.selectbox("Judged against", options, key="rel_reference",
                             format_func=lambda c: labels.get(c, c))
    use = c1.selectbox("What it showed", tuple(USES), key="rel_use",
                       format_func=lambda u: USES[u])
    period = c2.radio("Per", PERIODS, key="rel_period", horizontal=True,
                      format_func=lambda p: {"all": "whole record", "year": "year",
                                             "quarter": "quarter"}[p])
    reversal = int(c3.number_input("Reversed within (d)", 1, 365, 30, key="rel_reversal"))
    keep = int(c4.number_input("Never after (d)", 1, 730, 90, key="rel_keep"))
    window = int(c5.number_input("Status quo window (d)", 0, 365, 30, key="rel_window"))
    card, error, errors = _card(ds, version, maps.listing, str(maps.store), reference, use,
                                (reversal, keep, window), period)
    for problem in errors:
        st.warning(md(problem))
    if card is None:
        st.info(md(error))
        return
    ref = card.reference
    st.caption(md(
        f"Judged against {labels.get(ref.claimant, ref.claimant)}'s "
        f"{ref.label.split('(', 1)[1].rstrip(')')} ({ref.dates} dates, latest "
        f"{card.latest or 'none'}). A capture claim (Russian- or Ukrainian-held, whole or "
        "part) is confirmed when the reference later shows that status there (a map: the "
        "place inside the held area; the grey zone counts as not yet; a partial claim is "
        "confirmed by partial or full), reversed when the reference shows the opposite "
        f"within {reversal} days of that, never when the reference has kept the opposite "
        f"for {keep} days, else open. Every figure counts claims by the named claimants, "
        "not verified facts."))
    if card.rows.empty:
        st.info("No capture claim can be scored against this reference yet.")
        return
    _figures(card, labels)
    rows = card.rows.assign(claimant=card.rows["claimant"].map(lambda c: labels.get(c, c)))
    share = {_HEADERS[c]: st.column_config.NumberColumn(format="percent") for c in
             ("confirmed_share_7d", "confirmed_share_30d", "confirmed_share_90d",
              "reversed_share")}
    days = {_HEADERS[c]: st.column_config.NumberColumn(format="%.0f") for c in
            ("median_lead_days", "lead_q1_days", "lead_q3_days")}
    st.dataframe(rows.rename(columns=_HEADERS), hide_index=True, width="stretch",
                 key="rel_rows", column_config={**share, **days})
    claims = card.claims()
    st.vega_lite_chart(chart_spec(claims, labels), width="stretch")
    unscored = "; ".join(f"{n} {r}" for r, n in card.not_scored.items())
    st.caption(md(f"{len(claims)} claims scored; open and never claims have no lead and "
                  "are not drawn. A dot is the lead by the reference's first observation "
                  "showing it; its line reaches back to the lead by the observation before "
                  "(the change fell in between: long lines mean sparse maps). Not scored: "
                  f"{unscored or 'none'}."))
    _place(claims, state, labels)
    with st.expander(f"Every scored claim ({len(claims)}), with both dates and sources"):
        st.dataframe(claims, hide_index=True, width="stretch", key="rel_claims",
                     column_config={"source_url": st.column_config.LinkColumn("source link"),
                                    "shown_url": st.column_config.LinkColumn("reference link")})
    stem = f"frontline-reliability-{ref.claimant}-{period}"
    d1, d2, d3 = st.columns(3)
    d1.download_button("Scorecard (CSV)", card.rows_csv, file_name=f"{stem}.csv",
                       mime="text/csv", width="stretch", key="rel_dl_rows")
    d2.download_button("Every claim's outcome (CSV)", card.claims_csv,
                       file_name=f"{stem}-claims.csv", mime="text/csv", width="stretch",
                       key="rel_dl_claims")
    d3.download_button("Scorecard with outcomes (JSON)", card.json_bytes,
                       file_name=f"{stem}.json", mime="application/json", width="stretch",
                       key="rel_dl_json")


def _place(claims: pd.DataFrame, state: PageState, labels: dict[str, str]) -> None:
    """The selected place's scored claims with their outcomes."""
    if not state.settlement:
        return
    mine = claims[claims["settlement"] == state.settlement]
    if mine.empty:
        return
    name = str(mine["name"].iloc[0])
    st.markdown(f"**Outcomes of the claims about {md(name)}**")
    mine = mine.assign(claimant=mine["claimant"].map(lambda c: labels.get(c, c)))
    st.dataframe(mine[["date", "claimant", "status", "extent", "outcome", "lead_days",
                       "lead_min_days", "shown_date", "reversed_date", "source",
                       "shown_source"]],
                 hide_index=True, width="stretch", key="rel_place")
