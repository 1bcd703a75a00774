"""Marker, tooltip and popup HTML for one settlement. Every data-derived string is escaped.

The marker is a split circle: the left half shows the Russian side's claimed
status, the right half the Ukrainian side's (grey: no claim), a centre dot the
independent side's; stripes mean a partial claim ("eastern part"), a dashed ring
a claimed encirclement, a thick magenta ring a dispute between the sides.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from geo.render.elements import asset
from geo.render.escape import bdi, esc, isolate
from geo.vocab import (
    DISPUTED_COLOR,
    SIDE_LABELS,
    SIDES,
    STALE_DISPUTE_DAYS,
    STATUS_COLORS,
    STATUS_LABELS,
)


@dataclasses.dataclass(frozen=True)
class MarkerStyle:
    """The marker's rings, strokes and centre dot, in pixels, for both drawings of it: the
    DOM markers' SVG (:func:`icon_svg`) and the canvas (``static/canvas.js``, which gets
    them as data). ``thin_*`` apply on the canvas when zoomed out (circles scaled down)."""

    disputed_gap: float = 3.5      #: magenta ring: its radius beyond the circle's
    disputed_width: float = 3
    thin_disputed_gap: float = 2
    thin_disputed_width: float = 2
    old_disputed_dash: str = "3 3"  #: the ring of an old disagreement (claims.filters)
    selected_gap: float = 5        #: black ring around the selected place
    selected_width: float = 1.5
    selected_color: str = "#000"
    divider_width: float = 1       #: the white line between the two halves
    divider_color: str = "#fff"
    outline_width: float = 1
    thin_outline_width: float = 0.6
    outline_color: str = "#333"
    encircled_gap: float = 1.5     #: dashed ring of a claimed encirclement
    encircled_width: float = 1.5
    encircled_color: str = "#111"
    encircled_dash: tuple[float, float] = (2, 2)
    dot_min: float = 2.5           #: the independent side's dot: radius / dot_divisor, at least
    thin_dot_min: float = 1.2
    #: below this zoom the canvas draws places without a claim smaller, fewer and with
    #: this opacity, under the claimed ones (the DOM markers of a small view are not thinned)
    quiet_zoom: int = 9
    quiet_alpha: float = 0.45
    dot_divisor: float = 3
    dot_stroke: str = "#fff"
    dot_width: float = 1

    def as_dict(self) -> dict[str, Any]:
        """The style as JSON-ready data for the canvas script."""
        return {k: list(v) if isinstance(v, tuple) else v
                for k, v in dataclasses.asdict(self).items()}


MARKER_STYLE = MarkerStyle()


def old_dispute_row(row: Row) -> bool:
    """:func:`geo.claims.filters.old_disputes` of one resolved row."""
    ages = pd.to_numeric(pd.Series([row.get(f"{side}_age_days") for side in SIDES],
                                   dtype=object), errors="coerce")
    known = ages.dropna().tolist()
    return bool(row.get("disputed")) and bool(known) and min(known) > STALE_DISPUTE_DAYS

#: One resolved settlement: a row of :func:`geo.claims.index.resolve` or its ``to_dict`` record.
Row: TypeAlias = pd.Series | Mapping[Hashable, Any]


def flag(value: Any) -> bool | None:
    """A nullable boolean cell as ``True``/``False``/``None`` (empty, NA or NaN)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return bool(value)


def _radii(pop: np.ndarray) -> np.ndarray:
    """The one formula of the marker radius: 6 px when the population is unknown, else
    growing with its log from 5 px (up to 1,000 people) to at most 12 px."""
    valid = np.isfinite(pop) & (pop > 0)
    scaled = 5.0 + 3.0 * np.log10(np.maximum(np.where(valid, pop, 1000.0), 1000.0) / 1000.0)
    return np.where(valid, np.round(np.minimum(12.0, scaled), 1), 6.0)


