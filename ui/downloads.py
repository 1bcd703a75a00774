"""Downloads of the current view: the claims in view (CSV), the places in view (GeoJSON) and
a PNG of the map for a story (built only when its button is clicked)."""

from __future__ import annotations

import logging

import streamlit as st

from geo.claims.export import to_csv_bytes, to_geojson_bytes
from geo.claims.state import PageState
from geo.claims.view import View
from geo.errors import FrontlineError
from geo.render.png import ControlMap, map_png
from ui.controlmaps import Maps, polygons
from ui.data import short_labels
from ui.mapwidget import live_view

log = logging.getLogger(__name__)


def panel(view: View, state: PageState, maps: Maps | None = None) -> None:
    """CSV of the claims in view, GeoJSON of the settlements in view, PNG of the map."""
    stem = f"frontline-claims-{state.date}"
    left, middle, right = st.columns(3)
    # deferred: the files are built only when a button is clicked, not on every rerun
    left.download_button("Download claims (CSV)", lambda: to_csv_bytes(view.table),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    middle.download_button(
        "Download map (GeoJSON)",
        lambda: to_geojson_bytes(view.shown, state.date.isoformat(), list(state.claimants)),
        file_name=f"{stem}.geojson", mime="application/geo+json", width="stretch",
    )
    live = live_view()   # the map's view when the button is clicked, not when drawn
    right.download_button(
        "Download map image (PNG)", lambda: png_bytes(view, state, maps, live.get("view")),
        file_name=f"{stem}.png", mime="image/png", width="stretch",
        help="The map as shown (your centre and zoom, the control map if shown), with a "
             "legend, the date, the selected claimants, the filters applied and the credits.",
    )


def png_bytes(view: View, state: PageState, maps: Maps | None,
              where: tuple[tuple[float, float] | None, int | None] | None = None) -> bytes:
    """The PNG of the map in view: the places shown, the control map in force if shown;
    ``where``: the map's centre and zoom (None: the page's own view of the country)."""
    control = None
    stored = maps.in_force(state.date) if maps is not None and state.control_map else None
    if stored is not None:
        try:
            polys = polygons(stored)
            processed = bool(len(polys)) and str(polys["kind"].iloc[0]) == "processed"
            control = ControlMap(polys, stored.date, processed)
        except FrontlineError as exc:   # the page says so above the map; the PNG goes without
            log.warning("PNG without the control map of %s: %s", stored.date, exc)
    short = short_labels(view.ds.claimants)   # the chips' labels: the line fits the image
    names = [short.get(c, c) for c in state.claimants]
    center, zoom = where or (None, None)
    return map_png(view.shown, state.date, names, control, center, zoom,
                   filters=state.filters_applied())
