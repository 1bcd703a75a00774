"""Each claimant's publishers: counts, places, days and the latest link, map claims left out."""

from __future__ import annotations

from pathlib import Path

from geo.claims.publishers import publishers
from geo.claims.urlcodec import PAGES, decode_page, encode_page
from geo.dataset.load import load_dataset
from geo.vocab import MAP_FIRST_ROW
from tests.helpers import CLAIMS, claim, write_data


def test_publishers_per_claimant_with_counts_and_the_latest_link(tmp_path: Path) -> None:
    rows = [*CLAIMS,
            claim("p1", "2025-02-10", "beta", "ru_mod", "russian", source="Wire B",
                  source_url="https://www.wireb.example/1"),
            claim("p2", "2025-02-11", "gamma", "ru_mod", "russian", source="Wire B",
                  source_url="https://www.wireb.example/2")]
    ds = load_dataset(write_data(tmp_path / "d", claims=rows))
    table = publishers(ds.claims, ds.claimants)
    mod = table[table["claimant"] == "ru_mod"]
    assert list(mod["publisher"]) == ["Wire B", "Test Wire"]          # most claims first
    first = mod.iloc[0]
    assert (first["claims"], first["places"]) == (2, 2)
    assert first["latest_url"] == "https://www.wireb.example/2" and first["site"] == "wireb.example"
    assert str(first["first"].date()) == "2025-02-10"
    assert table["claims"].sum() == len(rows)
    # claims a control map gives are no publisher's
    mapped = ds.claims.assign(row=ds.claims["row"] + MAP_FIRST_ROW)
    assert publishers(mapped, ds.claimants).empty


def test_the_page_travels_in_the_link() -> None:
    assert decode_page({}) == ("Map", [])
    assert decode_page({"page": "sources"}) == ("Sources", [])
    assert decode_page({"page": "Reliability"}) == ("Reliability", [])
    page, notices = decode_page({"page": "<script>"})
    assert page == "Map" and notices and "<script>" not in notices[0]
    assert encode_page("Map") == {} and encode_page("Add claims") == {"page": "add-claims"}
    assert all(decode_page(encode_page(t))[0] == t for t in PAGES)