def radii(population: pd.Series) -> np.ndarray:
    """Marker radius in pixels per place, from the pre-war population (unreadable: 6 px)."""
    pop = pd.to_numeric(population, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return _radii(pop)


def radius(population: Any) -> float:
    """Marker radius in pixels of one place (as :func:`radii`)."""
    try:
        pop = float(population)
    except (TypeError, ValueError):
        pop = math.nan
    return float(_radii(np.array([pop]))[0])


def _half(cx: float, r: float, side: str, status: Any, extent: Any) -> str:
    key = status if isinstance(status, str) and status in STATUS_COLORS else "none"
    sweep = 0 if side == "left" else 1
    d = f"M{cx},{cx - r} A{r},{r} 0 0 {sweep} {cx},{cx + r} Z"
    fill = STATUS_COLORS[key]
    out = f'<path d="{d}" fill="{fill}"/>'
    if key != "none" and extent == "partial":
        out += f'<path d="{d}" fill="url(#fc-stripes)"/>'
    return out


def stripes_svg() -> str:
    """The stripes of a partial claim (``static/stripes.svg``), defined once per page.

    Markers refer to the pattern as ``#fc-stripes``.
    """
    return "".join(line.strip() for line in asset("stripes.svg").splitlines())


def icon_svg(row: Row, selected: bool = False,
             r: float | None = None) -> tuple[str, int]:
    """The split-circle SVG for a resolved row, and its size in pixels.

    ``r``: the row's :func:`radius`, when the caller has computed it for many rows at once.
    Partial halves use the pattern ``#fc-stripes`` of :func:`stripes_svg`.
    """
    r = radius(row.get("population")) if r is None else r
    pad = 6
    size = int(2 * (r + pad))
    c = size / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" aria-hidden="true">',
    ]
    s = MARKER_STYLE
    if bool(row.get("disputed")):
        dash = f' stroke-dasharray="{s.old_disputed_dash}"' if old_dispute_row(row) else ""
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + s.disputed_gap}" fill="none" '
                     f'stroke="{DISPUTED_COLOR}" stroke-width="{s.disputed_width}"{dash}/>')
    if selected:
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + s.selected_gap}" fill="none" '
                     f'stroke="{s.selected_color}" stroke-width="{s.selected_width}"/>')
    parts.append(_half(c, r, "left", row.get("ru_status"), row.get("ru_extent")))
    parts.append(_half(c, r, "right", row.get("ua_status"), row.get("ua_extent")))
    parts.append(f'<line x1="{c}" y1="{c - r}" x2="{c}" y2="{c + r}" '
                 f'stroke="{s.divider_color}" stroke-width="{s.divider_width}"/>')
    parts.append(f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{s.outline_color}" '
                 f'stroke-width="{s.outline_width}"/>')
    if any(flag(row.get(f"{side}_encircled")) for side in SIDES):
        dash = " ".join(f"{d:g}" for d in s.encircled_dash)
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + s.encircled_gap}" fill="none" '
                     f'stroke="{s.encircled_color}" stroke-width="{s.encircled_width}" '
                     f'stroke-dasharray="{dash}"/>')
    ind = row.get("independent_status")
    if isinstance(ind, str) and ind in STATUS_COLORS:
        parts.append(f'<circle cx="{c}" cy="{c}" r="{max(s.dot_min, r / s.dot_divisor):.1f}" '
                     f'fill="{STATUS_COLORS[ind]}" stroke="{s.dot_stroke}" '
                     f'stroke-width="{s.dot_width}"/>')
    parts.append("</svg>")
    return "".join(parts), size


#: The hover text's wording, the one source for DOM markers (:func:`tooltip_html`) and the
#: canvas (``static/canvas.js`` fills the same templates, see :func:`tooltip_words`).
#: ``{key}`` placeholders; "head", "disputed" and "sep" are HTML, the others plain text.
TOOLTIP = {
    "head": "<b><bdi>{name}</bdi></b>{disputed}<br>{lines}",
    "disputed": " · <b>disputed</b>",
    "old_disputed": " · <b>disputed</b> (old claims)",
    "sep": "<br>",
    "none": "no claim for this date",
    "claim": "{side}: {status}",
    "part": " (partial: <bdi>{part}</bdi>)",
    "partial": " (partial)",
    "day": ", {day}",
}
_TOOLTIP_HTML = ("head", "disputed", "old_disputed", "sep", "part")
#: Places closer than their radius share the pointer: the tooltip of the one on top names the
#: others (``also``), and a click on them lists them all to pick from (``choose``), at most
#: ``max`` names. Positions stay true (no offset): where a place is matters on a front map.
OVERLAP: dict[str, str | int] = {
    "also": "Also here: {names} (click to pick one)",
    "choose": "Several places here. Pick one:",
    "max": 12,
}


def overlap_words() -> dict[str, str | int]:
    """:data:`OVERLAP` escaped for the browser (the names it is filled with are escaped)."""
    return {k: esc(v) if isinstance(v, str) else v for k, v in OVERLAP.items()}


def tooltip_words() -> dict[str, str]:
    """:data:`TOOLTIP` as the browser fills it: with escaped values, into escaped text."""
    return {key: text if key in _TOOLTIP_HTML else esc(text) for key, text in TOOLTIP.items()}


