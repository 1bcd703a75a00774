"""The settlement layer for small views: one DOM marker per place, popups embedded.

Markers share their SVG (few distinct combinations of statuses and size), sent once;
the names go to the labeller (``static/labels.js``) as plain text; every other data
string is HTML-escaped here (:func:`geo.render.escape.esc`) before the browser
puts it into the page (``static/layer.js``).
"""

from __future__ import annotations

import pandas as pd

from geo.render.elements import Layer, Script
from geo.render.escape import esc
from geo.render.labels import plain
from geo.render.markers import (
    icon_svg,
    overlap_words,
    popup_html,
    radii,
    stripes_svg,
    title_text,
    tooltip_html,
)

#: Up to this many places are drawn as DOM markers with embedded popups; above it they are
#: drawn on one canvas (:mod:`geo.render.canvas`) and a click shows the claims below the map.
POPUP_LIMIT = 400
ON_DEMAND_TEXT = ("Loading this place's claims… (with many places on the map, claims are "
                  "fetched when you click one; they appear below the map)")
SETTLEMENTS_NAME = "Settlements"
#: Leaflet popup options: the map pans so that an opened popup stays inside it, clear of
#: its edges (the controls sit in the corners).
POPUP_OPTIONS = {"maxWidth": 380, "maxHeight": 360, "autoPan": True,
                 "autoPanPaddingTopLeft": [40, 40], "autoPanPaddingBottomRight": [40, 30],
                 "keepInView": True}


def settlement_layer(
    view: pd.DataFrame,
    latest: pd.DataFrame,
    claimant_names: dict[str, str],
    selected: str | None = None,
) -> Layer:
    """A FeatureGroup with one split-circle marker per settlement in ``view``.

    Parameters
    ----------
    view
        Rows of :func:`geo.claims.index.resolve` to draw.
    latest
        :func:`geo.claims.latest.latest_claims` for the same date and claimants (popups).
    claimant_names
        Claimant id → display name.
    selected
        Settlement id to ring in black.

    Above :data:`POPUP_LIMIT` places, popups are not embedded (a click shows
    :data:`ON_DEMAND_TEXT`).
    """
    group = Layer(name=SETTLEMENTS_NAME)
    embed = len(view) <= POPUP_LIMIT
    by_settlement: dict = {}
    if embed:  # only the drawn places' claims (an empty view must not group the country's)
        mine = latest[latest["settlement_id"].isin(view["settlement"])]
        by_settlement = dict(list(mine.groupby("settlement_id", sort=False)))
    empty = latest.iloc[0:0]
    icons: dict[str, int] = {}
    items = []
    population = view["population"] if "population" in view else pd.Series(None, view.index)
    sizes = radii(population).tolist()
    for row, r in zip(view.to_dict("records"), sizes, strict=True):  # plain dicts: cheap
        svg, size = icon_svg(row, selected=row["settlement"] == selected, r=r)
        item = {
            "la": round(float(row["lat"]), 5), "lo": round(float(row["lon"]), 5), "z": size,
            "i": icons.setdefault(svg, len(icons)), "id": esc(row["settlement"]),
            "ru": esc(_status(row.get("ru_status"))), "ua": esc(_status(row.get("ua_status"))),
            "ind": esc(_status(row.get("independent_status"))),
            "d": 1 if bool(row.get("disputed")) else 0,
            "t": tooltip_html(row), "ti": title_text(row), "nm": plain(row.get("name")),
            "nh": esc(row.get("name")),
        }
        if embed:
            item["p"] = popup_html(row, by_settlement.get(row["settlement"], empty),
                                   claimant_names)
        items.append(item)
    Script("layer.js", icons=list(icons), markers=items, stripes=stripes_svg(),
           on_demand="" if embed else esc(ON_DEMAND_TEXT), popup=POPUP_OPTIONS,
           overlap=overlap_words()).add_to(group)
    return group


def _status(value: object) -> str:
    return value if isinstance(value, str) else "none"
