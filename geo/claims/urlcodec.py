"""Codec between the :class:`~geo.claims.state.PageState` and URL query parameters.

Parameters: ``date`` (ISO), ``claimants`` (comma-separated ids), ``status``
(comma-separated statuses, ``none`` = no claim), ``disputed`` (``1``),
``settlement`` (id: the selected place), ``max_age`` (days: older claims are ignored),
``control`` (``0``: control map hidden), ``change`` (``1``: the change between two
control maps drawn on the map), ``compare`` (ISO: the compare-from date), ``center``
(``lat,lon`` in degrees) and ``zoom`` (a whole number, :data:`MIN_ZOOM` to :data:`MAX_ZOOM`):
where the reader left the map, the centre rounded to what a pixel at that zoom needs
(:func:`center_text`); ``page`` (:data:`PAGES`: the page of the dashboard, absent for the
Map). Invalid values
are dropped with a notice that names the parameter but never repeats its value
(nothing from the URL is reflected).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from geo.claims.state import PageState
from geo.vocab import FILTER_STATUSES

PARAMS = ("date", "claimants", "status", "disputed", "settlement", "max_age", "control",
          "change", "compare", "center", "zoom")
#: The zooms the map allows (:func:`geo.render.base_map` uses the same bounds).
MIN_ZOOM, MAX_ZOOM = 4, 16
#: A centre's zoom when the link gives none (the zoom showing all of Ukraine).
DEFAULT_ZOOM = 6
_DEGREES = re.compile(r"-?\d{1,3}(\.\d{1,8})?")
MAX_AGE_LIMIT = 36_500
#: The dashboard's pages (their titles, as the sidebar names them) → their ``page=`` value;
#: the first, the Map, is the default and never written.
PAGES = {"Map": "map", "Add claims": "add-claims", "Review queue": "review-queue",
         "Sources": "sources", "Reliability": "reliability"}
MAX_PARAM_LENGTH = 2000


@dataclass(frozen=True)
class Universe:
    """The valid values, from the loaded data (orders are canonical)."""

    claimants: tuple[str, ...]
    settlements: Collection[str]
    first: dt.date
    last: dt.date
    #: other ids of a settlement (a curated place's ``gn-<geonameid>``) → its id
    aliases: Mapping[str, str] = field(default_factory=dict)

    def default(self) -> PageState:
        """Latest date, every claimant, every status."""
        return PageState(date=self.last, claimants=self.claimants)


def _one(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def _ids(text: str, valid: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    wanted = {t.strip() for t in text.split(",") if t.strip()}
    kept = tuple(v for v in valid if v in wanted)
    return kept, len(kept) != len(wanted)


def _iso_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date; None for anything else."""
    text = text.strip()
    if len(text) != 10:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _flag(raw: str | None, key: str, default: bool, notices: list[str]) -> bool:
    """``1``/``0`` as a bool; anything else keeps ``default`` with a notice."""
    if raw is None:
        return default
    if raw in ("1", "0"):
        return raw == "1"
    notices.append(f"Ignored the link's '{key}' parameter (use 1 or 0).")
    return default


def center_decimals(zoom: int) -> int:
    """Decimals of a centre that keep it within half a pixel at ``zoom`` (2 at zoom 4-7,
    3 at 8-10, 4 at 11-13, 5 above): Web Mercator spans 360 degrees in 256 * 2**zoom px."""
    return max(2, math.ceil(math.log10(256 * 2**zoom / 360)))


def center_text(center: tuple[float, float], zoom: int | None) -> str:
    """``lat,lon`` rounded for ``zoom`` (:func:`center_decimals`), trailing zeros dropped."""
    places = center_decimals(DEFAULT_ZOOM if zoom is None else zoom)
    texts = (f"{round(v, places) + 0.0:.{places}f}" for v in center)  # + 0.0: no "-0"
    return ",".join(t.rstrip("0").rstrip(".") for t in texts)


def _center(text: str) -> tuple[float, float] | None:
    """``lat,lon`` in degrees (plain decimals: no exponent, NaN or infinity); None if not."""
    parts = text.split(",")
    if len(parts) != 2 or not all(_DEGREES.fullmatch(p.strip()) for p in parts):
        return None
    lat, lon = (float(p) for p in parts)
    return (lat, lon) if -85 <= lat <= 85 and -180 <= lon <= 180 else None


def _map_view(raw: Mapping[str, str | None], notices: list[str]
              ) -> tuple[tuple[float, float] | None, int | None]:
    """The link's map centre and zoom (each None when absent or invalid, with a notice)."""
    center, zoom = None, None
    if raw.get("center"):
        center = _center(str(raw["center"]))
        if center is None:
            notices.append("Ignored the link's 'center' parameter (use latitude,longitude "
                           "in degrees, e.g. 48.6,31.5).")
    text = (raw.get("zoom") or "").strip()
    if text:
        if text.isascii() and text.isdigit() and MIN_ZOOM <= int(text) <= MAX_ZOOM:
            zoom = int(text)
        else:
            notices.append(f"Ignored the link's 'zoom' parameter (use a whole number from "
                           f"{MIN_ZOOM} to {MAX_ZOOM}).")
    return center, zoom


