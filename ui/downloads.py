"""Downloads of the current view: the claims in view (CSV), the places with a claim, or
every place, in view (GeoJSON) and a PNG of the map for a story, of the reader's view or
of the whole country (each built only when its button is clicked)."""

from __future__ import annotations

import logging
import threading
import weakref

import numpy as np
import pandas as pd
import streamlit as st

from geo.claims import geosize
from geo.claims.export import (
    geojson_sizes,
    place_lengths,
    to_csv_bytes,
    to_geojson_bytes,
    with_claims,
)
from geo.claims.state import PageState
from geo.claims.view import View
from geo.errors import FrontlineError
from geo.render.png import ControlMap, map_png
from ui.controlmaps import Maps, polygons
from ui.data import settlements_key, short_labels
from ui.mapwidget import live_view
from ui.viewcache import PerView

log = logging.getLogger(__name__)

#: The PNG's choices: the map as the reader left it, or the whole country.
PNG_VIEWS = {"view": "the map as you see it", "country": "all of Ukraine"}


def file_size(size: int) -> str:
    """Bytes in words a reader compares: ``44 kB``, ``24.9 MB``."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


#: Per view, shared by the sessions (``ui.viewcache``): how many shown places have a claim,
#: and the GeoJSON's sizes of those and of every shown place.
SIZES: PerView[tuple[int, int, int]] = PerView("GeoJSON sizes")

_lengths_lock = threading.RLock()   # re-entrant: see ui.placelayer's lock
#: settlements_key → each place's bytes of id, name and coordinates in the GeoJSON
_lengths: dict[int, np.ndarray] = {}


def _sizes(view: View, state: PageState) -> tuple[int, int, int]:
    """How many shown places have a claim, and the GeoJSON's sizes, of those and of every
    shown place (:func:`geo.claims.export.geojson_sizes`), once per view for every
    session."""
    def compute() -> tuple[int, int, int]:
        if view.sources is not None and view.index is not None:   # exact, vectorized
            rows = view.shown.index.to_numpy(dtype=np.int64)
            return geosize.sizes(view.shown, view.index, view.sources[:, rows],
                                 _shown_lengths(view), state.date.isoformat(),
                                 list(state.claimants))
        claimed, every = geojson_sizes(view.shown, state.date.isoformat(),
                                       list(state.claimants), details=view.with_details,
                                       lengths=_shown_lengths(view))
        return len(with_claims(view.shown)), claimed, every

    return SIZES.get(view, compute)


def _shown_lengths(view: View) -> np.ndarray:
    """:func:`geo.claims.export.place_lengths` of the view's shown rows: taken from the
    dataset's places' (computed once per settlements frame) when the rows are labelled by
    their row in it, as :func:`geo.claims.view.build_view` labels them."""
    ds, labels = view.ds, view.shown.index
    rows = labels.to_numpy()
    if not (isinstance(view.resolved.index, pd.RangeIndex)
            and view.resolved.index.equals(pd.RangeIndex(len(ds.settlements)))):
        return place_lengths(view.shown)
    key = settlements_key(ds)
    with _lengths_lock:
        whole = _lengths.get(key)
    if whole is None:
        whole = place_lengths(ds.settlements)
        with _lengths_lock:
            if key not in _lengths:
                weakref.finalize(ds.settlements, _forget_lengths, key)
            _lengths[key] = whole
    return whole[rows]


def _forget_lengths(key: int) -> None:
    with _lengths_lock:
        _lengths.pop(key, None)


def panel(view: View, state: PageState, maps: Maps | None = None) -> None:
    """CSV of the claims shown, GeoJSON of the places shown, PNG of the map: the
    three buttons in a row, the GeoJSON's and the PNG's choices under their buttons (read
    from their keys before they are drawn)."""
    stem = f"frontline-claims-{state.date}"
    left, middle, right = st.columns(3)
    # deferred: the files are built only when a button is clicked, not on every rerun
    left.download_button("Download claims (CSV)", lambda: to_csv_bytes(view.table),
                         file_name=f"{stem}.csv", mime="text/csv", width="stretch")
    geojson(middle, view, state, stem)
    live = live_view()   # the map's view when the button is clicked, not when drawn
    of = st.session_state.get("dl_png_view", "view")
    right.download_button(
        "Download map image (PNG)",
        lambda: png_bytes(view, state, maps, shown_view(live) if of == "view" else None),
        file_name=f"{stem}.png", mime="image/png", width="stretch",
        help="The map with the control map if shown, a legend, the date, the selected "
             "claimants, the filters applied and the credits.",
    )
    right.radio("Map image of", list(PNG_VIEWS), key="dl_png_view", horizontal=True,
                format_func=PNG_VIEWS.get,
                help="The map as you see it: your centre and zoom, or the selected place "
                     "as the map shows it; or the whole country.")


def geojson(column: st.delta_generator.DeltaGenerator, view: View, state: PageState,
            stem: str) -> None:
    """The GeoJSON download: the places with a claim by the selected claimants by default,
    every place in view when the reader ticks the box under it (with both sizes)."""
    claimed, claimed_size, every_size = _sizes(view, state)
    others = len(view.shown) - claimed
    every = bool(others) and bool(st.session_state.get("dl_every_place"))
    count = len(view.shown) if every else claimed
    places = "place" if count == 1 else "places"
    size = f"about {file_size(every_size)}" if every else file_size(claimed_size)
    column.download_button(
        f"Download map (GeoJSON, {count:,} {places}, {size})",
        lambda: to_geojson_bytes(view.with_details(view.shown if every
                                                   else with_claims(view.shown)),
                                 state.date.isoformat(), list(state.claimants)),
        file_name=f"{stem}{'-every-place' if every else ''}.geojson",
        mime="application/geo+json", width="stretch",
        help="One point per place with each side's latest claim as properties (status, "
             "extent, date, claimant, source and link).")
    if others:
        column.checkbox(
            f"Every place the filters keep ({len(view.shown):,}, about {file_size(every_size)})",
            key="dl_every_place",
            help=f"By default the file has the {claimed:,} places with a claim by the "
                 f"selected claimants; every place adds the {others:,} without one, "
                 "each with empty claim fields.")


def shown_view(live: dict) -> tuple[tuple[float, float] | None, int | None] | None:
    """The map's view as the reader sees it: where they moved it, else where the page put
    it for the selected place (``ui.mapwidget`` records both); None: the whole country."""
    return live.get("view") or live.get("page_view")


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
