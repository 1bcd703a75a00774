"""The map's legend: marker statuses, disputes, encirclement, partial claims, control areas.

The markup is the template ``static/legend.html`` and the page's marker and popup styles
``static/map.css`` (the legend carries them, so they are on every map); both are built from
constants only, never from data.
"""

from __future__ import annotations

import functools

from jinja2 import Environment
from markupsafe import Markup

from geo.render.controls import CHANGE_STYLES, CONTROL_STYLES
from geo.render.elements import asset
from geo.render.escape import esc
from geo.render.markers import MARKER_STYLE
from geo.vocab import (
    CLASS_LABELS,
    DISPUTED_COLOR,
    STALE_DISPUTE_DAYS,
    STATUS_COLORS,
    STATUS_LABELS,
)

#: Legend labels of the change layer's two kinds of area.
CHANGE_LABELS = {"gained": "Change: became Russian-held",
                 "lost": "Change: no longer Russian-held"}


@functools.cache
def legend_html() -> str:
    """The legend's HTML, one line (constant: rendered once per process)."""
    template = Environment(autoescape=True).from_string(asset("legend.html"))
    statuses = [{"left": STATUS_COLORS[key], "right": STATUS_COLORS[key], "ring": "",
                 "label": _label(STATUS_LABELS[key])}
                for key in ("russian", "contested", "ukrainian", "none")]
    statuses.append({"left": STATUS_COLORS["russian"], "right": STATUS_COLORS["ukrainian"],
                     "ring": DISPUTED_COLOR, "label": "Sides disagree (disputed)"})
    statuses.append({"left": STATUS_COLORS["russian"], "right": STATUS_COLORS["ukrainian"],
                     "ring": DISPUTED_COLOR, "dash": MARKER_STYLE.old_disputed_dash,
                     "label": _label(f"Old disagreement (newest claim over "
                                     f"{STALE_DISPUTE_DAYS} days old)")})
    areas = [{"fill": style["fillColor"], "opacity": style["fillOpacity"] + 0.2,
              "stroke": style["color"], "label": _label(CLASS_LABELS[cls])}
             for cls, style in CONTROL_STYLES.items()]
    areas += [{"fill": style["fillColor"], "opacity": 0.6, "stroke": style["color"],
               "label": CHANGE_LABELS[kind]} for kind, style in CHANGE_STYLES.items()]
    css = Markup(_one_line(asset("map.css")))  # noqa: S704 - our own file, no data
    html = template.render(css=css, disputed=DISPUTED_COLOR, statuses=statuses, areas=areas,
                           russian=STATUS_COLORS["russian"])
    return _one_line(html)


def _label(text: str) -> Markup:
    return Markup(esc(text))  # noqa: S704 - escaped by esc, as every label of the map


def _one_line(text: str) -> str:
    """Each line stripped, the lines joined (the files are indented for people)."""
    return "".join(line.strip() for line in text.splitlines())
