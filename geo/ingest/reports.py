"""Single-document sources: a report given as a file or a URL (plain text, or HTML whose
text is taken with a real parser), one document each.

Its key is the URL, or for a file the SHA-256 of its bytes (the same report saved twice is
taken in once). Its date is ``--date``, else the date its heading states ("as of 08:00 on
05.12.2025", «станом на 08:00 09.11.2025», "December 5, 2025"), else the run refuses it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from geo.errors import InputError
from geo.ingest.deepstate import KYIV
from geo.ingest.documents import sha256
from geo.ingest.model import Adapter, Fetched, IngestContext, Parsed
from geo.ingest.textclaims import text_claims
from geo.io.fetch import is_url

MAX_FILE_BYTES = 16 * 1024 * 1024
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_WORDS = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(\d{{1,2}}),?\s+(20\d\d)\b|\b(\d{{1,2}})\s+"
                    rf"({'|'.join(_MONTHS)})\s+(20\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ReportTarget:
    """What ``ingest genstaff|isw`` was asked to read."""

    source: str
    date: dt.date | None = None


def stated_date(text: str) -> dt.date | None:
    """The first date the report's opening states, if any."""
    head = text[:600]
    m = _NUMERIC.search(head)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        w = _WORDS.search(head)
        if w and w.group(1):
            return dt.date(int(w.group(3)), _MONTHS.index(w.group(1).lower()) + 1,
                           int(w.group(2)))
        if w:
            return dt.date(int(w.group(6)), _MONTHS.index(w.group(5).lower()) + 1,
                           int(w.group(4)))
    except ValueError:
        return None
    return None


def report_text(raw: bytes) -> str:
    """The text of a report's bytes: HTML through a real parser, else UTF-8 text."""
    text = raw.decode("utf-8-sig", "replace")
    if re.search(r"<(?:html|body|p|div)\b", text[:2000], re.IGNORECASE):
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style", "nav", "header", "footer"]):
            tag.decompose()
        return soup.get_text("\n")
    return text


def report_documents(name: str, claimant: str
                     ) -> Adapter:
    """An adapter for one-document reports of ``claimant``."""

    def documents(ctx: IngestContext, target: ReportTarget) -> Iterator[Fetched]:
        if is_url(target.source):
            got = ctx.fetcher.get(target.source, accept="text/html,text/plain")
            raw, url, key = got.body, got.final_url, f"{name}:{target.source}"
        else:
            path = Path(target.source)
            if not path.is_file():
                raise InputError(f"file not found: {target.source}")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise InputError(f"{path}: over {MAX_FILE_BYTES // 2**20} MiB: not a report")
            raw = path.read_bytes()
            url, key = "", f"{name}:sha256:{sha256(raw)}"
        text = report_text(raw)
        day = target.date or stated_date(text)
        if day is None:
            raise InputError(f"{target.source}: the report states no date in its opening. "
                             "Fix: pass --date YYYY-MM-DD")
        if not ctx.in_range(day):
            return
        when = dt.datetime.combine(day, dt.time(12), KYIV)
        yield Fetched(key=key, url=url or target.source, published=when, raw=raw,
                      meta={"text": text, "day": day.isoformat(), "url": url})

    def parse(ctx: IngestContext, fetched: Fetched) -> Parsed:
        day = fetched.meta["day"]
        source = f"{PUBLISHERS[name]} report of {day}"
        return text_claims(ctx, fetched.meta["text"], claimant, day, source,
                           fetched.meta["url"])

    return Adapter(name=name, publisher=PUBLISHERS[name], claimant=claimant,
                   documents=documents, parse=parse)


PUBLISHERS = {"genstaff": "General Staff of the Armed Forces of Ukraine",
              "isw": "Institute for the Study of War"}
GENSTAFF = report_documents("genstaff", "ua_genstaff")
ISW = report_documents("isw", "isw")
