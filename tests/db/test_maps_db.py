"""Control maps in the database (``import deepstate --db``, geo.db.maps): stored in one
audited transaction with the place classes computed in PostGIS, read back by every map
reader on ``--db`` as the files give them, and dumped in the map store's format. The
same tiny maps are imported into the files (``--data --store``) beside, in the same order,
and the outputs compared."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import pytest

from geo.cli import main
from geo.db.dump import dump_directory
from geo.maps.placeclasses import classes_path, read_classes
from geo.maps.store import list_maps, read_map
from tests.db.data import PLACES, tiny_data
from tests.deepstate_fixtures import as_bytes, poly, raw_collection, square


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _maps(tmp: Path) -> dict[str, Path]:
    """Three tiny raw maps: January's fixture, March's (the grey square now occupied: Delta
    and Epsilon change status) and a January with the liberated square moved (other
    content for the same date)."""
    march = raw_collection()
    march["features"][0]["geometry"] = poly(square(37.0, 48.0, size=1.0))
    del march["features"][2]  # no grey zone
    other = copy.deepcopy(raw_collection())
    other["features"][3]["geometry"] = poly(square(35.0, 49.5))
    out = {}
    for name, doc in (("jan", raw_collection()), ("mar", march), ("jan2", other)):
        out[name] = tmp / f"{name}.json"
        out[name].write_bytes(as_bytes(doc))
    return out


def _version(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT version FROM data_version").fetchone()
    assert row is not None
    return int(row[0])


def _classes(folder: Path) -> dict[str, dict[str, tuple[int, str]]]:
    """Each stored map's place classes, by date and place id: (code, since)."""
    return {m.date.isoformat(): {
        i: (int(c), str(s)) for i, c, s in zip(found.ids, found.codes, found.since,
                                               strict=True)}
        for m in list_maps(folder) if (found := read_classes(classes_path(m.path)))}


def test_maps_on_the_database_read_as_on_the_files(capsys: pytest.CaptureFixture,
                                                   loaded: str, tmp_path: Path) -> None:
    data, store = tiny_data(tmp_path / "data"), tmp_path / "store"
    files = ["--data", str(data), "--store", str(store)]
    db = ["--db", loaded, "--data", str(tmp_path / "absent"), "--store", str(tmp_path / "s2")]
    maps = _maps(tmp_path)
    # March first, then January: January's import brings March's `since` up to date
    for name, day in (("mar", "2024-03-01"), ("jan", "2024-01-01")):
        code, out, err = run(capsys, "import", "deepstate", str(maps[name]), "--date", day,
                             *files)
        assert code == 0, err
        code, out, err = run(capsys, "import", "deepstate", str(maps[name]), "--date", day,
                             *db, "--as", "Olena")
        assert code == 0, err
        assert "place classes computed in PostGIS" in out
    assert "`since` brought up to date on 1 later map(s)" in out
    assert "places, by DeepState's map: 1 Russian-held, 2 in the grey zone, 1 Ukrainian-held" in out
    assert not (tmp_path / "s2" / "maps").exists()  # nothing went to the store

    # the same map again: nothing written, no new version
    before = _version(loaded)
    code, out, _ = run(capsys, "import", "deepstate", str(maps["jan"]), "--date",
                       "2024-01-01", *db)
    assert code == 0 and out.startswith("unchanged: ") and "nothing was written" in out
    assert _version(loaded) == before

    # a bad file: one line naming it, nothing written
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "import", "deepstate", str(bad), *db)
    assert code == 2 and out == "" and err.count("\n") == 1 and str(bad) in err
    assert _version(loaded) == before

    # every reader gives the files' output
    for args in (["status", "--claimant", "deepstate", "--format", "csv", "--places", "all"],
                 ["status", "--claimant", "deepstate", "--date", "2025-02-01"],
                 ["area", "--format", "json"],
                 ["changes", "--from", "2024-01-01", "--to", "2024-03-01", "--format", "json"],
                 ["at", "--place", "Delta", "--date", "2024-02-01", "--reference",
                  "deepstate", "--format", "json"]):
        ours = files if args[0] != "area" else files[2:]  # area takes no --data
        want = run(capsys, *args, *ours)
        assert want[0] == 0, want[2]
        assert run(capsys, *args, *(db if args[0] != "area" else db[:2])) == want, args
    listed = [run(capsys, "maps", "list", *b)[1].splitlines() for b in (files[2:], db[:2])]
    assert [line.split()[:-1] for line in listed[0]] == \
        [line.split()[:-1] for line in listed[1]]  # all but the file column
    assert len(listed[1]) == 3

    # audited: who and what
    with psycopg.connect(loaded) as conn:
        rows = conn.execute("SELECT action, actor, after->>'date', after->>'revision' FROM "
                            "audit_log WHERE table_name = 'map_snapshots' ORDER BY id"
                            ).fetchall()
    assert rows == [("INSERT", "Olena", "2024-03-01", "0"),
                    ("INSERT", "Olena", "2024-01-01", "0"),
                    ("UPDATE", "Olena", "2024-03-01", "1")]  # its `since` moved

    # dumped in the map store's format: value-comparable with the files
    out_dir = tmp_path / "dump"
    with psycopg.connect(loaded) as conn:
        written = dump_directory(conn, out_dir)
    assert "maps/deepstate/2024-01-01.parquet" in written
    assert _classes(out_dir) == _classes(store)
    for ours, theirs in zip(list_maps(out_dir), list_maps(store), strict=True):
        a, b = read_map(ours), read_map(theirs)
        assert list(a.columns) == list(b.columns)
        pd.testing.assert_frame_equal(a.drop(columns=["imported_at"]),
                                      b.drop(columns=["imported_at"]), check_dtype=False)
        assert a.geometry.geom_equals_exact(b.geometry, 0).all()  # the same coordinates


