"""The map: constant base map, settlement layer passed as ``feature_group_to_add``."""

from __future__ import annotations

import functools

import folium
import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from geo.claims.urlstate import FilterState
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.render.canvas import canvas_layer, drawing_order
from geo.render.mapbuild import (
    ON_DEMAND_TEXT,
    POPUP_LIMIT,
    base_map,
    change_layer,
    control_layer,
    initial_view,
    level_of_detail,
    settlement_layer,
)
from geo.render.markers import esc
from geo.settings import map_config
from ui.controlmaps import Maps, compare, polygons


def show(ds: Dataset, view: View, state: FilterState, maps: Maps) -> None:
    """Draw the map of the shown settlements (fresh folium objects every run, never cached)."""
    shown, lod_note = level_of_detail(view.shown)
    on_demand = len(shown) > POPUP_LIMIT
    if on_demand:  # many places: one canvas, claims of a clicked place shown below the map
        order = drawing_order(shown)
        layer = canvas_layer(shown, state.date, state.settlement, esc(ON_DEMAND_TEXT), order)
        st.session_state["_map_pick"] = (
            np.round(shown["lat"].to_numpy(dtype=float)[order], 4),
            np.round(shown["lon"].to_numpy(dtype=float)[order], 4),
            shown["settlement"].to_numpy(dtype=object)[order])
    else:
        layer = settlement_layer(shown, view.latest, view.claimant_names, state.settlement)
        st.session_state.pop("_map_pick", None)
    control, control_note = _control(maps, state)
    change = _change(ds, maps, state)
    home, home_zoom = initial_view(ds.settlements["lat"], ds.settlements["lon"])
    center, zoom = home, home_zoom
    focus = _focus(state)
    if focus:
        row = ds.settlements.loc[ds.settlements["id"] == focus].iloc[0]
        center, zoom = (float(row["lat"]), float(row["lon"])), 10
    # small maps embed their popups and never rerun on a click; large ones report the
    # click (the claims then show below the map). The key differs so that switching
    # between the two starts a map that reports what it should.
    key = MAP_KEY + ("_canvas" if on_demand else "")
    st_folium(
        base_map(map_config(), home, home_zoom),
        feature_group_to_add=[control, change, layer],  # fixed count: empty groups clear
        center=center,
        zoom=zoom,
        height=600,
        width=None,
        use_container_width=True,
        returned_objects=["last_object_clicked", "last_object_clicked_count"] if on_demand
        else [],
        key=key,
        on_change=functools.partial(_on_click, key) if on_demand else None,
    )
    if lod_note:
        st.info(lod_note)
    total = len(view.resolved)
    how = ("Left half of each circle: the Russian side's claim; right half: the Ukrainian "
           "side's; ")
    how += ("hover a circle for its claims, click it to list every claim and source below "
            "the map. " if on_demand else "click a circle for every claim and its source. ")
    st.caption(f"Showing {len(shown):,} of {total:,} settlements for {state.date}. "
               + how + control_note)


MAP_KEY = "claims_map"


def _focus(state: FilterState) -> str | None:
    """The settlement the map centres on: the selected one, unless it was picked on the map.

    A place chosen by search, list or link moves the map to it; a place clicked on the
    map is already in view, so the map stays where the reader put it.
    """
    if not state.settlement:
        st.session_state["_map_focus"] = None
    elif state.settlement != st.session_state.get("_map_clicked"):
        st.session_state["_map_focus"] = state.settlement
        st.session_state.pop("_map_clicked", None)
    return st.session_state.get("_map_focus")


def _on_click(key: str) -> None:
    """Before the next run: select the place whose circle was clicked (the one on top)."""
    clicked = (st.session_state.get(key) or {}).get("last_object_clicked")
    pick = st.session_state.get("_map_pick")
    if not clicked or pick is None or "lat" not in clicked:
        return
    lat, lon, ids = pick
    dist = (lat - float(clicked["lat"])) ** 2 + (lon - float(clicked["lng"])) ** 2
    hits = np.flatnonzero(dist < 1e-12)        # the canvas reports a place's own coordinates
    if len(hits):                              # drawn last = drawn on top = what was clicked
        st.session_state["_pending_settlement"] = ids[hits[-1]]
        st.session_state["_map_clicked"] = ids[hits[-1]]


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
