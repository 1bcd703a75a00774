"""``ingest telegram https://t.me/s/<channel> --since D``: the preview page shows the newest
posts only, so the older ones are read by following ``?before=<oldest id>`` back to D, one
request a host interval apart, at most ``--pages`` pages (reported when it stops short); a
failing older page leaves the newer posts taken in. Served on loopback in the preview's
shape: 15 posts, 5 a page (the real page holds ~20), one a day from 1 October 2025."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.cli.run import main
from geo.ingest.deepstate import KYIV
from geo.ingest.model import IngestContext
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import ADAPTER, TelegramTarget, before_url
from geo.io.fetch import Fetcher, Policy
from geo.places.table import load_places
from tests.ingest.fakeserver import Reply, serving
from tests.ingest.fixtures import ingest_data

START = dt.datetime(2025, 10, 1, tzinfo=KYIV)


def when(pid: int) -> dt.datetime:
    return START + dt.timedelta(days=pid - 1)


def page(first: int, last: int) -> Reply:
    posts = "".join(
        f'<div class="tgme_widget_message" data-post="chan/{i}">'
        f'<div class="tgme_widget_message_text">Summary number {i} of the day.</div>'
        f'<a class="tgme_widget_message_date" href="https://t.me/chan/{i}">'
        f'<time datetime="{when(i).isoformat()}">t</time></a></div>'
        for i in range(first, last + 1))  # oldest first, as the preview shows them
    return Reply(body=f"<html><body>{posts}</body></html>".encode())


ROUTES = {"/s/chan": page(11, 15), "/s/chan?before=11": page(6, 10),
          "/s/chan?before=6": page(1, 5)}


@pytest.fixture
def run(tmp_path: Path):
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    waits: list[float] = []

    def _run(routes: dict, since: dt.date | None, pages: int = 20):
        with serving(routes) as server:
            ctx = IngestContext(
                data_dir=data, store=store, places=load_places(data), since=since,
                fetcher=Fetcher(Policy(deadline=5, attempts=1, min_interval=1.0),
                                sleep=waits.append))
            report = run_adapter(ADAPTER, ctx, TelegramTarget(server.url + "/s/chan",
                                                              "ru_mod", None, pages))
            return report, [r.path for r in server.requests], waits
    return _run


def test_follows_the_pages_back_to_since_politely(run) -> None:
    report, paths, waits = run(ROUTES, dt.date(2025, 10, 9))
    assert paths == ["/s/chan", "/s/chan?before=11"]  # page 2 reaches 6 October: enough
    assert report.documents_new == 7 and not report.errors  # posts 9..15: 9 October on
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0  # the second request waited its turn


def test_newest_page_only_without_since(run) -> None:
    report, paths, _ = run(ROUTES, None)
    assert paths == ["/s/chan"] and report.documents_new == 5


def test_the_channels_start_and_the_page_cap(run) -> None:
    report, paths, _ = run(ROUTES, dt.date(2025, 9, 1), pages=2)
    assert paths == ["/s/chan", "/s/chan?before=11"]
    assert report.documents_new == 10
    assert len(report.errors) == 1 and "stopped after 2 page(s) at post 6 of 2025-10-06" \
        in report.errors[0] and "Fix: --pages 4 or a later --since" in report.errors[0]

    report, paths, _ = run(ROUTES, dt.date(2025, 9, 1))
    assert paths == ["/s/chan", "/s/chan?before=11", "/s/chan?before=6"]
    assert report.documents_new == 5 and report.documents_skipped == 10
    assert not report.errors  # the channel's first post reached: nothing before it


def test_a_failing_older_page_keeps_the_newer_posts(run) -> None:
    routes = {**ROUTES, "/s/chan?before=11": Reply(status=500, body=b"down")}
    report, paths, _ = run(routes, dt.date(2025, 10, 9))
    assert paths == ["/s/chan", "/s/chan?before=11"]
    assert report.documents_new == 5
    assert len(report.errors) == 1 and "posts before 11 not read" in report.errors[0]


def test_before_url_and_the_pages_option(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert before_url("https://t.me/s/chan?before=99", 41) == "https://t.me/s/chan?before=41"
    data = ingest_data(tmp_path / "data")
    assert main(["ingest", "telegram", "https://t.me/s/chan", "--claimant", "ru_mod",
                 "--pages", "0", "--data", str(data), "--store", str(tmp_path / "s")]) == 2
    assert "--pages 0: read at least one page" in capsys.readouterr().err