def tooltip_html(row: Row) -> str:
    """Short hover text: name, and each side's claimed status."""
    lines = []
    for side in ("ru", "ua", "independent"):
        status = row.get(f"{side}_status")
        if isinstance(status, str):
            text = esc(TOOLTIP["claim"].format(side=SIDE_LABELS[side],
                                               status=STATUS_LABELS.get(status, status)))
            if row.get(f"{side}_extent") == "partial":
                part = row.get(f"{side}_part")
                text += (TOOLTIP["part"].format(part=esc(part)) if isinstance(part, str) and part
                         else esc(TOOLTIP["partial"]))
            day = row.get(f"{side}_date")
            if pd.notna(day):
                text += esc(TOOLTIP["day"].format(day=pd.Timestamp(day).date().isoformat()))
            lines.append(text)
    return TOOLTIP["head"].format(
        name=esc(row.get("name")),
        disputed=(TOOLTIP["old_disputed"] if old_dispute_row(row) else TOOLTIP["disputed"])
        if bool(row.get("disputed")) else "",
        lines=TOOLTIP["sep"].join(lines) if lines else TOOLTIP["none"])


def title_text(row: Row) -> str:
    """Plain-text accessible name of a marker: Leaflet sets it as the ``title`` and ``alt``
    properties (text, never parsed), so it is not escaped; the name is isolated."""
    parts = [isolate(row.get("name"))]
    for side in ("ru", "ua", "independent"):
        status = row.get(f"{side}_status")
        if isinstance(status, str):
            parts.append(f"{SIDE_LABELS[side]}: {STATUS_LABELS.get(status, status)}")
    if bool(row.get("disputed")):
        parts.append("disputed")
    return " · ".join(parts)


def claim_line(claim: pd.Series | dict, claimant_name: str) -> str:
    """One claimant's latest claim as a popup list item."""
    status = STATUS_LABELS.get(claim["status"], claim["status"])
    extent = ""
    if claim.get("extent") == "partial":
        part = claim.get("part")
        extent = (f" (partial: {bdi(part)})" if isinstance(part, str) and part
                  else " (partial)")
    enc = flag(claim.get("encircled"))
    enc_text = ""
    if enc is True:
        enc_text = " · says encircled"
    elif enc is False:
        enc_text = " · says not encircled"
    date = pd.Timestamp(claim["date"]).date().isoformat()
    age = claim.get("age_days")
    age_text = f", {int(age)} days before the selected date" if pd.notna(age) and age else ""
    since = claim.get("since")
    if since is not None and pd.notna(since):   # a map claim: the first map of that status
        age_text += f"; this status since {pd.Timestamp(since).date().isoformat()}"
    url = claim.get("source_url")
    source = bdi(claim.get("source"))
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        source = (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                  f"{source}</a>")
    sdate = claim.get("source_date")
    sdate_text = f", {pd.Timestamp(sdate).date().isoformat()}" if pd.notna(sdate) else ""
    return (
        f'<li><b>{bdi(claimant_name)}</b> <span class="fc-date">{esc(date)}{esc(age_text)}'
        f"</span><br><span class=\"fc-status fc-{esc(claim['status'])}\">{esc(status)}"
        f"{extent}{esc(enc_text)}</span><br>{bdi(claim.get('summary'))}"
        f'<br><span class="fc-source">Source: {source}{esc(sdate_text)}</span></li>'
    )


def _staleness(claims: pd.DataFrame) -> str:
    """Words for a disagreement between old claims (a reader takes a ring in 2026 about
    claims of 2023 for a current dispute), ``""`` for a recent one."""
    if "age_days" not in claims or claims.empty:
        return ""
    newest = pd.to_numeric(claims["age_days"], errors="coerce").min()
    if pd.isna(newest) or newest <= STALE_DISPUTE_DAYS:
        return ""
    return (f", but the newest of these claims is {int(newest):,} days old: an old "
            "disagreement, not necessarily a current one (hide old claims with 'Ignore "
            "claims older than')")


def popup_html(row: Row, claims: pd.DataFrame, claimant_names: dict[str, str]) -> str:
    """Popup: the settlement, then each selected claimant's latest claim, grouped by side.

    Within a side, newest first (claims of the same date keep their order in ``claims``).
    """
    head = (f"<div class=\"fc-popup\"><h4>{bdi(row.get('name'))}</h4>"
            f"<div class=\"fc-oblast\">{bdi(row.get('oblast'))} oblast</div>")
    if bool(row.get("disputed")):
        head += f'<div class="fc-disputed">The sides\' claims disagree{_staleness(claims)}</div>'
    by_side: dict[str, list[str]] = {side: [] for side in SIDES}
    newest_first = claims.sort_values("date", ascending=False, kind="stable")
    for claim in newest_first.to_dict("records"):
        if claim["side"] in by_side:
            by_side[claim["side"]].append(
                claim_line(claim, claimant_names.get(claim["claimant"], claim["claimant"])))
    body = [f"<h5>{esc(SIDE_LABELS[side])}</h5><ul>{''.join(items)}</ul>"
            for side, items in by_side.items() if items]
    if not body:
        body.append("<p>No claim from the selected claimants on or before this date.</p>")
    return head + "".join(body) + "</div>"
