"""Loading and validation: every rule has a fixture that breaks it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from geo.errors import DataValidationError, InputError
from geo.settings import DEFAULT_DATA_DIR
from tests.helpers import CLAIMANTS, CLAIMS, SETTLEMENTS, TERRITORY, claim, to_csv, write_data

TODAY = dt.date(2026, 1, 1)


def problems(directory: Path) -> list:
    with pytest.raises(DataValidationError) as info:
        load_dataset(directory, today=TODAY)
    return info.value.problems


def only(directory: Path):
    found = problems(directory)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_valid_directory_loads(data_dir: Path) -> None:
    ds = load_dataset(data_dir, today=TODAY)
    assert len(ds.claims) == len(CLAIMS)
    assert ds.settlements.crs.to_epsg() == 4326
    assert ds.settlements.geometry.iloc[0].x == pytest.approx(37.18)
    assert ds.claims["date"].is_monotonic_increasing
    assert ds.claims.set_index("id").loc["c1", "encircled"]
    assert ds.claims.set_index("id").loc["c1", "side"] == "ru"
    assert ds.first_date == dt.date(2025, 1, 1)
    assert ds.last_date == dt.date(2025, 3, 1)
    # empty denominator defaults to Ukraine's area; empty refers_to to the date
    osint = ds.territory[ds.territory["share_pct"] == 19.1].iloc[0]
    assert osint["denominator_km2"] == 603_628
    assert osint["refers_to"] == osint["date"]


def test_bundled_data_is_valid() -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    assert {"pokrovsk", "myrnohrad", "kupiansk", "dobropillia", "novouspenivske",
            "kupiansk-vuzlovyi", "kramatorsk", "sloviansk"} <= set(ds.settlements["id"])
    assert {"ru_mod", "ru_genstaff", "ua_genstaff", "ua_military", "deepstate", "isw"} <= set(
        ds.claimants["id"])
    # every claim and figure is attributed to a source
    assert (ds.claims["source"] != "").all()
    assert (ds.territory["source"] != "").all()


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="data directory not found"):
        load_dataset(tmp_path / "nope")


def test_unknown_claimant(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[*CLAIMS, claim("c9", "2025-01-02", "alpha", "kremlin",
                                                    "russian")])
    p = only(d)
    assert (p.file, p.line, p.field, p.value) == ("claims.csv", 8, "claimant", "kremlin")
    assert "claimants.csv" in p.fix


def test_unknown_settlement(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "atlantis", "ru_mod",
                                           "russian")])
    p = only(d)
    assert (p.line, p.field, p.value) == (2, "settlement_id", "atlantis")


@pytest.mark.parametrize("bad", ["2025-13-01", "11/11/2025", "2025-1-1", "yesterday"])
def test_bad_date(tmp_path: Path, bad: str) -> None:
    d = write_data(tmp_path, claims=[claim("c1", bad, "alpha", "ru_mod", "russian",
                                           source_date="")])
    p = only(d)
    assert (p.field, p.value) == ("date", bad)
    assert "YYYY-MM-DD" in p.fix


def test_future_date(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2026-01-02", "alpha", "ru_mod", "russian",
                                           source_date="")])
    p = only(d)
    assert p.field == "date" and "future" in p.message


@pytest.mark.parametrize(("when", "message"), [("2403-01-01", "future"),
                                               ("1000-01-01", "not a valid date")])
def test_date_beyond_the_tables_range(tmp_path: Path, when: str, message: str) -> None:
    """Years past 2262 or before 1678 overflowed the nanosecond dates (a traceback)."""
    d = write_data(tmp_path, claims=[claim("c1", when, "alpha", "ru_mod", "russian",
                                           source_date=when)])
    found = problems(d)
    assert {(p.field, p.value) for p in found} == {("date", when), ("source_date", when)}
    assert all(message in p.message for p in found)


def test_unknown_status(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "captured")])
    p = only(d)
    assert (p.field, p.value) == ("status", "captured")
    assert "ukrainian, contested, russian" in p.fix


@pytest.mark.parametrize(("field", "value"), [("extent", "most"), ("encircled", "yes")])
def test_unknown_vocabulary(tmp_path: Path, field: str, value: str) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "russian",
                                           **{field: value})])
    assert (only(d).field, only(d).value) == (field, value)


def test_duplicate_ids(tmp_path: Path) -> None:
    d = write_data(
        tmp_path,
        claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "russian"),
                claim("c1", "2025-01-03", "alpha", "ru_mod", "russian")],
        settlements=[*SETTLEMENTS, SETTLEMENTS[0]],
        claimants=[*CLAIMANTS, CLAIMANTS[0]],
    )
    found = {(p.file, p.line, p.field) for p in problems(d)}
    assert found == {("claims.csv", 3, "id"), ("settlements.csv", 5, "id"),
                     ("claimants.csv", 7, "id")}


def test_coordinates_outside_ukraine(tmp_path: Path) -> None:
    rows = [dict(SETTLEMENTS[0], lat="55.75", lon="37.62")]  # Moscow
    d = write_data(tmp_path, settlements=rows, claims=[])
    p = only(d)
    assert (p.line, p.field, p.value) == (2, "lat,lon", "55.75,37.62")
    assert "outside Ukraine" in p.message


def test_swapped_lat_lon(tmp_path: Path) -> None:
    rows = [dict(SETTLEMENTS[0], lat="37.18", lon="48.28")]
    d = write_data(tmp_path, settlements=rows, claims=[])
    p = only(d)
    assert "swapped" in p.message


@pytest.mark.parametrize(("field", "value"), [("lat", "north"), ("lon", "nan"),
                                              ("lat", "inf"), ("population", "-5"),
                                              ("population", "12.5")])
def test_bad_numbers(tmp_path: Path, field: str, value: str) -> None:
    rows = [dict(SETTLEMENTS[0], **{field: value})]
    d = write_data(tmp_path, settlements=rows, claims=[])
    assert any(p.field == field and p.value == value for p in problems(d))


def test_missing_required_field(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "russian",
                                           summary="")])
    p = only(d)
    assert (p.line, p.field, p.message) == (2, "summary", "required field is empty")


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[
        claim("c1", "2025-01-02", "atlantis", "ru_mod", "russian"),
        claim("c2", "not-a-date", "alpha", "nobody", "russian", source_date=""),
        claim("c3", "2025-01-02", "alpha", "ru_mod", "won"),
    ])
    found = {(p.line, p.field) for p in problems(d)}
    assert found == {(2, "settlement_id"), (3, "date"), (3, "claimant"), (4, "status")}


def test_wrong_field_count(tmp_path: Path) -> None:
    text = to_csv("claims.csv", CLAIMS) + "c7,2025-01-02,alpha,ru_mod,russian,full\n"
    d = write_data(tmp_path, claims=text)
    p = only(d)
    assert p.line == len(CLAIMS) + 2 and "expected 13 fields, found 6" in p.message


def test_line_numbers_count_multiline_fields(tmp_path: Path) -> None:
    rows = [claim("c1", "2025-01-02", "alpha", "ru_mod", "russian", summary="two\nlines"),
            claim("c2", "2025-01-02", "alpha", "ru_mod", "bogus")]
    d = write_data(tmp_path, claims=rows)
    assert only(d).line == 4  # header 1, c1 spans 2-3, c2 on 4


def test_unclosed_quote(tmp_path: Path) -> None:
    text = to_csv("claims.csv", CLAIMS[:1]) + 'c9,2025-01-02,alpha,ru_mod,russian,full,,,"oops\n'
    d = write_data(tmp_path, claims=text)
    assert any("malformed" in p.message or "expected" in p.message for p in problems(d))


def test_wrong_delimiter(tmp_path: Path) -> None:
    text = to_csv("claims.csv", CLAIMS).replace(",", ";")
    p = only(write_data(tmp_path, claims=text))
    assert "not comma-separated" in p.message


def test_missing_column(tmp_path: Path) -> None:
    text = to_csv("claims.csv", CLAIMS).replace("status,", "state,", 1)
    found = problems(write_data(tmp_path, claims=text))
    assert any(p.field == "status" and "missing" in p.message for p in found)
    assert any(p.field == "state" and "unknown column" in p.message for p in found)


def test_optional_column_may_be_absent(tmp_path: Path) -> None:
    text = "\n".join(line.rsplit(",", 2)[0] for line in  # no source_date, no channel
                     to_csv("claims.csv", [claim("c1", "2025-01-02", "alpha", "ru_mod",
                                                 "russian")]).splitlines()) + "\n"
    ds = load_dataset(write_data(tmp_path, claims=text), today=TODAY)
    assert ds.claims["source_date"].isna().all()


def test_not_utf8(tmp_path: Path) -> None:
    d = write_data(tmp_path)
    (d / "settlements.csv").write_bytes(
        to_csv("settlements.csv", SETTLEMENTS).encode("utf-8").replace(
            "Альфа".encode(), "Альфа".encode("cp1251")))
    p = only(d)
    assert p.file == "settlements.csv" and p.line == 2 and "UTF-8" in p.message


def test_utf16_rejected_and_bom_accepted(tmp_path: Path) -> None:
    d = write_data(tmp_path / "a")
    (d / "claims.csv").write_text(to_csv("claims.csv", CLAIMS), encoding="utf-16")
    assert "UTF-16" in only(d).message
    d = write_data(tmp_path / "b")
    (d / "claims.csv").write_text(to_csv("claims.csv", CLAIMS), encoding="utf-8-sig")
    assert len(load_dataset(d, today=TODAY).claims) == len(CLAIMS)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    d = write_data(tmp_path, territory="")
    (d / "claimants.csv").unlink()
    found = problems(d)
    assert any(p.file == "territory.csv" and "empty" in p.message for p in found)
    assert any(p.file == "claimants.csv" and "not found" in p.message for p in found)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.example.org", "https://a b"])
def test_bad_urls(tmp_path: Path, url: str) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "russian",
                                           source_url=url)])
    assert only(d).field == "source_url"


@pytest.mark.parametrize(("field", "value"), [("share_pct", "120"), ("qualifier", "roughly"),
                                              ("denominator_km2", "0"), ("area_km2", "x")])
def test_bad_territory(tmp_path: Path, field: str, value: str) -> None:
    d = write_data(tmp_path, territory=[dict(TERRITORY[0], **{field: value})])
    assert (only(d).field, only(d).value) == (field, value)


def test_problem_text_names_file_line_field_value_and_fix(tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "alpha", "ru_mod", "captured")])
    text = str(only(d))
    assert text.startswith("claims.csv:2 status = 'captured': unknown value. Fix: use one of")


# --- the Parquet cache of validated data --------------------------------------------------------

def test_cache_hit_equals_fresh_load_and_changes_invalidate(tmp_path: Path, data_dir: Path,
                                                             monkeypatch) -> None:
    import pandas as pd

    from geo.dataset import cache as datacache

    cache = tmp_path / "cache"
    first = datacache.load_cached(data_dir, cache, today=TODAY)
    assert len(list(cache.iterdir())) == 1
    calls = []
    monkeypatch.setattr(datacache, "load_dataset",
                        lambda *a, **k: calls.append(a) or load_dataset(*a, **k))
    again = datacache.load_cached(data_dir, cache, today=TODAY)
    assert calls == []                                       # served from Parquet
    for part in ("claimants", "settlements", "claims", "territory"):
        pd.testing.assert_frame_equal(pd.DataFrame(getattr(again, part)),
                                      pd.DataFrame(getattr(first, part)), check_dtype=False)
    (data_dir / "claims.csv").write_text((data_dir / "claims.csv").read_text() + "\n")
    datacache.load_cached(data_dir, cache, today=TODAY)
    assert len(calls) == 1                                   # an edited file is re-read


def test_cache_never_hides_invalid_data_and_survives_damage(tmp_path: Path,
                                                            data_dir: Path) -> None:
    from geo.dataset import cache as datacache

    cache = tmp_path / "cache"
    datacache.load_cached(data_dir, cache, today=TODAY)
    for parquet in cache.rglob("claims.parquet"):
        parquet.write_bytes(b"damaged")
    assert len(datacache.load_cached(data_dir, cache, today=TODAY).claims) == len(CLAIMS)
    bad = write_data(tmp_path / "bad", claims=[claim("c1", "2025-01-02", "atlantis", "ru_mod",
                                                     "russian")])
    for _ in range(2):
        with pytest.raises(DataValidationError):
            datacache.load_cached(bad, cache, today=TODAY)


def test_short_labels_default_to_the_name_and_may_be_absent(tmp_path: Path) -> None:
    rows = [{**CLAIMANTS[0], "short": "RU MoD"}, *CLAIMANTS[1:]]
    ds = load_dataset(write_data(tmp_path / "a", claimants=rows), today=TODAY)
    labels = dict(zip(ds.claimants["id"], ds.claimants["short"], strict=True))
    assert labels["ru_mod"] == "RU MoD" and labels["isw"] == "ISW"       # empty: the name
    header = "id,name,side,kind,url\n"                                  # no short column
    text = header + "".join(f"{c['id']},{c['name']},{c['side']},{c['kind']},{c['url']}\n"
                            for c in CLAIMANTS)
    ds = load_dataset(write_data(tmp_path / "b", claimants=text), today=TODAY)
    assert list(ds.claimants["short"]) == [c["name"] for c in CLAIMANTS]


@pytest.mark.parametrize(("short", "message"), [
    ("A label far too long for a chip", "label too long"),
    ("ISW", "label already used by an earlier claimant"),   # isw's name, which it shows
])
def test_bad_short_labels(tmp_path: Path, short: str, message: str) -> None:
    rows = [*CLAIMANTS[1:], {**CLAIMANTS[0], "short": short}]
    p = only(write_data(tmp_path, claimants=rows))
    assert (p.file, p.field, p.message) == ("claimants.csv", "short", message)


def test_bundled_short_labels_fit() -> None:
    claimants = load_dataset(DEFAULT_DATA_DIR).claimants
    assert (claimants["short"].str.len() <= 20).all()
    assert (claimants["short"] != claimants["name"]).sum() >= 5
