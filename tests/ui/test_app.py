"""The page's widgets and state, through Streamlit's AppTest (the map itself: tests/browser)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR, SMALL_DIR
from tests.helpers import claim, write_data

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
#: Every place the page lists on the small data (SMALL_DIR: the frozen curated settlements
#: and their nearest neighbours in the bundled table), where the tests about the page's flow
#: run; a run of the national page costs several times as much.
N = f"{len(load_dataset(SMALL_DIR, places='all').settlements):,}"
#: Every place the national page lists: the curated settlements and the bundled table's.
NATIONAL_N = f"{len(load_dataset(BUNDLED_DIR, places='all').settlements):,}"


def app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label.replace("\\", ""): m.value for m in at.metric}


def shown_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Showing "))


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(SMALL_DIR))   # frozen, not the growing record
    monkeypatch.setenv("FRONTLINE_TILES", "none")


@pytest.fixture
def national(monkeypatch) -> None:
    """The frozen data with the whole bundled places table (the national page)."""
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(BUNDLED_DIR))


def test_runs_on_bundled_data_with_defaults(national) -> None:
    at = app()
    assert not at.exception
    assert at.date_input(key="f_date").value == dt.date(2026, 1, 2)   # latest in the data
    n = NATIONAL_N
    assert f"Showing {n} of {n} settlements for 2026-01-02 (5 with a claim by the selected " \
        "claimants)" in shown_caption(at)
    assert at.query_params["date"] == "2026-01-02"


def test_territory_panel_on_report_day() -> None:
    at = app({"date": "2025-11-11", "claimants": "ru_gov,deepstate"})
    assert not at.exception
    values = metrics(at)
    # short labels (the side column cut the full names); the full name is the help
    assert values["Russian gov't"] == "more than 19%"
    assert values["DeepState"] == "19.1%"
    helps = {m.label.replace("\\", ""): m.help for m in at.metric}
    assert helps["Russian gov't"].replace("\\", "") == \
        'Russian government (unnamed officials: "Moscow")'   # markdown, escaped
    assert all(len(label) <= 30 for label in helps)
    text = " ".join(c.value for c in at.caption)
    assert "116,000 km²" in text
    assert any("Russian-side figure minus Ukrainian-side figure" in m.value for m in at.markdown)


def test_query_params_set_the_filters() -> None:
    at = app({"date": "2025-11-20", "claimants": "ru_genstaff,ua_genstaff",
              "status": "russian,contested", "disputed": "1", "settlement": "kupiansk"})
    assert not at.exception
    assert at.date_input(key="f_date").value == dt.date(2025, 11, 20)
    assert at.multiselect(key="f_claimants_ru").value == ["ru_genstaff"]
    assert at.multiselect(key="f_claimants_ua").value == ["ua_genstaff"]
    assert at.multiselect(key="f_claimants_independent").value == []
    assert at.multiselect(key="f_status").value == ["contested", "russian"]
    assert at.checkbox(key="f_disputed").value is True
    assert at.selectbox(key="f_settlement").value == "kupiansk"
    # Kupiansk (russian vs ukrainian) and Pokrovsk (russian partial vs contested)
    assert f"Showing 2 of {N} settlements" in shown_caption(at)
    assert any("All claims about Kupiansk" in e.label for e in at.expander)


def test_filters_change_what_is_shown_and_the_url() -> None:
    at = app({"date": "2025-11-11"})
    assert f"Showing {N} of {N}" in shown_caption(at)
    at.checkbox(key="f_disputed").check().run()
    assert f"Showing 2 of {N}" in shown_caption(at)                 # Pokrovsk, Kupiansk
    assert at.query_params["disputed"] == "1"
    at.date_input(key="f_date").set_value(dt.date(2022, 3, 1)).run()
    assert f"Showing 0 of {N}" in shown_caption(at)                 # one side only in 2022
    assert at.query_params["date"] == "2022-03-01"
    at.checkbox(key="f_disputed").uncheck().run()
    at.multiselect(key="f_status").set_value(["russian"]).run()
    assert f"Showing 1 of {N}" in shown_caption(at)                 # Kupiansk, occupied
    assert at.query_params["status"] == "russian"


def test_deselecting_claimants_removes_their_figures() -> None:
    at = app({"date": "2025-11-11"})
    assert len(at.metric) == 2
    at.multiselect(key="f_claimants_ru").set_value([]).run()
    assert list(metrics(at)) == ["DeepState"]
    assert "ru_mod" not in at.query_params["claimants"]


def test_settlement_search_matches_aliases() -> None:
    at = app()
    at.text_input(key="f_query").input("Mirnograd").run()
    assert at.selectbox(key="f_settlement").options == ["— none —", "Myrnohrad (Donetsk)"]
    at.selectbox(key="f_settlement").select("myrnohrad").run()
    assert at.query_params["settlement"] == "myrnohrad"
    assert not at.exception


def test_invalid_query_params_give_notices_not_errors() -> None:
    payload = "<img src=x onerror=alert(1)>"
    at = app({"date": payload, "claimants": payload, "settlement": payload, "disputed": "x"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) >= 4
    assert all(payload not in w for w in warnings)
    assert f"Showing {N} of {N}" in shown_caption(at)


def test_tables_and_downloads_present() -> None:
    at = app({"date": "2025-11-11"})
    assert len(at.dataframe) >= 1
    labels = [b.label for b in at.get("download_button")]
    # the GeoJSON: the places with a claim by default (a new user found every place's
    # 32 MB), every place a tick away, both sizes said
    claimed, size = labels[1].removeprefix("Download map (GeoJSON, ").split(" places, ")
    assert labels[0] == "Download claims (CSV)" and labels[2] == "Download map image (PNG)"
    assert claimed.isdigit() and 0 < int(claimed) < 100 and size.endswith(" kB)")
    every = at.checkbox(key="dl_every_place")
    # (N: the test data's places, a few hundred: kB here, MB for the country's)
    assert re.fullmatch(rf"Every place the filters keep \({N}, about [\d.]+ (kB|MB)\)", every.label)
    every.check().run()
    label = at.get("download_button")[1].label
    assert re.fullmatch(rf"Download map \(GeoJSON, {N} places, about [\d.]+ (kB|MB)\)", label)
    assert at.radio(key="dl_png_view").value == "view"


def test_invalid_data_dir_lists_problems(monkeypatch, tmp_path: Path) -> None:
    d = write_data(tmp_path, claims=[claim("c1", "2025-01-02", "atlantis", "ru_mod", "won")])
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(d))
    at = app()
    assert not at.exception
    assert "did not pass validation" in at.error[0].value
    assert "claims.csv:2 settlement_id = 'atlantis'" in at.code[0].value
    assert "claims.csv:2 status = 'won'" in at.code[0].value


def test_custom_data_dir_from_env(monkeypatch, data_dir: Path) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_dir))
    at = app()
    assert not at.exception
    assert "Showing 3 of 3 settlements" in shown_caption(at)


def test_step_buttons_move_between_claim_dates() -> None:
    at = app({"date": "2025-11-15"})
    at.button(key="f_next").click().run()
    assert at.date_input(key="f_date").value == dt.date(2025, 11, 20)
    at.button(key="f_prev").click().run()
    at.button(key="f_prev").click().run()
    assert at.date_input(key="f_date").value == dt.date(2025, 11, 10)
    assert at.query_params["date"] == "2025-11-10"


def test_url_notices_shown_once_and_selection_notes() -> None:
    at = app({"date": "garbage"})
    assert any("'date'" in w.value for w in at.warning)
    at.checkbox(key="f_disputed").check().run()
    assert not any("'date'" in w.value for w in at.warning)     # not repeated on reruns
    at.selectbox(key="f_settlement").select("kramatorsk").run()
    assert any("Kramatorsk is hidden" in i.value for i in at.info)
    for side in ("ru", "ua", "independent"):
        at.multiselect(key=f"f_claimants_{side}").set_value([])
    at.run()
    assert any("No claimant selected" in i.value for i in at.info)


def test_search_lists_several_matches_best_first_and_names_the_nearest_on_a_miss(
        national) -> None:
    """Kupyansk matches Kupiansk and Kupiansk-Vuzlovyi: a list, best first, to pick from;
    picking selects the place (its popup and timeline); a miss names the nearest names.
    On the national table: no other of its places matches."""
    at = app()
    at.text_input(key="f_query").input("Kupyansk").run()
    options = at.selectbox(key="f_settlement").options
    # each option says why it matches the search
    assert options[0] == "— none —"
    assert options[1].startswith("Kupiansk (Kharkiv) · Kupyansk: another spelling of Kupiansk")
    assert options[2].startswith("Kupiansk-Vuzlovyi (Kharkiv) · ")
    assert at.selectbox(key="f_settlement").value == "kupiansk"       # the exact match
    assert any("2 places match" in c.value for c in at.sidebar.caption)
    at.selectbox(key="f_settlement").select("kupiansk-vuzlovyi").run()
    assert at.query_params["settlement"] == "kupiansk-vuzlovyi"
    at.text_input(key="f_query").input("Pokrovks").run()
    notes = [c.value for c in at.sidebar.caption if "No place matches" in c.value]
    assert notes and "Pokrovsk (Donetsk)" in notes[0]
    assert not at.exception


def test_search_selects_a_single_match() -> None:
    at = app()
    at.text_input(key="f_query").input("Krasnoarmeisk").run()
    assert at.selectbox(key="f_settlement").value == "pokrovsk"
    assert at.query_params["settlement"] == "pokrovsk"


def test_step_buttons_disabled_at_the_ends() -> None:
    at = app({"date": "2022-02-28"})
    assert at.button(key="f_prev").disabled
    assert not at.button(key="f_next").disabled


@pytest.fixture
def map_store(tmp_path: Path, monkeypatch) -> Path:
    """A store with one hand-made DeepState map whose occupied square covers Pokrovsk."""
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection

    source = tmp_path / "map.json"
    source.write_bytes(as_bytes(raw_collection()))
    store = tmp_path / "store"
    import_deepstate(str(source), store, date=dt.date(2025, 11, 15))
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    return store


def test_control_map_figure_and_map_claims(map_store: Path) -> None:
    at = app({"date": "2025-11-20"})
    assert not at.exception
    values = metrics(at)
    computed = values["DeepState map: computed area"]
    assert computed.endswith("%") and float(computed[:-1]) > 0
    assert any("map of 2025-11-15" in c.value for c in at.caption)
    assert any("Shaded areas: DeepState map of 2025-11-15" in c.value for c in at.caption)
    # the map's own view of Pokrovsk joins its claims as a DeepState claim (the national
    # page lists every place's, so look at Pokrovsk's own history)
    at = app({"date": "2025-11-20", "settlement": "pokrovsk"})
    history = at.dataframe[0].value
    assert list(history.loc[history["claimant_name"] == "DeepState", "status"]) == \
        ["Russian-held"]


def test_control_map_before_first_snapshot(map_store: Path) -> None:
    at = app({"date": "2025-11-11"})
    assert not at.exception
    assert "DeepState map: computed area" not in metrics(at)
    assert any("No control map on or before 2025-11-11" in c.value for c in at.caption)


def test_corrupt_stored_map_does_not_take_the_page_down(map_store: Path) -> None:
    for path in map_store.rglob("*.parquet"):
        path.write_bytes(b"not parquet")
    at = app({"date": "2025-11-20"})
    assert not at.exception
    assert any("unreadable" in w.value for w in at.warning)
    assert f"Showing {N} of {N}" in shown_caption(at)


def test_compare_control_maps(map_store: Path, tmp_path: Path) -> None:
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection, square

    later = raw_collection()
    later["features"][0]["geometry"]["coordinates"] = [square(37.0, 48.0, 1.0)]  # grows
    (tmp_path / "later.json").write_bytes(as_bytes(later))
    import_deepstate(str(tmp_path / "later.json"), map_store, date=dt.date(2025, 12, 1))
    at = app({"date": "2025-12-31"})
    assert not at.exception
    assert at.date_input(key="f_compare_from").value == dt.date(2025, 11, 15)
    values = metrics(at)
    assert values["Became Russian-held"].endswith("km²")
    assert values["No longer Russian-held"] == "0 km²"
    changed = at.dataframe[0].value
    assert set(changed["settlement"]) >= {"kramatorsk"}   # 48.73, 37.57 now inside
    at.checkbox(key="f_show_change").check().run()
    assert not at.exception
    at.date_input(key="f_date").set_value(dt.date(2025, 11, 20)).run()   # before the later map
    assert not at.exception


# --- the "Add claims" page --------------------------------------------------------------------

REPORT = ("Russia said its forces captured the village of Novouspenivske. "
          "Kyiv said its troops were still fighting inside Dobropillia.")


def review_page(text: str = REPORT, source: str = "Test Wire") -> AppTest:
    at = app()
    at.radio(key="page").set_value("Add claims").run()
    at.text_area(key="rv_text").input(text)
    at.date_input(key="rv_date").set_value(dt.date(2025, 12, 4))
    at.text_input(key="rv_source").input(source)
    at.button(key="rv_find").click().run()
    assert not at.exception
    return at


def test_review_accepts_exactly_the_selected_rows(writable_national_data: Path) -> None:
    """On the national table: its namesakes do not take the curated places' claims."""
    writable_data = writable_national_data
    before = (writable_data / "claims.csv").read_text()
    at = review_page()
    table = at.data_editor[0].value
    assert list(table["settlement"]) == ["novouspenivske", "dobropillia"]
    assert list(table["status"]) == ["russian", "contested"]
    at.session_state["rv_editor"] = {"edited_rows": {0: {"include": False},
                                                     1: {"include": False}},
                                     "added_rows": [], "deleted_rows": []}
    at.run()  # nothing ticked: "Accept 0" cannot be clicked, and the page says why
    assert at.button(key="rv_accept").disabled
    assert any("Nothing is selected" in c.value for c in at.caption)
    at.session_state["rv_editor"] = {"edited_rows": {1: {"include": False}},
                                     "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.button(key="rv_accept").disabled
    at.button(key="rv_accept").click().run()
    assert not at.exception
    assert "Wrote 1 claim(s)" in at.success[0].value
    after = (writable_data / "claims.csv").read_text()
    assert after.startswith(before)  # one line added; the evidence went to its side file
    assert "novouspenivske" in (writable_data / "claims-evidence.csv").read_text()
    added = after[len(before):].strip().splitlines()
    assert len(added) == 1 and "novouspenivske" in added[0] and "Test Wire" in added[0]
    assert list((writable_data / ".backup").iterdir())          # the old file is kept


def test_review_skips_duplicates(writable_data: Path) -> None:
    at = review_page()
    at.button(key="rv_accept").click().run()
    first = (writable_data / "claims.csv").read_text()
    at = review_page()
    at.button(key="rv_accept").click().run()
    assert "skipped 2 already present" in at.success[0].value
    assert (writable_data / "claims.csv").read_text() == first


def test_review_refuses_invalid_rows_and_writes_nothing(writable_data: Path) -> None:
    before = {p.name: p.read_bytes() for p in writable_data.glob("*.csv")}
    at = review_page()
    at.session_state["rv_editor"] = {"edited_rows": {0: {"summary": ""}},
                                     "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="rv_accept").click().run()
    assert not at.exception
    assert "Nothing was written" in at.error[0].value
    assert "summary" in at.code[0].value
    assert {p.name: p.read_bytes() for p in writable_data.glob("*.csv")} == before


def test_review_requires_a_source(writable_data: Path) -> None:
    at = review_page(source="")
    at.button(key="rv_accept").click().run()
    assert "Fill in the source" in at.error[0].value


# --- the reader's own files ------------------------------------------------------------------

def _claims_csv(*rows: str) -> bytes:
    header = ("id,date,settlement_id,claimant,status,extent,part,encircled,summary,source,"
              "source_url,source_date")
    return ("\n".join([header, *rows]) + "\n").encode()


def test_upload_own_claims_for_the_session(writable_data: Path) -> None:
    before = (writable_data / "claims.csv").read_bytes()
    at = app({"date": "2025-12-04"})
    # a name other than claims.csv: the file is recognised by its header, and says so
    at.sidebar.file_uploader(key="up_csv").upload("export (1).csv", _claims_csv(
        "u1,2025-12-04,kramatorsk,ru_mod,contested,full,,,Uploaded test claim.,Upload Wire,,"))
    at.run()
    assert not at.exception
    assert any("Using your export (1).csv" in s.value.replace("\\", "")
               and "in place of the shared claims.csv" in s.value for s in at.success)
    assert any("was read as claims.csv (from its header)" in c.value.replace("\\", "")
               for c in at.caption)
    table = at.dataframe[0].value
    assert list(table["settlement"]) == ["kramatorsk"]           # only the uploaded claims
    assert (writable_data / "claims.csv").read_bytes() == before  # nothing written yet
    at.button(key="up_accept").click().run()
    assert any("Added 1 claim(s) to the shared data" in i.value for i in at.info)
    assert b"Uploaded test claim." in (writable_data / "claims.csv").read_bytes()


def test_invalid_upload_lists_problems_and_keeps_the_view(writable_data: Path) -> None:
    at = app({"date": "2025-11-11"})
    at.sidebar.file_uploader(key="up_csv").upload("claims.csv", _claims_csv(
        "u1,2025-12-04,atlantis,ru_mod,won,full,,,x,y,,",
        '=HYPERLINK("http://evil.example"),2025-13-01,kramatorsk,ru_mod,russian,full,,,x,y,,'))
    at.run()
    assert not at.exception
    assert "Your files were not used" in at.error[0].value
    problems = at.code[0].value
    for text in ("claims.csv:2 settlement_id = 'atlantis'", "claims.csv:2 status = 'won'",
                 "claims.csv:3 date = '2025-13-01'", "claims.csv:3 id"):
        assert text in problems
    assert f"Showing {N} of {N}" in shown_caption(at)


def test_upload_a_map_for_the_session(writable_data: Path) -> None:
    from tests.deepstate_fixtures import as_bytes, raw_collection

    at = app({"date": "2025-11-20"})
    at.sidebar.file_uploader(key="up_map").upload("map.geojson", as_bytes(raw_collection()))
    at.sidebar.date_input(key="up_map_date").set_value(dt.date(2025, 11, 15))
    at.run()
    assert not at.exception
    assert any("map of 2025-11-15" in s.value for s in at.success)
    assert any("Shaded areas: DeepState map of 2025-11-15" in c.value for c in at.caption)
    bad = app()
    bad.sidebar.file_uploader(key="up_map").upload("map.geojson", b"<html>oops</html>")
    bad.run()
    assert not bad.exception and "Your map was not used" in bad.error[0].value



def test_max_age_drops_old_claims_from_disputes() -> None:
    at = app({"date": "2025-11-11", "disputed": "1"})
    assert f"Showing 2 of {N}" in shown_caption(at)                 # Pokrovsk and Kupiansk
    # off is an empty box that says "off", not a 0 that reads as "ignore everything"
    box = at.number_input(key="f_max_age")
    assert box.value is None and box.proto.placeholder == "off: every claim counts"
    at = app({"date": "2025-11-11", "disputed": "1", "max_age": "365"})
    assert at.number_input(key="f_max_age").value == 365
    assert f"Showing 1 of {N}" in shown_caption(at)  # Kupiansk's Ukrainian claim is from 2022
    at.number_input(key="f_max_age").set_value(None).run()
    assert f"Showing 2 of {N}" in shown_caption(at)
    assert "max_age" not in at.query_params
