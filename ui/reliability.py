"""The "Reliability" page: how often, and how early, each claimant's capture claims were
confirmed by a reference (DeepState's stored maps by default, or any claimant's own claims),
as figures, a table, a chart with one dot per claim, every claim's outcome with both dates
and both sources, and downloads (CSV, JSON). Its choices are kept for the session, so the
Map page's timeline marks outcomes against the same reference (:mod:`ui.scorecard`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from geo.dataset.load import Dataset
from geo.scores import DEFAULT_REFERENCE, PERIODS, Scorecard
from geo.scores.figures import JUDGED, MIN_CLAIMS, NONE, days, percent, share_of
from geo.scores.stored import file_claims
from ui import scorecard
from ui.controlmaps import Maps
from ui.data import short_labels
from ui.text import md

HEADERS = {"claimant": "claimant", "kind": "kind", "period": "period", "claims": "claims",
           "confirmed": "confirmed", "reversed": "reversed", "open": "open",
           "never": "never", "judged": "judged", "confirmed_share_7d": "≤ 7 d",
           "confirmed_share_30d": "≤ 30 d",
           "confirmed_share_90d": "≤ 90 d", "median_lead_days": "median lead (d)",
           "lead_q1_days": "lead Q1", "lead_q3_days": "lead Q3",
           "reversed_share": "reversed share"}
#: The per-claim table's columns on the page, in order (the download has them all).
CLAIM_VIEW = ("date", "name", "claimant", "kind", "status", "extent", "outcome", "lead_days",
              "lead_min_days", "shown_date", "reversed_date", "age_days", "source",
              "source_url", "shown_source", "shown_url", "reference_then", "claim")
LEADS = ("median_lead_days", "lead_q1_days", "lead_q3_days")
PERIOD_WORDS = {"all": "whole record", "year": "year", "quarter": "quarter"}
#: At most this many dots in the chart (Altair refuses more than 5,000 rows inline, and a
#: browser draws a few thousand dots smoothly) and rows in the claims table on the page.
CHART_MAX = 4000
TABLE_MAX = 5000


def table_rows(rows: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The scorecard rows as the page shows them: shares with the claims behind them, leads
    by :func:`geo.scores.figures.days` (the CLI's rule), named claimants."""
    out = rows.assign(claimant=rows["claimant"].map(lambda c: labels.get(c, c)))
    for x in (7, 30, 90):
        out[f"confirmed_share_{x}d"] = [share_of(v, n) for v, n in zip(
            rows[f"confirmed_share_{x}d"], rows[f"old_enough_{x}d"], strict=True)]
    for column in LEADS:
        out[column] = rows[column].map(days)
    out["reversed_share"] = rows["reversed_share"].map(percent)
    return out.drop(columns=[f"old_enough_{x}d" for x in (7, 30, 90)]).rename(columns=HEADERS)


def claim_rows(claims: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The per-claim table as the page shows it: leads written by the figures' rule (— for
    none, never a bare "None"), no empty cell shown as "None", named claimants."""
    out = claims.assign(claimant=claims["claimant"].map(lambda c: labels.get(c, c)))
    for column in ("lead_days", "lead_min_days"):  # whole days (differences of dates)
        lead = claims[column].astype("Int64")
        out[column] = lead.astype(str).where(lead.notna(), NONE)
    for column in ("shown_source", "shown_url", "reversed_source"):
        out[column] = claims[column].fillna("")
    return out[list(CLAIM_VIEW)]


def drawn(claims: pd.DataFrame, limit: int = CHART_MAX) -> pd.DataFrame:
    """The claims the chart draws: those with a lead, evenly spaced through the record when
    there are more than ``limit`` (each claimant keeps its share, the dates their spread)."""
    shown = claims[claims["lead_days"].notna()]
    if len(shown) <= limit:
        return shown
    return shown.iloc[np.linspace(0, len(shown) - 1, limit).round().astype(int)]


@dataclass(frozen=True)
class Download:
    """One of the page's downloads: its button's label, the file's name and type, and the
    bytes (made when the reader clicks)."""

    label: str
    file_name: str
    mime: str
    data: Callable[[], bytes]


def download_files(sc: Scorecard, period: str) -> list[Download]:
    """The scorecard's downloads: the rows (CSV), every claim's outcome (CSV), both (JSON)."""
    stem = f"frontline-reliability-{sc.reference.claimant}-{period}"
    return [Download("Scorecard (CSV)", f"{stem}.csv", "text/csv", sc.rows_csv),
            Download("Every claim's outcome (CSV)", f"{stem}-claims.csv", "text/csv",
                     sc.claims_csv),
            Download("Scorecard with outcomes (JSON)", f"{stem}.json", "application/json",
                     sc.json_bytes)]


def chosen(ds: Dataset, version: tuple, maps: Maps, values: dict[str, Any]
           ) -> tuple[Scorecard | None, str, tuple[str, ...]]:
    """The scorecard of the page's choices (``values``: the controls' keys and values, as
    kept in the session under :data:`ui.scorecard.SAVED`)."""
    choice = scorecard.Choice(values["rel_reference"], values["rel_use"],
                              int(values["rel_reversal"]), int(values["rel_keep"]),
                              int(values["rel_window"]))
    return scorecard.card(ds, version, maps, choice, values["rel_period"],
                          tuple(values["rel_claimants"]), values["rel_from"], values["rel_to"])


def _restore(defaults: dict[str, Any]) -> None:
    """Give each control its value from earlier in the session (or its default) before it
    is drawn: Streamlit drops a widget's value while another page is shown."""
    saved = st.session_state.get(scorecard.SAVED) or {}
    for key, default in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = saved.get(key, default)


