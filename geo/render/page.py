"""Scripts for the page itself, outside the map (added by ``ui`` with ``st.html``).

Our own files: ``static/date_enter.js`` makes Enter apply a date typed into the sidebar's
field (no data in it); ``static/selection.js`` hands the selected place to the map already
drawn (numbers only: a position, coordinates and the view to move the map to,
JSON-encoded HTML-safe).
"""

from __future__ import annotations

import numpy as np

from geo.render.elements import asset, encode

DATE_ENTER = "date_enter.js"
SELECTION = "selection.js"


def date_enter_script() -> str:
    """``static/date_enter.js`` called with the page's document, as a ``<script>`` element."""
    return f"<script>{asset(DATE_ENTER).rstrip()}(document, {{}});</script>"


def selection_script(values: dict) -> str:
    """``static/selection.js`` called with the page's document and ``values``
    (:func:`geo.render.canvas.selection_values`), as a ``<script>`` element."""
    return f"<script>{asset(SELECTION).rstrip()}(document, {encode(values)});</script>"


def picked(pick: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
           selected: str | None) -> dict:
    """The selected place as ``selection.js`` hands it to a canvas layer, from the layer's
    pick arrays (:class:`geo.render.PlaceLayer`'s ``pick``: latitudes, longitudes, ids in
    the layer's order): ``sel`` its position in them and its coordinates as the layer has
    them (the layer checks both, so a selection that reaches an older layer draws no wrong
    ring), or None (no place selected, or not one of these places)."""
    lats, lons, ids, _top = pick
    hits = np.flatnonzero(ids == selected) if selected else np.array([], dtype=np.intp)
    if not len(hits):
        return {"sel": None}
    i = int(hits[0])
    return {"sel": {"i": i, "la": float(lats[i]), "lo": float(lons[i])}}
