"""Place names on the map: the labeller's style and the plain names it draws.

``static/labels.js`` (added to the base map) draws the names of the places a settlement
layer hands it on one canvas, greedily and without overlaps (most important first:
disputed places, then larger ones). It draws with ``fillText``, which never parses
markup, so it gets the names as plain text inside the JSON values (which the script
element's encoding, :class:`geo.render.elements.Script`, keeps from closing the script).
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.render.escape import esc

#: Font, colours and spacing of the labels; ``min_radius[z]``: at zoom ``z`` only places
#: whose circle has at least this radius (px, :func:`geo.render.markers.radii`; 9.5 is
#: ~30,000 people, 8 ~10,000, 6.5 ~3,000) are labelled, and every place from zoom
#: ``len(min_radius)`` on. Disputed places are always candidates.
LABEL_STYLE: dict[str, object] = {
    "font": "11px sans-serif",
    "big_radius": 10.5,          # bold from this radius (~60,000 people)
    "height": 13,                # box height, px
    "gap": 3,                    # between circle and label
    "margin": 3,                 # free space kept between two labels' boxes
    "color": "#1b1b1b",
    "halo": "rgba(255,255,255,0.9)",
    "halo_width": 3,
    "max_chars": 40,             # longer names are cut with an ellipsis
    "min_radius": [11, 11, 11, 11, 11, 11, 9.5, 8, 6.5],
    # oblast names (geo.render.regions) up to region_max_zoom: placed before the place names
    # up to region_first_zoom (the country's views), after them above it
    "region_font": "italic 600 12px sans-serif",
    "region_color": "#5b6472",
    "region_max_zoom": 7,
    "region_first_zoom": 6,
    "region_after": 12,          # ...after this many place names (the most important)
}


def plain_where_escaped(names: Sequence[object], escaped: Sequence[str]) -> dict[str, str]:
    """Plain names keyed by position, only where escaping changed them (``&``, ``'``...).

    The canvas layer already sends every name escaped for its tooltips; the labels need the
    plain text, which differs for few names, so only those are sent again.
    """
    return {str(i): name for i, (name, e) in enumerate(zip(names, escaped, strict=True))
            if isinstance(name, str) and name != e}


def plain(value: object) -> str:
    """A name as plain text (missing values become empty strings, as :func:`esc` makes them)."""
    return value if isinstance(value, str) else esc(value)
