"""Property-based tests: no unhandled exception on any input, and the resolver's invariants."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.claims.index import resolve
from geo.dataset.load import load_dataset
from geo.errors import InputError
from geo.io.csvfile import read_csv_text
from geo.maps.deepstate import parse_snapshot
from geo.places.resolution import Resolver
from geo.text.extract import Extractor
from geo.vocab import COLUMNS, STATUSES
from tests.fixtures import BUNDLED_DIR

BUNDLED = load_dataset(BUNDLED_DIR)
RESOLVER = Resolver(BUNDLED.settlements)
EXTRACTOR = Extractor(RESOLVER, BUNDLED.claimants)
FAST = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_csv_reader_never_raises(text: str) -> None:
    frame, problems = read_csv_text(text, "claims.csv", COLUMNS["claims.csv"])
    assert isinstance(problems, list)
    assert list(frame.columns)[:len(COLUMNS["claims.csv"])] == list(COLUMNS["claims.csv"])


@FAST
@given(st.lists(st.lists(st.text(max_size=12), min_size=12, max_size=12), max_size=8))
def test_loader_reports_or_loads_any_claims_rows(tmp_path_factory, rows) -> None:
    import csv
    import io
    import shutil

    from geo.errors import DataValidationError

    data = tmp_path_factory.mktemp("d")
    for name in ("claimants.csv", "settlements.csv", "territory.csv"):
        shutil.copy(BUNDLED_DIR / name, data / name)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS["claims.csv"])
    writer.writerows(rows)
    (data / "claims.csv").write_text(out.getvalue(), encoding="utf-8")
    try:
        ds = load_dataset(data)
    except DataValidationError as exc:
        assert all(p.file and p.fix for p in exc.problems)
    else:
        assert ds.claims["status"].isin(STATUSES).all()


@FAST
@given(st.binary(max_size=300))
def test_map_parser_only_raises_input_errors_on_bytes(raw: bytes) -> None:
    with contextlib.suppress(InputError):  # any other exception fails the test
        parse_snapshot(raw, "x.json", date=dt.date(2025, 1, 1))


_json = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=25)


@FAST
@given(st.dictionaries(st.sampled_from(["type", "features", "map", "id", "datetime"]), _json))
def test_map_parser_only_raises_input_errors_on_json(doc: dict) -> None:
    with contextlib.suppress(InputError):  # any other exception fails the test
        parse_snapshot(json.dumps(doc).encode(), "x.json", date=dt.date(2025, 1, 1))


@FAST
@given(st.text(max_size=60))
def test_name_resolver_never_raises(name: str) -> None:
    found = RESOLVER.resolve(name)
    assert found is None or 0 < found.confidence <= 1
    RESOLVER.nearest(name)


@FAST
@given(st.text(max_size=300))
def test_extractor_never_raises(text: str) -> None:
    for draft in EXTRACTOR.extract(text, dt.date(2025, 11, 11)):
        assert 0 <= draft.start <= draft.end <= len(text)
        assert draft.kind in ("settlement", "territory")


@FAST
@given(st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 6, 1)),
       st.sets(st.sampled_from(list(BUNDLED.claimants["id"]))))
def test_resolution_invariants(day: dt.date, claimants: set[str]) -> None:
    r = resolve(BUNDLED.settlements, BUNDLED.claims, day, claimants)
    assert list(r["settlement"]) == list(BUNDLED.settlements["id"])    # one row per place
    for side in ("ru", "ua", "independent"):
        assert r[f"{side}_status"].dropna().isin(STATUSES).all()
    both = r["ru_status"].notna() & r["ua_status"].notna()
    differs = both & (r["ru_status"] != r["ua_status"])
    enc = (both & r["ru_encircled"].notna() & r["ua_encircled"].notna()
           & (r["ru_encircled"].astype("boolean") != r["ua_encircled"].astype("boolean")))
    assert (r["disputed"] == (differs | enc.fillna(False))).all()    # disputed iff sides differ
    assert not r.loc[~both, "disputed"].any()
    assert (pd.to_numeric(r["ru_age_days"], errors="coerce").dropna() >= 0).all()
