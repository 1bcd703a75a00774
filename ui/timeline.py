"""The selected place's timeline: one lane per claimant, bars coloured by the claimed status.

Every bar is a claim by the named claimant, from its date until that claimant's next claim
about the place (or the selected date): what it said, not what happened. A mark above a
capture claim gives its outcome against the reference chosen on the Reliability page
(DeepState's by default): confirmed with its lead in days, reversed, open or never
(:mod:`ui.scorecard`). The source links are in the history table further down
(:func:`ui.tables.history_panel`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from geo.claims.index import ClaimIndex
from geo.claims.state import PageState
from geo.claims.timeline import Timeline, timeline
from geo.dataset.load import Dataset
from geo.scores import OUTCOMES
from geo.vocab import STATUS_COLORS, STATUS_LABELS, STATUSES
from ui import scorecard
from ui.controlmaps import Maps
from ui.data import short_labels
from ui.text import md

#: Legend entries of the bars, in words, and their colours.
STATUS_DOMAIN = [STATUS_LABELS[s] for s in STATUSES]
STATUS_RANGE = [STATUS_COLORS[s] for s in STATUSES]
EXTENT_DOMAIN = ["whole place", "part of it"]
#: The timeline's default window: the last year before the selected date (a long history
#: squeezed the recent claims into a sliver); the whole history is one click away.
WINDOW_DAYS = 365
WINDOWS = ("year", "all")
#: The window choice's words (dateless: see :func:`panel`).
WINDOW_WORDS = {"year": "the last year", "all": "the whole history"}
#: Each outcome's mark above its claim.
OUTCOME_SHAPES = {"confirmed": "circle", "reversed": "triangle-down", "open": "diamond",
                  "never": "cross"}


def place_name(ds: Dataset, settlement: str) -> str:
    """The settlement's name (its id if it is not in the places table)."""
    names = ds.settlements.loc[ds.settlements["id"] == settlement, "name"]
    return str(names.iloc[0]) if len(names) else settlement


def _date(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str)


def outcome_words(marks: pd.DataFrame) -> pd.Series:
    """Each claim's outcome in words (``marks``: :meth:`geo.scores.Scorecard.by_claim`)."""
    lead = marks["lead_days"].astype("Int64")
    shown, back = _date(marks["shown_date"]), _date(marks["reversed_date"])
    ahead = lead.abs().astype(str)
    words = pd.Series("", index=marks.index, dtype=object)
    confirmed = marks["outcome"].eq("confirmed")
    later = confirmed & lead.ge(0).fillna(False).astype(bool)
    words[later] = "confirmed: the reference showed it " + ahead + " days later, on " + shown
    words[confirmed & ~later] = ("confirmed: the reference had shown it " + ahead +
                                 " days before, from " + shown)
    words[marks["outcome"].eq("reversed")] = ("reversed: shown on " + shown +
                                              ", then the opposite on " + back)
    words[marks["outcome"].eq("open")] = ("open: not shown after " +
                                          marks["age_days"].astype("Int64").astype(str) +
                                          " days")
    words[marks["outcome"].eq("never")] = "never: the reference has kept the opposite"
    skipped = marks["outcome"].eq("not scored")
    words[skipped] = "not scored: " + marks["reason"].fillna("").astype(str)
    return words


def lead_label(marks: pd.DataFrame) -> pd.Series:
    lead = marks["lead_days"].astype("Int64")
    text = lead.map(lambda d: "" if pd.isna(d) else f"{int(d):+d} d").astype(object)
    return text.where(marks["outcome"].eq("confirmed"), "")


#: The chart's words for a claim's extent, its encirclement and a claim replaced that day.
EXTENT_WORDS = {"full": "whole place", "partial": "part of it"}
ENCIRCLED_WORDS = {True: "says encircled", False: "denies encirclement"}
REPLACED = "replaced by a later claim that day"


def _texts(values: pd.Series) -> list[str]:
    """Each value as text, ``""`` for a missing one."""
    return ["" if pd.isna(v) else str(v) for v in values.tolist()]


def _days(values: np.ndarray) -> list[str]:
    return np.datetime_as_string(values.astype("datetime64[D]"), unit="D").tolist()


