"""A PNG of the map for a story: places, control map, outline, legend, date, claimants, credits.

Drawn on the server with matplotlib's Agg renderer (a Figure of its own per call, no pyplot
state shared between the server's threads; no browser, no tiles, works offline): the
control-map classes filled as on the page (:data:`geo.render.controls.CONTROL_STYLES`),
Ukraine's outline, and every place as the page's split circle: the left half the Russian
side's claimed status, the right half the Ukrainian side's, a centre dot the independent
side's, a magenta ring where the sides disagree. Places are drawn in a few batched scatter
calls (one per half and colour), never one artist per place. The view is the reader's
(centre and zoom, at the page map's size) or the whole of Ukraine.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import shape

from geo.claims.filters import old_disputes
from geo.render.basemap import outline
from geo.render.canvas import CODE_STATUSES, drawing_order
from geo.render.controls import CONTROL_STYLES
from geo.render.markers import radii
from geo.vocab import (
    CLASS_LABELS,
    DISPUTED_COLOR,
    PROCESSED_LABEL,
    STALE_DISPUTE_DAYS,
    STATUS_COLORS,
    STATUS_LABELS,
)

if TYPE_CHECKING:   # matplotlib is imported when a PNG is drawn (~0.3 s, not at page load)
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

#: Credits always printed (the places and the outline are always drawn).
BASE_CREDITS = ("Places: GeoNames (geonames.org), CC BY 4.0",
                "Ukraine's outline: Natural Earth (public domain)")
#: The page's map size in pixels (ui.mapwidget): the PNG shows what that map shows.
VIEW_PX = (960, 660)
CLAIMS_NOTE = "Every status is a claim by the named claimant, not a verified fact."


@dataclass(frozen=True)
class ControlMap:
    """The control map drawn under the places: its class polygons (``class``, ``geometry``,
    EPSG:4326, as :func:`geo.maps.store.read_map` gives them), its date and whether it is a
    processed file (one Russian-held class)."""

    polygons: gpd.GeoDataFrame
    date: dt.date
    processed: bool = False


def extent(center: tuple[float, float], zoom: float,
           size: tuple[int, int] = VIEW_PX) -> tuple[float, float, float, float]:
    """West, east, south, north of a ``size`` px Web Mercator view at ``center`` and ``zoom``."""
    scale = 256 * 2**zoom
    x = (center[1] + 180) / 360 * scale
    y = (1 - math.asinh(math.tan(math.radians(center[0]))) / math.pi) / 2 * scale

    def lat(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    half_w, half_h = size[0] / 2, size[1] / 2
    return ((x - half_w) / scale * 360 - 180, (x + half_w) / scale * 360 - 180,
            lat(y + half_h), lat(y - half_h))


def _status_index(values: pd.Series) -> np.ndarray:
    """Index into :data:`geo.render.canvas.CODE_STATUSES` (0: no claim), vectorized."""
    out = np.zeros(len(values), dtype=np.int8)
    for code, name in enumerate(CODE_STATUSES[1:], start=1):
        out[values.eq(name).fillna(False).to_numpy(dtype=bool)] = code
    return out


def _places(ax: Axes, places: pd.DataFrame, box: tuple[float, float, float, float],
            zoom: float) -> None:
    """The split circles of the places inside ``box``, in the canvas's drawing order."""
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    inside = (lon >= box[0]) & (lon <= box[1]) & (lat >= box[2]) & (lat <= box[3])
    view = places.loc[inside]
    if view.empty:
        return
    view = view.iloc[drawing_order(view)]
    # the page's radius (px) at this zoom, as points (1 px = 0.75 pt at 96 dpi)
    k = 1 if zoom >= 9 else 0.8 if zoom >= 8 else 0.6 if zoom >= 7 else 0.45
    if zoom < 10:
        view = thinned(view, box, max(4.0, 10 * k))
    size = (np.asarray(radii(view["population"])) * k * 2 * 0.75) ** 2
    # a place no selected claimant speaks of is a small dot: the claimed ones stand out
    side = {c: _status_index(view[c]) for c in ("ru_status", "ua_status", "independent_status")}
    unclaimed = (side["ru_status"] == 0) & (side["ua_status"] == 0) & (
        side["independent_status"] == 0)
    size = np.where(unclaimed, np.minimum(size, 16.0) * 0.5, size)
    x, y = view["lon"].to_numpy(float), view["lat"].to_numpy(float)
    colors = [STATUS_COLORS[s] for s in CODE_STATUSES]
    disputed = view["disputed"].to_numpy(dtype=bool)
    old = old_disputes(view)   # an old disagreement's ring is dashed, as on the page
    for rings, style in ((disputed & ~old, "-"), (old, (0, (2, 2)))):
        ax.scatter(x[rings], y[rings], s=size[rings] * 2.2, facecolors="none",
                   edgecolors=DISPUTED_COLOR, linewidths=1.2, linestyles=style, zorder=4)
    from matplotlib.markers import MarkerStyle

    halves = (("ru_status", MarkerStyle("o", fillstyle="left")),
              ("ua_status", MarkerStyle("o", fillstyle="right")))
    for column, marker in halves:
        codes = side[column]
        for code in np.unique(codes):
            on = codes == code
            ax.scatter(x[on], y[on], s=size[on], marker=marker, c=colors[code],
                       linewidths=0, zorder=5)
    ax.scatter(x, y, s=size, facecolors="none", edgecolors="#333333",
               linewidths=0.2 if k < 0.7 else 0.4, zorder=6)
    _names(ax, view, box, disputed)
    ind = side["independent_status"]
    for code in np.unique(ind[ind > 0]):
        on = ind == code
        ax.scatter(x[on], y[on], s=size[on] / 9, c=colors[code], edgecolors="white",
                   linewidths=0.3, zorder=7)


