"""A disagreement between old claims says so in the popup (a new user's review: Bakhmut in
2026 showed "The sides' claims disagree" on claims about 1,000 days old, read as current)."""

from __future__ import annotations

import pandas as pd

from geo.render.markers import STALE_DISPUTE_DAYS, popup_html

ROW = {"name": "Bakhmut", "oblast": "Donetsk", "disputed": True}


def claims(*ages: int) -> pd.DataFrame:
    return pd.DataFrame([{"status": status, "extent": "full", "part": "", "encircled": "",
                          "date": pd.Timestamp("2023-05-20"), "age_days": age, "since": None,
                          "source_url": "", "source": "Wire", "source_date": None,
                          "summary": "s", "side": side, "claimant": claimant}
                         for age, (status, side, claimant) in
                         zip(ages, [("russian", "ru", "ru_mod"),
                                    ("contested", "ua", "ua_military")], strict=False)])


def test_an_old_disagreement_is_said_to_be_old() -> None:
    html = popup_html(ROW, claims(1002, 999), {})
    assert "The sides' claims disagree, but the newest of these claims is 999 days old" in html


def test_a_recent_disagreement_reads_as_before() -> None:
    html = popup_html(ROW, claims(400, STALE_DISPUTE_DAYS), {})
    assert "The sides' claims disagree</div>" in html
    assert "days old" not in html
