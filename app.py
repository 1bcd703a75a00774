"""Frontline Claims: who claims to control what, on one map, dated and sourced.

Run: ``streamlit run app.py -- --data DIR`` (or ``make run``). Layout only:
the domain is in ``geo/``, the page components in ``ui/``.
"""

import sys

import streamlit as st

from geo.render.assets import install_leaflet
from geo.settings import STATIC_DIR, data_dir, store_dir
from ui import controlmaps, data, mapwidget, panels, review, state, uploads, views

st.set_page_config(page_title="Frontline Claims", page_icon="🗺️", layout="wide")
install_leaflet(STATIC_DIR)  # no-op once installed by `make run`

st.title("Frontline Claims")
st.caption("Who claims to control what in Russia's war on Ukraine, side by side. "
           "Every status and figure is a claim by the named claimant, not a verified fact.")

directory = data_dir(sys.argv[1:])
dataset = data.dataset_or_stop(directory)
if st.sidebar.radio("Page", ["Map", "Add claims"], key="page", horizontal=True) != "Map":
    review.page(dataset, data.cache_key(directory), directory, store_dir(sys.argv[1:]))
    st.stop()
dataset, store, upload_key = uploads.sidebar(dataset, directory, store_dir(sys.argv[1:]))
version = (*data.cache_key(directory), *upload_key)
control_maps = controlmaps.stored_maps(store)
dataset, map_errors = controlmaps.with_map_claims(dataset, version, control_maps)
filters, url_notices = state.sidebar(dataset)
panels.notices([*url_notices, *control_maps.errors, *map_errors])
view = views.shared_view(dataset, filters, controlmaps.claim_index(dataset, version, control_maps))
if "up_result" in st.session_state:
    st.info(st.session_state.pop("up_result"))
panels.selection_notes(view, filters)

map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:
    mapwidget.show(dataset, view, filters, control_maps)
with side_col:
    panels.territory(dataset, view, filters, control_maps)

panels.map_changes(dataset, filters, control_maps)
panels.settlement_history(dataset, filters, view)
panels.claims_table(view)
panels.downloads(view, filters)
state.write_url(dataset, filters)
