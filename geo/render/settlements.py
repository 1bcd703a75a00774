"""The page's settlement layer: DOM markers for a small view, one canvas for a large one.

Up to :data:`geo.render.dom.POPUP_LIMIT` places are DOM markers with their popups
embedded (a click opens the popup, the page never reruns); above it, every place is drawn
on one canvas and a click is reported to the page, which lists the place's claims below
the map (:class:`PlaceLayer` carries what it needs to find the clicked place).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.claims.view import View
from geo.render.canvas import (
    Claimed,
    Fixed,
    canvas_layer,
    claimed_part,
    fixed_part,
    selection_values,
)
from geo.render.dom import ON_DEMAND_TEXT, POPUP_LIMIT, settlement_layer
from geo.render.elements import Layer
from geo.render.escape import esc


@dataclass(frozen=True)
class PlaceLayer:
    """The settlement layer and how the page handles a click on it.

    ``on_demand``: the places are drawn on one canvas, a click is reported to the page
    and the clicked place's claims are listed below the map. ``pick``: then the latitude,
    longitude, settlement id and "drawn on top" flag (disputed) of every place in the
    canvas's array order, the coordinates exactly as the canvas reports a click (of several
    places there, the last one on top was drawn last); else ``None``. ``selection``: on a
    canvas, the selected place as the page sends it apart from the layer
    (:func:`geo.render.canvas.selection_values`, ``static/selection.js``), so that the
    layer is the same whichever place is selected; ``None`` for DOM markers, which draw
    the selection themselves.
    """

    layer: Layer
    on_demand: bool
    pick: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None
    selection: dict | None = None


def place_layer(view: View, shown: pd.DataFrame, on: dt.date,
                selected: str | None = None, fixed: Fixed | None = None,
                claimed: Claimed | None = None) -> PlaceLayer:
    """The settlement layer of ``shown`` (the rows of ``view`` to draw) on date ``on``.

    ``view`` gives the popups their claims and claimant names (only read for DOM markers).
    ``fixed``, ``claimed``: a canvas's parts already encoded for ``shown``
    (:func:`geo.render.canvas.fixed_part`, :func:`~geo.render.canvas.claimed_part`).
    """
    if len(shown) <= POPUP_LIMIT:
        layer = settlement_layer(shown, view.latest, view.claimant_names, selected)
        return PlaceLayer(layer, on_demand=False, pick=None)
    fixed = fixed_part(shown) if fixed is None else fixed
    claimed = claimed_part(shown, on, fixed) if claimed is None else claimed
    layer = canvas_layer(shown, on, esc(ON_DEMAND_TEXT), fixed, claimed)
    return PlaceLayer(layer, on_demand=True,
                      pick=(fixed.lat, fixed.lon, fixed.ids, claimed.top),
                      selection=selection_values(fixed, selected))


def needs_canvas(shown: pd.DataFrame) -> bool:
    """Whether ``shown`` is drawn on one canvas (else as DOM markers with their popups)."""
    return len(shown) > POPUP_LIMIT
