"""The map: constant base map, settlement layer passed as ``feature_group_to_add``."""

from __future__ import annotations

import functools

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from geo.claims.state import PageState
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.errors import FrontlineError
from geo.render import (
    Layer,
    base_map,
    change_layer,
    control_layer,
    empty_change_layer,
    empty_control_layer,
    initial_view,
    level_of_detail,
    place_layer,
)
from geo.settings import MapConfig
from geo.vocab import SIDES
from ui.controlmaps import Comparison, Maps, polygons


def show(ds: Dataset, view: View, state: PageState, maps: Maps, config: MapConfig,
         comparison: Comparison) -> None:
    """Draw the map of the shown settlements (fresh folium objects every run, never cached)."""
    shown, lod_note = level_of_detail(view.shown)
    # many places: one canvas, a clicked place found from its pick arrays before the rerun
    places = place_layer(view, shown, state.date, state.settlement)
    on_demand = places.on_demand
    if places.pick is not None:
        st.session_state["_map_pick"] = places.pick
    else:
        st.session_state.pop("_map_pick", None)
    control, control_note = _control(maps, state)
    change = _change(maps, state, comparison)
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
        base_map(config, home, home_zoom),
        feature_group_to_add=[control, change, places.layer],  # fixed count: empty groups clear
        center=center,
        zoom=zoom,
        height=MAP_HEIGHT,
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
    claimed = int(view.resolved[[f"{s}_status" for s in SIDES]].notna().any(axis=1).sum())
    st.caption(f"Showing {len(shown):,} of {total:,} settlements for {state.date} "
               f"({claimed:,} with a claim by the selected claimants). " + how + control_note)
    st.caption(CREDITS)


#: The data credited under the map (the tiles' own attribution is on the map itself).
CREDITS = ("Map data: basemap © OpenStreetMap contributors; Ukraine's outline made with "
           "Natural Earth (public domain); places © GeoNames (geonames.org), CC BY 4.0.")


MAP_KEY = "claims_map"
#: The map's height in pixels: fills a 1440x900 laptop screen below the page title.
#: Fixed, as streamlit-folium takes pixels; a changing height would remount the map.
MAP_HEIGHT = 660


def _focus(state: PageState) -> str | None:
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


def _change(maps: Maps, state: PageState, comparison: Comparison) -> Layer:
    """The change layer when "show the change on the map" is ticked (else an empty group)."""
    result = comparison.changes
    if not state.show_change or len(maps.maps) < 2 or result is None:
        return empty_change_layer()
    return change_layer(result.gained, result.lost, result.from_date.isoformat(),
                        result.to_date.isoformat())


def _control(maps: Maps, state: PageState) -> tuple[Layer, str]:
    """The control-map layer in force on the date (or an empty group) and a caption note."""
    empty = empty_control_layer()
    if not maps.maps:
        return empty, ("No control map imported (python -m geo import deepstate FILE|URL).")
    if not state.control_map:
        return empty, "Control map hidden."
    stored = maps.in_force(state.date)
    if stored is None:
        return empty, f"No control map on or before {state.date} (earliest {maps.maps[0].date})."
    try:
        polys = polygons(stored)
    except FrontlineError as exc:
        st.error(f"The control map of {stored.date} could not be read: {exc}")
        return empty, ""
    kind = str(polys["kind"].iloc[0])
    return (control_layer(polys, stored.date.isoformat(), kind),
            f"Shaded areas: DeepState map of {stored.date}.")
