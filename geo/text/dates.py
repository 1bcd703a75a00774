"""Dates relative to a report's own: "as of December 1", "yesterday", "on Monday"."""

from __future__ import annotations

import datetime as dt
import re

from geo.text.lexicon import AS_OF, MONTHS, WEEKDAYS


def as_of(text: str, report: dt.date) -> dt.date | None:
    """"as of December 1" → that date (in the report's year, or the year before if later)."""
    m = AS_OF.search(text)
    if not m or not (m.group(1) or m.group(3)):
        return None
    month, day = MONTHS[m.group(2).lower()], int(m.group(1) or m.group(3))
    year = int(m.group(4)) if m.group(4) else report.year
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    return when.replace(year=year - 1) if when > report and not m.group(4) else when


def claim_date(text: str, report: dt.date) -> dt.date:
    """The day a clause's claim was made: "yesterday", "on Monday", else the report's date."""
    low = text.lower()
    if "yesterday" in low:
        return report - dt.timedelta(days=1)
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\bon {name}\b", low):
            back = (report.weekday() - weekday) % 7
            return report - dt.timedelta(days=back)
    return report
