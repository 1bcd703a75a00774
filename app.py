"""Frontline Claims: who claims to control what, on one map, dated and sourced.

Run: ``streamlit run app.py -- --data DIR`` (or ``make run``). Layout only:
the domain is in ``geo/``, the page components in ``ui/``. The settings are resolved
once per run here, the page state once per run by :func:`ui.state.sidebar`; both are
passed down to the parts of the page.
"""

import sys

import streamlit as st

from geo.maps.store import linked_store
from geo.render.assets import install_leaflet
from geo.settings import Settings
from geo.store import database_option
from ui import (
    boundary,
    comparison,
    controlmaps,
    data,
    downloads,
    mapwidget,
    notices,
    placesearch,
    scorecard,
    selection,
    state,
    tables,
    territory,
    uploads,
    views,
)

settings = Settings.from_argv(sys.argv[1:])
st.set_page_config(page_title="Frontline Claims", page_icon="🗺️", layout="wide")
install_leaflet(settings.static_dir)  # no-op once installed by `make run`

st.title("Frontline Claims")
st.caption("Who claims to control what in Russia's war on Ukraine, side by side. "
           "Every status and figure is a claim by the named claimant, not a verified fact.")

with boundary.last_resort():  # an unexpected error: logged, a short message, no traceback
    boundary.finish_interrupted_writes(settings.data_dir)
    directory = settings.data_dir
    db = database_option(sys.argv[1:])  # --db URL or $FRONTLINE_DB: a shared database
    dataset = data.dataset_or_stop(directory, settings.cache_dir, db)
    placesearch.keep_index_in(settings.cache_dir)  # the search index survives a restart
    # the control maps: the store's, or on a database its version's mirror's (geo.db.mirror)
    maps_store = linked_store(dataset.directory) if db else settings.store_dir
    if db:  # the database's dataset is read from its version's read-only mirror
        directory = dataset.directory
    page = state.page_choice()   # the sidebar's Page radio, kept in the URL's ``page``
    # the other pages' modules are imported on their page only: the live sources' and the
    # extractor's code (geo.ingest, geo.text) is not loaded for a reader of the map
    if page == "Review queue":  # drafts from the live sources (issue 12)
        from ui import queue

        # the queue is in the store on both backends; an accept goes to the page's
        # storage (on a database: through its mirror's snapshot, never into the mirror)
        queue.page(directory, settings.store_dir)
        st.stop()
    if page == "Sources":
        from ui import sources

        sources.page(dataset, data.data_version(directory), settings.store_dir)
        st.stop()
    if page == "Reliability":  # claim reliability scorecards (issue 15)
        from ui import reliability

        reliability.page(dataset, data.data_version(directory),
                         controlmaps.stored_maps(maps_store))
        st.stop()
    if page != "Map":
        from ui import review

        review.page(dataset, data.data_version(directory), directory, settings.store_dir,
                    maps_store)
        st.stop()
    dataset, store, upload_key = uploads.own_files(dataset, directory, maps_store)
    version = (*data.data_version(directory), *upload_key)
    control_maps = controlmaps.stored_maps(store)
    dataset, map_errors = controlmaps.with_map_claims(dataset, version, control_maps)
    page_state, url_notices = state.sidebar(dataset, control_maps)
    notices.notices([*url_notices, *control_maps.errors, *map_errors])
    index = controlmaps.claim_index(dataset, version, control_maps)
    view = views.shared_view(dataset, page_state, index)
    changes = controlmaps.compare(dataset, version, control_maps, page_state)
    if "up_result" in st.session_state:
        st.info(st.session_state.pop("up_result"))
    # why the map may look empty: above the columns, so that the map stays the first
    # element of its column (a varying count of notes before it started a second map)
    notices.view_notes(view, page_state)

    map_col, side_col = st.columns([5, 2], gap="small")  # stacked below 640 px (Streamlit)
    with side_col:
        timeline_box = st.container()
    with map_col:
        # the map first: the selected place's fragment hands the selection to the map drawn
        mapwidget.show(dataset, view, page_state, control_maps, settings.map, changes,
                       selection.PLACE_FRAGMENT)
    boxes = selection.Boxes(timeline=timeline_box, history=st.container())  # history: below
    # the search, the place on the map, its timeline and history: one fragment, so that
    # selecting a place reruns (and the browser redraws) only these, not the map
    with map_col:
        selection.place(dataset, view, page_state, control_maps, index, version, boxes)
    with side_col:
        territory.panel(dataset, view, page_state, control_maps)
    territory.chart(view, control_maps, page_state)    # the page's width, below the map

    comparison.panel(changes, page_state, control_maps)
    tables.claims_panel(view)
    downloads.panel(view, page_state, control_maps)
    scorecard.summary(dataset, version, control_maps, page_state.claimants)  # issue 15
