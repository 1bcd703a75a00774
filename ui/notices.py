"""Notices above the map: ignored link values, unreadable maps, why the map may look empty."""

from __future__ import annotations

import streamlit as st

from geo.claims.state import PageState
from geo.claims.view import View
from geo.vocab import SIDES
from ui.text import md


def notices(messages: list[str]) -> None:
    """Plain-text notices (ignored URL parameters, unreadable maps); never contain URL values."""
    for message in messages:
        st.warning(message, icon="⚠️")


def view_notes(view: View, state: PageState) -> None:
    """Say why the map may look empty: no claimant chosen, no claim by the chosen ones on
    the date, or the filters hiding every settlement (drawn by the full run above the map's
    column: none depends on the selected place)."""
    if not state.claimants:
        st.info("No claimant selected: choose at least one in the sidebar to see claims.")
        return
    resolved = view.resolved
    claimed = resolved[[f"{side}_status" for side in SIDES]].notna().any(axis=1)
    if not claimed.any():
        age = (f" (claims older than {state.max_age_days} days are ignored)"
               if state.max_age_days else "")
        st.info(f"No claim by the selected claimants on {state.date}{age}: choose another "
                "date or more claimants.")
    if len(resolved) and view.shown.empty:
        st.info("The status or \"disputed only\" filters hide every settlement: widen them in "
                "the sidebar.")


def hidden_selection_note(view: View, state: PageState) -> None:
    """Say that the selected place is hidden by the filters (drawn by the selected place's
    fragment, above its timeline: an empty box above the map would take a gap there)."""
    if not state.claimants or not len(view.resolved) or view.shown.empty:
        return   # view_notes has said why
    if state.settlement and not view.shown["settlement"].eq(state.settlement).any():
        resolved = view.resolved
        name = resolved.loc[resolved["settlement"] == state.settlement, "name"]
        if len(name):
            st.info(f"{md(name.iloc[0])} is hidden by the status or \"disputed only\" filter.")
