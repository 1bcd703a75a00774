"""Frontline Claims domain package: pure, typed functions (never imports streamlit).

Modules
-------
vocab       controlled vocabularies and column specs of the data files
errors      Problem / DataValidationError (file, line, field, value, fix)
csvread     strict CSV reading with exact line numbers
loading     load and validate a data directory into (Geo)DataFrames
resolve     claim resolution for a date and a set of claimants
territory   territory-share figures per claimant, differences and changes
search      settlement search by name, alias or Cyrillic form
markers     split-circle marker SVG and popup/tooltip HTML (escaped)
mapbuild    folium base map and per-rerun settlement layer
urlstate    codec between the filters and URL query parameters
export      CSV / GeoJSON downloads of the current view
config      data directory, tile URL and other settings from argv/env
assets      install Leaflet's files so the map works offline
cli         ``python -m geo ...``
"""
