"""Claims counted by claimant, publisher and source link (the Sources page's tables)."""

from __future__ import annotations

import pandas as pd

from geo.claims.sources import claimant_summary, publishers, site, source_links

CLAIMANTS = pd.DataFrame({"id": ["ua_gs", "ru_mod", "isw"]})   # the sidebar's order


def claims() -> pd.DataFrame:
    rows = [  # claimant, place, date, publisher, link
        ("ru_mod", "alpha", "2025-01-01", "Wire A", "https://www.a.example/1"),
        ("ru_mod", "beta", "2025-02-01", "Wire A", "https://www.a.example/2"),
        ("ru_mod", "beta", "2025-02-01", "Wire A", "https://www.a.example/2"),
        ("ru_mod", "alpha", "2025-03-01", "Paper B", ""),
        ("ua_gs", "alpha", "2025-01-05", "  ", "http://b.example:8080/x?y=1"),
    ]
    return pd.DataFrame(rows, columns=["claimant", "settlement_id", "date", "source",
                                       "source_url"]).assign(
        date=lambda f: pd.to_datetime(f["date"]))


def test_every_claimant_is_summarised_in_order_those_without_a_claim_too() -> None:
    out = claimant_summary(claims(), CLAIMANTS)
    assert out["claimant"].tolist() == ["ua_gs", "ru_mod", "isw"]
    ru = out.set_index("claimant").loc["ru_mod"]
    assert (ru["claims"], ru["publishers"], ru["places"]) == (4, 2, 2)
    assert ru["first"] == pd.Timestamp("2025-01-01") and ru["last"] == pd.Timestamp("2025-03-01")
    isw = out.set_index("claimant").loc["isw"]
    assert isw["claims"] == 0 and pd.isna(isw["last"])


def test_publishers_are_counted_with_their_newest_link_and_site() -> None:
    out = publishers(claims(), CLAIMANTS)
    assert out[["claimant", "publisher"]].values.tolist() == [
        ["ua_gs", "(not named)"], ["ru_mod", "Wire A"], ["ru_mod", "Paper B"]]
    wire = out.iloc[1]
    assert (wire["claims"], wire["places"], wire["links"]) == (3, 2, 2)
    assert wire["newest_url"] == "https://www.a.example/2" and wire["site"] == "a.example"
    paper = out.iloc[2]
    assert paper["links"] == 0 and paper["newest_url"] == "" and paper["site"] == ""


def test_source_links_count_claims_per_link_newest_first_and_skip_missing_links() -> None:
    out = source_links(claims(), CLAIMANTS)
    ru = out[out["claimant"] == "ru_mod"]
    assert ru["source_url"].tolist() == ["https://www.a.example/2", "https://www.a.example/1"]
    assert ru["claims"].tolist() == [2, 1] and ru["places"].tolist() == [1, 1]
    assert out["claims"].sum() == 4       # the claim without a link is not a link's


def test_site_is_the_host_without_www() -> None:
    urls = pd.Series(["https://www.x.example/a", "http://y.example:81/", "", None, "x"])
    assert site(urls).tolist() == ["x.example", "y.example", "", "", ""]


def test_no_claims_give_empty_tables() -> None:
    empty = claims().iloc[:0]
    assert publishers(empty, CLAIMANTS).empty and source_links(empty, CLAIMANTS).empty
    assert claimant_summary(empty, CLAIMANTS)["claims"].tolist() == [0, 0, 0]