def decode(
    params: Mapping[str, str | list[str]], universe: Universe
) -> tuple[PageState, list[str]]:
    """The page state from query parameters; unknown or invalid values fall back to defaults.

    Returns the state and a list of plain-text notices, one per ignored value.
    """
    state = universe.default()
    notices: list[str] = []
    raw = {k: _one(params.get(k)) for k in PARAMS}
    for key, value in raw.items():
        if value is not None and len(value) > MAX_PARAM_LENGTH:
            notices.append(f"Ignored the link's '{key}' parameter: it is too long.")
            raw[key] = None

    date, claimants, statuses = state.date, state.claimants, state.statuses
    settlement, max_age, compare = None, None, None
    if raw["date"]:
        parsed = _iso_date(raw["date"])
        if parsed is None:
            notices.append("Ignored the link's 'date' parameter: not a date (use YYYY-MM-DD).")
        elif not universe.first <= parsed <= universe.last:
            notices.append(
                f"Ignored the link's 'date' parameter: outside the data's range "
                f"({universe.first} to {universe.last})."
            )
        else:
            date = parsed
    if raw["claimants"] is not None:
        kept, dropped = _ids(raw["claimants"], universe.claimants)
        if dropped:
            notices.append("Ignored unknown claimant id(s) in the link's 'claimants' parameter.")
        if kept:
            claimants = kept
        elif raw["claimants"].strip():
            notices.append("No known claimant in the link; showing all claimants.")
        else:
            claimants = ()
    if raw["status"] is not None:
        kept, dropped = _ids(raw["status"], FILTER_STATUSES)
        if dropped:
            notices.append("Ignored unknown value(s) in the link's 'status' parameter "
                           f"(use {', '.join(FILTER_STATUSES)}).")
        statuses = kept if kept or not raw["status"].strip() else statuses
    disputed = _flag(raw["disputed"], "disputed", False, notices)
    if raw["settlement"]:
        if raw["settlement"] in universe.settlements:
            settlement = raw["settlement"]
        elif raw["settlement"] in universe.aliases:
            settlement = universe.aliases[raw["settlement"]]
        else:
            notices.append("Ignored the link's 'settlement' parameter: unknown settlement id.")
    if raw["max_age"]:
        text = raw["max_age"].strip()
        # ASCII digits only: str.isdigit() also accepts '¹' or '٣', which int() refuses
        if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_AGE_LIMIT:
            max_age = int(text)
        else:
            notices.append("Ignored the link's 'max_age' parameter (use a number of days).")
    control = _flag(raw["control"], "control", True, notices)
    change = _flag(raw["change"], "change", False, notices)
    if raw["compare"]:
        parsed = _iso_date(raw["compare"])
        if parsed is None:
            notices.append("Ignored the link's 'compare' parameter: not a date "
                           "(use YYYY-MM-DD).")
        elif parsed > date:
            notices.append("Ignored the link's 'compare' parameter: after the date shown.")
        else:
            compare = parsed
    center, zoom = _map_view(raw, notices)
    return PageState(date, claimants, statuses, disputed, settlement, max_age, control,
                     change, compare, center, zoom), notices


def decode_page(params: Mapping[str, str | list[str]]) -> tuple[str, list[str]]:
    """The page a link opens (a title of :data:`PAGES`; the Map when absent) and a notice
    when its ``page`` value is none of them (the value is not repeated)."""
    raw = (_one(params.get("page")) or "").strip().lower()
    if not raw:
        return "Map", []
    for title, slug in PAGES.items():
        if raw == slug:
            return title, []
    return "Map", [f"Ignored the link's 'page' parameter (use one of {', '.join(PAGES.values())})."]


def encode_page(page: str) -> dict[str, str]:
    """The ``page`` parameter of ``page`` (none for the Map or an unknown title)."""
    slug = PAGES.get(page)
    return {"page": slug} if slug and page != "Map" else {}


def encode(state: PageState, universe: Universe) -> dict[str, str]:
    """Query parameters for ``state``; values equal to the defaults are left out, except date."""
    default = universe.default()
    out = {"date": state.date.isoformat()}
    if tuple(state.claimants) != default.claimants:
        out["claimants"] = ",".join(state.claimants)
    if tuple(state.statuses) != default.statuses:
        out["status"] = ",".join(state.statuses)
    if state.disputed_only:
        out["disputed"] = "1"
    if state.settlement:
        out["settlement"] = state.settlement
    if state.max_age_days:
        out["max_age"] = str(state.max_age_days)
    if not state.control_map:
        out["control"] = "0"
    if state.show_change:
        out["change"] = "1"
    if state.compare_from is not None:
        out["compare"] = state.compare_from.isoformat()
    if state.center is not None:
        out["center"] = center_text(state.center, state.zoom)
    if state.zoom is not None:
        out["zoom"] = str(state.zoom)
    return out
