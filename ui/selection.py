"""The selected place and what shows it, in one fragment: the sidebar's search and pick
list, the notes above the map, the map, the place's timeline and its history of claims.

Selecting a place (search, list or a click on the map) changes only these, so it reruns
only this fragment (``st.fragment``): the browser redraws the search, the map and the two
panels of the place, not the whole page (a whole-page rerun spent ~0.6 s in the browser's
layout and paint alone: bench/RESULTS.md). Everything else (filters, territory, the
comparison, the claims table, downloads, scorecard) is drawn by the full run, which also
runs this fragment; a change of a filter is a full run as before.

The fragment writes into containers of the full run's layout (the sidebar, the timeline's
place in the side column, the history's below the map), every run, as Streamlit requires
of a fragment that writes outside itself; the map is in its own body.
"""

from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.claims.index import ClaimIndex
from geo.claims.state import PageState
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.settings import MapConfig
from ui import mapwidget, notices, placesearch, tables, timeline
from ui.controlmaps import Comparison, Maps
from ui.state import map_view, write_url

#: The fragment's key: a click on the map reruns it (``st.rerun(PLACE_FRAGMENT)``).
PLACE_FRAGMENT = "place"


@dataclasses.dataclass(frozen=True)
class Boxes:
    """Where the fragment writes outside its own body (containers of the full run)."""

    timeline: DeltaGenerator
    history: DeltaGenerator


@st.fragment(key=PLACE_FRAGMENT)
def place(ds: Dataset, view: View, state: PageState, maps: Maps, config: MapConfig,
          changes: Comparison, index: ClaimIndex, version: tuple, boxes: Boxes) -> None:
    """Draw the search, the map and the selected place's panels; on its own reruns, the
    arguments are those of the last full run (the filters cannot have changed since)."""
    if "_pending_settlement" in st.session_state:  # a place clicked on a large map
        st.session_state["f_settlement"] = st.session_state.pop("_pending_settlement")
        st.session_state["f_query"] = ""
    settlement = search(ds)
    # the map's view as the reader left it (it moves in the map's own fragment reruns)
    state = dataclasses.replace(state, settlement=settlement or None, **map_view())
    notices.selection_notes(view, state)
    mapwidget.show(ds, view, state, maps, config, changes, PLACE_FRAGMENT)
    with boxes.timeline.container():
        timeline.panel(ds, state, index, version, maps)
    with boxes.history.container():
        tables.history_panel(ds, state, view)
    write_url(ds, state)


def _select_single_match(ds: Dataset) -> None:
    """Search callback: select the one match (or the one exact match) at once."""
    pick = placesearch.chosen(ds, st.session_state.get("f_query", ""))
    if pick is not None:
        st.session_state["f_settlement"] = pick


def search(ds: Dataset) -> str:
    """The sidebar's search box and pick list (any place of ``ds``); the selected id or
    ``""``."""
    sb = st.sidebar
    sb.subheader("Settlement")
    query = sb.text_input("Search (any spelling)", key="f_query",
                          placeholder="e.g. Mirnograd, Krasnoarmeisk, Купянск",
                          on_change=_select_single_match, args=(ds,),
                          help="Matches Ukrainian and Russian spellings, Cyrillic and "
                               "Soviet-era names, in every place of the table; a single "
                               "(or single exact) match is selected, several are listed "
                               "best first.")
    # the national index builds in the background, from the first view on (started at the
    # end of the first run instead, it took the CPU from the next session's first view:
    # bench/RESULTS.md)
    placesearch.warm(ds)
    matches, miss = placesearch.matches(ds, query)
    if not query.strip():   # no query: the places named in the files (same between runs)
        matches = placesearch.listed(ds)
    current = st.session_state.get("f_settlement", "")
    options = ["", *matches]
    if current and current not in options:
        options.insert(1, current)
    labels = placesearch.labels(ds, options)
    if miss:
        sb.caption(miss)
    elif not query.strip() and len(matches) < len(ds.settlements):
        sb.caption(f"Listed: the {len(matches):,} places the data files name; search to find "
                   f"any of the {len(ds.settlements):,}.")
    elif len(matches) > 1 and query.strip():
        # the previous choice stays selected until the reader picks one: say so
        kept = f" Still shown: {labels.get(current, current)}." \
            if current and current not in matches else ""
        sb.caption(f"{len(matches)} places match, best first: pick one below.{kept}")
    return str(sb.selectbox("Selected settlement", options, key="f_settlement",
                            format_func=lambda s: labels.get(s, "— none —")) or "")
