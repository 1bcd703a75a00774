"""Marker, tooltip and popup HTML for one settlement. Every data-derived string is escaped.

The marker is a split circle: the left half shows the Russian side's claimed
status, the right half the Ukrainian side's (grey: no claim), a centre dot the
independent side's; stripes mean a partial claim ("eastern part"), a dashed ring
a claimed encirclement, a thick magenta ring a dispute between the sides.
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from geo.vocab import DISPUTED_COLOR, SIDE_LABELS, SIDES, STATUS_COLORS, STATUS_LABELS


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


def radius(population: Any) -> float:
    """Marker radius in pixels, growing with the log of the pre-war population."""
    try:
        pop = float(population)
    except (TypeError, ValueError):
        pop = math.nan
    if not math.isfinite(pop) or pop <= 0:
        return 6.0
    return round(min(12.0, 5.0 + 3.0 * math.log10(max(pop, 1000.0) / 1000.0)), 1)


def _half(cx: float, r: float, side: str, status: Any, extent: Any) -> str:
    key = status if isinstance(status, str) and status in STATUS_COLORS else "none"
    sweep = 0 if side == "left" else 1
    d = f"M{cx},{cx - r} A{r},{r} 0 0 {sweep} {cx},{cx + r} Z"
    fill = STATUS_COLORS[key]
    out = f'<path d="{d}" fill="{fill}"/>'
    if key != "none" and extent == "partial":
        out += f'<path d="{d}" fill="url(#fc-stripes)"/>'
    return out


#: The stripes of a partial claim, defined once per page (markers refer to ``#fc-stripes``).
STRIPES_DEFS = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="fc-stripes" width="4" height="4" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="2" height="4" fill="#ffffff" '
    'fill-opacity="0.7"/></pattern></defs></svg>'
)


def icon_svg(row: pd.Series, selected: bool = False) -> tuple[str, int]:
    """The split-circle SVG for a resolved row, and its size in pixels.

    Partial halves use the pattern ``#fc-stripes`` of :data:`STRIPES_DEFS`.
    """
    r = radius(row.get("population"))
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


def tooltip_html(row: pd.Series) -> str:
    """Short hover text: name, and each side's claimed status."""
    bits = []
    for side in ("ru", "ua", "independent"):
        status = row.get(f"{side}_status")
        if isinstance(status, str):
            text = f"{SIDE_LABELS[side]}: {STATUS_LABELS.get(status, status)}"
            if row.get(f"{side}_extent") == "partial":
                part = row.get(f"{side}_part")
                text += f" (partial: {part})" if isinstance(part, str) and part else " (partial)"
            day = row.get(f"{side}_date")
            if pd.notna(day):
                text += f", {pd.Timestamp(day).date().isoformat()}"
            bits.append(text)
    flag = " · <b>disputed</b>" if bool(row.get("disputed")) else ""
    lines = "<br>".join(esc(b) for b in bits) if bits else "no claim for this date"
    return f"<b>{esc(row.get('name'))}</b>{flag}<br>{lines}"


def title_text(row: pd.Series) -> str:
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


def popup_html(row: pd.Series, claims: pd.DataFrame, claimant_names: dict[str, str]) -> str:
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
