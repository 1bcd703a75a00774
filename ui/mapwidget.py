"""The map: constant base map, settlement layer passed as ``feature_group_to_add``.

The layers do not depend on the selected place, so that selecting one sends the mounted
map the same layer text (streamlit-folium then neither evaluates nor redraws it) and moves
only its view (``center``, ``zoom``); the selected place's ring goes to the canvas through
a small page script (:func:`geo.render.page.selection_script`, run only when the
selection changes).

The map is a fragment: panning or zooming reruns only it (not the whole page), to record
the map's centre and zoom for the URL (:func:`_on_map_event`); a click that selects a
place reruns the fragment the map is in (:mod:`ui.selection`'s, or the whole page).
"""

from __future__ import annotations

import functools

import streamlit as st
from streamlit_folium import st_folium

from geo.claims import urlcodec
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
    region_labels,
)
from geo.render.page import picked, selection_script
from geo.settings import MapConfig
from geo.vocab import SIDES
from ui import placelayer
from ui.controlmaps import Comparison, Maps, polygons
from ui.state import selected_settlement
from ui.viewcache import PerView


@st.fragment
def show(ds: Dataset, view: View, state: PageState, maps: Maps, config: MapConfig,
         comparison: Comparison, select_scope: str = "app") -> None:
    """Draw the map of the shown settlements (fresh folium objects every run, never cached).

    Drawn by the full run and by its own reruns (a pan or zoom), never by a selection:
    :func:`selection` hands the selected place to the map already drawn. ``state``'s
    settlement is ignored for the session's current one
    (:func:`ui.state.selected_settlement`), which a selection may have changed since the
    full run. ``select_scope``: what a click that
    selects a place reruns (``st.rerun``'s scope: the key of the fragment that shows the
    selected place, or ``"app"``).
    """
    settlement = selected_settlement()
    shown, lod_note = level_of_detail(view.shown)
    # many places: one canvas, a clicked place found from its pick arrays before the rerun
    places = placelayer.layer(ds, view, shown, state.date, settlement)
    on_demand = places.on_demand
    if places.pick is not None:
        st.session_state["_map_pick"] = places.pick
    else:
        st.session_state.pop("_map_pick", None)
    st.session_state[_DRAWN_FOR] = settlement   # DOM markers draw the selection themselves
    control, control_note = _control(maps, state)
    change = _change(maps, state, comparison)
    home, home_zoom = _home(ds)
    center, zoom = page_view(ds, settlement)
    # small maps embed their popups and never rerun on a click; large ones report the
    # click (the claims then show below the map). The key differs so that switching
    # between the two starts a map that reports what it should.
    key = MAP_KEY + ("_canvas" if on_demand else "")
    st_folium(
        base_map(config, home, home_zoom, _regions(ds)),
        feature_group_to_add=[control, change, places.layer],  # fixed count: empty groups clear
        center=center,
        zoom=zoom,
        height=MAP_HEIGHT,
        width=None,
        use_container_width=True,
        returned_objects=[*MOVES, "last_object_clicked", "last_object_clicked_count"]
        if on_demand else MOVES,
        key=key,
        on_change=functools.partial(_on_map_event, key, on_demand, select_scope),
    )
    view_in_url()   # its own fragment: what a pan or zoom reruns
    if lod_note:
        st.info(lod_note)
    total = len(view.resolved)
    how = ("Left half of each circle: the Russian side's claim; right half: the Ukrainian "
           "side's; ")
    how += ("hover a circle for its claims, click it to list every claim and source below "
            "the map. " if on_demand else "click a circle for every claim and its source. ")
    claimed = CLAIMED.get(view, lambda: int(
        view.resolved[[f"{s}_status" for s in SIDES]].notna().any(axis=1).sum()))
    st.caption(f"Showing {len(shown):,} of {total:,} settlements for {state.date} "
               f"({claimed:,} with a claim by the selected claimants). " + how + control_note)
    st.caption(CREDITS)


