"""Marker, tooltip and popup HTML for one settlement. Every data-derived string is escaped.

The marker is a split circle: the left half shows the Russian side's claimed
status, the right half the Ukrainian side's (grey: no claim), a centre dot the
independent side's; stripes mean a partial claim ("eastern part"), a dashed ring
a claimed encirclement, a thick magenta ring a dispute between the sides.
"""

from __future__ import annotations

import html
import math
from collections.abc import Hashable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from geo.render.elements import asset
from geo.vocab import DISPUTED_COLOR, SIDE_LABELS, SIDES, STATUS_COLORS, STATUS_LABELS

#: One resolved settlement: a row of :func:`geo.claims.index.resolve` or its ``to_dict`` record.
Row: TypeAlias = pd.Series | Mapping[Hashable, Any]


def esc(value: Any) -> str:
    """HTML-escape ``value`` and neutralize characters special in JS template literals.

    Safe in element content, quoted attributes, and inside backtick strings
    (backtick, ``$`` and backslash become character references).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


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
    if bool(row.get("disputed")):
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + 3.5}" fill="none" '
                     f'stroke="{DISPUTED_COLOR}" stroke-width="3"/>')
    if selected:
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + 5}" fill="none" stroke="#000" '
                     'stroke-width="1.5"/>')
    parts.append(_half(c, r, "left", row.get("ru_status"), row.get("ru_extent")))
    parts.append(_half(c, r, "right", row.get("ua_status"), row.get("ua_extent")))
    parts.append(f'<line x1="{c}" y1="{c - r}" x2="{c}" y2="{c + r}" stroke="#fff" '
                 'stroke-width="1"/>')
    parts.append(f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#333" '
                 'stroke-width="1"/>')
    if any(flag(row.get(f"{s}_encircled")) for s in SIDES):
        parts.append(f'<circle cx="{c}" cy="{c}" r="{r + 1.5}" fill="none" stroke="#111" '
                     'stroke-width="1.5" stroke-dasharray="2 2"/>')
    ind = row.get("independent_status")
    if isinstance(ind, str) and ind in STATUS_COLORS:
        parts.append(f'<circle cx="{c}" cy="{c}" r="{max(2.5, r / 3):.1f}" '
                     f'fill="{STATUS_COLORS[ind]}" stroke="#fff" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts), size


#: The hover text's wording, the one source for DOM markers (:func:`tooltip_html`) and the
#: canvas (``static/canvas.js`` fills the same templates, see :func:`tooltip_words`).
#: ``{key}`` placeholders; "head", "disputed" and "sep" are HTML, the others plain text.
TOOLTIP = {
    "head": "<b>{name}</b>{disputed}<br>{lines}",
    "disputed": " · <b>disputed</b>",
    "sep": "<br>",
    "none": "no claim for this date",
    "claim": "{side}: {status}",
    "part": " (partial: {part})",
    "partial": " (partial)",
    "day": ", {day}",
}
_TOOLTIP_HTML = ("head", "disputed", "sep")


def tooltip_words() -> dict[str, str]:
    """:data:`TOOLTIP` as the browser fills it: with escaped values, into escaped text."""
    return {key: text if key in _TOOLTIP_HTML else esc(text) for key, text in TOOLTIP.items()}


def tooltip_html(row: Row) -> str:
    """Short hover text: name, and each side's claimed status."""
    lines = []
    for side in ("ru", "ua", "independent"):
        status = row.get(f"{side}_status")
        if isinstance(status, str):
            text = TOOLTIP["claim"].format(side=SIDE_LABELS[side],
                                           status=STATUS_LABELS.get(status, status))
            if row.get(f"{side}_extent") == "partial":
                part = row.get(f"{side}_part")
                text += (TOOLTIP["part"].format(part=part) if isinstance(part, str) and part
                         else TOOLTIP["partial"])
            day = row.get(f"{side}_date")
            if pd.notna(day):
                text += TOOLTIP["day"].format(day=pd.Timestamp(day).date().isoformat())
            lines.append(esc(text))
    return TOOLTIP["head"].format(
        name=esc(row.get("name")),
        disputed=TOOLTIP["disputed"] if bool(row.get("disputed")) else "",
        lines=TOOLTIP["sep"].join(lines) if lines else TOOLTIP["none"])


def title_text(row: Row) -> str:
    """Plain-text accessible name of a marker (escaped, as it is set as an attribute)."""
    parts = [str(row.get("name"))]
    for side in ("ru", "ua", "independent"):
        status = row.get(f"{side}_status")
        if isinstance(status, str):
            parts.append(f"{SIDE_LABELS[side]}: {STATUS_LABELS.get(status, status)}")
    if bool(row.get("disputed")):
        parts.append("disputed")
    return esc(" · ".join(parts))


def claim_line(claim: pd.Series | dict, claimant_name: str) -> str:
    """One claimant's latest claim as a popup list item."""
    status = STATUS_LABELS.get(claim["status"], claim["status"])
    extent = ""
    if claim.get("extent") == "partial":
        part = claim.get("part")
        extent = f" (partial: {part})" if isinstance(part, str) and part else " (partial)"
    enc = flag(claim.get("encircled"))
    enc_text = ""
    if enc is True:
        enc_text = " · says encircled"
    elif enc is False:
        enc_text = " · says not encircled"
    date = pd.Timestamp(claim["date"]).date().isoformat()
    age = claim.get("age_days")
    age_text = f", {int(age)} days before the selected date" if pd.notna(age) and age else ""
    url = claim.get("source_url")
    source = esc(claim.get("source"))
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        source = (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                  f"{source}</a>")
    sdate = claim.get("source_date")
    sdate_text = f", {pd.Timestamp(sdate).date().isoformat()}" if pd.notna(sdate) else ""
    return (
        f'<li><b>{esc(claimant_name)}</b> <span class="fc-date">{esc(date)}{esc(age_text)}'
        f"</span><br><span class=\"fc-status fc-{esc(claim['status'])}\">{esc(status)}"
        f"{esc(extent)}{esc(enc_text)}</span><br>{esc(claim.get('summary'))}"
        f'<br><span class="fc-source">Source: {source}{esc(sdate_text)}</span></li>'
    )


def popup_html(row: Row, claims: pd.DataFrame, claimant_names: dict[str, str]) -> str:
    """Popup: the settlement, then each selected claimant's latest claim, grouped by side.

    Within a side, newest first (claims of the same date keep their order in ``claims``).
    """
    head = (f"<div class=\"fc-popup\"><h4>{esc(row.get('name'))}</h4>"
            f"<div class=\"fc-oblast\">{esc(row.get('oblast'))} oblast</div>")
    if bool(row.get("disputed")):
        head += '<div class="fc-disputed">The sides\' claims disagree</div>'
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
