"""A review queue of a few drafts, filled the way a live run fills it: a Telegram export of
our own MoD-style posts (permalinks, so each draft has a source link) and an ISW-style
report through the real adapters, over the tiny places table of :mod:`tests.ingest.fixtures`.

The drafts (by source, then date): MoD, 2025-10-16: Novoselivka liberated (two places of
that name, no region named: the larger, with Kharkiv's as alternative), fighting close
to Stepove and Dachne (the Dachne nearer Stepove, Dnipropetrovsk's, with Donetsk's as
alternative); ISW, 2024-11-14: fighting near Chasiv Yar.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from geo.ingest.model import IngestContext
from geo.ingest.reports import ISW, ReportTarget
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import ADAPTER, TelegramTarget
from geo.io.fetch import Fetcher
from geo.places.table import load_places
from tests.ingest.fixtures import ingest_data

POSTS = [
    "Units of the Yug Group of Forces, acting decisively, liberated the settlement of "
    "Novoselivka.",
    "Enemy assault groups were repulsed close to Stepove and Dachne.",
]
REPORT = ("Russian Offensive Campaign Assessment, November 14, 2024\n\nRussian forces "
          "attacked near Chasiv Yar on November 13 and 14.")


def export() -> dict:
    return {"name": "MoD EN", "type": "public_channel", "id": 1, "messages": [
        {"id": 501 + i, "type": "message", "date": f"2025-10-16T1{i}:00:00",
         "date_unixtime": str(1760608800 + 3600 * i), "text": text}
        for i, text in enumerate(POSTS)]}


def review_setup(root: Path) -> tuple[Path, Path]:
    """(data directory, store) with the drafts above pending and nothing accepted yet."""
    data, store = ingest_data(root / "data"), root / "store"
    posts, report = root / "result.json", root / "isw.txt"
    posts.write_text(json.dumps(export()), encoding="utf-8")
    report.write_text(REPORT, encoding="utf-8")
    ctx = IngestContext(data_dir=data, store=store, fetcher=Fetcher(),
                        places=load_places(data), today=dt.date(2026, 1, 1),
                        auto_accept=0.99)
    for adapter, target in ((ADAPTER, TelegramTarget(str(posts), "ru_mod")),
                            (ISW, ReportTarget(str(report)))):
        report_ = run_adapter(adapter, ctx, target)
        assert not report_.errors and report_.claims_added == 0, report_.lines()
    return data, store
