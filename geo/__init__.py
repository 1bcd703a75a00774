"""Frontline Claims domain package: pure, typed functions (never imports streamlit).

Data and claims
---------------
vocab       controlled vocabularies and column specs of the data files
errors      Problem / DataValidationError (file, line, field, value, fix)
csvread     strict CSV reading with exact line numbers
loading     load and validate a data directory into (Geo)DataFrames
datacache   Parquet cache of validated data directories (fast cold start)
resolve     claim resolution for a date and a set of claimants (indexed)
territory   territory-share figures per claimant, differences and changes
view        everything the page shows for one set of filters
urlstate    codec between the filters and URL query parameters
export      CSV / GeoJSON downloads of the current view

Map
---
markers     split-circle marker SVG and popup/tooltip HTML (escaped)
mapbuild    folium base map, settlement, control-map and change layers
assets      install Leaflet's files so the map works offline
config      data directory, store, tile URL and other settings from argv/env

Control maps
------------
deepstate   parse and classify DeepState snapshots (every format)
fetch       http(s) fetch with timeout and size cap
importer    import a snapshot into the store
store       GeoParquet store of snapshots, written atomically
area        equal-area figures and shares of Ukraine
mapclaims   the map as a claimant (per-settlement statuses)
changes     what changed between two maps

Claims from text
----------------
names       name keys (folding, transliteration, consonant skeleton)
gazetteer   GeoNames import into the store
resolver    place-name resolution with ambiguity rules
search      settlement search by any spelling
extract     rule-based draft claims from a report
evaluate    precision/recall against hand-written expectations
accept      writing accepted claims (validated, locked, atomic, backed up)
uploads     a reader's own files for their session
locking     the per-directory write lock

Tools
-----
synth       national-scale synthetic data
cli         ``python -m geo ...``
"""