def chart_data(ds: Dataset, t: Timeline, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per claim, with the labels and tooltip texts the chart shows; with ``found``
    (:func:`outcomes`: :meth:`geo.scores.Scorecard.by_claim` indexed by claim id), each
    claim's outcome, in words, and its lead.

    A place has a few dozen claims, hundreds at most: the texts are made in plain Python
    and the frame built once (a pandas operation per column took ~10 ms of a selection's
    server CPU, for 20 rows)."""
    seg = t.segments
    labels = short_labels(ds.claimants)
    full = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    claimants = seg["claimant"].tolist()
    start, until = seg["start"].to_numpy(), seg["end"].to_numpy()
    # a claim made on the selected date (or replaced the same day) still gets a sliver
    end = np.where(until > start, until, start + np.timedelta64(1, "D"))
    extent = [EXTENT_WORDS.get(e, "") for e in _texts(seg["extent"])]
    part = _texts(seg["part"])
    encircled = ["" if pd.isna(e) else ENCIRCLED_WORDS[bool(e)]
                 for e in seg["encircled"].tolist()]
    out = pd.DataFrame({
        "lane": [labels.get(c, c) for c in claimants],
        "claimant": [full.get(c, c) for c in claimants],
        "start": start, "end": end.astype("datetime64[ns]"),
        "until": _days(until), "date": _days(start),
        "status": [STATUS_LABELS.get(s) for s in seg["status"].tolist()],
        "extent": extent,
        "claimed": [e + (f" ({p})" if p else "") for e, p in zip(extent, part, strict=True)],
        "encircled": encircled,
        "summary": _texts(seg["summary"]), "source": _texts(seg["source"]),
        "replaced": ["" if w else REPLACED for w in seg["wins"].tolist()],
    })
    blank = [""] * len(out)
    if found is None or found.empty:
        return out.assign(outcome=blank, result=blank, lead=blank)
    at = found.index.get_indexer(pd.Index(_texts(seg["id"]), dtype=object))
    hit = np.flatnonzero(at >= 0)          # claims derived from maps: no row
    outcome, result, lead = list(blank), list(blank), list(blank)
    if len(hit):
        marks = found.iloc[at[hit]].reset_index(drop=True)
        marks = marks.assign(outcome=marks["outcome"].fillna(""))
        for k, o, r, d in zip(hit.tolist(), _texts(marks["outcome"]),
                              outcome_words(marks).tolist(), lead_label(marks).tolist(),
                              strict=True):
            outcome[k], result[k], lead[k] = o, str(r), str(d)
    return out.assign(outcome=outcome, result=result, lead=lead)


def outcomes(ds: Dataset, version: tuple, maps: Maps) -> tuple[pd.DataFrame | None, str]:
    """Every claim's outcome indexed by claim id, against the reference chosen on the
    Reliability page, and that reference in words (or why there are none): once per data,
    maps and choice, not on every selection (it took ~40 ms of a selection's server CPU)."""
    return _outcomes(ds, maps, version, maps.listing, str(maps.store),
                     dataclasses.astuple(scorecard.saved_choice()))


@st.cache_resource(max_entries=8, show_spinner=False)
def _outcomes(_ds: Dataset, _maps: Maps, version: tuple, listing: tuple, store: str,
              choice: tuple) -> tuple[pd.DataFrame | None, str]:
    # ``version``, ``listing``, ``store`` and ``choice`` key the cache (scorecard.marks reads
    # the same choice from the session); the frame is shared, never changed in place
    marks, reference = scorecard.marks(_ds, version, _maps)
    if marks is None:
        return None, reference
    return marks.drop_duplicates("claim").set_index("claim"), reference


def _nothing() -> None:
    """Draw nothing (no place selected)."""


def panel(ds: Dataset, state: PageState, index: ClaimIndex, version: tuple,
          maps: Maps) -> Callable[[], None]:
    """The selected settlement's timeline of claims up to the selected date, its capture
    claims marked with their outcomes against the Reliability page's reference: computed
    here, drawn by the function returned. :func:`ui.selection.place` computes every panel
    of the place before it draws any, so that the browser gets the panels' elements in one
    burst, not one burst per panel with the server's work between (each burst a render of
    the page in the browser)."""
    if not state.settlement:
        return _nothing
    name = place_name(ds, state.settlement)
    t = timeline(index, state.settlement, state.date, state.claimants)
    title = f"**Timeline: what each claimant said about {md(name)}, up to {state.date}**"
    if t.empty:
        def empty() -> None:
            st.markdown(title)
            st.info(f"No claim about {md(name)} by the selected claimants on or before "
                    f"{state.date} yet.")
        return empty
    found, reference = outcomes(ds, version, maps)
    data = chart_data(ds, t, found)
    lanes = list(dict.fromkeys(data["lane"]))
    marked = data["outcome"].isin(OUTCOMES)
    window = window_start(data, state.date)
    # the radio's choice, as the browser sent it (the radio is drawn below, with the rest)
    since = None if st.session_state.get("tl_window") == "all" else window
    spec = chart_spec(data, str(state.date), None if since is None else str(since))
    within = int((data["end"] >= pd.Timestamp(since)).sum()) if since else len(data)
    counts = data.loc[marked, "outcome"].value_counts()
    about = (f"{len(lanes)} claimant{'s' if len(lanes) != 1 else ''}, {len(data)} "
               f"claim{'s' if len(data) != 1 else ''}"
               + (f" ({within} made or still standing in the last year)" if since else "")
               + ". Each bar is a claim by the named "
               "claimant, not a verified fact: it runs from the claim's date to that "
               "claimant's next claim about the place (or the selected date). Ticks mark "
               "every claim; faded bars claim only part of the place. Sources and links: "
               "\"All claims about\" below the map.")
    outcomes_note = md(f"No outcomes marked: {reference}") if found is None else md(
        f"Outcomes against {reference} (the Reliability page chooses the reference): "
        + (", ".join(f"{counts[o]} {o}" for o in OUTCOMES if o in counts) or "none")
        + f". Outcomes are as of the reference's latest date, not {state.date}: a claim "
        "marked confirmed may have been shown only after the selected date. A mark above "
        "a capture claim: ● confirmed (green, with the lead in days), "
        "▼ reversed (magenta), ◆ open (grey), ✚ never (purple); claims that are not "
        "capture claims (contested, repeats, the status quo) have none; hover for the "
        "outcome.")

    def draw() -> None:
        st.markdown(title)
        if window is not None:
            first = data["start"].min().date()
            # the options' words stay the same on every date: the browser keeps the chosen
            # option by its words, and dated words (the window's first day) left neither
            # option ticked after a date change; the dates are in the help and the axis
            st.radio("Timeline of", WINDOWS, key="tl_window", horizontal=True,
                     format_func=WINDOW_WORDS.__getitem__,
                     help=f"The last year (from {window}) shows the recent claims at a "
                          f"readable width; a claim made before it that still stood runs in "
                          f"from the left edge. The whole history starts on {first}.")
        st.vega_lite_chart(spec, width="stretch")
        # one element for both notes: the browser renders the page again for every
        # element a selection sends (bench/RESULTS.md, "ninth round")
        st.caption(about + "\n\n" + outcomes_note)
    return draw


def window_start(data: pd.DataFrame, on: dt.date) -> dt.date | None:
    """The first day of the default window (:data:`WINDOW_DAYS` before ``on``); None when
    every claim of ``data`` (:func:`chart_data`) is within it: nothing to leave out."""
    since = on - dt.timedelta(days=WINDOW_DAYS)
    if data.empty or data["start"].min() >= pd.Timestamp(since):
        return None
    return since


def _epoch_ms(day: str) -> int:
    """A day as Vega-Lite's time (milliseconds since 1970, UTC, as the data's dates are)."""
    return int(pd.Timestamp(day).value // 1_000_000)


#: The name of the chart's one dataset: the same for every place, so that the spec itself
#: (everything but the rows) is the same from one selected place to the next on a date,
#: and the browser's chart only swaps its rows (Streamlit's chart keeps its Vega view when
#: the spec is unchanged) instead of compiling and embedding the chart again.
DATASET = "timeline"
#: Every field of a claim shown on hover, and its title.
TOOLTIP_FIELDS = (("date", "claim date"), ("claimant", "claimant"),
                  ("status", "claimed status"), ("claimed", "extent / part"),
                  ("encircled", "encirclement"), ("until", "until"), ("summary", "summary"),
                  ("source", "source"), ("replaced", "note"),
                  # judged on everything the reference showed, later than the selected date
                  ("result", "outcome, as of the reference's latest date (not the selected "
                             "date)"))


def _iso(days: pd.Series) -> pd.Series:
    return days.dt.strftime("%Y-%m-%dT%H:%M:%S")


def chart_spec(data: pd.DataFrame, on: str, since: str | None = None) -> dict:
    """The timeline's Vega-Lite spec, its rows (``data``: :func:`chart_data`) as the Arrow
    bytes Streamlit sends; claims with an outcome get a mark above their bar. ``since``:
    the first day shown (the axis runs from it to ``on``, marks before it are clipped);
    None: the whole history.

    Written as Vega-Lite's JSON, not built with Altair: Altair's chart objects, their
    copies and the conversion took ~60 ms of a selection's server CPU on a quiet core (a
    place is selected once: a cache of the spec by its data rarely hit), this takes a few
    milliseconds (the rows' Arrow bytes); tests/ui/test_timeline.py checks it against
    Vega-Lite's schema. The lanes are in the order of their first row, as
    :func:`panel` lists them, by a column of the rows (``lane_order``), so that nothing of
    the place is in the spec."""
    clip = since is not None      # marks before the window: cut at its left edge
    x: dict = {"field": "start", "type": "temporal",
               # in the narrow side column: a title short enough not to be cut, and labels
               # kept apart (two dates ran together as "2025-01-012026-01-01")
               "title": f"Claim date, from {since}" if since else f"Claim date, up to {on}",
               # the title ends at the plot's right edge: centred under a plot narrower
               # than it, its end was cut by the column's edge (Pokrovsk, Chasiv Yar)
               "axis": {"format": "%Y-%m-%d", "labelOverlap": True, "labelSeparation": 8,
                        "titleLimit": 0, "titleAnchor": "end"}}
    if since:
        x["scale"] = {"domain": [_epoch_ms(since), _epoch_ms(on) + 86_400_000]}
    # the lanes in the order of their first row; by a field of the rows, not by a list
    # of lanes in the spec (which would change with the place), nor in the data's order
    # (``sort: null``: when the browser swapped the rows, lanes of the previous place kept
    # their places at the top)
    y = {"field": "lane", "type": "nominal", "title": None,
         "sort": {"field": "lane_order", "op": "min", "order": "ascending"},
         "axis": {"labelLimit": 130}}
    tooltip = [{"field": f, "type": "nominal", "title": t} for f, t in TOOLTIP_FIELDS]
    outcome = {"field": "outcome", "type": "nominal", "legend": None}
    marked = [{"filter": {"field": "outcome", "oneOf": list(OUTCOMES)}}]
    layers = [
        {"mark": {"type": "bar", "size": 18, "clip": clip},
         "encoding": {
             "x": x, "x2": {"field": "end"}, "y": y, "tooltip": tooltip,
             "color": {"field": "status", "type": "nominal", "title": "Claimed status",
                       "scale": {"domain": STATUS_DOMAIN, "range": STATUS_RANGE}},
             # its own row above the chart: beside the statuses' it overflowed the column
             "opacity": {"field": "extent", "type": "nominal", "title": "Claimed extent",
                         "scale": {"domain": EXTENT_DOMAIN, "range": [0.95, 0.4]},
                         "legend": {"orient": "top", "direction": "horizontal"}}}},
        {"mark": {"type": "tick", "color": "#222", "thickness": 2, "size": 26, "clip": clip},
         "encoding": {"x": x, "y": y, "tooltip": tooltip}},
        # the outcomes' marks, always in the spec (none drawn when no claim has one), so
        # that the spec does not change with the place
        {"transform": marked,
         "mark": {"type": "point", "filled": True, "size": 80, "yOffset": -13, "opacity": 1,
                  "strokeWidth": 0, "clip": clip},
         "encoding": {
             "x": x, "y": y, "tooltip": tooltip,
             # ``fill``, not ``color``: its own scale, not the claimed statuses' colours
             "fill": {**outcome, "scale": {
                 "domain": list(OUTCOME_SHAPES),
                 "range": [scorecard.OUTCOME_COLORS[o] for o in OUTCOME_SHAPES]}},
             "shape": {**outcome, "scale": {"domain": list(OUTCOME_SHAPES),
                                            "range": list(OUTCOME_SHAPES.values())}}}},
        {"transform": marked,
         "mark": {"type": "text", "align": "left", "dx": 7, "yOffset": -13, "fontSize": 10,
                  "color": "#1b7837", "clip": clip},
         "encoding": {"x": x, "y": y, "text": {"field": "lead", "type": "nominal"}}},
    ]
    return {"$schema": alt.SCHEMA_URL,
            # Streamlit's default (fit the column's width), laid out again whenever the rows
            # change: the view is kept from one place to the next, and laid out only for the
            # first, a longer lane label of the next pushed the plot past the column's edge
            "autosize": {"type": "fit", "contains": "padding", "resize": True},
            # room on the right for the last date label, centred on its tick near the end
            # (cut by a few pixels otherwise)
            "padding": {"left": 5, "top": 5, "bottom": 5, "right": 18},
            "config": {"legend": {"orient": "bottom", "direction": "vertical", "columns": 1},
                       "view": {"continuousHeight": 300, "continuousWidth": 300}},
            "data": {"name": DATASET},
            # the rows as the Arrow bytes st.vega_lite_chart sends (it would convert them),
            # the days as the ISO texts Altair wrote for Vega-Lite
            "datasets": {DATASET: dataframe_util.convert_anything_to_arrow_bytes(
                data.assign(start=_iso(data["start"]), end=_iso(data["end"]),
                            lane_order=pd.factorize(data["lane"])[0]))},
            "height": {"step": 30},
            "layer": layers}
