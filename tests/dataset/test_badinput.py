"""The bad-input corpus (tests/badinput/, MANIFEST.csv): a clear error or a clean accept.

Never another exception (a traceback for the user), never a hang (pytest-timeout), never a
partial write. Regenerate the corpus with ``python tests/badinput/make_corpus.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from geo.errors import DataValidationError, InputError
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import import_deepstate
from geo.places.gazetteer import import_gazetteer
from tests.helpers import write_data

CORPUS = Path(__file__).resolve().parents[1] / "badinput"
CASES = list(csv.DictReader((CORPUS / "MANIFEST.csv").open(encoding="utf-8")))


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert {c["loader"] for c in CASES} == {"claims", "settlements", "deepstate", "gazetteer",
                                            "deepstate-own-date", "deepstate-import"}


def _load_data(tmp_path: Path, loader: str, raw: bytes) -> object:
    # settlement cases get no claims, so only the settlements file is under test
    data = (write_data(tmp_path / "data", claims=[]) if loader == "settlements"
            else write_data(tmp_path / "data"))
    (data / f"{loader}.csv").write_bytes(raw)
    return load_dataset(data, today=dt.date(2026, 1, 1))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input(case: dict, tmp_path: Path) -> None:
    path = CORPUS / case["file"]
    raw = path.read_bytes()
    loader, expect, message = case["loader"], case["expect"], case["message"]
    if loader in ("claims", "settlements"):
        if expect == "error":
            with pytest.raises(DataValidationError) as info:
                _load_data(tmp_path, loader, raw)
            text = info.value.summary()
            assert message in text
            assert all(p.fix for p in info.value.problems)          # every error says how
            assert all(p.file == f"{loader}.csv" for p in info.value.problems)
        else:
            ds = _load_data(tmp_path, loader, raw)
            if "html" in case["file"]:
                frame = ds.claims if loader == "claims" else ds.settlements
                text = " ".join(map(str, frame.to_numpy().ravel()))
                assert "<img src=x onerror=alert(1)>" in text            # kept literally
    elif loader == "deepstate":
        if expect == "error":
            with pytest.raises(InputError, match=message or None) as info:
                parse_snapshot(raw, case["file"], date=dt.date(2025, 1, 1))
            if "crs" in case["file"] or "projected" in case["file"]:
                assert "Fix: " in str(info.value) and "ogr2ogr -t_srs EPSG:4326" in str(
                    info.value)                                       # says how to fix it
            store = tmp_path / "store"
            with pytest.raises(InputError):
                import_deepstate(str(path), store, date=dt.date(2025, 1, 1))
            assert not store.exists() or not any(store.rglob("*.parquet"))  # nothing written
        else:
            snap = parse_snapshot(raw, case["file"], date=dt.date(2025, 1, 1))
            assert snap.polygons.geometry.is_valid.all()
            assert not snap.polygons.geometry.has_z.any()
    elif loader == "deepstate-own-date":                # the date the file states, as uploaded
        with pytest.raises(InputError, match=message) as info:
            parse_snapshot(raw, case["file"], today=dt.date(2026, 1, 1))
        assert "Fix: " in str(info.value) and "\n" not in str(info.value)
    elif loader == "deepstate-import":                  # parses, but refused by the import
        store = tmp_path / "store"
        with pytest.raises(InputError, match=message) as info:
            import_deepstate(str(path), store, date=dt.date(2025, 1, 1))
        assert "Fix: " in str(info.value)
        assert not store.exists() or not any(store.rglob("*.parquet"))  # nothing written
    else:
        store = tmp_path / "store"
        with pytest.raises(InputError, match=message or None) as info:
            import_gazetteer(path, store)
        assert "Fix: " in str(info.value) and "\n" not in str(info.value)
        assert not (store / "gazetteer").exists()                     # nothing written
