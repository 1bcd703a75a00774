"""The Reliability page (AppTest): on the bundled record, the filters (claimants, dates,
rules, period, reference), the empty states, and what the downloads hold."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import CLAIMS, claim, write_data
from tests.ui.scorecard_cases import frame, scored_dirs, specs

ROOT = Path(__file__).resolve().parents[2]


def _page(data: str, store: str) -> None:
    from pathlib import Path

    from geo.dataset.load import load_dataset
    from ui import controlmaps, reliability

    reliability.page(load_dataset(Path(data)), ("test", data),
                     controlmaps.stored_maps(Path(store)))


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return scored_dirs(tmp_path)


def run(data: Path, store: Path) -> AppTest:
    return AppTest.from_function(_page, args=(str(data), str(store)), default_timeout=60).run()


def downloads(at: AppTest, data: Path, store: Path) -> dict[str, bytes]:
    """What the page's download buttons hand the reader, by label. AppTest runs without
    Streamlit's media files, so the bytes are made here from the scorecard of the choices
    the page kept in the session (the page draws its buttons from the same list)."""
    from geo.dataset.load import load_dataset
    from ui import controlmaps, reliability

    values = at.session_state["rel_saved"]
    sc, _, _ = reliability.chosen(load_dataset(data), ("test", str(data)),
                                  controlmaps.stored_maps(store), values)
    assert sc is not None
    files = reliability.download_files(sc, values["rel_period"])
    assert [b.proto.label for b in at.get("download_button")] == [f.label for f in files]
    return {f.label: f.data() for f in files}


def rows_of(at: AppTest) -> pd.DataFrame:
    rows = frame(at, "median lead (d)")
    return rows[(rows["kind"] == "all") & (rows["period"] == "all")].set_index("claimant")


def test_the_page_on_the_bundled_record(tmp_path: Path) -> None:
    if not (ROOT / "data" / "claims.csv").is_file():
        pytest.skip("no bundled data/claims.csv")
    at = run(ROOT / "data", tmp_path / "no-store")
    assert not at.exception
    assert at.subheader[0].value.startswith("Reliability")
    # no stored maps: DeepState's own statements are the reference, and the page says so
    assert any(i.value.replace("\\", "").startswith("Judged against DeepState's own claims (")
               for i in at.info)
    # the caveat and what "judged" means stay in view; the rules fold away
    (caveat,) = [i.value.replace("\\", "") for i in at.info if "Judged against" in i.value]
    assert "not verified facts" in caveat and "a claim is judged once the reference" in caveat
    (rules,) = [e for e in at.expander if e.label.startswith("The rules")]
    assert "is confirmed when the reference later shows" in \
        rules.markdown[0].value.replace("\\", "")
    rows = rows_of(at)
    claims = frame(at, "shown_source")
    assert {"Russian MoD", "ISW"} <= set(rows.index)
    assert rows["claims"].sum() == len(claims) >= 100     # every scored claim is listed
    assert set(claims["outcome"]) <= {"confirmed", "reversed", "open", "never"}
    confirmed = claims[claims["outcome"] == "confirmed"]
    assert len(confirmed) and (confirmed["shown_date"] != "").all()
    assert confirmed["source_url"].str.startswith("http").all()
    (spec,) = specs(at)
    assert "Lead in days" in json.dumps(spec)
    assert len(at.get("download_button")) == 3


def test_filters_change_the_table(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs)
    assert set(rows_of(at).index) == {"Russian General Staff", "Russian MoD",
                                      "Ukrainian General Staff"}
    at.multiselect(key="rel_claimants").set_value(["ru_mod"]).run()
    assert set(rows_of(at).index) == {"Russian MoD"}
    assert set(frame(at, "shown_source")["claimant"]) == {"Russian MoD"}
    at.multiselect(key="rel_claimants").set_value([]).run()
    at.date_input(key="rel_from").set_value(dt.date(2025, 2, 1)).run()   # c4 (01-15) goes
    claims = frame(at, "shown_source")
    assert set(claims["claim"]) == {"c3", "c7"}
    at.date_input(key="rel_to").set_value(dt.date(2025, 2, 3)).run()     # c7 (02-05) too
    assert set(frame(at, "shown_source")["claim"]) == {"c3"}
    at.date_input(key="rel_from").set_value(dt.date(2025, 3, 1)).run()
    assert any("is after 2025-02-03" in e.value for e in at.error)
    at.date_input(key="rel_from").set_value(dt.date(2025, 1, 1)).run()
    at.date_input(key="rel_to").set_value(dt.date(2025, 12, 31)).run()
    at.radio(key="rel_period").set_value("quarter").run()
    assert set(frame(at, "median lead (d)")["period"]) == {"all", "2025-Q1"}
    at.number_input(key="rel_window").set_value(0).run()
    assert not at.exception
    at.selectbox(key="rel_use").set_value("maps").run()
    at.selectbox(key="rel_reference").set_value("ua_gs").run()     # no maps of its own
    assert any("no stored maps with place classes for 'ua_gs'" in i.value.replace("\\", "")
               for i in at.info)
    at.selectbox(key="rel_use").set_value("claims").run()
    assert any(i.value.replace("\\", "").startswith(
        "Judged against Ukrainian General Staff's own claims") for i in at.info)


def test_the_downloads_hold_the_filtered_scorecard(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs)
    at.multiselect(key="rel_claimants").set_value(["ru_mod"]).run()
    files = downloads(at, *dirs)
    doc = json.loads(files["Scorecard with outcomes (JSON)"])
    assert (doc["reference"], doc["reference_kind"], doc["claimants"]) == \
        ("deepstate", "map", ["ru_mod"])
    (row,) = [r for r in doc["rows"] if r["kind"] == "all"]
    assert (row["claimant"], row["claims"]) == ("ru_mod", 2)
    assert {o["claim"] for o in row["outcomes"]} == {"c4", "c7"}
    c7 = next(o for o in row["outcomes"] if o["claim"] == "c7")
    assert (c7["date"], c7["shown_date"], c7["lead_days"]) == ("2025-02-05", "2025-02-10", 5)
    assert c7["source_url"] == "https://example.org/b"
    table = pd.read_csv(io.BytesIO(files["Scorecard (CSV)"]))
    assert set(table["claimant"]) == {"ru_mod"}
    assert table.loc[table["kind"] == "all", "claims"].tolist() == [2]
    claims = pd.read_csv(io.BytesIO(files["Every claim's outcome (CSV)"]))
    assert sorted(claims["claim"]) == ["c4", "c7"]
    assert {"shown_date", "shown_source", "shown_url", "source_url"} <= set(claims.columns)


def test_no_claims_at_all_says_so(tmp_path: Path) -> None:
    at = run(write_data(tmp_path / "data", claims=[]), tmp_path / "store")
    assert not at.exception
    assert any("No claims in the data yet" in i.value for i in at.info)
    assert not at.get("download_button")


def test_no_capture_claim_to_score_says_so(tmp_path: Path) -> None:
    rows = [c for c in CLAIMS if c["status"] == "contested"] + [
        claim("c9", "2025-02-01", "gamma", "osint", "russian")]   # the reference's own
    at = run(write_data(tmp_path / "data", claims=rows), tmp_path / "store")
    at.selectbox(key="rel_reference").set_value("osint").run()
    assert not at.exception
    info = at.info[-1]                                   # after the rules
    assert "No capture claim by the chosen claimants" in info.value
    assert "not a capture claim" in info.value
    assert not at.dataframe and not at.get("download_button")


def test_a_national_record_draws_a_sample_of_its_dots() -> None:
    from ui import reliability, scorecard

    n = 9000                      # Altair refuses more than 5,000 rows inline
    claims = pd.DataFrame({
        "claimant": ["ru_mod", "ru_mod", "isw"] * (n // 3), "name": "Alpha",
        "date": "2025-01-01", "shown_date": "2025-01-05", "outcome": "confirmed",
        "lead_days": pd.array([4, None, 2] * (n // 3), dtype="Int64"),
        "lead_min_days": pd.array([1, None, 1] * (n // 3), dtype="Int64"),
        "source": "Wire", "shown_source": "map"})
    dots = reliability.drawn(claims)
    assert len(dots) == reliability.CHART_MAX and dots["lead_days"].notna().all()
    assert dots["claimant"].value_counts().to_dict() == {"ru_mod": 2000, "isw": 2000}
    spec = scorecard.chart_spec(dots, {})
    assert max(len(rows) for rows in spec["datasets"].values()) == reliability.CHART_MAX
    assert len(reliability.drawn(claims.iloc[:30])) == 20            # few: every one


def test_the_table_writes_figures_by_the_clis_rule() -> None:
    from geo.scores import ROW_COLUMNS
    from ui.reliability import table_rows

    row = dict.fromkeys(ROW_COLUMNS, 0) | {
        "claimant": "ru_gs", "kind": "all", "period": "all", "claims": 11,
        "confirmed_share_30d": 0.1, "old_enough_30d": 10, "confirmed_share_90d": None,
        "judged": 4,
        "median_lead_days": 38.5, "lead_q1_days": -0.0, "lead_q3_days": None}
    shown = table_rows(pd.DataFrame([row]), {"ru_gs": "Russian General Staff"}).iloc[0]
    assert (shown["median lead (d)"], shown["lead Q1"], shown["lead Q3"]) == ("38.5", "0", "—")
    assert (shown["≤ 30 d"], shown["≤ 90 d"], shown["≤ 7 d"]) == \
        ("10% of 10 old enough", "none old enough yet", "none old enough yet")
    # "judged" is one column, the card's count: the shares never say it
    assert shown["judged"] == 4
    assert "old_enough_30d" not in shown.index and shown["claimant"] == "Russian General Staff"


def test_the_claims_table_writes_no_none() -> None:
    from ui.reliability import CLAIM_VIEW, claim_rows

    row = dict.fromkeys(CLAIM_VIEW, "") | {"claimant": "ru_mod", "lead_days": pd.NA,
                                           "lead_min_days": 3, "shown_source": None,
                                           "shown_url": None, "reversed_source": None}
    shown = claim_rows(pd.DataFrame([row]).astype({"lead_days": "Int64"}), {}).iloc[0]
    assert (shown["lead_days"], shown["lead_min_days"]) == ("—", "3")
    assert (shown["shown_source"], shown["shown_url"]) == ("", "")
