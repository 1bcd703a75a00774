"""``review accept --db``: a reviewed draft lands in the database with its evidence, in one
transaction audited under the reviewer's name, and the data directory's files are left as
they were."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from geo.cli.run import main
from geo.db.load import load_directory
from geo.ingest.queue import ReviewQueue
from geo.settings import Settings
from geo.store import open_storage
from tests.ingest.reviewdrafts import review_setup


def test_review_accept_into_the_database(db_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    data, store = review_setup(tmp_path)
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "loader")
    storage = open_storage(Settings.from_options(str(data), str(tmp_path / "s2")), db_url)
    before = len(storage.load("all").claims)
    files_before = {p.name: p.read_bytes() for p in data.glob("*.csv")}
    queue = ReviewQueue(store)
    novo = next(d for d in queue.all() if d.place["name"] == "Novoselivka")

    code = main(["review", "accept", novo.id, "--as", "Taras", "--db", db_url,
                 "--data", str(data), "--store", str(store)])
    assert code == 0, capsys.readouterr()
    assert "accepted: 1 claim(s) written" in capsys.readouterr().out
    assert queue.get(novo.id).state == "accepted"
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == files_before

    claims = storage.load("all").claims
    assert len(claims) == before + 1
    new = claims.iloc[-1]
    assert (new["claimant"], new["status"], str(new["date"])[:10]) == \
        ("ru_mod", "russian", "2025-10-16")
    assert novo.evidence and new["evidence"] == novo.evidence  # the report's sentence too
    with psycopg.connect(db_url) as conn:
        actors = {a for (a,) in conn.execute(
            "SELECT DISTINCT actor FROM audit_log WHERE table_name = 'claims' "
            "AND action = 'INSERT'")}
    assert "Taras" in actors