def _controls(ds: Dataset, labels: dict[str, str]) -> dict[str, Any]:
    claimants = list(ds.claimants["id"])
    options = list(dict.fromkeys([DEFAULT_REFERENCE, *claimants]))
    dates = file_claims(ds)["date"]
    first = dates.min().date() if len(dates) else dt.date.today()
    last = dates.max().date() if len(dates) else dt.date.today()
    base = scorecard.Choice()
    for values in (st.session_state, st.session_state.get(scorecard.SAVED) or {}):
        if "rel_reference" in values and values["rel_reference"] not in options:
            del values["rel_reference"]                     # the data changed meanwhile
        if "rel_claimants" in values:
            values["rel_claimants"] = [c for c in values["rel_claimants"] if c in claimants]
    _restore({"rel_reference": base.reference, "rel_use": base.use, "rel_claimants": [],
              "rel_from": first, "rel_to": last, "rel_period": "all",
              "rel_reversal": base.reversal, "rel_keep": base.keep,
              "rel_window": base.window})

    def name(claimant: str) -> str:
        return labels.get(claimant, claimant)

    c0, c1, c2 = st.columns([2, 3, 3])
    c0.selectbox("Judged against", options, key="rel_reference", format_func=name,
                 help="DeepState's stored maps by default; any claimant's own claims")
    c1.selectbox("What it showed", tuple(scorecard.USES), key="rel_use",
                 format_func=lambda u: scorecard.USES[u])
    c2.multiselect("Claimants scored", claimants, key="rel_claimants", format_func=name,
                   placeholder="every claimant")
    c3, c4, c5, c6, c7, c8 = st.columns([2, 2, 3, 1, 1, 1])
    c3.date_input("Claims from", key="rel_from", format="YYYY-MM-DD")
    c4.date_input("to", key="rel_to", format="YYYY-MM-DD")
    c5.radio("Rows per", PERIODS, key="rel_period", horizontal=True,
             format_func=lambda p: PERIOD_WORDS[p])
    c6.number_input("Reversed within (d)", 1, 365, key="rel_reversal",
                    help="reversed: the reference showed the opposite within N days")
    c7.number_input("Never after (d)", 1, 730, key="rel_keep",
                    help="never: the reference has kept the opposite at least N days")
    c8.number_input("Status quo window (d)", 0, 365, key="rel_window",
                    help="a claim the reference showed N days before is not scored")
    values = {k: st.session_state[k] for k in (
        "rel_reference", "rel_use", "rel_claimants", "rel_from", "rel_to", "rel_period",
        "rel_reversal", "rel_keep", "rel_window")}
    st.session_state[scorecard.SAVED] = dict(values)
    return values


