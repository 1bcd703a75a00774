"""Codec between the :class:`~geo.claims.state.PageState` and URL query parameters.

Parameters: ``date`` (ISO), ``claimants`` (comma-separated ids), ``status``
(comma-separated statuses, ``none`` = no claim), ``disputed`` (``1``),
``settlement`` (id: the selected place), ``max_age`` (days: older claims are ignored),
``control`` (``0``: control map hidden), ``change`` (``1``: the change between two
control maps drawn on the map), ``compare`` (ISO: the compare-from date). Invalid values
are dropped with a notice that names the parameter but never repeats its value
(nothing from the URL is reflected).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from geo.claims.state import PageState
from geo.vocab import FILTER_STATUSES

PARAMS = ("date", "claimants", "status", "disputed", "settlement", "max_age", "control",
          "change", "compare")
MAX_AGE_LIMIT = 36_500
MAX_PARAM_LENGTH = 2000


@dataclass(frozen=True)
class Universe:
    """The valid values, from the loaded data (orders are canonical)."""

    claimants: tuple[str, ...]
    settlements: Collection[str]
    first: dt.date
    last: dt.date

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
    return PageState(date, claimants, statuses, disputed, settlement, max_age, control,
                     change, compare), notices


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
    return out
