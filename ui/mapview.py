"""The map: constant base map, settlement layer passed as ``feature_group_to_add``."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.canvaslayer import canvas_layer
from geo.config import map_config
from geo.loading import Dataset
from geo.mapbuild import (
    ON_DEMAND_TEXT,
    POPUP_LIMIT,
    base_map,
    change_layer,
    control_layer,
    initial_view,
    level_of_detail,
    settlement_layer,
)
from geo.markers import esc
from geo.urlstate import FilterState
from geo.view import View
from ui.maps import Maps, compare, polygons


def show(ds: Dataset, view: View, state: FilterState, maps: Maps) -> None:
    """Draw the map of the shown settlements (fresh folium objects every run, never cached)."""
    shown, lod_note = level_of_detail(view.shown)
    on_demand = len(shown) > POPUP_LIMIT
    if on_demand:  # many places: one canvas, claims of a clicked place shown below the map
        layer = canvas_layer(shown, state.date, state.settlement, esc(ON_DEMAND_TEXT))
    else:
        layer = settlement_layer(shown, view.latest, view.claimant_names, state.settlement)
    control, control_note = _control(maps, state)
    change = _change(ds, maps, state)
    home, home_zoom = initial_view(ds.settlements["lat"], ds.settlements["lon"])
    center, zoom = home, home_zoom
    if state.settlement:
        row = ds.settlements.loc[ds.settlements["id"] == state.settlement].iloc[0]
        center, zoom = (float(row["lat"]), float(row["lon"])), 10
    result = st_folium(
        base_map(map_config(), home, home_zoom),
        feature_group_to_add=[control, change, layer],  # fixed count: empty groups clear
        center=center,
        zoom=zoom,
        height=600,
        width=None,
        use_container_width=True,
        # small maps embed their popups and never rerun on a click; large ones fetch on demand
        returned_objects=["last_object_clicked"] if on_demand else [],
        key="claims_map",
    )
    if on_demand:
        _select_clicked(shown, (result or {}).get("last_object_clicked"), state)
    if lod_note:
        st.info(lod_note)
    total = len(view.resolved)
    how = ("Left half of each circle: the Russian side's claim; right half: the Ukrainian "
           "side's; ")
    how += ("hover a circle for its claims, click it to list every claim and source below "
            "the map. " if on_demand else "click a circle for every claim and its source. ")
    st.caption(f"Showing {len(shown):,} of {total:,} settlements for {state.date}. "
               + how + control_note)


def _select_clicked(shown: pd.DataFrame, clicked: dict | None, state: FilterState) -> None:
    """Select the settlement whose marker was clicked (its claims then show below the map)."""
    if not clicked or "lat" not in clicked or shown.empty:
        return
    dist = (shown["lat"] - float(clicked["lat"])) ** 2 + (shown["lon"] - float(clicked["lng"])) ** 2
    nearest = shown.loc[dist.idxmin(), "settlement"]
    if dist.min() < 1e-8 and nearest != state.settlement:
        st.session_state["_pending_settlement"] = nearest
        st.rerun()


def _change(ds: Dataset, maps: Maps, state: FilterState) -> folium.FeatureGroup:
    """The change layer when "show the change on the map" is ticked (else an empty group)."""
    if not st.session_state.get("f_show_change") or len(maps.maps) < 2:
        return folium.FeatureGroup(name="Map changes")
    result = compare(ds, maps, state)
    if isinstance(result, str):
        return folium.FeatureGroup(name="Map changes")
    return change_layer(result.gained, result.lost, result.from_date.isoformat(),
                        result.to_date.isoformat())


def _control(maps: Maps, state: FilterState) -> tuple[folium.FeatureGroup, str]:
    """The control-map layer in force on the date (or an empty group) and a caption note."""
    empty = folium.FeatureGroup(name="Control map")
    if not maps.maps:
        return empty, ("No control map imported (python -m geo import deepstate FILE|URL).")
    if not st.session_state.get("f_control", True):
        return empty, "Control map hidden."
    stored = maps.in_force(state.date)
    if stored is None:
        return empty, f"No control map on or before {state.date} (earliest {maps.maps[0].date})."
    polys = polygons(stored)
    if isinstance(polys, str):
        st.error(f"The control map of {stored.date} could not be read: {polys}")
        return empty, ""
    kind = str(polys["kind"].iloc[0])
    return (control_layer(polys, stored.date.isoformat(), kind),
            f"Shaded areas: DeepState map of {stored.date}.")
