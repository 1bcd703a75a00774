"""``ingest`` and ``watch`` with ``--db``: a small Telegram export of our own MoD-style
posts lands the same claims in the database as in the files, audited under ``--as``, with
the data directory's files left byte for byte as they were and the review queue in
``--store``; the same bad input is the same one-line error on both backends. (Map and
gazetteer imports into a database: tests/db/test_maps_db.py.)"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from geo.cli.run import main
from geo.db.load import load_directory
from geo.ingest.queue import ReviewQueue
from geo.maps.placeclasses import classes_path, read_classes
from geo.maps.store import list_maps, read_map
from tests.ingest.fixtures import ingest_data

#: one MoD-style post: two places taken (an exonym among them), fighting near a third
POST = ("Units of the Tsentr Group of Forces, through decisive actions, liberated the "
        "settlement of Rodinskoye in the Donetsk People's Republic. Control has been "
        "established over Krasnoarmeysk. Losses were inflicted close to Grishino.")


def _export(path: Path, year: int = 2025) -> Path:
    when = dt.datetime(year, 10, 16, 10, tzinfo=dt.UTC)
    path.write_text(json.dumps({"name": "MoD Russia EN", "type": "public_channel", "id": 1,
                                "messages": [{"id": 101, "type": "message",
                                              "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                                              "date_unixtime": str(int(when.timestamp())),
                                              "text": POST}]}),
                    encoding="utf-8")
    return path


def _files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()}


def _claims(data: Path) -> pd.DataFrame:
    return pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)


def _loaded(db_url: str, root: Path) -> Path:
    """A data directory loaded into the database ``db_url``; returns the directory."""
    data = ingest_data(root / "data")
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "loader")
    return data


def _db_claims(db_url: str, tmp_path: Path) -> pd.DataFrame:
    dump = tmp_path / "dump"
    assert main(["db", "dump", str(dump), "--db", db_url]) == 0
    return _claims(dump)


def test_ingest_into_the_database(db_url: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = _loaded(db_url, tmp_path)
    files_copy = shutil.copytree(data, tmp_path / "files")  # the same ingest on the files
    before = _files(data)
    posts = _export(tmp_path / "result.json")
    store = tmp_path / "store"
    common = ["ingest", "telegram", str(posts), "--claimant", "ru_mod"]

    code = main([*common, "--data", str(data), "--store", str(store), "--db", db_url,
                 "--as", "Olena"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 claim(s) added" in out and "1 draft(s) queued for review" in out
    assert "claims and figures written to" in out and "as Olena" in out
    assert _files(data) == before  # the files of --data: not a byte changed
    assert [d.place["name"] for d in ReviewQueue(store).all()] == ["Hryshyne"]

    assert main([*common, "--data", str(files_copy), "--store", str(tmp_path / "s2")]) == 0
    capsys.readouterr()
    on_files = _claims(files_copy)
    in_db = _db_claims(db_url, tmp_path)
    assert len(in_db) == len(_claims(data)) + 2
    assert in_db.to_dict("records") == on_files.to_dict("records")  # ids and all

    with psycopg.connect(db_url) as conn:
        audited = conn.execute(
            "SELECT table_name, count(*) FROM audit_log WHERE actor = 'Olena' AND action = "
            "'INSERT' GROUP BY table_name ORDER BY table_name").fetchall()
    # Pokrovsk and Rodynske are new; each claim's report sentence is kept (claim_evidence)
    assert audited == [("claim_evidence", 2), ("claims", 2), ("settlements", 2)]

    # provenance finds the database's claim and its document in the store
    pokrovsk = in_db[in_db["source_url"] == "https://t.me/mod_russia_en/101"].iloc[0]
    capsys.readouterr()
    assert main(["provenance", pokrovsk["id"], "--format", "json", "--db", db_url,
                 "--store", str(store), "--data", str(tmp_path / "absent")]) == 0
    traced = json.loads(capsys.readouterr().out)
    assert traced["document"]["key"] == "telegram:mod_russia_en/101"

    # a second run takes nothing twice (the document is recorded in the store)
    assert main([*common, "--data", str(data), "--store", str(store), "--db", db_url]) == 0
    assert "0 claim(s) added" in capsys.readouterr().out
    assert len(_db_claims(db_url, tmp_path)) == len(in_db)


def test_the_same_bad_input_is_the_same_error_on_both(db_url: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    data = _loaded(db_url, tmp_path)
    files = shutil.copytree(data, tmp_path / "files")
    before = _files(data)
    future = _export(tmp_path / "future.json", 2099)
    backends = {"files": ["--data", str(files), "--store", str(tmp_path / "s1")],
                "database": ["--data", str(data), "--store", str(tmp_path / "s2"),
                             "--db", db_url]}
    seen: dict[str, list[tuple[int, str, str]]] = {}
    for name, where in backends.items():
        runs = []
        for args in (["telegram", str(future), "--claimant", "ru_mod"],  # a claim of 2099
                     ["telegram", str(future), "--claimant", "nobody"]):  # no such claimant
            code = main(["ingest", *args, *where])
            out = capsys.readouterr()
            lines = [line for line in out.out.splitlines()
                     if not line.startswith("claims and figures written to")]
            runs.append((code, "\n".join(lines), out.err))
        seen[name] = runs
    assert seen["database"] == seen["files"]
    (code, out, _), (code2, _, err) = seen["files"]
    assert code == 1 and "its claims do not validate (claims.csv:8 date = '2099-10-16': date " \
        "is in the future" in out, out
    assert "nothing taken in" in out
    assert code2 == 2 and err.startswith("error: unknown claimant 'nobody'") and \
        err.count("\n") == 1
    assert _files(data) == before and len(_db_claims(db_url, tmp_path)) == 6


def test_watch_into_the_database(db_url: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = _loaded(db_url, tmp_path)
    before = _files(data)
    posts = _export(tmp_path / "result.json")
    config = tmp_path / "sources.toml"
    config.write_text(f'[[source]]\nname = "telegram"\ntarget = "{posts}"\n'
                      'claimant = "ru_mod"\nevery_minutes = 60\n', encoding="utf-8")
    store = tmp_path / "store"
    code = main(["watch", "--config", str(config), "--runs", "1", "--data", str(data),
                 "--store", str(store), "--db", db_url, "--as", "watcher"])
    assert code == 0
    assert "as watcher" in capsys.readouterr().out
    assert _files(data) == before
    assert len(_db_claims(db_url, tmp_path)) == len(_claims(data)) + 2
    state = json.loads((store / "ingest" / "runs" / "telegram.json").read_text("utf-8"))
    assert state["runs"][-1]["claims_added"] == 2 and not state["runs"][-1]["errors"]
    with psycopg.connect(db_url) as conn:
        row = conn.execute("SELECT count(*) FROM audit_log WHERE actor = 'watcher' AND "
                           "table_name = 'claims'").fetchone()
    assert row == (2,)


def test_deepstate_claims_and_figures_into_the_database(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.ingest.fakeserver import serving
    from tests.ingest.fixtures import routes

    data = _loaded(db_url, tmp_path)
    files = shutil.copytree(data, tmp_path / "files")
    before = _files(data)
    with serving(routes()) as server:
        runs = {name: main(["ingest", "deepstate", "--api", server.url, "--timeout", "5",
                            *where]) for name, where in (
            ("database", ["--data", str(data), "--store", str(tmp_path / "s1"), "--db",
                          db_url, "--as", "ds-bot"]),
            ("files", ["--data", str(files), "--store", str(tmp_path / "s2")]))}
    out = capsys.readouterr().out
    assert runs == {"database": 1, "files": 1}  # one malformed list item, on both
    assert "3 claim(s) added" in out and "map(s) written to " in out
    assert _files(data) == before
    dump = tmp_path / "dump"
    assert main(["db", "dump", str(dump), "--db", db_url]) == 0
    for name in ("claims.csv", "territory.csv", "settlements.csv"):
        assert (dump / name).read_bytes() == (files / name).read_bytes(), name
    # the maps went into the database (none to the store), classified as the files' were
    assert not list_maps(tmp_path / "s1")
    ours, theirs = list_maps(dump), list_maps(tmp_path / "s2")
    assert [m.date for m in ours] == [m.date for m in theirs] and ours
    for a, b in zip(ours, theirs, strict=True):
        assert read_map(a).geometry.geom_equals_exact(read_map(b).geometry, 0).all()
        x, y = read_classes(classes_path(a.path)), read_classes(classes_path(b.path))
        assert dict(zip(x.ids, x.codes.tolist(), strict=True)) == \
            dict(zip(y.ids, y.codes.tolist(), strict=True))
    assert (files / "territory.csv").read_bytes() != before["territory.csv"]  # figures came
