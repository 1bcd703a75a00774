"""The "Review queue" page in AppTest, on drafts a real ingest queued
(:mod:`tests.ingest.reviewdrafts`): each card shows its evidence highlighted, the place with
its oblast, the alternatives and a source link, by source and date; a reviewer corrects a
draft's place before accepting it, rejects one, accepts two picked at once; the queue files,
the data directory and the source documents' provenance say what happened and who did it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.cli.ingest import provenance
from geo.ingest.documents import DocumentStore
from geo.ingest.queue import ReviewQueue
from tests.ingest.reviewdrafts import review_setup

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return review_setup(tmp_path_factory.mktemp("queue"))


@pytest.fixture
def page(served: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    data, store = served
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.radio(key="page").set_value("Review queue").run()
    assert not at.exception
    return at


def drafts(store: Path) -> dict[str, str]:
    """Draft id by ``name|oblast|kind`` of every pending draft."""
    return {f"{d.place['name']}|{d.place['oblast']}|{d.kind}": d.id
            for d in ReviewQueue(store).all("pending")}


def plain(text: str) -> str:
    """A message as the reader sees it (the page escapes Markdown)."""
    return text.replace("\\", "")


def claims(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)


def test_review_page_shows_corrects_and_decides(page: AppTest, served: tuple[Path, Path]
                                                ) -> None:
    data, store = served
    at = page
    text = " ".join(m.value for m in at.markdown)
    assert ":orange-background[**:orange[Novoselivka]**]" in text
    assert "[Telegram @mod\\_russia\\_en, post 501 \\(2025\\-10\\-16\\)]" \
           "(https://t.me/mod_russia_en/501)" in text
    headings = [m.value for m in at.markdown if m.value.startswith("#####")]
    assert headings == ["##### isw · 2024\\-11\\-14", "##### telegram · 2025\\-10\\-16"]
    captions = " ".join(c.value for c in at.caption)
    assert "Other places of that name: Novoselivka \\(Kharkiv, pop\\. 300\\)" in captions
    assert "Other places of that name: Dachne \\(Donetsk, pop\\. 200\\)" in captions
    ids = drafts(store)
    novo = ids["Novoselivka|Donetsk|claim"]
    labels = [c.label for c in at.checkbox]
    assert any(label.startswith("**Novoselivka \\(Donetsk, pop\\. 900\\)** · ru\\_mod says "
                                "**russian**") for label in labels), labels
    before = len(claims(data))

    # no name typed: refused, nothing written
    at.button(key=f"rq_accept_{novo}").click().run()
    assert "Type your name first" in plain(at.error[0].value)
    assert len(claims(data)) == before

    # correct the place to Kharkiv's Novoselivka, then accept
    at.text_input(key="rq_reviewer").input("Olena").run()
    at.selectbox(key=f"rq_place_{novo}").set_value("gn-1002").run()
    at.button(key=f"rq_accept_{novo}").click().run()
    assert not at.exception and "1 corrected" in plain(at.success[0].value)
    got = claims(data)
    assert len(got) == before + 1
    settlements = pd.read_csv(data / "settlements.csv", dtype=str, keep_default_na=False)
    row = got.iloc[-1]
    place = settlements[settlements["id"] == row["settlement_id"]].iloc[0]
    assert (place["geonames_id"], place["oblast"], row["claimant"], row["status"]) == (
        "1002", "Kharkiv", "ru_mod", "russian")
    draft = json.loads((store / "ingest" / "queue" / f"{novo}.json").read_text())
    assert (draft["state"], draft["decided_by"]) == ("accepted", "Olena")
    assert draft["corrections"][0] | {"place": ""} == {
        "field": "settlement_id", "from": "gn-1001", "to": "gn-1002", "place": ""}
    traced = provenance(data, store, row["id"])
    assert traced["document"]["url"] == "https://t.me/mod_russia_en/501"
    assert traced["reviewed_by"] == "Olena" and traced["corrections"][0]["to"] == "gn-1002"

    # reject the Chasiv Yar fighting draft
    ids = drafts(store)
    chasiv = ids["Chasiv Yar|Donetsk|fighting"]
    at.button(key=f"rq_reject_{chasiv}").click().run()
    assert plain(at.success[0].value) == "Rejected 1 draft(s)."
    assert ReviewQueue(store).get(chasiv).state == "rejected"
    assert len(claims(data)) == before + 1

    # pick the two fighting drafts left, correct one's status, accept both at once
    stepove, dachne = ids["Stepove|Donetsk|fighting"], ids["Dachne|Dnipropetrovsk|fighting"]
    at.checkbox(key=f"rq_pick_{stepove}").check().run()
    at.checkbox(key=f"rq_pick_{dachne}").check().run()
    at.selectbox(key=f"rq_status_{stepove}").set_value("russian").run()
    assert at.button(key="rq_accept").label == "Accept 2 picked"
    at.button(key="rq_accept").click().run()
    assert not at.exception and "Accepted 2 draft(s): 2 claim(s) written" in \
        plain(at.success[0].value)
    assert "Nothing waits for review." in at.info[0].value
    assert "python -m geo ingest" in at.info[0].value    # and where drafts come from
    got = claims(data)
    assert sorted(got["status"].iloc[-2:]) == ["contested", "russian"]
    assert ("reports fighting near Stepove. A reviewer corrected the status from contested "
            "to russian.") in " ".join(got["summary"])
    records = [c for doc in DocumentStore(store).all() for c in doc.claims]
    assert sorted(c["reviewed_by"] for c in records) == ["Olena"] * 3
    assert {s for d in ReviewQueue(store).all() for s in [d.state]} == {"accepted",
                                                                       "rejected"}
