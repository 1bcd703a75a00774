"""The runner's write through a storage (``IngestContext.into``): the claims go there and
the data directory is only read; a store that refuses for a reason of its own (the database
gone) stops the run at the first document it fails alone, and the next run takes in every
document not recorded."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest

from geo.dataset.accept import AcceptResult, accept
from geo.errors import InputError
from geo.ingest.documents import DocumentStore
from geo.ingest.model import IngestContext
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import ADAPTER, TelegramTarget
from geo.io.fetch import Fetcher
from geo.places.table import load_places
from tests.ingest.fixtures import ingest_data

POSTS = ["Units of the Tsentr Group of Forces liberated the settlement of Rodinskoye.",
         "Control has been established over Krasnoarmeysk."]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, TelegramTarget]:
    data = ingest_data(tmp_path / "data")
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "MoD", "type": "public_channel", "id": 1, "messages": [
        {"id": 201 + i, "type": "message", "date": f"2025-10-16T1{i}:00:00",
         "date_unixtime": str(1760608800 + 3600 * i), "text": text}
        for i, text in enumerate(POSTS)]}), encoding="utf-8")
    return data, tmp_path / "store", TelegramTarget(str(path), "ru_mod")


def _context(data: Path, store: Path, into: Any) -> IngestContext:
    return IngestContext(data_dir=data, store=store, fetcher=Fetcher(),
                         places=load_places(data), today=dt.date(2026, 1, 1), into=into)


def test_claims_go_through_the_storage(setup: tuple[Path, Path, TelegramTarget],
                                       tmp_path: Path) -> None:
    data, store, target = setup
    elsewhere = ingest_data(tmp_path / "elsewhere")  # stands for a database
    read = (data / "claims.csv").read_bytes()
    calls: list[int] = []

    def into(claims: list[dict], **kw: Any) -> AcceptResult:
        calls.append(len(claims))
        return accept(elsewhere, claims, **kw)

    report = run_adapter(ADAPTER, _context(data, store, into), target)
    assert not report.errors and report.claims_added == 2 and calls == [2]  # one batch
    assert (data / "claims.csv").read_bytes() == read
    assert (elsewhere / "claims.csv").read_bytes().count(b"\n") == read.count(b"\n") + 2


def test_a_store_that_fails_stops_the_run_and_loses_nothing(
        setup: tuple[Path, Path, TelegramTarget]) -> None:
    data, store, target = setup
    tries: list[int] = []

    def down(claims: list[dict], **kw: Any) -> AcceptResult:
        tries.append(len(claims))
        raise InputError("cannot connect to the database postgresql://x@db/f")

    report = run_adapter(ADAPTER, _context(data, store, down), target)
    # the batch, then its first document alone: the run stops there, not at every document
    assert tries == [2, 1] and report.claims_added == 0 and report.documents_failed == 1
    assert len(report.errors) == 1 and "cannot connect to the database" in report.errors[0]
    assert "the run stopped" in report.errors[0]
    docs = DocumentStore(store)
    assert [d.status for d in docs.all()] == ["error"]  # the second: not recorded at all

    again = run_adapter(ADAPTER, _context(data, store, functools.partial(accept, data)),
                        target)
    assert not again.errors and again.documents_new == 2 and again.claims_added == 2
    assert sorted(d.status for d in docs.all()) == ["done", "done"]