def thinned(view: pd.DataFrame, box: tuple[float, float, float, float],
            cell_px: float) -> pd.DataFrame:
    """The canvas's level of detail: every disputed place, and in each cell of ``cell_px``
    page pixels the first (largest) other place of ``view`` (which is in drawing order)."""
    cell = (box[1] - box[0]) / VIEW_PX[0] * cell_px
    gx = np.floor(view["lon"].to_numpy(float) / cell).astype(np.int64)
    gy = np.floor(view["lat"].to_numpy(float) / cell).astype(np.int64)
    disputed = view["disputed"].to_numpy(dtype=bool)
    key = pd.Series(gx * 1_000_003 + gy)
    calm = np.flatnonzero(~disputed & ~key.isin(key[disputed]).to_numpy())
    keep = disputed.copy()
    keep[calm[~key.iloc[calm].duplicated().to_numpy()]] = True
    return view.loc[keep]


#: Names on the PNG: the disputed places and the largest, at most this many, never overlapping.
MAX_NAMES = 40


def _names(ax: Axes, view: pd.DataFrame, box: tuple[float, float, float, float],
           disputed: np.ndarray) -> None:
    """Label the disputed and the largest places greedily, skipping a name that would
    overlap one already placed (boxes estimated from the name's length)."""
    pop = pd.to_numeric(view["population"], errors="coerce").fillna(0).to_numpy(float)
    order = np.lexsort((-pop, ~disputed))[: MAX_NAMES * 3]
    width, height = box[1] - box[0], box[3] - box[2]
    placed: list[tuple[float, float, float, float]] = []
    names = view["name"].to_numpy(dtype=object)
    lons, lats = view["lon"].to_numpy(float), view["lat"].to_numpy(float)
    for i in order:
        name = names[i]
        if not isinstance(name, str) or len(placed) >= MAX_NAMES:
            continue
        x0 = lons[i] + width * 0.008
        b = (x0, lats[i] - height * 0.012, x0 + width * 0.0075 * len(name),
             lats[i] + height * 0.012)
        if any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in placed):
            continue
        placed.append(b)
        ax.text(x0, lats[i], name, fontsize=7, va="center", zorder=8, color="#1b1b1b")


def _legend(ax: Axes, control: ControlMap | None) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Line2D([], [], marker="o", linestyle="", markersize=9, fillstyle="left",
               markerfacecolor=STATUS_COLORS["russian"],
               markerfacecoloralt=STATUS_COLORS["ukrainian"], markeredgecolor="#333333",
               label="left half: the Russian side's claim;\nright half: the Ukrainian side's"),
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="none",
               markeredgecolor=DISPUTED_COLOR, label="ring: the sides disagree\n(disputed)"),
        Patch(facecolor="none", edgecolor=DISPUTED_COLOR, linestyle="--", linewidth=1.2,
              label=f"dashed ring: an old disagreement\n(newest claim over "
                    f"{STALE_DISPUTE_DAYS} days old)"),
        *(Patch(facecolor=STATUS_COLORS[s], edgecolor="#333333", label=STATUS_LABELS[s])
          for s in CODE_STATUSES[:0:-1]),
        Line2D([], [], marker="o", linestyle="", markersize=4,
               markerfacecolor=STATUS_COLORS["none"], markeredgecolor="#333333",
               label="small dot: no claim by the\nselected claimants"),
    ]
    if control is not None:
        kinds = set(control.polygons["class"])
        for kind, style in CONTROL_STYLES.items():
            if kind in kinds:
                label = PROCESSED_LABEL if control.processed and kind == "occupied" \
                    else CLASS_LABELS[kind]
                handles.append(Patch(facecolor=style["fillColor"], edgecolor=style["color"],
                                     alpha=0.6, label=textwrap.fill(f"DeepState: {label}", 32)))
    # beside the map, never over a place
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5,
              frameon=False, title="Claimed status\n(centre dot: independent side)",
              title_fontsize=8, alignment="left", borderaxespad=0.0)


