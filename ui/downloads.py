"""Downloads of the current view: the claims in view (CSV) and the places in view (GeoJSON)."""

from __future__ import annotations

import streamlit as st

from geo.claims.export import to_csv_bytes, to_geojson_bytes
from geo.claims.state import PageState
from geo.claims.view import View


def panel(view: View, state: PageState) -> None:
    """CSV of the claims in view and GeoJSON of the settlements in view."""
    stem = f"frontline-claims-{state.date}"
    left, right = st.columns(2)
    # deferred: the files are built only when a button is clicked, not on every rerun
    left.download_button("Download claims (CSV)", lambda: to_csv_bytes(view.table),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    right.download_button(
        "Download map (GeoJSON)",
        lambda: to_geojson_bytes(view.shown, state.date.isoformat(), list(state.claimants)),
        file_name=f"{stem}.geojson", mime="application/geo+json", width="stretch",
    )
