"""Dates relative to a report's own: "as of December 1", "yesterday", "on Monday"."""

from __future__ import annotations

import datetime as dt
import re

from geo.text.lexicon import AS_OF, MONTH_WORDS, MONTHS, WEEKDAYS


def as_of(text: str, report: dt.date) -> dt.date | None:
    """"as of December 1", "as of Feb. 1", «станом на 1 липня» → that date (in the report's
    year, or the year before if later)."""
    m = AS_OF.search(text)
    if not m or not (m.group(1) or m.group(3)):
        return None
    month, day = MONTH_WORDS[m.group(2).lower()], int(m.group(1) or m.group(3))
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


#: The Cyrillic month names of :data:`MONTH_WORDS` (genitives: "2 жовтня", "2 октября").
_GENITIVES = [w for w in MONTH_WORDS if not w.isascii()]
_DATELINE = re.compile(
    r"\b(?:(?P<mon>" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?\s+(?P<day>\d{1,2})"
    r"(?:,?\s+(?P<year>\d{4}))?)|\b(?P<d2>\d{1,2})\s+(?P<mon2>" + "|".join(MONTHS) +
    r")\s+(?P<y2>\d{4})|\b(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yy>\d{4})\b|"
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b|"
    # a Ukrainian or Russian dateline: «2 жовтня 2024 р.», «КИЕВ, 2 октября 2024 г.»
    r"\b(?P<d3>\d{1,2})\s+(?P<mon3>" + "|".join(_GENITIVES) + r")\s+(?P<y3>\d{4})", re.I)


def document_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The report's own date from its first lines: a dateline ("KYIV, Dec 4 (Reuters)",
    "December 4, 2025", «2 жовтня 2024 р.», «2 октября 2024 г.»), "04.12.2025" or
    "2025-12-04"; ``None`` when there is none.

    A dateline without a year takes the latest year that does not put it after ``today``.
    """
    today = today or dt.date.today()
    head = text[:300]
    for m in _DATELINE.finditer(head):
        try:
            if m.group("iso"):
                return dt.date.fromisoformat(m.group("iso"))
            if m.group("d3"):
                return dt.date(int(m.group("y3")), MONTH_WORDS[m.group("mon3").lower()],
                               int(m.group("d3")))
            if m.group("dd"):
                return dt.date(int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
            if m.group("d2"):
                return dt.date(int(m.group("y2")), MONTHS[m.group("mon2").lower()],
                               int(m.group("d2")))
            month = next(v for k, v in MONTHS.items() if k.startswith(m.group("mon").lower()))
            day = int(m.group("day"))
            if m.group("year"):
                return dt.date(int(m.group("year")), month, day)
            when = dt.date(today.year, month, day)
            return when if when <= today else when.replace(year=today.year - 1)
        except ValueError:
            continue
    return None
