"""DeepState's own area figures for one update (``/api/history/{id}/areas``), checked.

The response is a list of ``{"type", "area" (km²), "percent", "hash"}``. Each figure's
percent must agree with its area over Ukraine's 603,628 km² (within
:data:`PERCENT_TOLERANCE` points); one that does not is refused and reported, and so is a
figure that is negative or larger than Ukraine. From the figures that pass come DeepState's
territory claims: Russian-held in all (after plus before 24 Feb 2022), and the grey zone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from geo.vocab import UKRAINE_AREA_KM2

#: Largest gap (percentage points) between a stated percent and area / 603,628 km².
PERCENT_TOLERANCE = 0.05
AFTER, BEFORE, GREY = "occupied_after_24_02_2022", "occupied_to_24_02_2022", "unspecified"


@dataclass
class AreaFigures:
    """The checked figures of one update (km² and percent per type) and what was refused."""

    km2: dict[str, float] = field(default_factory=dict)
    pct: dict[str, float] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    @property
    def russian_held(self) -> tuple[float, float] | None:
        """(km², percent) held by Russia after and before 24 Feb 2022, when both passed."""
        if AFTER in self.km2 and BEFORE in self.km2:
            return (self.km2[AFTER] + self.km2[BEFORE], self.pct[AFTER] + self.pct[BEFORE])
        return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().rstrip("%").replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def parse_areas(raw: bytes, where: str) -> AreaFigures:
    """Check every figure of an areas response; the refused ones are listed, not raised."""
    out = AreaFigures()
    try:
        items = json.loads(raw)
    except (ValueError, RecursionError):
        out.refused.append(f"{where}: not valid JSON; no area figures taken")
        return out
    if not isinstance(items, list):
        out.refused.append(f"{where}: expected a list of area figures; none taken")
        return out
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            out.refused.append(f"{where} item {i}: not a figure with a type; skipped")
            continue
        kind = item["type"]
        area, pct = _number(item.get("area")), _number(item.get("percent"))
        if area is None or pct is None:
            out.refused.append(f"{where} {kind}: area {item.get('area')!r} / percent "
                               f"{item.get('percent')!r} is not a number; refused")
            continue
        expected = area / UKRAINE_AREA_KM2 * 100
        if not 0 <= area <= UKRAINE_AREA_KM2 or abs(expected - pct) > PERCENT_TOLERANCE:
            out.refused.append(
                f"{where} {kind}: {area:,.1f} km² is {expected:.2f}% of "
                f"{UKRAINE_AREA_KM2:,.0f} km², but the figure says {pct:g}%; refused as "
                "inconsistent")
            continue
        out.km2[kind], out.pct[kind] = area, pct
    return out