def test_a_replaced_map_and_the_page_refresh(capsys: pytest.CaptureFixture, loaded: str,
                                            tmp_path: Path) -> None:
    from geo.db.connect import actor_name
    from geo.store.database import DatabaseStorage

    maps = _maps(tmp_path)
    db = ["--db", loaded, "--data", str(tmp_path / "absent"), "--store", str(tmp_path / "s")]
    storage = DatabaseStorage(loaded, tmp_path / "cache", actor="reader")
    try:
        first = storage.version()
        assert not (storage.directory() / "maps").exists()
        assert run(capsys, "import", "deepstate", str(maps["jan"]), "--date", "2024-01-01",
                   *db)[0] == 0
        assert storage.version() != first  # a server's snapshot refresh sees the map
        mirror = storage.directory()
        assert [m.date for m in list_maps(mirror)] == [dt.date(2024, 1, 1)]
        code, out, _ = run(capsys, "import", "deepstate", str(maps["jan2"]), "--date",
                           "2024-01-01", *db, "--as", "Petro")
        assert code == 0 and "replaced the stored snapshot of 2024-01-01: a raw map from" in out
        again = storage.directory()
        assert again != mirror
        a, b = read_map(list_maps(mirror)[0]), read_map(list_maps(again)[0])
        assert not a.geometry.geom_equals(b.geometry).all()  # the new content is read
        with psycopg.connect(loaded) as conn:
            held = conn.execute("SELECT count(*), max(revision) FROM map_snapshots").fetchone()
            audit = conn.execute("SELECT action, actor FROM audit_log WHERE table_name = "
                                 "'map_snapshots' ORDER BY id").fetchall()
        assert held == (1, 1)
        assert audit == [("INSERT", actor_name(None)), ("UPDATE", "Petro")]
        # the classes of the page's mirror equal PostGIS's for every place
        found = read_classes(classes_path(list_maps(again)[0].path))
        assert sorted(found.ids) == sorted(PLACES["id"])
        assert np.all(found.since == np.datetime64("2024-01-01"))
    finally:
        storage.close()