def page_view(ds: Dataset, settlement: str | None
              ) -> tuple[tuple[float, float], int]:
    """The centre and zoom the page puts the map in for ``settlement``: the place's (when
    chosen by search, list or link), else the link's or the whole data's. The map sends
    them to streamlit-folium, which moves the map when they change; a selection hands them
    to the map already drawn through ``selection.js``, which does the same."""
    home, home_zoom = _home(ds)
    center, zoom = _opening_view(home, home_zoom)
    focus = _focus(settlement)
    if focus:
        row = ds.settlements.loc[ds.settlements["id"] == focus].iloc[0]
        center, zoom = (float(row["lat"]), float(row["lon"])), FOCUS_ZOOM
    # the view the page puts the map in: a reader's view equal to it is not put in the URL
    own = focus or (center, zoom) == (home, home_zoom)
    st.session_state["_map_own_view"] = (center, zoom) if own else None
    # the PNG download draws a selected place as the map shows it (ui.downloads)
    live_view()["page_view"] = (center, zoom) if focus else None
    return center, zoom


def selection(ds: Dataset, settlement: str | None) -> None:
    """Show ``settlement`` as selected on the map already drawn, without drawing it again.

    A canvas: a small page script (:func:`geo.render.page.selection_script`, run again only
    when its text changes) rings the place and moves the map's view as streamlit-folium
    would for :func:`page_view`'s centre and zoom. DOM markers draw the selection in the
    layer itself: when the map drew another place as selected, the whole page reruns (a
    small map: a few dozen markers)."""
    pick = st.session_state.get("_map_pick")
    if pick is None:
        if st.session_state.get(_DRAWN_FOR, settlement) != settlement:
            st.rerun(scope="app")
        return
    center, zoom = page_view(ds, settlement)
    values = {**picked(pick, settlement), "view": {"c": list(center), "z": zoom}}
    st.html(selection_script(values), unsafe_allow_javascript=True)


def _home(ds: Dataset) -> tuple[tuple[float, float], int]:
    """The view that fits every place of ``ds`` (the map's own opening view)."""
    home = initial_view(ds.settlements["lat"], ds.settlements["lon"])
    st.session_state["_map_home_view"] = home
    return home


#: The data credited under the map (the tiles' own attribution is on the map itself).
CREDITS = ("Map data: basemap © OpenStreetMap contributors; Ukraine's outline made with "
           "Natural Earth (public domain); places © GeoNames (geonames.org), CC BY 4.0.")


#: Per view (``ui.viewcache``): how many places have a claim by the selected claimants.
CLAIMED: PerView[int] = PerView("places with a claim")

MAP_KEY = "claims_map"
#: The place the map last drew as selected (DOM markers draw it in their layer).
_DRAWN_FOR = "_map_drawn_for"
#: The fragment a move of the map reruns (:func:`view_in_url`).
VIEW_FRAGMENT = "map_view"
#: What the map reports back: its centre and zoom after each move (a fragment rerun).
MOVES = ["center", "zoom"]
#: The zoom of a place selected by search, list or link.
FOCUS_ZOOM = 10
#: The map's height in pixels: fills a 1440x900 laptop screen below the page title.
#: Fixed, as streamlit-folium takes pixels; a changing height would remount the map.
MAP_HEIGHT = 660


def _focus(settlement: str | None) -> str | None:
    """The settlement the map centres on: the selected one, unless it was picked on the map.

    A place chosen by search, list or link moves the map to it; a place clicked on the
    map is already in view, so the map stays where the reader put it.
    """
    if not settlement:
        st.session_state["_map_focus"] = None
    elif settlement != st.session_state.get("_map_clicked"):
        st.session_state["_map_focus"] = settlement
        st.session_state.pop("_map_clicked", None)
    return st.session_state.get("_map_focus")


def _regions(ds: Dataset) -> list[list[object]]:
    """Oblast labels of the dataset's places, computed once per dataset (the base map must
    not change between reruns, and this is its only input that takes a group-by)."""
    cached = st.session_state.get("_map_regions")
    if cached is None or cached[0] is not ds.settlements:
        cached = (ds.settlements, region_labels(ds.settlements))
        st.session_state["_map_regions"] = cached
    return cached[1]


