"""The one way the scorecard's figures are written for a reader (the Reliability page, the
summary under the map, the CLI table); the JSON and CSV keep the exact numbers.

* **Days** (median and quartile leads): a whole number as is, anything else to one decimal
  (a median of two leads is often a half: 38.5 stays 38.5, never 38 in one place and 39 in
  another), halves away from zero; zero is ``0``, never ``-0``.
* **Shares**: whole percents, with the claims behind them, those **old enough** for the
  share ("15% of 39 old enough": claims that had the days, open ones included); a share of
  fewer than :data:`MIN_CLAIMS` such claims says so ("100% of 2 old enough, too few for a
  rate").
* **Judged** means one thing wherever a figure says it (:data:`JUDGED`): the reference has
  ruled on the claim either way (confirmed, reversed or never shown); an **open** claim is
  not judged, however old (the scorecard's ``judged`` column: "9 of 39 claims judged").
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

#: Written for a figure that does not exist (no confirmed claim, no claim old enough).
NONE = "—"
#: A share resting on fewer claims old enough than this is shown with the words that it is too few.
MIN_CLAIMS = 10
#: ... those words.
TOO_FEW = f"too few for a rate (under {MIN_CLAIMS})"
#: What "judged" means, in the words every caption uses.
JUDGED = ("a claim is judged once the reference has ruled on it either way (shown, shown "
          "then reversed, or never shown while it kept the opposite); an open claim, one it "
          "has not shown either way yet, is not judged however old it is")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _half_up(value: float, step: str) -> float:
    """``value`` to ``step``, halves away from zero (2.25 → 2.3, 62.5 → 63), as a reader
    rounds (Python's ``round`` sends halves to the even digit)."""
    return float(Decimal(repr(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP))


def days(value: Any, sign: bool = False) -> str:
    """A lead in days by the rule above (``sign``: ``+38.5`` for a positive one)."""
    if _missing(value):
        return NONE
    rounded = _half_up(float(value), "0.1")
    if rounded == 0:
        return "0"
    text = f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"
    return f"+{text}" if sign and rounded > 0 else text


def percent(share: Any) -> str:
    """A share (0..1) as a whole percent."""
    return NONE if _missing(share) else f"{_half_up(float(share) * 100, '1'):.0f}%"


def share_of(share: Any, old_enough: Any) -> str:
    """``40% of 12 old enough``: a share and the claims behind it (those that had the days;
    ``100% of 2 old enough, too few for a rate (under 10)`` below :data:`MIN_CLAIMS`)."""
    if _missing(old_enough) or int(old_enough) == 0:
        return "none old enough yet"
    few = f", {TOO_FEW}" if int(old_enough) < MIN_CLAIMS else ""
    return f"{percent(share)} of {int(old_enough)} old enough{few}"

