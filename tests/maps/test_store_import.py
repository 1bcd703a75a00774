"""Store, import (file and URL), derived claims, changes and the map CLI."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

from geo.claims.index import resolve
from geo.cli import main
from geo.dataset.load import load_dataset
from geo.errors import InputError, StoreError
from geo.maps import store as store_mod
from geo.maps.claimant import derived_claims, with_map_claims
from geo.maps.importer import import_deepstate
from geo.maps.store import figure_series, list_maps, map_on_or_before, read_map
from tests.deepstate_fixtures import api_response, as_bytes, processed, raw_collection, square
from tests.helpers import write_data


def write(path: Path, doc: dict) -> str:
    path.write_bytes(as_bytes(doc))
    return str(path)


def snapshot_files(store: Path) -> dict[str, str]:
    """Every file under the store with its SHA-256 (to prove a failed import wrote nothing)."""
    return {str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store.rglob("*")) if p.is_file()}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_import_stores_one_row_per_class(tmp_path: Path, store: Path) -> None:
    done = import_deepstate(write(tmp_path / "last.json", api_response()), store)
    assert done.path == store / "maps" / "deepstate" / "2024-11-15.parquet"
    frame = read_map(list_maps(store)[0])
    assert list(frame["class"]) == ["occupied", "pre2022", "grey", "liberated"]
    assert frame.crs.to_epsg() == 4326
    series = figure_series(store)
    assert series.loc[0, "occupied_km2"] == pytest.approx(done.figures.occupied_km2)


def test_reimport_same_date_replaces(tmp_path: Path, store: Path) -> None:
    import_deepstate(write(tmp_path / "a.json", raw_collection()), store,
                     date=dt.date(2024, 1, 1))
    import_deepstate(write(tmp_path / "deepstatemap_data_20240101.geojson", processed()), store)
    maps = list_maps(store)
    assert len(maps) == 1 and read_map(maps[0])["kind"].iloc[0] == "processed"


def test_failed_import_leaves_store_byte_identical(tmp_path: Path, store: Path,
                                                    monkeypatch) -> None:
    import_deepstate(write(tmp_path / "a.json", raw_collection()), store,
                     date=dt.date(2024, 1, 1))
    before = snapshot_files(store)
    original = store_mod.gpd.GeoDataFrame.to_parquet

    def half_written(self, handle, **kwargs):
        handle.write(b"PAR1 partial")
        raise OSError("disk full")

    monkeypatch.setattr(store_mod.gpd.GeoDataFrame, "to_parquet", half_written)
    with pytest.raises(OSError, match="disk full"):
        import_deepstate(write(tmp_path / "b.json", processed()), store,
                         date=dt.date(2024, 1, 1))
    assert snapshot_files(store) == before
    monkeypatch.setattr(store_mod.gpd.GeoDataFrame, "to_parquet", original)


def test_crash_between_write_and_rename_keeps_old_file(tmp_path: Path, store: Path,
                                                       monkeypatch) -> None:
    import_deepstate(write(tmp_path / "a.json", raw_collection()), store,
                     date=dt.date(2024, 1, 1))
    before = snapshot_files(store)
    monkeypatch.setattr(Path, "replace", lambda self, target: (_ for _ in ()).throw(
        OSError("killed")))
    with pytest.raises(OSError, match="killed"):
        import_deepstate(write(tmp_path / "b.json", processed()), store,
                         date=dt.date(2024, 1, 1))
    monkeypatch.undo()
    assert snapshot_files(store) == before
    assert read_map(list_maps(store)[0])["class"].iloc[0] == "occupied"


def test_bad_file_writes_nothing(tmp_path: Path, store: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        import_deepstate(str(bad), store, date=dt.date(2024, 1, 1))
    assert not store.exists()
    with pytest.raises(InputError, match="file not found"):
        import_deepstate(str(tmp_path / "missing.json"), store)


def test_map_on_or_before(tmp_path: Path, store: Path) -> None:
    for day in ("2024-01-01", "2024-03-01"):
        import_deepstate(write(tmp_path / f"{day}.json", raw_collection()), store,
                         date=dt.date.fromisoformat(day))
    maps = list_maps(store)
    assert map_on_or_before(maps, dt.date(2023, 12, 31)) is None
    assert map_on_or_before(maps, dt.date(2024, 2, 29)).date == dt.date(2024, 1, 1)
    assert map_on_or_before(maps, dt.date(2024, 3, 1)).date == dt.date(2024, 3, 1)


def test_corrupt_stored_map_is_a_clear_error(tmp_path: Path, store: Path) -> None:
    import_deepstate(write(tmp_path / "a.json", raw_collection()), store,
                     date=dt.date(2024, 1, 1))
    list_maps(store)[0].path.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="unreadable"):
        read_map(list_maps(store)[0])
    assert figure_series(store).loc[0, "error"]


# --- fetching over HTTP from a local server -----------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes, float]]] = {}

    def do_GET(self) -> None:
        status, body, delay = self.routes.get(self.path, (404, b"not found", 0))
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        with contextlib.suppress(OSError):  # the client may have given up (timeout test)
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    _Handler.routes = {
        "/api/history/last": (200, as_bytes(api_response()), 0),
        "/api/history/1668554255/geojson": (200, as_bytes(raw_collection("bilingual")), 0),
        "/broken": (500, b"oops", 0),
        "/html": (200, b"<html>maintenance</html>", 0),
        "/slow": (200, as_bytes(api_response()), 3),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_api_last(server: str, store: Path) -> None:
    done = import_deepstate(f"{server}/api/history/last", store)
    assert done.snapshot.date == dt.date(2024, 11, 15)
    assert done.snapshot.date_from == "the API response's id"


def test_fetch_history_geojson_needs_a_date(server: str, store: Path) -> None:
    with pytest.raises(InputError, match="pass --date"):
        import_deepstate(f"{server}/api/history/1668554255/geojson", store)
    done = import_deepstate(f"{server}/api/history/1668554255/geojson", store,
                            date=dt.date(2022, 11, 15))
    assert done.snapshot.kind == "raw"


@pytest.mark.parametrize(("path", "message"), [
    ("/broken", "HTTP 500"), ("/missing", "HTTP 404"), ("/html", "not valid JSON"),
    ("/slow", r"no answer within 0\.5 s"),
])
def test_fetch_errors_are_clear_and_write_nothing(server: str, store: Path, path: str,
                                                  message: str) -> None:
    with pytest.raises(InputError, match=message):
        import_deepstate(f"{server}{path}", store, timeout=0.5)
    assert not store.exists()


def test_unreachable_host(store: Path) -> None:
    with pytest.raises(InputError, match=r"could not connect|no answer"):
        import_deepstate("http://127.0.0.1:9/api", store, timeout=2)


# --- the map as a claimant, and changes --------------------------------------------------

def test_derived_claims_one_row_per_change(tmp_path: Path, store: Path) -> None:
    data = write_data(tmp_path / "data")
    ds = load_dataset(data, today=dt.date(2026, 1, 1))
    early = raw_collection()
    import_deepstate(write(tmp_path / "a.json", early), store, date=dt.date(2024, 1, 1))
    import_deepstate(write(tmp_path / "b.json", early), store, date=dt.date(2024, 2, 1))
    later = raw_collection()
    later["features"][0]["geometry"]["coordinates"] = [square(36.0, 47.5, 1.5)]
    import_deepstate(write(tmp_path / "c.json", later), store, date=dt.date(2024, 3, 1))
    claims, _ = derived_claims(ds.settlements, list_maps(store))
    # alpha (48.28, 37.18) is in the occupied square; gamma (47.74, 36.39) only later
    first = claims[claims["date"] == pd.Timestamp("2024-01-01")].set_index("settlement_id")
    assert first.loc["alpha", "status"] == "russian"
    assert first.loc["beta", "status"] == "ukrainian"
    assert not (claims["date"] == pd.Timestamp("2024-02-01")).any()   # nothing changed
    third = claims[claims["date"] == pd.Timestamp("2024-03-01")].set_index("settlement_id")
    assert third.loc["gamma", "status"] == "russian"
    assert set(claims["claimant"]) == {"deepstate"}


def test_map_claims_take_part_in_disputes(tmp_path: Path, store: Path) -> None:
    data = write_data(tmp_path / "data", claimants=[
        {"id": "ru_mod", "name": "MoD", "side": "ru", "kind": "military", "url": ""},
        {"id": "ua_gs", "name": "GS", "side": "ua", "kind": "military", "url": ""},
        {"id": "deepstate", "name": "DeepState", "side": "ua", "kind": "osint", "url": ""},
        {"id": "ru_gs", "name": "RGS", "side": "ru", "kind": "military", "url": ""},
        {"id": "osint", "name": "Map", "side": "ua", "kind": "osint", "url": ""},
        {"id": "isw", "name": "ISW", "side": "independent", "kind": "analyst", "url": ""},
    ])
    ds = load_dataset(data, today=dt.date(2026, 1, 1))
    import_deepstate(write(tmp_path / "a.json", raw_collection()), store,
                     date=dt.date(2025, 1, 20))
    merged, errors = with_map_claims(ds, store)
    assert errors == []
    r = resolve(merged.settlements, merged.claims, dt.date(2025, 1, 20),
                ["ru_mod", "deepstate"]).set_index("settlement")
    assert r.loc["alpha", "ua_claimant"] == "deepstate"
    assert r.loc["alpha", "ua_status"] == "russian"           # map agrees with ru_mod's
    assert r.loc["beta", "ua_status"] == "ukrainian"          # ru_mod: russian → disputed
    assert r.loc["beta", "disputed"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_list_area_changes(capsys, tmp_path: Path, store: Path) -> None:
    code, out, _ = run(capsys, "import", "deepstate", write(tmp_path / "last.json",
                                                            api_response()), "--store", str(store))
    assert code == 0 and "date from the API response's id" in out and "2 polygons outside" in out
    later = raw_collection()
    later["features"][0]["geometry"]["coordinates"] = [square(36.0, 47.5, 1.5)]
    code, out, _ = run(capsys, "import", "deepstate", write(tmp_path / "l.json", later),
                       "--date", "2024-12-01", "--store", str(store))
    assert code == 0
    code, out, _ = run(capsys, "maps", "list", "--store", str(store))
    assert "2024-11-15" in out and "2024-12-01" in out
    code, out, _ = run(capsys, "area", "--store", str(store), "--format", "json")
    records = json.loads(out)
    assert [r["date"] for r in records] == ["2024-11-15", "2024-12-01"]
    assert set(records[0]) == {"date", "occupied_km2", "occupied_pct", "grey_km2",
                               "occupied_with_grey_pct", "pre2022_km2", "denominator_km2",
                               "source"}
    code, out, _ = run(capsys, "area", "--store", str(store), "--date", "2024-11-30",
                       "--format", "csv")
    assert out.count("\n") == 2 and "2024-11-15" in out
    code, out, _ = run(capsys, "area", "--file", str(tmp_path / "last.json"))
    assert code == 0 and "2024-11-15" in out
    data = write_data(tmp_path / "data")
    code, out, _ = run(capsys, "changes", "--from", "2024-11-15", "--to", "2024-12-31",
                       "--store", str(store), "--data", str(data), "--format", "json")
    result = json.loads(out)
    assert result["gained_km2"] > 0 and result["to"] == "2024-12-01"
    assert {s["settlement"] for s in result["settlements"]} == {"gamma"}


def test_cli_map_errors(capsys, tmp_path: Path, store: Path) -> None:
    code, _, err = run(capsys, "area", "--store", str(store))
    assert code == 2 and "no stored map" in err
    code, _, err = run(capsys, "import", "deepstate", str(tmp_path / "nope.json"),
                       "--store", str(store))
    assert code == 2 and err.startswith("error: file not found")
    code, _, err = run(capsys, "changes", "--from", "2024-01-01", "--to", "2024-02-01",
                       "--store", str(store), "--data", str(write_data(tmp_path / "d")))
    assert code == 2 and "no stored map" in err
