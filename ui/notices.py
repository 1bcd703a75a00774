"""Notices above the map: ignored link values, unreadable maps, why the map may look empty."""

from __future__ import annotations

import streamlit as st

from geo.claims.state import PageState
from geo.claims.view import View
from ui.text import md


def notices(messages: list[str]) -> None:
    """Plain-text notices (ignored URL parameters, unreadable maps); never contain URL values."""
    for message in messages:
        st.warning(message, icon="⚠️")


def selection_notes(view: View, state: PageState) -> None:
    """Say why the map may look empty: no claimant chosen, or the selection filtered out."""
    if not state.claimants:
        st.info("No claimant selected: choose at least one in the sidebar to see claims.")
    if state.settlement and state.settlement not in set(view.shown["settlement"]):
        name = view.resolved.loc[view.resolved["settlement"] == state.settlement, "name"]
        st.info(f"{md(name.iloc[0])} is hidden by the status or \"disputed only\" filter.")