def _opening_view(home: tuple[float, float], home_zoom: int
                  ) -> tuple[tuple[float, float], int]:
    """The map's view when no place is in focus: the link's (restored once per session, see
    :func:`ui.state.sidebar`), else the whole data's."""
    opened = st.session_state.get("_map_open_view")
    if not opened:
        return home, home_zoom
    center, zoom = opened
    return (center or home), (zoom or home_zoom)


def _on_map_event(key: str, on_demand: bool, select_scope: str = "app") -> None:
    """Before the next run: record where the reader left the map; on a canvas, a click
    (which selects a place and reruns ``select_scope``)."""
    value = st.session_state.get(key) or {}
    center, zoom = value.get("center"), value.get("zoom")
    if isinstance(center, dict) and isinstance(zoom, int | float) and "lat" in center:
        here = (float(center["lat"]), float(center["lng"])), round(zoom)
        opened = st.session_state.get("_map_open_view")
        if opened and not st.session_state.get("_map_opened"):
            # the map reports the base map's own view once before it moves to the link's
            if _same_view(here, st.session_state.get("_map_home_view")):
                return
            st.session_state["_map_opened"] = True
        if _same_view(here, st.session_state.get("_map_own_view")):
            st.session_state["_map_view"] = None
        elif not _same_view(here, st.session_state.get("_map_view")):  # no drift
            st.session_state["_map_view"] = here
    if on_demand and _on_click(key):
        st.rerun(select_scope)   # the selected place's fragment, not the map
    # a move changes nothing the map draws: only the URL's view is written again (the map
    # is neither built nor sent again)
    st.rerun(VIEW_FRAGMENT)


def _same_view(here: tuple[tuple[float, float], int],
               own: tuple[tuple[float, float] | None, int] | None) -> bool:
    """Whether the map is where the page put it: same zoom, centre within two pixels
    (Leaflet snaps its centre to whole pixels: at zoom 5 one is 0.04 degrees)."""
    if own is None or own[0] is None or here[1] != own[1]:
        return False
    step = 2 * 360 / (256 * 2 ** here[1])
    return all(abs(a - b) <= step for a, b in zip(here[0], own[0], strict=True))


@st.fragment(key=VIEW_FRAGMENT)
def view_in_url() -> None:
    """Put the reader's centre and zoom into the URL: the fragment a pan or zoom of the map
    reruns (:func:`_on_map_event`), in place of the map's own, as a move changes nothing
    the map draws. It draws nothing."""
    _write_view_to_url()


def _write_view_to_url() -> None:
    """Put the reader's centre and zoom into the URL (a fragment rerun does not reach
    :func:`ui.state.write_url`, which writes them on a whole-page run)."""
    moved = st.session_state.get("_map_view")
    live_view().update(view=moved)   # for the PNG download, built later on its click
    params = st.query_params
    center, zoom = moved or (None, None)
    wanted = {"center": None if center is None else urlcodec.center_text(center, zoom),
              "zoom": None if zoom is None else str(zoom)}
    for name, text in wanted.items():   # as urlcodec.encode writes them on a whole-page run
        if text is None and name in params:
            del params[name]
        elif text is not None and params.get(name) != text:
            params[name] = text


def live_view() -> dict:
    """One dict per session, updated in place with the map's latest centre and zoom
    (``view``): a download built on click reads it, after moves that reran only the map."""
    holder: dict = st.session_state.setdefault("_map_live", {})
    return holder


def _on_click(key: str) -> bool:
    """Select the place whose circle was clicked (the one on top), once per click: the map
    reports its last click again with every move. Whether a place was selected."""
    value = st.session_state.get(key) or {}
    count = value.get("last_object_clicked_count")
    if count == st.session_state.get(f"_clicks_seen_{key}"):
        return False
    st.session_state[f"_clicks_seen_{key}"] = count
    clicked = value.get("last_object_clicked")
    pick = st.session_state.get("_map_pick")
    if not clicked or pick is None or "lat" not in clicked:
        return False
    hit = placelayer.clicked(pick, float(clicked["lat"]), float(clicked["lng"]))
    if hit is None:
        return False
    st.session_state["_pending_settlement"] = hit
    st.session_state["_map_clicked"] = hit
    return True


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
