"""The reliability scorecard's shared parts: the reference chosen on the Reliability page
(kept in the session for the Map page's timeline), the cached scorecard, its chart (one dot
per claim), the headline figures, and the short summary under the map that links to the
page (:mod:`ui.reliability` lays the page out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.scores import DEFAULT_REFERENCE, Rules, Scorecard, build_scorecard, records
from geo.scores.figures import JUDGED, MIN_CLAIMS, TOO_FEW, days, percent
from geo.scores.stored import file_claims, reference_for
from ui.controlmaps import Maps
from ui.data import place_names, short_labels
from ui.text import md
from ui.viewcache import PerObject

PAGE = "Reliability"
#: The heading of the page and of the summary under the map (a measure, not a verdict).
HEADING = "Reliability: capture claims measured against a reference"
OUTCOME_COLORS = {"confirmed": "#1b7837", "reversed": "#c51b7d", "open": "#999999",
                  "never": "#542788"}
#: Where "what the reference showed" comes from (``geo.scores.stored.reference_for``).
USES = {"auto": "its maps if early enough, else its claims",
        "maps": "its stored maps",
        "claims": "its own claims", "both": "its maps and its claims"}
#: Session-state key of the choices last made on the Reliability page (plain state, not a
#: widget's: Streamlit forgets a widget's value once its page is not drawn).
SAVED = "rel_saved"


@dataclass(frozen=True)
class Choice:
    """A reference and the rules to judge claims by."""

    reference: str = DEFAULT_REFERENCE
    use: str = "auto"
    reversal: int = 30
    keep: int = 90
    window: int = 30

    @property
    def rules(self) -> tuple[int, int, int]:
        """The rules as :class:`geo.scores.Rules`' positional arguments."""
        return self.reversal, self.keep, self.window


def saved_choice() -> Choice:
    """The reference chosen on the Reliability page in this session, else DeepState's."""
    saved = st.session_state.get(SAVED) or {}
    base = Choice()
    return Choice(str(saved.get("rel_reference", base.reference)),
                  str(saved.get("rel_use", base.use)),
                  int(saved.get("rel_reversal", base.reversal)),
                  int(saved.get("rel_keep", base.keep)),
                  int(saved.get("rel_window", base.window)))


@st.cache_resource(max_entries=8, show_spinner="Scoring the claims…")
def _card(_ds: Dataset, version: tuple, listing: tuple, store: str, reference: str,
          use: str, rules: tuple[int, int, int], period: str, claimants: tuple[str, ...],
          start: dt.date | None, end: dt.date | None
          ) -> tuple[Scorecard | None, str, tuple[str, ...]]:
    # ``version`` and ``listing`` key the cache: new data or maps, a new scorecard
    try:
        ref, errors = reference_for(_ds, Path(store), reference, use)
    except FrontlineError as exc:
        return None, str(exc), ()
    card = build_scorecard(file_claims(_ds), ref, place_names(_ds), Rules(*rules), period,
                           list(claimants) or None, start, end)
    return card, "", tuple(errors)


def card(ds: Dataset, version: tuple, maps: Maps, choice: Choice, period: str = "all",
         claimants: tuple[str, ...] = (), start: dt.date | None = None,
         end: dt.date | None = None) -> tuple[Scorecard | None, str, tuple[str, ...]]:
    """The scorecard (None and why when the reference cannot be read) and the problems met
    reading the reference; computed once per data, maps and choices."""
    return _card(ds, version, maps.listing, str(maps.store), choice.reference, choice.use,
                 choice.rules, period, claimants, start, end)


def reference_words(sc: Scorecard, labels: dict[str, str]) -> str:
    """``DeepState's stored maps (5 dates, latest 2026-01-01)``."""
    ref = sc.reference
    kind = ref.label.split("(", 1)[1].rstrip(")")
    who = _who(sc, labels)
    if not ref.dates:
        return f"{who}'s {kind} (none yet)"
    dates = "1 date" if ref.dates == 1 else f"{ref.dates} dates"
    return f"{who}'s {kind} ({dates}, latest {sc.latest})"


def _who(sc: Scorecard, labels: dict[str, str]) -> str:
    claimant = sc.reference.claimant  # a map's claimant need not be in claimants.csv
    return labels.get(claimant, "DeepState" if claimant == "deepstate" else claimant)


def reference_note(sc: Scorecard, labels: dict[str, str]) -> str:
    """How thin the reference is, in words: what "confirmed" can rest on."""
    ref = sc.reference
    who = _who(sc, labels)
    dates = "1 date" if ref.dates == 1 else f"{ref.dates} dates"
    places = f"{len(ref.places):,} place" + ("" if len(ref.places) == 1 else "s")
    if ref.kind == "map":
        return (f"Reference: {who}'s stored maps, {dates} over {places}; a claim before "
                "the first map is not scored, and a change between two maps is dated by "
                "the later map, so sparse maps lengthen leads.")
    if ref.kind != "claims":
        return f"Reference: {who}'s stored maps and own claims, {dates} about {places}."
    why = f" Chosen because {ref.why}." if ref.why else ""
    return (f"Reference: {who}'s own claims, {dates} about {places} (no control "
            f"map of {who} is used): a claim counts as confirmed only where {who} itself "
            "later said the same, and a claim about any other place stays open however the "
            f"front moved.{why}")


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
    scale = alt.Scale(domain=list(OUTCOME_COLORS), range=list(OUTCOME_COLORS.values()))
    dots = alt.Chart(shown).mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("lead:Q", title="Lead in days (negative: the claim came after the reference)"),
        y=alt.Y("who:N", title=None, axis=alt.Axis(labelLimit=150)),
        yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color("outcome:N", title="Outcome", scale=scale),
        tooltip=tooltip,
    )
    spans = alt.Chart(shown).mark_rule(opacity=0.35, strokeWidth=2).encode(
        x="low:Q", x2="lead:Q", y=alt.Y("who:N", title=None), yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color("outcome:N", legend=None, scale=scale),
        tooltip=tooltip,
    )
    rule = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#444").encode(x="x:Q")
    return alt.layer(rule, spans, dots).properties(height=alt.Step(40)).to_dict()


