"""The map: constant base map, settlement layer passed as ``feature_group_to_add``."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.config import map_config
from geo.loading import Dataset
from geo.mapbuild import base_map, initial_view, settlement_layer
from geo.urlstate import FilterState
from geo.view import View


def show(ds: Dataset, view: View, state: FilterState) -> None:
    """Draw the map of the shown settlements (fresh folium objects every run, never cached)."""
    layer = settlement_layer(view.shown, view.latest, view.claimant_names, state.settlement)
    home, home_zoom = initial_view(ds.settlements["lat"], ds.settlements["lon"])
    center, zoom = home, home_zoom
    if state.settlement:
        row = ds.settlements.loc[ds.settlements["id"] == state.settlement].iloc[0]
        center, zoom = (float(row["lat"]), float(row["lon"])), 10
    st_folium(
        base_map(map_config(), home, home_zoom),
        feature_group_to_add=layer,
        center=center,
        zoom=zoom,
        height=600,
        width=None,
        use_container_width=True,
        returned_objects=[],
        key="claims_map",
    )
    total = len(view.resolved)
    st.caption(
        f"Showing {len(view.shown)} of {total} settlements for {state.date}. "
        "Left half of each circle: the Russian side's claim; right half: the Ukrainian "
        "side's; click a circle for every claim and its source."
    )
