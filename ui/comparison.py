"""The control-map comparison: km² gained and lost between the maps in force on two dates,
and the places whose status changed. Its widgets' values are read into the page state by
:mod:`ui.state` at the start of the rerun (the map draws the same comparison)."""

from __future__ import annotations

import streamlit as st

from geo.claims.state import PageState
from geo.vocab import STATUS_LABELS
from ui.controlmaps import Comparison, Maps

#: The changed places' columns on screen, with their headers (the id stays hidden).
CHANGE_COLUMNS = {"name": "settlement", "from_status": "from", "to_status": "to"}


def panel(comparison: Comparison, state: PageState, maps: Maps) -> None:
    """Compare the control maps in force on two dates: km² gained and lost, places changed.

    ``comparison``: :func:`ui.controlmaps.compare` of ``state`` (the map draws the same).
    """
    if len(maps.maps) < 2:
        return
    with st.expander("Compare control maps between two dates"):
        if state.date < maps.maps[0].date:   # no map in force yet: nothing to compare from
            st.info(f"No control map on or before {state.date}; the first is of "
                    f"{maps.maps[0].date}.")
            return
        # the value is already in the session (ui.state puts the default there)
        st.date_input("Compare the map in force on", key="f_compare_from",
                      min_value=maps.maps[0].date, max_value=state.date, format="YYYY-MM-DD")
        st.checkbox("Show the change on the map", key="f_show_change")
        result = comparison.changes
        if result is None:
            st.info(comparison.note)
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
                hide_index=True, width="stretch", column_order=list(CHANGE_COLUMNS),
                column_config=CHANGE_COLUMNS)
