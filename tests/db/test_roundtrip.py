"""``db load`` then ``db dump``: the bundled files back byte for byte; a load is one
transaction."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import psycopg
import pytest

from geo.cli import main
from geo.db.layout import field_quotes, minimal_quotes
from geo.db.load import load_directory
from geo.errors import DataValidationError, InputError
from geo.maps.placeclasses import classes_path, read_classes
from geo.maps.store import list_maps, read_map
from geo.settings import DEFAULT_DATA_DIR
from tests.db.data import PLACES, tiny_data, tiny_store
from tests.helpers import CLAIMS, claim, to_csv

FILES = ("claimants.csv", "settlements.csv", "claims.csv", "territory.csv")


def _count(url: str, table: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        assert row is not None
        return int(row[0])


def test_bundled_data_loads_and_dumps_byte_for_byte(db_url: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    assert main(["db", "load", str(DEFAULT_DATA_DIR), "--db", db_url, "--as", "loader"]) == 0
    assert "claims" in capsys.readouterr().out
    assert main(["db", "dump", str(tmp_path / "out"), "--db", db_url]) == 0
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (DEFAULT_DATA_DIR / name).read_bytes()
    dumped = pd.read_parquet(tmp_path / "out" / "places.parquet")
    bundled = pd.read_parquet(DEFAULT_DATA_DIR / "places.parquet")
    pd.testing.assert_frame_equal(dumped, bundled, check_dtype=False)
    with psycopg.connect(db_url) as conn:
        # a claim naming a curated place by its gn- id refers to the curated row
        gn = conn.execute("SELECT count(*) FROM claims WHERE settlement_id ~ '^gn-' AND "
                          "settlement_ref IS NOT NULL").fetchone()
        assert gn is not None
        actors = conn.execute("SELECT DISTINCT actor FROM audit_log").fetchall()
        assert actors == [("loader",)]
    assert _count(db_url, "audit_log") == sum(_count(db_url, t) for t in (
        "claimants", "settlements", "claims", "territory", "places"))


def test_tiny_directory_with_a_store_map(db_url: str, tmp_path: Path) -> None:
    data = tiny_data(tmp_path / "data")
    store = tiny_store(data, tmp_path / "store")
    with psycopg.connect(db_url) as conn:
        result = load_directory(conn, data, "tester", store=store)
        assert result.rows["map_snapshots"] == 1
        assert result.rows["map_place_classes"] == len(PLACES)
        classes = dict(conn.execute(
            "SELECT c.place, c.class FROM map_place_classes c").fetchall())
        assert classes["alpha"] == 1 and classes["gn-1001"] == 3 and classes["gn-1003"] == 0
        area = conn.execute("SELECT round(ST_Area(geom::geography) / 1e6) FROM map_polygons "
                            "WHERE class = 'occupied'").fetchone()
        assert area is not None and area[0] > 1000  # a 0.5° square: ~2,000 km²
    assert main(["db", "dump", str(tmp_path / "out"), "--db", db_url]) == 0
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (data / name).read_bytes()
    # the map comes back in the store's format: the same values, imported_at included
    (ours,), (theirs,) = list_maps(tmp_path / "out"), list_maps(store)
    a, b = read_map(ours), read_map(theirs)
    assert list(a.columns) == list(b.columns) and (a["class"] == b["class"]).all()
    assert a.geometry.geom_equals_exact(b.geometry, 0).all()
    pd.testing.assert_frame_equal(a.drop(columns="geometry"), b.drop(columns="geometry"),
                                  check_dtype=False)
    x, y = read_classes(classes_path(ours.path)), read_classes(classes_path(theirs.path))
    assert sorted(zip(x.ids, x.codes.tolist(), x.since.tolist(), strict=True)) == \
        sorted(zip(y.ids, y.codes.tolist(), y.since.tolist(), strict=True))


def test_an_invalid_directory_loads_nothing(db_url: str, tmp_path: Path) -> None:
    data = tiny_data(tmp_path / "data")
    bad = [*CLAIMS, claim("c9", "2025-01-01", "alpha", "ru_mod", "captured")]
    (data / "claims.csv").write_text(to_csv("claims.csv", bad), encoding="utf-8")
    with psycopg.connect(db_url) as conn, pytest.raises(DataValidationError, match="status"):
        load_directory(conn, data, "tester")
    assert _count(db_url, "claimants") == 0 and _count(db_url, "audit_log") == 0


def test_a_second_load_is_refused_and_a_failed_one_rolls_back(db_url: str, tmp_path: Path
                                                              ) -> None:
    data = tiny_data(tmp_path / "data")
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "tester")
        with pytest.raises(InputError, match="already holds data"):
            load_directory(conn, data, "tester")
    assert _count(db_url, "claims") == len(CLAIMS)


def test_a_refused_map_rolls_the_whole_load_back(db_url: str, tmp_path: Path) -> None:
    data = tiny_data(tmp_path / "data", deepstate=False)
    store = tiny_store(data, tmp_path / "store")
    with psycopg.connect(db_url) as conn, pytest.raises(
            InputError, match=r"^map_snapshots\[deepstate 2024-01-01\] claimant = 'deepstate': "
                              r"unknown id \(not in claimants\)\. Fix: add the map's claimant"):
        load_directory(conn, data, "tester", store=store)
    assert _count(db_url, "claims") == 0 and _count(db_url, "places") == 0
    assert _count(db_url, "audit_log") == 0


def test_quoting_masks() -> None:
    assert field_quotes('a,"b, c",d') == 0b010
    assert field_quotes('"x",,"say ""hi""",') == 0b101
    assert field_quotes('a,unquoted "inner" quotes,c') == 0
    assert field_quotes('"multi\nline",z') == 0b1
    assert minimal_quotes(["a", "b, c", 'say "x"', "line\r\nbreak", ""]) == 0b1110


