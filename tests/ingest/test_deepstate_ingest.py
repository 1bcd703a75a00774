"""``ingest deepstate`` against a fake DeepState API on loopback: the happy path, a repeat
run, a server error then recovery, a slow server, an off-host redirect, an oversized body,
malformed documents, provenance, and the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from geo.cli.ingest import provenance
from geo.cli.run import main
from geo.ingest.deepstate import ADAPTER
from geo.ingest.documents import DocumentStore, sha256
from geo.ingest.model import IngestContext, RunReport
from geo.ingest.queue import ReviewQueue
from geo.ingest.runner import run_adapter
from geo.io.fetch import Fetcher, Policy
from geo.io.httpcache import HttpCache
from geo.maps.store import list_maps
from geo.places.table import load_places
from tests.ingest.fakeserver import FakeServer, Reply, serving
from tests.ingest.fixtures import U1, U2, U3, ingest_data, js, routes, updates

TODAY = dt.date(2026, 1, 1)


def context(data: Path, store: Path, **policy: float) -> IngestContext:
    settings = {"deadline": 5.0, "attempts": 2, **policy}
    fetcher = Fetcher(Policy(**settings), cache=HttpCache(store / "ingest" / "http-cache"),
                      sleep=lambda s: None)
    return IngestContext(data_dir=data, store=store, fetcher=fetcher,
                         places=load_places(data), today=TODAY)


def run(server: FakeServer, data: Path, store: Path, **policy: float) -> RunReport:
    return run_adapter(ADAPTER, context(data, store, **policy), server.url)


def claims(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return ingest_data(tmp_path / "data"), tmp_path / "store"


def test_happy_path(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    with serving(routes()) as server:
        report = run(server, data, store)
    got = claims(data)
    ds = got[got["claimant"] == "deepstate"]
    settlements = pd.read_csv(data / "settlements.csv", dtype=str, keep_default_na=False)
    by_id = dict(zip(settlements["id"], settlements["name"], strict=True))
    found = {(by_id[s], st, d) for s, st, d in zip(ds["settlement_id"], ds["status"],
                                                     ds["date"], strict=True)}
    assert found == {("Novoselivka", "russian", "2024-11-14"),
                     ("Kindrashivka", "ukrainian", "2024-11-14"),
                     ("Alpha", "russian", "2024-11-15")}
    # "advanced near" is fighting near a place, not a change of hands: queued for review
    queued = ReviewQueue(store).all()
    assert {(d.kind, d.place["name"], d.claim["status"]) for d in queued} == {
        ("fighting", "Stepove", "contested"), ("fighting", "Chasiv Yar", "contested")}
    assert report.drafts_queued == 2
    # the Donetsk Novoselivka (the link's point), not the Kharkiv namesake
    novo = settlements[settlements["name"] == "Novoselivka"]
    assert novo["geonames_id"].tolist() == ["1001"]
    assert report.claims_added == 3 and report.documents_new == 3
    assert report.documents_failed == 1 and "malformed update" in report.errors[0]
    assert any("Nowhereville" in n and "not guessed" in n for n in report.notes)
    assert any("'Dachne' is linked without a template verb" in n for n in report.notes)
    # U2's Russian-held figure disagrees with its percent: refused, the grey zone kept
    assert any("25%; refused as inconsistent" in n for n in report.notes)
    terr = pd.read_csv(data / "territory.csv", dtype=str, keep_default_na=False)
    mine = terr[terr["claimant"] == "deepstate"]
    assert sorted(mine["includes"]) == ["Crimea and areas held before 2022"] * 2 + [
        "grey zone only"] * 3
    held = mine[(mine["date"] == "2024-11-14") & mine["includes"].str.startswith("Crimea")]
    assert held["area_km2"].tolist() == ["113000.0"]
    # the last update of each day gave that day's map, through the import path
    assert [m.date for m in list_maps(store)] == [dt.date(2024, 11, 14), dt.date(2024, 11, 15)]
    assert report.maps_stored == 2


def test_repeat_run_adds_nothing_and_downloads_nothing_new(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    with serving(routes()) as server:
        run(server, data, store)
        before = (data / "claims.csv").read_bytes(), (data / "territory.csv").read_bytes()
        requests = len(server.requests)
        again = run(server, data, store)
        assert again.claims_added == 0 and again.figures_added == 0
        assert again.documents_skipped == 3 and again.documents_new == 0
        # only the listing was asked for again, conditionally, and it was not modified
        assert len(server.requests) == requests + 1
        assert server.requests[-1].headers["if-none-match"] == '"list-1"'
    assert ((data / "claims.csv").read_bytes(), (data / "territory.csv").read_bytes()) == before


def test_provenance_traces_a_claim_to_its_raw_document(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    with serving(routes()) as server:
        run(server, data, store)
    got = claims(data)
    row = got[(got["claimant"] == "deepstate") & (got["status"] == "russian")
              & (got["date"] == "2024-11-14")].iloc[0]
    info = provenance(data, store, row["id"])
    doc = info["document"]
    assert doc["key"] == f"deepstate:update:{U1}" and doc["publisher"] == "DeepState"
    raw = DocumentStore(store).raw(doc["sha256"])
    assert sha256(raw) == doc["sha256"] and "Novoselivka" in json.loads(raw)["descriptionEn"]
    assert info["evidence"].startswith("The enemy has occupied Novoselivka")
    assert info["auto_accepted"] is True
    assert {a["what"] for a in doc["attachments"]} == {"areas"}
    assert "2024-11-14" in doc["published"]


def test_server_error_then_recovery(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    r = routes()
    r["/api/history/public"] = [Reply(503, b"busy"), Reply(body=js(updates()))]
    r[f"/api/history/{U2}/areas"] = Reply(500, b"down")
    with serving(r) as server:
        first = run(server, data, store)  # the listing recovers on its second attempt
        assert first.documents_new == 3 and first.documents_failed == 2
        assert any("HTTP 500" in e and str(U2) in e for e in first.errors)
        assert first.claims_added == 2  # U1 and U3 landed, U2 did not
        server.routes[f"/api/history/{U2}/areas"] = Reply(body=js([]))
        second = run(server, data, store)
    assert second.documents_new == 1 and second.claims_added == 1
    assert second.documents_skipped == 2


def test_slow_server_hits_the_deadline_and_writes_nothing(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    before = (data / "claims.csv").read_bytes()
    r = routes()
    r["/api/history/public"] = Reply(body=js(updates()), trickle=0.05)
    with serving(r) as server:
        report = run(server, data, store, deadline=0.5, attempts=1)
    assert report.errors and "no answer within 0.5 s" in report.errors[0]
    assert report.documents_fetched == 0 and (data / "claims.csv").read_bytes() == before


def test_redirect_off_host_is_refused(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    with serving(routes()) as server:
        port = server.url.rsplit(":", 1)[1]
        server.routes["/api/history/public"] = Reply(
            302, headers={"Location": f"http://localhost:{port}/api/history/public"})
        report = run(server, data, store)
    assert "redirected to another host" in report.errors[0]
    assert report.claims_added == 0


def test_oversized_map_refused_the_rest_continue(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    r = routes()
    r[f"/api/history/{U3}/geojson"] = Reply(body=b"{" + b" " * 300_000 + b"}")
    with serving(r) as server:
        report = run(server, data, store, max_bytes=200_000)
    assert any(str(U3) in e and "200,000-byte cap" in e for e in report.errors)
    assert report.claims_added == 2 and report.documents_failed == 2


def test_malformed_map_reported_the_rest_continue(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    r = routes()
    r[f"/api/history/{U2}/geojson"] = Reply(body=b'{"type": "Feature"}')
    r[f"/api/history/{U1}/areas"] = Reply(body=b"<html>oops</html>")
    with serving(r) as server:
        report = run(server, data, store)
    assert any(str(U2) in e and "not a DeepState map" in e for e in report.errors)
    assert any("not valid JSON; no area figures taken" in n for n in report.notes)
    assert report.claims_added == 2  # U1 (its claim, without figures) and U3


def test_since_until_select_updates(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    ctx = context(data, store)
    ctx.since = ctx.until = dt.date(2024, 11, 15)
    with serving(routes()) as server:
        report = run_adapter(ADAPTER, ctx, server.url)
    assert report.documents_new == 1 and report.claims_added == 1
    assert set(claims(data)["date"][claims(data)["claimant"] == "deepstate"]) == {"2024-11-15"}


def test_low_threshold_queues_instead_of_accepting(dirs: tuple[Path, Path]) -> None:
    data, store = dirs
    ctx = context(data, store)
    ctx.auto_accept = 1.01  # nothing is certain enough: everything waits for review
    with serving(routes()) as server:
        report = run_adapter(ADAPTER, ctx, server.url)
    assert report.claims_added == 0 and report.drafts_queued == 5


def test_command_line(dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, store = dirs
    with serving(routes()) as server:
        code = main(["ingest", "deepstate", "--api", server.url, "--data", str(data),
                     "--store", str(store), "--timeout", "5"])
    out = capsys.readouterr().out
    assert code == 1  # one malformed list item is an error of the run
    assert "deepstate: 4 document(s) fetched, 3 new" in out and "3 claim(s) added" in out
    got = claims(data)
    cid = got[got["claimant"] == "deepstate"]["id"].iloc[0]
    assert main(["provenance", cid, "--data", str(data), "--store", str(store)]) == 0
    assert "sha256:" in capsys.readouterr().out
    assert main(["provenance", "c1", "--data", str(data), "--store", str(store)]) == 1
    assert "entered by hand" in capsys.readouterr().out
    assert main(["provenance", "nope", "--data", str(data), "--store", str(store)]) == 2
    assert U2 and U3
