"""The "Review queue" page once in headless Chromium, on drafts a real ingest queued in a
temporary store (:mod:`tests.ingest.reviewdrafts`): each card shows the evidence with the
place highlighted, the place with its oblast, the other places of that name and a link to
the source post, by source and date; a reviewer accepts one draft with its place corrected,
rejects one, and accepts the two left at once. Afterwards the queue files, the data
directory and the document records say what happened. ``test-artifacts/review-queue.png``
is left for a person to look at (``docs/screenshots/review-queue.png`` is a copy)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from geo.ingest.documents import DocumentStore
from geo.ingest.queue import ReviewQueue
from tests.browser.conftest import ROOT, Server, run_server
from tests.ingest.reviewdrafts import review_setup

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
LONG = 60_000


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path, Path]]:
    root = tmp_path_factory.mktemp("review-queue")
    data, store = review_setup(root)
    env = {"FRONTLINE_TILES": "none", "FRONTLINE_STORE": str(store)}
    with run_server(data, root / "streamlit.log", env=env, timeout=120) as server:
        yield server, data, store


def card(page, store: Path, name: str):
    """The card of the pending draft about the place ``name``."""
    draft = next(d for d in ReviewQueue(store).all("pending") if d.place["name"] == name)
    return page.locator(f".st-key-rq_card_{draft.id}")


def test_review_queue_in_chromium(served, open_page) -> None:
    server, data, store = served
    watched = open_page(server.url)
    page = watched.page
    page.get_by_text("Frontline Claims").first.wait_for(timeout=LONG)   # the first run drawn
    waiting = page.get_by_text("4 draft(s) waiting, by source and date.")
    for _ in range(3):   # a click while the first run still draws can be lost: click again
        page.get_by_text("Review queue", exact=True).click()
        try:
            waiting.wait_for(timeout=LONG / 3)
            break
        except PlaywrightTimeout:
            continue
    waiting.wait_for(timeout=LONG)
    before = len(pd.read_csv(data / "claims.csv"))

    # what a reviewer needs, in the browser
    novo = card(page, store, "Novoselivka")
    mark = novo.locator(".stMarkdownColoredBackground", has_text="Novoselivka")
    assert mark.count() == 1
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert novo.get_by_role("link", name="Telegram @mod_russia_en, post 501 (2025-10-16)"
                            ).get_attribute("href") == "https://t.me/mod_russia_en/501"
    assert novo.get_by_text("Other places of that name: Novoselivka (Kharkiv, pop. 300)"
                            ).count() == 1
    headings = page.locator("h5").all_inner_texts()
    assert headings == ["isw · 2024-11-14", "telegram · 2025-10-16"]
    ARTIFACTS.mkdir(exist_ok=True)
    novo.evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))

    page.get_by_label("Your name (recorded with each decision)").fill("Olena")
    page.get_by_label("Your name (recorded with each decision)").press("Enter")
    # accept one, its place corrected to Kharkiv's Novoselivka
    place = novo.get_by_role("combobox", name="Place")
    place.click()
    page.get_by_role("option", name="Novoselivka (Kharkiv, pop. 300)").click()
    expect(place).to_have_value("Novoselivka (Kharkiv, pop. 300)", timeout=LONG)
    novo.get_by_role("button", name="Accept").click()
    page.get_by_text("Accepted 1 draft(s): 1 claim(s) written, 0 already in the data, "
                     "1 corrected.").wait_for(timeout=LONG)

    # reject one
    card(page, store, "Chasiv Yar").get_by_role("button", name="Reject").click()
    page.get_by_text("Rejected 1 draft(s).").wait_for(timeout=LONG)

    # accept the two left at once
    page.get_by_text("2 draft(s) waiting, by source and date.").wait_for(timeout=LONG)
    page.get_by_role("button", name="Pick all shown").click()
    page.get_by_role("button", name="Accept 2 picked").click()
    page.get_by_text("Accepted 2 draft(s): 2 claim(s) written").wait_for(timeout=LONG)
    page.get_by_text("Nothing waits for review.").wait_for(timeout=LONG)

    queue = {p.stem: json.loads(p.read_text()) for p in (store / "ingest" / "queue").glob(
        "*.json")}
    assert sorted(d["state"] for d in queue.values()) == ["accepted"] * 3 + ["rejected"]
    assert {d["decided_by"] for d in queue.values()} == {"Olena"}
    claims = pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)
    assert len(claims) == before + 3
    settlements = pd.read_csv(data / "settlements.csv", dtype=str, keep_default_na=False)
    added = settlements[settlements["id"].isin(claims["settlement_id"].iloc[-3:])]
    assert sorted(added["geonames_id"]) == ["1002", "1003", "2004"]
    assert [c["corrections"][0]["to"] for d in DocumentStore(store).all() for c in d.claims
            if c["corrections"]] == ["gn-1002"]
    assert not ReviewQueue(store).all("pending")
    assert not watched.errors and not watched.dialogs and not watched.foreign
