"""The Sources page lists each claimant's publishers and links, and the page is in the URL:
a link opens it, the Page radio writes it (a second new user found neither)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import CLAIMS, claim, write_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    rows = [*CLAIMS, claim("c7", "2025-03-02", "gamma", "ru_mod", "russian",
                           source="Paper B", source_url="")]
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(write_data(tmp_path / "data", claims=rows)))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("FRONTLINE_TILES", "none")
    return AppTest.from_file(APP, default_timeout=60)


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def test_a_link_opens_the_sources_page_with_each_claimants_publishers(app: AppTest) -> None:
    app.query_params["page"] = "sources"
    at = app.run()
    assert not at.exception
    assert at.radio(key="page").value == "Sources"
    frames = {tuple(f.value.columns): f.value for f in at.dataframe}
    overview = next(f for cols, f in frames.items() if "own site" in cols)
    assert overview["claims"].tolist() == [3, 1, 2, 0, 1]   # ru_mod, ru_gs, ua_gs, osint, isw
    by_publisher = next(f for cols, f in frames.items() if "newest link" in cols)
    assert by_publisher[["claimant", "publisher", "claims"]].values.tolist()[:2] == [
        ["Russian MoD", "Test Wire", 2], ["Russian MoD", "Paper B", 1]]
    assert "1 claim name a publisher but no link" in " ".join(c.value for c in at.caption)
    at.selectbox(key="src_claimant").set_value("ua_gs").run()
    by_link = next(f.value for f in at.dataframe if "link" in f.value.columns)
    assert by_link["claimant"].tolist() == ["Ukrainian General Staff"]
    assert by_link["site"].tolist() == ["example.org"]
    assert not [w for w in at.warning if "page" in w.value]


def test_the_page_radio_writes_the_page_into_the_url(app: AppTest) -> None:
    app.query_params["date"] = "2025-01-15"
    at = app.run()
    assert param(at, "page") is None                 # the Map: left out
    at.radio(key="page").set_value("Reliability").run()
    assert param(at, "page") == "reliability"
    assert param(at, "date") == "2025-01-15"        # the map's state stays in the link
    at.radio(key="page").set_value("Map").run()
    assert param(at, "page") is None
    assert param(at, "date") == "2025-01-15"


def test_an_unknown_page_in_the_link_opens_the_map_and_says_so(app: AppTest) -> None:
    app.query_params["page"] = "nowhere"
    at = app.run()
    assert at.radio(key="page").value == "Map"
    assert any("'page' parameter" in w.value and "nowhere" not in w.value for w in at.warning)
