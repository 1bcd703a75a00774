"""Import hardening, second round (issue 14.1, 14.6, 14.14): dates a map states, size caps,
implausible maps refused unless forced, and a replaced snapshot named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InputError
from geo.maps import deepstate, importer
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import describe, import_deepstate
from tests.deepstate_fixtures import as_bytes, raw_collection

BORDER = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"NAME": "Ukraine"}, "geometry": {
        "type": "Polygon", "coordinates": [[[22.2, 48.4], [24.0, 51.9], [33.5, 52.3],
                                            [40.2, 49.6], [38.0, 47.0], [33.6, 44.4],
                                            [30.2, 45.8], [22.2, 48.4]]]}}]}


def test_a_border_file_is_refused_unless_forced(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ukraine_20250101.geojson"
    path.write_text(json.dumps(BORDER))
    store = tmp_path / "store"
    with pytest.raises(InputError, match=r"not a DeepState front-line map: it shows \d+\.\d%"):
        import_deepstate(str(path), store)
    assert not store.exists() or not any(store.rglob("*.parquet"))
    assert main(["import", "deepstate", str(path), "--store", str(store)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["import", "deepstate", str(path), "--store", str(store), "--force"]) == 0
    assert any(store.rglob("2025-01-01.parquet"))


def test_a_reimport_says_what_it_replaced(tmp_path: Path) -> None:
    path = tmp_path / "deepstatemap_data_20251115.geojson"
    path.write_bytes(as_bytes(raw_collection()))
    first = import_deepstate(str(path), tmp_path / "store")
    assert first.replaced is None and not any("replaced" in line for line in describe(first))
    again = import_deepstate(str(path), tmp_path / "store")
    assert again.replaced == f"a raw map from {path}"
    assert f"replaced the stored snapshot of 2025-11-15: a raw map from {path}" in describe(
        again)


def test_a_map_over_the_byte_cap_is_refused_before_it_is_read(tmp_path: Path,
                                                              monkeypatch) -> None:
    path = tmp_path / "big_20250101.geojson"
    path.write_bytes(as_bytes(raw_collection()))
    monkeypatch.setattr(importer, "MAX_MAP_BYTES", 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(InputError, match=r"bytes, more than the 100"):
        importer.read_source(str(path))


def test_the_vertex_cap_is_checked_before_geometry_is_built(monkeypatch) -> None:
    monkeypatch.setattr(deepstate, "MAX_VERTICES", 3)
    monkeypatch.setattr(deepstate.gpd.GeoDataFrame, "from_features",
                        lambda *a, **k: pytest.fail("geometry built"))
    with pytest.raises(InputError, match="vertices, more than the 3"):
        parse_snapshot(as_bytes(raw_collection()), "m.json", date=dt.date(2025, 1, 1))


@pytest.mark.parametrize(("doc_date", "message"), [
    ({"datetime": "2026-01-02T00:00:00"}, "in the future"),
    ({"datetime": "2013-12-31"}, "before 2014-01-01"),
    ({"id": 10 ** 12}, "not a Unix time"),
    ({"datetime": "2025-13-01"}, "not a valid date"),
])
def test_dates_a_map_states_follow_the_import_rules(doc_date: dict, message: str) -> None:
    doc = {**doc_date, "map": json.loads(as_bytes(raw_collection()))}
    with pytest.raises(InputError, match=message):
        parse_snapshot(json.dumps(doc).encode(), "api.json", today=dt.date(2026, 1, 1))
    ok = {"datetime": "2025-06-01T10:00:00", "map": doc["map"]}
    assert parse_snapshot(json.dumps(ok).encode(), "api.json",
                          today=dt.date(2026, 1, 1)).date == dt.date(2025, 6, 1)


def test_an_unexpected_library_error_is_still_one_line(monkeypatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise OverflowError("value too large")

    monkeypatch.setattr(deepstate, "check_lonlat", boom)
    with pytest.raises(InputError, match=r"m.json: unreadable map \(OverflowError") as info:
        parse_snapshot(as_bytes(raw_collection()), "m.json", date=dt.date(2025, 1, 1))
    assert "Fix: " in str(info.value) and "\n" not in str(info.value)
