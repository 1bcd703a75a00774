"""``ingest telegram``: a Telegram Desktop export and a t.me/s/ preview page (served on
loopback) of MoD and DeepState posts; one claim per place named, exonyms resolved, strike
reports yield nothing, malformed messages are reported while the rest continue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from geo.cli.run import main
from geo.ingest.model import IngestContext
from geo.ingest.queue import ReviewQueue
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import ADAPTER, TelegramTarget, posts_from_preview
from geo.io.fetch import Fetcher, Policy
from geo.places.table import load_places
from tests.ingest.fakeserver import Reply, serving
from tests.ingest.fixtures import ingest_data, link

BULLETIN = ("Units of the Tsentr Group of Forces, through decisive actions, liberated the "
            "settlement of Rodinskoye in the Donetsk People's Republic. ")


def export() -> dict:
    return {"name": "MoD Russia EN", "type": "public_channel", "id": 1, "messages": [
        {"id": 101, "type": "message", "date": "2025-10-16T10:00:00",
         "date_unixtime": "1760608800",
         "text": [BULLETIN, {"type": "bold", "text": "Control has been established"},
                  " over Krasnoarmeysk. Losses were inflicted close to Grishino."]},
        {"id": 102, "type": "message", "date": "2025-10-16T12:00:00",
         "date_unixtime": "1760616000",
         "text": "Precision strikes hit energy facilities near Kupyansk and Rodinskoye."},
        {"id": "x", "type": "message", "date": "soon", "text": "broken"},
        {"id": 103, "type": "service", "date": "2025-10-16T13:00:00", "action": "pin"},
    ]}


def preview_page() -> bytes:
    def post(pid: int, when: str, body: str) -> str:
        return (f'<div class="tgme_widget_message" data-post="DeepStateUA/{pid}">'
                f'<div class="tgme_widget_message_text">{body}</div>'
                f'<a class="tgme_widget_message_date" href="https://t.me/DeepStateUA/{pid}">'
                f'<time datetime="{when}">x</time></a></div>')
    return ("<html><body>" + post(7, "2024-11-14T20:00:00+02:00",
                                  "Мапу оновлено.<br>Ворог окупував "
                                  + link("Новоселівку", 48.101, 37.502) + ".")
            + post(8, "2024-11-15T09:00:00+02:00", "Фото дня")
            + '<div class="tgme_widget_message" data-post="DeepStateUA/zz"></div>'
            + "</body></html>").encode()


def context(data: Path, store: Path) -> IngestContext:
    return IngestContext(data_dir=data, store=store,
                         fetcher=Fetcher(Policy(deadline=5), sleep=lambda s: None),
                         places=load_places(data), today=dt.date(2026, 1, 1))


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return ingest_data(tmp_path / "data"), tmp_path / "store"


def claims(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)


def test_mod_export(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    data, store = dirs
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export()), encoding="utf-8")
    report = run_adapter(ADAPTER, context(data, store), TelegramTarget(str(path), "ru_mod"))
    got = claims(data)
    mine = got[got["source_url"].str.startswith("https://t.me/")]
    # Krasnoarmeysk is Pokrovsk (the exonym), Rodinskoye is Rodynske; the strike post and
    # the places it names give nothing
    settlements = pd.read_csv(data / "settlements.csv", dtype=str)
    names = dict(zip(settlements["id"], settlements["name"], strict=True))
    assert set(mine["status"]) == {"russian"} and set(mine["date"]) == {"2025-10-16"}
    assert sorted(names[s] for s in mine["settlement_id"]) == ["Pokrovsk", "Rodynske"]
    assert set(mine["source_url"]) == {"https://t.me/mod_russia_en/101"}
    # Grishino is the village Hryshyne, never Pokrovsk; fighting near it waits for review
    queued = ReviewQueue(store).all()
    assert [(d.kind, d.place["name"]) for d in queued] == [("fighting", "Hryshyne")]
    assert report.documents_failed == 1 and "no integer id" in report.errors[0]
    assert report.documents_new == 2 and report.claims_added == 2
    again = run_adapter(ADAPTER, context(data, store), TelegramTarget(str(path), "ru_mod"))
    assert again.claims_added == 0 and again.documents_skipped == 2


def test_preview_page_over_http(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    with serving({"/s/DeepStateUA": Reply(body=preview_page())}) as server:
        report = run_adapter(ADAPTER, context(data, store),
                             TelegramTarget(server.url + "/s/DeepStateUA", "deepstate"))
    got = claims(data)
    mine = got[got["claimant"] == "deepstate"]
    assert list(mine["status"]) == ["russian"] and list(mine["date"]) == ["2024-11-14"]
    assert list(mine["source_url"]) == ["https://t.me/DeepStateUA/7"]
    assert report.documents_failed == 1  # the post without an id
    assert report.documents_new == 2      # the photo post is a document with no claim


def test_preview_parsing_keeps_line_breaks_and_permalinks() -> None:
    posts, problems = posts_from_preview(preview_page(), "page")
    assert [p.permalink for p in posts] == ["https://t.me/DeepStateUA/7",
                                            "https://t.me/DeepStateUA/8"]
    assert posts[0].text.startswith("Мапу оновлено.\nВорог") and len(problems) == 1


def test_not_telegram_is_one_line(dirs: tuple[Path, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    bad = tmp_path / "page.html"
    bad.write_text("<html>nothing here</html>", encoding="utf-8")
    code = main(["ingest", "telegram", str(bad), "--claimant", "ru_mod", "--data", str(data),
                 "--store", str(store)])
    assert code == 1 and "no Telegram posts found" in capsys.readouterr().out
    assert main(["ingest", "telegram", str(bad), "--claimant", "nobody", "--data", str(data),
                 "--store", str(store)]) == 2
    assert "unknown claimant 'nobody'" in capsys.readouterr().err