def figures(sc: Scorecard, labels: dict[str, str], claimants: tuple[str, ...] = ()) -> None:
    """The headline figures (``claimants``: only these, else all), the claimants with most
    scored claims over the whole record. Each leads with how many of its capture claims
    the reference judged (shown, reversed or never shown, against those still open:
    mostly places the reference has not shown either way, missing reference data rather
    than a verdict), then the share shown within 30 days of the claims old enough for it,
    said to be too few below :data:`~geo.scores.figures.MIN_CLAIMS`, and the median lead."""
    rows = _headline(sc, claimants)[1]
    who = _who(sc, labels)
    for col, row in zip(st.columns(max(len(rows), 1)), rows, strict=False):
        median = row["median_lead_days"]
        lead = "" if median is None else f" Median lead {days(median, True)} d."
        old, ruled = row["old_enough_30d"], row["judged"]
        col.metric(str(labels.get(row["claimant"], row["claimant"])),
                   f"{ruled} of {row['claims']}", "claims judged",
                   delta_color="off", delta_arrow="off",
                   help=f"Of {row['claims']} capture claims scored: {row['confirmed']} later "
                        f"shown by {who}, {row['reversed']} shown then reversed, "
                        f"{row['never']} never shown, {row['open']} open (not shown either "
                        f"way yet): {ruled} judged. A measure of claims against one "
                        "reference, not of who is right.")
        ref = md(who)   # a claimant's label: escaped; the emphasis is ours
        opened = (f" **{row['open']} open**: {ref} has not shown those places either way "
                  "yet (missing reference data, not a verdict)." if row["open"] else "")
        if old:
            few = f", **{md(TOO_FEW)}**" if old < MIN_CLAIMS else ""
            share = (f"Shown by {ref} within 30 days: **{md(percent(row['confirmed_share_30d']))}"
                     f"** of the {old} claims old enough (judged or open){few}.")
        else:
            share = (f"Shown by {ref} within 30 days: no claim had 30 days by the "
                     f"reference's latest date ({sc.latest}) yet.")
        col.markdown(share + opened + md(lead))


def _headline(sc: Scorecard, claimants: tuple[str, ...]) -> tuple[bool, list[dict]]:
    """Whether ``sc`` scores a claim of ``claimants`` (any when empty), and the headline
    rows of :func:`figures`: once per scorecard and claimants for every session and rerun
    (the scorecard is kept per data version; its rows do not change)."""
    def compute() -> tuple[bool, list[dict]]:
        rows = sc.rows
        shown = not rows.empty and (not claimants or bool(rows["claimant"].isin(claimants)
                                                           .any()))
        top = rows[(rows["kind"] == "all") & (rows["period"] == "all")]
        if claimants:
            top = top[top["claimant"].isin(claimants)]
        return shown, records(top.sort_values("claims", ascending=False).head(4))
    return _HEADLINES.get(sc, compute, claimants)


#: Per scorecard and claimants (``ui.viewcache``): :func:`_headline`.
_HEADLINES: PerObject[tuple[bool, list[dict]]] = PerObject("scorecard headline")


def _open_page() -> None:
    st.session_state["page"] = PAGE      # the sidebar's Page radio (app.py)


def summary(ds: Dataset, version: tuple, maps: Maps, claimants: tuple[str, ...] = ()
            ) -> None:
    """The short section under the map: the headline figures of the page's ``claimants``
    (all when empty) against the reference chosen on the Reliability page (DeepState's by
    default) and a button to that page."""
    st.subheader(HEADING)
    labels = short_labels(ds.claimants)
    sc, error, _ = card(ds, version, maps, saved_choice())
    shown = sc is not None and _headline(sc, claimants)[0]
    if sc is None:
        st.info(md(error))
    elif not shown:
        later = " yet" if sc.reference.dates else ""   # the words say "(none yet)" already
        st.info(md(f"No capture claim by the selected claimants can be scored against "
                   f"{reference_words(sc, labels)}{later}."))
    else:
        figures(sc, labels, claimants)
        # the caveat in the page's own text size: it decides how the figures read
        st.info(md(f"Read these as claims measured against another claimant "
                   f"({reference_words(sc, labels)}), not as verified facts. In every "
                   f"figure, {JUDGED} (an open claim mostly means missing reference data). "
                   "A share counts the claims old enough for it, open ones included; one "
                   "resting on fewer than "
                   f"{MIN_CLAIMS} is marked too few. "
                   f"{reference_note(sc, labels)} The table, the chart of every claim's lead, "
                   "each claim's outcome with its sources, other references and the "
                   "downloads: the Reliability page."), icon="ℹ️")
    st.button("Open the Reliability page", key="rel_open", on_click=_open_page)


def marks(ds: Dataset, version: tuple, maps: Maps) -> tuple[pd.DataFrame | None, str]:
    """Every claim's outcome by claim id (:meth:`geo.scores.Scorecard.by_claim`) against
    the reference chosen on the Reliability page, and that reference in words (or why
    there are no outcomes)."""
    sc, error, _ = card(ds, version, maps, saved_choice())
    if sc is None:
        return None, error
    return sc.by_claim(), reference_words(sc, short_labels(ds.claimants))