def test_rederive_on_the_database(capsys: pytest.CaptureFixture, loaded: str,
                                  tmp_path: Path) -> None:
    maps = _maps(tmp_path)
    db = ["--db", loaded, "--data", str(tmp_path / "absent"), "--store", str(tmp_path / "s")]
    for name, day in (("jan", "2024-01-01"), ("mar", "2024-03-01")):
        assert run(capsys, "import", "deepstate", str(maps[name]), "--date", day, *db)[0] == 0
    with psycopg.connect(loaded) as conn:
        before = conn.execute("SELECT snapshot, place, class, since FROM map_place_classes "
                              "ORDER BY 1, 2").fetchall()
    code, out, _ = run(capsys, "maps", "rederive", *db, "--as", "Mykola")
    assert code == 0 and out.startswith("re-derived 2 stored map(s) in ")
    with psycopg.connect(loaded) as conn:
        after = conn.execute("SELECT snapshot, place, class, since FROM map_place_classes "
                             "ORDER BY 1, 2").fetchall()
        actors = conn.execute("SELECT DISTINCT actor FROM audit_log WHERE table_name = "
                              "'map_snapshots' AND action = 'UPDATE'").fetchall()
    assert after == before and actors == [("Mykola",)]
    assert json.loads(run(capsys, "area", "--format", "json", *db[:2])[1])[1]["date"] == \
        "2024-03-01"


def _row(gid: int, name: str, lat: float, lon: float, pop: int = 0) -> str:
    """One populated place of a GeoNames dump (19 tab-separated fields)."""
    return "\t".join([str(gid), name, name, "", str(lat), str(lon), "P", "PPL", "UA", "", "05",
                      "", "", "", str(pop), "", "100", "Europe/Kyiv", "2026-01-01"])


def test_gazetteer_import_refreshes_the_places_table(capsys: pytest.CaptureFixture,
                                                     loaded: str, tmp_path: Path) -> None:
    db = ["--db", loaded, "--store", str(tmp_path / "s")]
    assert run(capsys, "import", "deepstate", str(_maps(tmp_path)["jan"]), "--date",
               "2024-01-01", *db[:2], "--data", str(tmp_path / "absent"))[0] == 0
    # Delta moved into the occupied square, Eta new in the grey one, the rest as they were
    rows = [_row(1001, "Delta", 48.1, 37.2, 1200), _row(1002, "Epsilon", 48.3, 37.9),
            _row(704422, "Alpha", 48.28, 37.18, 60000), _row(1003, "Zeta", 50.4, 30.5),
            _row(1004, "Eta", 48.3, 37.6)]
    dump = tmp_path / "UA.txt"
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "gazetteer", "import", str(dump), *db, "--as", "Iryna")
    assert code == 0, err
    assert "5 populated places (1 added, 4 changed, 0 removed); the place classes of 1 " \
           "stored map(s) derived again in PostGIS" in out
    with psycopg.connect(loaded) as conn:
        classes = dict(conn.execute("SELECT place, class FROM map_place_classes").fetchall())
        audit = conn.execute("SELECT action, row_key FROM audit_log WHERE table_name = "
                             "'places' AND actor = 'Iryna' ORDER BY row_key").fetchall()
    assert classes == {"gn-1001": 1, "gn-1002": 3, "alpha": 1, "gn-1003": 0, "gn-1004": 3}
    assert ("INSERT", "1004") in audit and ("UPDATE", "1001") in audit
    assert not (tmp_path / "s" / "gazetteer").exists()  # nothing went to the store

    before = _version(loaded)  # the same dump again: nothing written
    code, out, _ = run(capsys, "gazetteer", "import", str(dump), *db)
    assert code == 0 and out.startswith("unchanged: ") and _version(loaded) == before

    with psycopg.connect(loaded) as conn:  # a claim names Zeta: a dump without it refused
        conn.execute("INSERT INTO claims (id, date, settlement_id, place_ref, claimant, "
                     "status, extent, summary, source) VALUES ('z-1', '2025-01-05', "
                     "'gn-1003', 1003, 'ru_mod', 'russian', 'full', 'taken', 'a bulletin')")
    dump.write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")
    before = _version(loaded)
    code, out, err = run(capsys, "gazetteer", "import", str(dump), *db)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {dump}: lacks place(s) that claims in the database name "
                          "(gn-1003); nothing was written. Fix: ")
    region = _row(709716, "Donetska Oblast", 48.0, 37.8).replace("\tP\tPPL\t", "\tA\tADM1\t")
    dump.write_text(region + "\n", encoding="utf-8")  # no populated place: the files' words
    code, _, err = run(capsys, "gazetteer", "import", str(dump), *db)
    assert code == 2 and "no populated places (feature class P) in the dump" in err
    assert _version(loaded) == before
