"""The "Add claims" page with a damaged gazetteer in the store (AppTest).

The GeoNames gazetteer is stored as two Parquet files (``<store>/gazetteer/``). When they
are damaged (garbage bytes, a truncated write, a foreign table), the page must say so,
name the file and how to fix it, and still find claims about the curated settlements;
never a traceback. A repaired gazetteer is used at once.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.errors import StoreError
from geo.places.gazetteer import NAMES, PLACES, import_gazetteer, load_gazetteer
from tests.helpers import write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")
REPORT = ("The Defence Ministry said its forces captured Alpha. "
          "The Defence Ministry said its forces captured the village of Zetivka.")


def _row(gid: int, name: str, alt: str, lat: float, lon: float, fclass: str, code: str,
         pop: int) -> str:
    return "\t".join([str(gid), name, name, alt, str(lat), str(lon), fclass, code, "UA", "",
                      "05", "", "", "", str(pop), "", "100", "Europe/Kyiv", "2024-01-01"])


def write_gazetteer(store: Path, tmp: Path) -> None:
    """A two-place GeoNames dump: Alpha (a curated settlement) and Zetivka (gazetteer only)."""
    dump = tmp / "UA.txt"
    dump.write_text("\n".join([
        _row(709716, "Donetsk Oblast", "", 48.0, 37.8, "A", "ADM1", 0),
        _row(704422, "Alpha", "Alfa", 48.28, 37.18, "P", "PPLA2", 60000),
        _row(9000001, "Zetivka", "Zetovka", 48.45, 37.55, "P", "PPL", 800),
    ]) + "\n", encoding="utf-8")
    import_gazetteer(dump, store)


def truncate(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def damage(store: Path, how: str) -> Path:
    """Damage the stored gazetteer; returns the file that is now unreadable."""
    places, names = store / PLACES, store / NAMES
    if how == "garbage":
        places.write_bytes(b"\x00\xffthis is not parquet at all" * 10)
        names.write_bytes(b"PAR1 garbage")
        return places
    if how == "truncated places":
        truncate(places)
        return places
    if how == "truncated names":
        truncate(names)
        return names
    if how == "foreign table":
        pd.DataFrame({"city": ["Kyiv"], "x": [1.0]}).to_parquet(places)
        return places
    if how == "bad values":                  # readable, right columns, ids that are not numbers
        frame = pd.read_parquet(places)
        frame.assign(geonameid="not-a-number").to_parquet(places)
        return places.parent
    raise AssertionError(how)


@pytest.fixture
def setup(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A tiny writable data directory and a store holding a tiny gazetteer."""
    data = write_data(tmp_path / "data")
    store = tmp_path / "store"
    write_gazetteer(store, tmp_path)
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return data, store


def plain(markdown: str) -> str:
    """Streamlit markdown with ui.text.md's escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


def find_claims(at: AppTest | None = None) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.radio(key="page").set_value("Add claims").run()
    at.text_area(key="rv_text").input(REPORT)
    at.date_input(key="rv_date").set_value(dt.date(2025, 12, 4))
    at.text_input(key="rv_source").input("Test Wire")
    at.button(key="rv_find").click().run()
    return at


def gazetteer_errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error if "gazetteer" in e.value]


def test_intact_gazetteer_finds_places_beyond_the_curated_ones(setup) -> None:
    """The control: with a readable gazetteer, Zetivka (gazetteer only) is found too."""
    at = find_claims()
    assert not at.exception
    assert list(at.data_editor[0].value["settlement"]) == ["alpha", "gn-9000001"]
    assert gazetteer_errors(at) == []


@pytest.mark.parametrize("how", ["garbage", "truncated places", "truncated names",
                                 "foreign table", "bad values"])
def test_damaged_gazetteer_is_named_and_curated_places_still_work(setup, how: str) -> None:
    data, store = setup
    bad = damage(store, how)
    at = find_claims()
    assert not at.exception
    errors = gazetteer_errors(at)
    assert len(errors) == 1, [e.value for e in at.error]
    assert str(bad) in errors[0]                                     # names the file
    assert ("could not be indexed" if how == "bad values" else "gazetteer") in errors[0]
    assert "python -m geo gazetteer import" in errors[0]              # says how to fix it
    assert "curated settlements" in errors[0]                         # and what still works
    table = at.data_editor[0].value
    assert list(table["settlement"]) == ["alpha"]
    assert list(table["status"]) == ["russian"]
    # the drafts stay usable: accepting writes the claim
    before = (data / "claims.csv").read_text()
    at.button(key="rv_accept").click().run()
    assert not at.exception
    assert "Wrote 1 claim(s)" in at.success[0].value
    added = (data / "claims.csv").read_text()[len(before):]
    assert ",alpha,ru_mod,russian," in added and "Test Wire" in added


def test_reimported_gazetteer_is_used_at_once(setup, tmp_path: Path) -> None:
    _, store = setup
    damage(store, "truncated names")
    at = find_claims()
    assert len(gazetteer_errors(at)) == 1
    write_gazetteer(store, tmp_path)                                   # repaired
    at = find_claims(at)
    assert not at.exception
    assert gazetteer_errors(at) == []
    assert list(at.data_editor[0].value["settlement"]) == ["alpha", "gn-9000001"]


@pytest.mark.parametrize("how", ["garbage", "truncated places", "truncated names",
                                 "foreign table"])
def test_load_gazetteer_names_the_damaged_file(tmp_path: Path, how: str) -> None:
    store = tmp_path / "store"
    write_gazetteer(store, tmp_path)
    bad = damage(store, how)
    with pytest.raises(StoreError) as info:
        load_gazetteer(store)
    text = str(info.value)
    assert text.startswith(f"{bad}: ")
    assert f"Fix: re-import it: python -m geo gazetteer import UA.zip --store {store}" in text


def test_cli_names_the_damaged_gazetteer(setup, capsys) -> None:
    from geo.cli import main

    data, store = setup
    bad = damage(store, "garbage")
    assert main(["resolve", "Zetivka", "--data", str(data), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "python -m geo gazetteer import" in err
    assert "Traceback" not in err
