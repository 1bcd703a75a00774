"""The "Review queue" page on a database (AppTest, the tiny review fixture): accepting a
draft writes its claim into the database, audited under the name the reviewer typed, and
leaves the data directory's files as they were; the queue stays in the store. "Add claims"
on the database needs the editor's name and audits the accept under it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from geo.cli.run import main
from geo.db.load import load_directory
from geo.ingest.queue import ReviewQueue
from tests.ingest.reviewdrafts import review_setup

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_the_queue_page_accepts_into_the_database(db_url: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import data as page_data

    data, store = review_setup(tmp_path)
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "loader")
    files = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    novo = next(d for d in ReviewQueue(store).all() if d.place["name"] == "Novoselivka")
    monkeypatch.setenv("FRONTLINE_DB", db_url)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))  # there, but not to be written
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    try:
        at.radio(key="page").set_value("Review queue").run()
        at.text_input(key="rq_reviewer").input("Mykola").run()
        at.button(key=f"rq_accept_{novo.id}").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert "1 claim(s) written" in at.success[0].value.replace("\\", "")
        # "Add claims" on the database: no accept without a name; the name is audited
        at.radio(key="page").set_value("Add claims").run()
        at.text_area(key="rv_text").input("Russia's Defence Ministry said its forces had "
                                         "captured the village of Novoselivka.")
        at.date_input(key="rv_date").set_value(dt.date(2025, 10, 20))
        at.text_input(key="rv_source").input("Test Wire")
        at.button(key="rv_find").click().run()
        assert at.button(key="rv_accept").disabled
        assert any("records who accepted" in c.value for c in at.caption)
        at.text_input(key="rv_who").input("Oksana").run()
        at.button(key="rv_accept").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    finally:
        for snapshot in list(page_data._MIRRORS.values()):
            snapshot.stop()  # this server's background checks end with the test
    assert ReviewQueue(store).get(novo.id).state == "accepted"
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == files

    dump = tmp_path / "dump"
    assert main(["db", "dump", str(dump), "--db", db_url]) == 0
    claims = pd.read_csv(dump / "claims.csv", dtype=str, keep_default_na=False)
    before = pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)
    assert len(claims) == len(before) + 2      # the queue's draft and the pasted report's
    assert claims.iloc[-1]["id"] == "novoselivka-2025-10-20-ru-mod"
    new = claims.iloc[-2]
    assert (new["claimant"], new["status"], new["date"]) == ("ru_mod", "russian",
                                                             "2025-10-16")
    with psycopg.connect(db_url) as conn:
        actors = conn.execute("SELECT actor, count(*) FROM audit_log WHERE table_name = "
                              "'claims' AND action = 'INSERT' AND actor <> 'loader' "
                              "GROUP BY actor ORDER BY actor").fetchall()
    assert actors == [("Mykola", 1), ("Oksana", 1)]
