"""Marker text escaped once and data text isolated (issue 14.10): a title read aloud has
no ``&quot;``, and an unbalanced right-to-left override in a name, a summary or a source
ends with its own element instead of reversing the page's words after it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from geo.render.escape import FSI, PDI, bdi, isolate
from geo.render.markers import claim_line, popup_html, title_text, tooltip_html, tooltip_words

RLO = "\u202e"
ROW: Mapping[Hashable, Any] = {
    "name": f'Alpha "{RLO}Override', "oblast": f"Donetsk{RLO}", "disputed": True,
    "ru_status": "russian", "ru_extent": "partial", "ru_part": f"east{RLO}",
    "ru_date": pd.Timestamp("2025-01-01"), "ua_status": "contested"}


def _outside_bdi(html: str) -> str:
    return re.sub(r"<bdi>.*?</bdi>", "", html)


def test_title_is_escaped_nowhere_and_isolated() -> None:
    title = title_text(ROW)
    assert "&quot;" not in title and "&#" not in title and "&amp;" not in title
    assert title.startswith(f'{FSI}Alpha "{RLO}Override{PDI}')
    assert title.endswith("· disputed")


def test_tooltip_isolates_the_name_and_the_part() -> None:
    html = tooltip_html(ROW)
    assert "<b><bdi>Alpha &quot;\u202eOverride</bdi></b>" in html
    assert "<bdi>east\u202e</bdi>" in html
    assert RLO not in _outside_bdi(html)          # every override inside an isolate
    assert "&amp;" not in html                    # escaped once


def test_canvas_tooltip_templates_isolate_too() -> None:
    words = tooltip_words()
    assert "<bdi>{name}</bdi>" in words["head"] and "<bdi>{part}</bdi>" in words["part"]


def test_popup_isolates_every_data_text() -> None:
    claim = {"status": "russian", "extent": "partial", "part": f"west{RLO}", "encircled": "",
             "date": pd.Timestamp("2025-01-01"), "age_days": 3, "since": None,
             "source_url": "https://example.org/a", "source": f"Wire{RLO}",
             "source_date": pd.Timestamp("2025-01-01"), "summary": f"Said {RLO}so",
             "side": "ru", "claimant": "ru_mod"}
    line = claim_line(claim, f"MoD{RLO}")
    assert RLO not in _outside_bdi(line)
    for text in (f"MoD{RLO}", f"Said {RLO}so", f"Wire{RLO}", f"west{RLO}"):
        assert f"<bdi>{text}</bdi>" in line
    popup = popup_html(ROW, pd.DataFrame([claim]), {"ru_mod": f"MoD{RLO}"})
    assert RLO not in _outside_bdi(popup)
    assert "&amp;quot;" not in popup


def test_isolation_helpers() -> None:
    assert bdi("<b>") == "<bdi>&lt;b&gt;</bdi>" and bdi(None) == "" and bdi("") == ""
    assert isolate("x") == f"{FSI}x{PDI}" and isolate(float("nan")) == ""
    assert dt.date(2025, 1, 1).isoformat() in tooltip_html(ROW)