def test_the_database_refuses_what_validation_would_have(db_url: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The constraints hold by themselves: with the file validation skipped, a claim of an
    unknown claimant is still refused (the foreign key added back after the bulk insert)
    and nothing stays."""
    from geo.db import load as load_module

    data = tiny_data(tmp_path / "data")
    rows = [*CLAIMS, claim("c9", "2025-01-01", "alpha", "tass", "russian")]
    (data / "claims.csv").write_text(to_csv("claims.csv", rows), encoding="utf-8")
    monkeypatch.setattr(load_module, "load_dataset", lambda *a, **k: None)
    with psycopg.connect(db_url) as conn, pytest.raises(
            InputError, match=r"^claims claimant = 'tass': unknown id \(not in claimants\)"):
        load_directory(conn, data, "tester")
    assert _count(db_url, "claims") == 0 and _count(db_url, "claimants") == 0


#: a side file as a hand might write it: a field quoted though it needs none, a second line
#: for one claim (the file store reads the last), a text holding a comma and quotes
SIDE_FILE = ('claim_id,evidence\n'
             '"c1",Moscow said the town was surrounded.\n'
             'c3,"The staff said, at noon, that the town was ""fully"" taken."\n'
             'c1,A later sentence for c1.\n')


def _with_evidence(data: Path, older: bool = False) -> Path:
    """``data`` with the side file and, with ``older``, claims.csv's older evidence column
    (c2's sentence, and one for c3 that the side file overrides)."""

    (data / "claims-evidence.csv").write_text(SIDE_FILE, encoding="utf-8")
    if older:
        said = {"c2": "Kyiv said, briefly, it held the town.", "c3": "Overridden."}
        text = to_csv("claims.csv", CLAIMS).splitlines()
        rows = [f"{text[0]},evidence"] + [
            f'{line},"{said.get(c["id"], "")}"' if c["id"] in said else f"{line},"
            for line, c in zip(text[1:], CLAIMS, strict=True)]
        (data / "claims.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return data


def test_the_side_file_and_the_older_column_load_and_dump_as_the_side_file(
        db_url: str, tmp_path: Path) -> None:
    """claims.csv's older evidence column loads beside the side file and comes back in the
    side file: the same dataset, and claims.csv as the files write it now (no such column)."""
    from geo.dataset.load import load_dataset
    from tests.db.data import TODAY

    data = _with_evidence(tiny_data(tmp_path / "data"), older=True)
    with psycopg.connect(db_url) as conn:
        result = load_directory(conn, data, "tester")
        rows = conn.execute("SELECT claim_id, evidence, quoted FROM claim_evidence "
                            "ORDER BY entry").fetchall()
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE table_name = "
                               "'claim_evidence'").fetchone()
    assert result.rows["claim_evidence"] == 4
    # the older column first (c2 only: the side file names c3), then the side file's lines
    assert rows == [("c2", "Kyiv said, briefly, it held the town.", 2),
                    ("c1", "Moscow said the town was surrounded.", 1),
                    ("c3", 'The staff said, at noon, that the town was "fully" taken.', 2),
                    ("c1", "A later sentence for c1.", 0)]
    assert audited == (4,)

    assert main(["db", "dump", str(tmp_path / "out"), "--db", db_url]) == 0
    assert (tmp_path / "out" / "claims.csv").read_text("utf-8") == to_csv("claims.csv", CLAIMS)
    dumped = load_dataset(tmp_path / "out", today=TODAY).claims
    given = load_dataset(data, today=TODAY).claims
    pd.testing.assert_series_equal(dumped["evidence"], given["evidence"])
    assert dict(zip(dumped["id"], dumped["evidence"], strict=True)) == {
        "c1": "A later sentence for c1.", "c2": "Kyiv said, briefly, it held the town.",
        "c3": 'The staff said, at noon, that the town was "fully" taken.', "c4": "", "c5": "",
        "c6": ""}


def test_a_directory_with_evidence_dumps_byte_for_byte(db_url: str, tmp_path: Path) -> None:
    data = _with_evidence(tiny_data(tmp_path / "data"))
    out = tmp_path / "out"
    out.mkdir()
    with psycopg.connect(db_url) as conn:
        load_directory(conn, data, "tester")
    assert main(["db", "dump", str(out), "--db", db_url]) == 0
    for name in (*FILES, "claims-evidence.csv"):
        assert (out / name).read_bytes() == (data / name).read_bytes(), name


def test_no_evidence_no_side_file(loaded: str, tmp_path: Path) -> None:
    """A database without evidence (the tiny data) dumps no side file, and one left by an
    earlier dump of other data goes (it would name claims this data may not have)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims-evidence.csv").write_text("claim_id,evidence\nzz,old\n", encoding="utf-8")
    assert main(["db", "dump", str(out), "--db", loaded]) == 0
    assert not (out / "claims-evidence.csv").exists()
    assert (out / "claims.csv").read_text("utf-8") == to_csv("claims.csv", CLAIMS)


@pytest.mark.parametrize("missing", [0, 1], ids=["earlier", "later"])
def test_a_map_stored_without_its_classes_gets_them_at_load(db_url: str, tmp_path: Path,
                                                            missing: int) -> None:
    """A store map without its classes file (one stored before the places table, or its
    file lost) is classified at ``db load`` as the files classify it; the later map's
    ``since`` is chained through it."""
    import datetime as dt

    from geo.maps.importer import import_deepstate
    from geo.places.table import bundled_places
    from tests.deepstate_fixtures import as_bytes, poly, raw_collection, square

    data = tiny_data(tmp_path / "data")
    store = tiny_store(data, tmp_path / "store")
    march = raw_collection()   # the grey square now occupied: Delta and Epsilon change
    march["features"][0]["geometry"] = poly(square(37.0, 48.0, size=1.0))
    del march["features"][2]
    (tmp_path / "mar.json").write_bytes(as_bytes(march))
    import_deepstate(str(tmp_path / "mar.json"), store, date=dt.date(2024, 3, 1),
                     places=bundled_places(data))

    def classes(folder: Path) -> dict[str, list[tuple[str, int, str]]]:
        return {m.date.isoformat(): sorted(zip(c.ids, c.codes.tolist(),
                                               [str(s) for s in c.since], strict=True))
                for m in list_maps(folder) if (c := read_classes(classes_path(m.path)))}

    expected = classes(store)
    assert len(expected) == 2 and expected["2024-03-01"] != expected["2024-01-01"]
    classes_path(list_maps(store)[missing].path).unlink()
    with psycopg.connect(db_url) as conn:
        result = load_directory(conn, data, "tester", store=store)
        bare = conn.execute("SELECT count(*) FROM map_snapshots s WHERE NOT EXISTS "
                            "(SELECT FROM map_place_classes c WHERE c.snapshot = s.id)"
                            ).fetchone()
    assert bare == (0,) and result.rows["map_place_classes"] == 2 * len(PLACES)
    assert main(["db", "dump", str(tmp_path / "out"), "--db", db_url]) == 0
    assert classes(tmp_path / "out") == expected
