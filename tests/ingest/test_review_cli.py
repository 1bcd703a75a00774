"""``python -m geo review list|show|reject`` on a queue filled by an ingest; bad ids are one
line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli.run import main
from geo.ingest.queue import ReviewQueue
from tests.ingest.fixtures import ingest_data


def test_list_show_reject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    report = tmp_path / "gs.txt"
    report.write_text("Operational update as of 22:00 on 14.11.2024. In the Alpha direction, "
                      "the enemy attacked 5 times near Stepove and Dachne.", encoding="utf-8")
    common = ["--data", str(data), "--store", str(store)]
    assert main(["ingest", "genstaff", str(report), *common]) == 0
    assert "2 draft(s) queued for review" in capsys.readouterr().out
    assert main(["review", "list", *common]) == 0
    listed = capsys.readouterr().out
    assert "fighting" in listed and "Stepove" in listed and "2 draft(s)" in listed
    first = ReviewQueue(store).all()[0]
    assert main(["review", "show", first.id, *common]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["kind"] == "fighting" and shown["claim"]["status"] == "contested"
    assert main(["review", "reject", first.id, *common]) == 0
    assert main(["review", "list", "--state", "rejected", *common]) == 0
    assert "1 draft(s)" in capsys.readouterr().out
    assert main(["review", "show", "../../etc", *common]) == 2
    assert "bad draft id" in capsys.readouterr().err
    assert main(["review", "show", "abcdef123456", *common]) == 2
    assert "no draft 'abcdef123456'" in capsys.readouterr().err


def test_accept_with_corrections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.ingest.reviewdrafts import review_setup

    data, store = review_setup(tmp_path)
    common = ["--data", str(data), "--store", str(store)]
    queue = ReviewQueue(store)
    novo = next(d for d in queue.all() if d.place["name"] == "Novoselivka")
    stepove = next(d for d in queue.all() if d.place["name"] == "Stepove")
    for bad, says in ((["--place", "gn-2005"], "place 'gn-2005' is not one of its places. "
                                               "Fix: pick gn-1001, gn-1002"),
                      ([stepove.id, "--status", "russian"], "correct one draft")):
        assert main(["review", "accept", novo.id, *bad, "--as", "T", *common]) == 2
        assert says in capsys.readouterr().err
    assert queue.get(novo.id).state == "pending"
    assert main(["review", "accept", novo.id, "--place", "gn-1002", "--date", "2025-10-15",
                 "--as", "Taras", *common]) == 0
    capsys.readouterr()
    done = queue.get(novo.id)
    assert (done.state, done.decided_by, [c["field"] for c in done.corrections]) == (
        "accepted", "Taras", ["settlement_id", "date"])
    assert main(["review", "reject", novo.id, *common]) == 2
    assert "was already accepted" in capsys.readouterr().err
    claims = (data / "claims.csv").read_text(encoding="utf-8").splitlines()
    claim_id = claims[-1].split(",")[0]
    assert main(["provenance", claim_id, *common]) == 0
    out = capsys.readouterr().out
    assert "reviewed by Taras" in out and "corrected settlement_id: gn-1001 -> gn-1002" in out
    assert "corrected date: 2025-10-16 -> 2025-10-15" in out


def test_accept_into_a_storage(tmp_path: Path) -> None:
    """The queue's accept writes through the storage it is given (the hook the database
    backend uses): the same claims land as through the files' own accept path."""
    from geo.store.files import FileStorage
    from tests.ingest.reviewdrafts import review_setup

    data, store = review_setup(tmp_path)
    queue = ReviewQueue(store)
    novo = next(d for d in queue.all() if d.place["name"] == "Novoselivka")
    calls: list[int] = []
    storage = FileStorage(data, tmp_path / "cache")

    def into(claims: list[dict], **kw: object) -> object:
        calls.append(len(claims))
        return storage.accept(claims, **kw)  # type: ignore[arg-type]

    before = (data / "claims.csv").read_text(encoding="utf-8").splitlines()
    result = queue.accept(tmp_path / "not-used", [novo.id], who="Taras", into=into)
    assert calls == [1] and len(result.claims_written) == 1
    after = (data / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert after[:-1] == before  # claims.csv only grew: the evidence is in its side file
    assert len(after) == len(before) + 1 and after[-1].startswith(result.claims_written[0])
    assert queue.get(novo.id).state == "accepted"
