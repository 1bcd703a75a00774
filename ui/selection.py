"""The selected place and what shows it, in one fragment: the sidebar's search and pick
list, the place on the map, its timeline (with a note when the filters hide the place)
and its history of claims.

Selecting a place (search, list or a click on the map) changes only these, so it reruns
only this fragment (``st.fragment``): the browser redraws the search and the two panels of
the place, not the whole page (a whole-page rerun spent ~0.6 s in the browser's layout and
paint alone: bench/RESULTS.md). The map is not in it: the map is drawn by the full run
(and its own fragment, :func:`ui.mapwidget.show`, on a pan or zoom) before this fragment,
and a selection reaches the map already drawn through a small page script
(:func:`ui.mapwidget.selection`: the ring and the view), so that a selection neither
builds nor sends the map's ~2 MB element again. Everything else (filters, territory, the
comparison, the claims table, downloads, scorecard) is drawn by the full run, which also
runs this fragment; a change of a filter is a full run as before.

The fragment writes into containers of the full run's layout (the sidebar, the timeline's
place in the side column, the history's below the map),
every run, as Streamlit requires of a fragment that writes outside itself; its own body
(below the map) holds only the hidden page script.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.claims.index import ClaimIndex
from geo.claims.state import PageState
from geo.claims.view import View
from geo.dataset.load import Dataset
from ui import mapwidget, notices, tables, timeline
from ui.controlmaps import Maps
from ui.state import map_view, place_search, selected_place, write_url

#: The fragment's key: a click on the map reruns it (``st.rerun(PLACE_FRAGMENT)``).
PLACE_FRAGMENT = "place"


@dataclasses.dataclass(frozen=True)
class Boxes:
    """Where the fragment writes outside its own body (containers of the full run)."""

    timeline: DeltaGenerator
    history: DeltaGenerator


@st.fragment(key=PLACE_FRAGMENT)
def place(ds: Dataset, view: View, state: PageState, maps: Maps, index: ClaimIndex,
          version: tuple, boxes: Boxes) -> None:
    """Draw the search, the selected place on the map and its panels; called after the map
    (:func:`ui.mapwidget.show`). On its own reruns, the arguments are those of the last
    full run (the filters cannot have changed since)."""
    # the panels' work first, then every element of the fragment at once: the browser
    # renders the page again for each burst of elements it receives, and the server's
    # work between elements split a selection's into five or six bursts. The place is
    # known before the sidebar's widgets are drawn (the search's callback has run, a place
    # clicked on the map is pending): the panels are made for it, and made again in the
    # rare case that the pick list returns another (a choice no longer listed)
    chosen = selected_place()
    # the map's view as the reader left it (it moves in the map's own fragment reruns)
    state = dataclasses.replace(state, settlement=chosen or None, **map_view())
    draw_timeline, draw_history = _panels(ds, view, state, maps, index, version)
    settlement = place_search(ds)   # a place clicked on the map, else the search's pick
    if settlement != chosen:
        state = dataclasses.replace(state, settlement=settlement or None)
        draw_timeline, draw_history = _panels(ds, view, state, maps, index, version)
    mapwidget.selection(ds, state.settlement)
    with boxes.timeline.container():
        notices.hidden_selection_note(view, state)
        draw_timeline()
    draw_history(boxes.history)
    write_url(ds, state)


def _panels(ds: Dataset, view: View, state: PageState, maps: Maps, index: ClaimIndex,
            version: tuple) -> tuple[Callable[[], None], Callable[[DeltaGenerator], None]]:
    """The selected place's timeline and history, computed; each drawn by its function."""
    return (timeline.panel(ds, state, index, version, maps),
            tables.history_panel(ds, state, view))
