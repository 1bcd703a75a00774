"""Scripts for the page itself, outside the map (added by ``ui`` with ``st.html``).

Our own files: ``static/date_enter.js`` makes Enter apply a date typed into the sidebar's
field (no data in it); ``static/selection.js`` hands the selected place to the map already
drawn (numbers only: a position and coordinates, JSON-encoded HTML-safe).
"""

from __future__ import annotations

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