def footer(control: ControlMap | None) -> str:
    """The line under the map: claims are claims, and the credits of what is drawn (no
    basemap tiles are drawn, so OpenStreetMap is not among them)."""
    credits = list(BASE_CREDITS)
    if control is not None:
        credits.append(f"Control map: DeepState (deepstatemap.live), map of "
                       f"{control.date.isoformat()}")
    return f"{CLAIMS_NOTE}  Made with Frontline Claims.\n" + " · ".join(credits)


def titles(day: dt.date, claimants: Sequence[str], filters: Sequence[str] = ()) -> tuple[str, str]:
    """The image's title and the line under it: the date, the claimants and, when any
    filter hides places or claims, which ("Filtered: only places where claimants
    disagree; claims older than 30 days ignored")."""
    who = ", ".join(claimants) if claimants else "none selected"
    line = f"Claimants: {who}"
    if filters:
        line += "\nFiltered: " + "; ".join(filters)
    return f"Who claims to control what, as of {day.isoformat()}", line


def map_png(places: pd.DataFrame, day: dt.date, claimants: Sequence[str],
            control: ControlMap | None = None, center: tuple[float, float] | None = None,
            zoom: float | None = None, dpi: int = 150,
            filters: Sequence[str] = ()) -> bytes:
    """The PNG bytes of the map (see the module docstring).

    ``places``: rows of :func:`geo.claims.index.resolve` to draw (``lat``, ``lon``,
    ``population``, each side's status, ``disputed``); ``claimants``: the selected
    claimants' names, printed under the title; ``center``/``zoom``: the reader's view
    (None: the whole of Ukraine); ``filters``: the filters applied, in words
    (:meth:`geo.claims.state.PageState.filters_applied`), printed beside the claimants so a
    picture of a filtered map says it is one.
    """
    border = shape(outline()["features"][0]["geometry"])
    if center is None or zoom is None:
        west, south, east, north = border.bounds
        pad = 0.4
        box = (west - pad, east + pad, south - pad, north + pad)
        zoom = 6 if zoom is None else zoom
    else:
        box = extent(center, zoom)
    # a Figure of its own, not pyplot: no global state shared by the server's threads
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 8.4), dpi=dpi)
    ax = fig.subplots()
    ax.set_facecolor("#dfe6ea")
    gpd.GeoSeries([border]).plot(ax=ax, facecolor="#f3efe4", edgecolor="#3d4f66",
                                 linewidth=0.9, zorder=1)
    if control is not None and not control.polygons.empty:
        polys = control.polygons
        for kind, style in CONTROL_STYLES.items():
            part = polys.loc[polys["class"] == kind].geometry.simplify(0.003)  # ~300 m
            if len(part):
                part.plot(ax=ax, facecolor=style["fillColor"], edgecolor=style["color"],
                          alpha=min(1.0, style["fillOpacity"] + 0.2), linewidth=0.4,
                          zorder=2)
    _places(ax, places, box, zoom)
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect(1 / math.cos(math.radians((box[2] + box[3]) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _legend(ax, control)
    title, subtitle = titles(day, claimants, filters)
    fig.suptitle(title, x=0.02, ha="left", fontsize=14, fontweight="bold")
    ax.set_title(subtitle, loc="left", fontsize=8.5)
    fig.text(0.02, 0.008, footer(control), fontsize=7, color="#444444", va="bottom",
             linespacing=1.4)
    # the legend in the right-hand strip; no layout pass
    fig.subplots_adjust(left=0.02, right=0.77, bottom=0.06, top=0.9)
    out = io.BytesIO()
    # a fast zlib level: a slightly larger file, written in a fraction of the time
    fig.savefig(out, format="png", dpi=dpi, pil_kwargs={"compress_level": 3})
    return out.getvalue()