def page(ds: Dataset, version: tuple, maps: Maps) -> None:
    """Lay out the Reliability page (its choices stay in the session, not in the URL)."""
    st.subheader(scorecard.HEADING)
    if file_claims(ds).empty:
        st.info("No claims in the data yet, so there is nothing to score. Add claims on the "
                "\"Add claims\" page (or in claims.csv) and import a DeepState map "
                "(python -m geo import deepstate ...) to judge them against.")
        return
    labels = short_labels(ds.claimants)
    v = _controls(ds, labels)
    start, end = v["rel_from"], v["rel_to"]
    if start and end and start > end:
        st.error(f"Claims from {start} is after {end}: pick a start on or before the end.")
        return
    sc, error, problems = chosen(ds, version, maps, v)
    for problem in problems:
        st.warning(md(problem))
    if sc is None:
        st.info(md(f"{error}. Pick another reference or \"its own claims\"."))
        return
    st.info(md(   # the caveat in the page's text size: it decides the reading
        f"Judged against {scorecard.reference_words(sc, labels)}. Every figure counts claims "
        "by the named claimants measured against another claimant, not verified facts. "
        f"{scorecard.reference_note(sc, labels)} In every figure, {JUDGED} (which mostly "
        "means missing reference data, not a verdict). A share counts the claims old enough "
        f"for it (that had the days, open ones included); one of fewer than {MIN_CLAIMS} is "
        "marked too few."), icon="ℹ️")
    with st.expander("The rules: what confirms, reverses or never shows a claim"):
        st.markdown(md(
            "A capture claim (Russian- or Ukrainian-held, whole or part, that changes what its "
            "claimant last said) is confirmed when the reference later shows that status there "
            "(a map: the place inside the held area; the grey zone counts as not yet; a "
            "partial claim is confirmed by partial or full), reversed when the reference shows "
            f"the opposite within {sc.rules.reversal_days} days of that, never when the "
            f"reference has kept the opposite for {sc.rules.keep_days} days, else open. A "
            f"claim the reference already showed {sc.rules.window} days before restates the "
            "status quo and is not scored."))
    if sc.rows.empty:
        unscored = "; ".join(f"{n} {r}" for r, n in sc.not_scored.items())
        st.info(md(f"No capture claim by the chosen claimants from {start} to {end} can be "
                   f"scored against this reference. Not scored: {unscored or 'none'}."))
        return
    _results(sc, labels, v["rel_period"])


def _results(sc: Scorecard, labels: dict[str, str], period: str) -> None:
    scorecard.figures(sc, labels)
    st.dataframe(table_rows(sc.rows, labels), hide_index=True, width="stretch",
                 key="rel_rows", column_config={
                     HEADERS[f"confirmed_share_{x}d"]: st.column_config.TextColumn(
                         help=f"the share the reference showed within {x} days, of the "
                              f"claims old enough (that had {x} days, open ones included)")
                     for x in (7, 30, 90)} | {
                     "judged": st.column_config.NumberColumn(
                         help="confirmed + reversed + never: the claims the reference ruled "
                              "on either way (open ones are not judged)")} | {
                     HEADERS[c]: st.column_config.TextColumn(
                         help="days, over the confirmed claims; — when none is confirmed")
                     for c in LEADS})
    claims = sc.claims()
    st.markdown("**Lead per claimant: one dot per confirmed or reversed claim**")
    dots = drawn(claims)
    st.vega_lite_chart(scorecard.chart_spec(dots, labels), width="stretch")
    unscored = "; ".join(f"{n} {r}" for r, n in sc.not_scored.items())
    leads = int(claims["lead_days"].notna().sum())
    sample = "" if len(dots) == leads else \
        f" Drawn: {len(dots):,} of the {leads:,} with a lead, evenly spaced through the record."
    st.caption(md(f"{len(claims):,} claims scored; open and never claims have no lead and "
                  f"are not drawn.{sample} A dot is the lead by the reference's first observation "
                  "showing it; its line reaches back to the lead by the observation before "
                  "(the change fell in between: long lines mean sparse maps). Not scored: "
                  f"{unscored or 'none'}."))
    st.markdown(f"**Every scored claim's outcome ({len(claims):,}), with both dates and "
                "sources**")
    if len(claims) > TABLE_MAX:
        st.caption(f"The {TABLE_MAX:,} most recent of {len(claims):,} scored claims; "
                   "\"Every claim's outcome (CSV)\" below has them all.")
    latest = claims.iloc[-TABLE_MAX:]
    st.dataframe(claim_rows(latest, labels), hide_index=True, width="stretch",
                 key="rel_claims", column_config={
                     "name": "place", "date": "claimed on", "shown_date": "reference showed",
                     "reversed_date": "reference reversed",
                     "lead_days": st.column_config.TextColumn(
                         "lead (d)", help="days from the claim to the reference showing it; "
                                          "— for a claim it has not shown (open, never)"),
                     "lead_min_days": st.column_config.TextColumn(
                         "lead at least (d)", help="the lead had the change come right after "
                                                   "the reference's previous observation; — "
                                                   "without a lead"),
                     "age_days": "age (d)",
                     "reference_then": "reference on the claim date",
                     "source": "claim source", "shown_source": "reference source",
                     "source_url": st.column_config.LinkColumn("claim link"),
                     "shown_url": st.column_config.LinkColumn("reference link")})
    files = download_files(sc, period)
    for n, (col, file) in enumerate(zip(st.columns(len(files)), files, strict=True)):
        col.download_button(file.label, file.data, file_name=file.file_name, mime=file.mime,
                            width="stretch", key=f"rel_dl_{n}")
