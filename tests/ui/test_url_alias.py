"""A link may name a curated place by its GeoNames id (``gn-704422``): the page opens the
curated row and writes its own id back (a new user's review: the README promises this, the
page said "unknown settlement id")."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers import write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_curated_places_geonames_id_in_the_link_selects_it(tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(write_data(tmp_path / "data")))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["settlement"] = "gn-704422"                 # Alpha's GeoNames id
    at.run()
    assert not at.exception
    assert not [w.value for w in at.warning if "settlement" in w.value]
    assert at.query_params["settlement"] in ("alpha", ["alpha"])    # its own id written back
