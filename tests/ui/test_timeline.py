"""The selected place's timeline on the page (AppTest): lanes, legend in words, empty case."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import SMALL_DIR
from tests.ui.test_app import app

TIMELINE = "Timeline: what each claimant said about"


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch) -> None:
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(SMALL_DIR))   # frozen, not the growing record
    monkeypatch.setenv("FRONTLINE_TILES", "none")


def _nodes(node: object) -> list:
    children = getattr(node, "children", {})
    return [node, *(n for child in children.values() for n in _nodes(child))]


def timeline_spec(at: AppTest) -> dict | None:
    """The Vega-Lite spec of the timeline chart (None: not on the page)."""
    for node in _nodes(at._tree):
        if getattr(node, "type", "") == "vega_lite_chart" and "Claimed status" in node.proto.spec:
            spec: dict = json.loads(node.proto.spec)
            return spec
    return None


def timeline_rows(at: AppTest) -> list[dict]:
    """The timeline chart's data, one dict per claim (Streamlit sends it as Arrow)."""
    for node in _nodes(at._tree):
        if getattr(node, "type", "") == "vega_lite_chart" and "Claimed status" in node.proto.spec:
            (dataset,) = node.proto.datasets
            rows: list[dict] = pa.ipc.open_stream(dataset.data.data).read_pandas().to_dict(
                "records")
            return rows
    return []


def lanes_of(at: AppTest) -> list[str]:
    """The timeline's lanes, top to bottom: by their rows' ``lane_order`` (the spec sorts
    the lanes by it, the same in every layer)."""
    spec = timeline_spec(at)
    assert spec is not None
    by = {"field": "lane_order", "op": "min", "order": "ascending"}
    assert all(layer["encoding"]["y"]["sort"] == by for layer in spec["layer"])
    order: dict[str, int] = {}
    for r in timeline_rows(at):
        order[r["lane"]] = min(order.get(r["lane"], r["lane_order"]), r["lane_order"])
    assert sorted(order.values()) == list(range(len(order)))     # one rank per lane
    return sorted(order, key=order.__getitem__)


def history(at: AppTest):
    expander = next(e for e in at.expander if "All claims about" in e.label)
    return expander.dataframe[0].value


def test_selecting_pokrovsk_shows_one_lane_per_claimant_that_spoke() -> None:
    at = app({"settlement": "pokrovsk", "date": "2025-11-20"})
    assert not at.exception
    assert any(m.value.startswith(f"**{TIMELINE} Pokrovsk, up to 2025-11-20") for m in at.markdown)
    spec = timeline_spec(at)
    assert spec is not None
    lanes = lanes_of(at)
    assert lanes == ["Russian MoD", "Russian Gen. Staff", "Ukrainian military",
                     "Ukraine's Gen. Staff"]            # short labels, Russian side first
    assert sorted(lanes) == sorted(set(history(at)["claimant_name"]))  # the table agrees
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color["domain"] == ["Ukrainian-held", "Contested", "Russian-held"]
    assert color["range"] == ["#1f6fd1", "#f2a900", "#c0392b"]
    rows = timeline_rows(at)
    assert {r["status"] for r in rows} == {"Contested", "Russian-held"}
    gs = next(r for r in rows if r["lane"] == "Russian Gen. Staff")
    assert gs["claimed"] == "part of it (about 70% of the city)"
    assert "Gerasimov" in gs["summary"] and gs["source"] == "Devdiscourse (Reuters)"
    assert any("not a verified fact" in c.value and "4 claimants, 4 claims" in c.value
               for c in at.caption)


def test_no_selected_place_no_timeline() -> None:
    at = app({"date": "2025-11-20"})
    assert not at.exception
    assert timeline_spec(at) is None
    assert not any(TIMELINE in m.value for m in at.markdown)


def test_a_place_without_a_claim_yet_says_so() -> None:
    at = app({"settlement": "pokrovsk", "date": "2022-03-01"})
    assert not at.exception
    assert timeline_spec(at) is None
    assert any("No claim about Pokrovsk by the selected claimants on or before 2022-03-01"
               in i.value for i in at.info)


def test_deselected_claimants_leave_the_timeline() -> None:
    at = app({"settlement": "pokrovsk", "date": "2025-11-20",
              "claimants": "ru_genstaff,ua_genstaff"})
    assert lanes_of(at) == ["Russian Gen. Staff", "Ukraine's Gen. Staff"]


def test_deepstate_map_gets_its_lane(tmp_path: Path, monkeypatch) -> None:
    from geo.maps.importer import import_deepstate
    from tests.deepstate_fixtures import as_bytes, raw_collection

    source = tmp_path / "map.json"
    source.write_bytes(as_bytes(raw_collection()))
    store = tmp_path / "store"
    from geo.places.table import load_places
    from tests.scores.cases import far_map

    places = load_places(SMALL_DIR)         # with place classes: a reference for the marks
    import_deepstate(far_map(tmp_path), store, date=dt.date(2025, 11, 1), places=places)
    import_deepstate(str(source), store, date=dt.date(2025, 11, 15), places=places)
    monkeypatch.setenv("FRONTLINE_STORE", str(store))
    at = app({"settlement": "pokrovsk", "date": "2025-11-20"})
    assert not at.exception
    assert "DeepState" in lanes_of(at)
    spec = timeline_spec(at)
    assert spec is not None
    rows = timeline_rows(at)
    ds_rows = [(r["date"], r["status"]) for r in rows if r["lane"] == "DeepState"]
    assert ds_rows == [("2025-11-01", "Ukrainian-held"), ("2025-11-15", "Russian-held")]
    # Gerasimov's "about 70%" of 11-20, against the maps: shown Russian-held from 11-15
    gs = next(r for r in rows if r["lane"] == "Russian Gen. Staff")
    assert (gs["outcome"], gs["lead"]) == ("confirmed", "-5 d")
    assert gs["result"] == "confirmed: the reference had shown it 5 days before, from 2025-11-15"
    assert next(r for r in rows if r["lane"] == "DeepState")["outcome"] == ""  # maps: no claim
    # the outcome is judged on the whole reference, so it may come after the selected date
    result = next(t for t in spec["layer"][0]["encoding"]["tooltip"] if t["field"] == "result")
    assert "as of the reference's latest date (not the selected date)" in result["title"]
    legends = [e.get("legend", {}) for layer in spec["layer"] for e in
               layer.get("encoding", {}).values() if isinstance(e, dict)]
    assert {"orient": "top", "direction": "horizontal"}.items() <= next(
        g for g in legends if g and g.get("orient") == "top").items()  # fits the column
    assert any("as of the reference's latest date, not 2025-11-20" in
               c.value.replace("\\", "") for c in at.caption)
    assert any("Outcomes against DeepState's stored maps (2 dates, latest 2025-11-15)" in
               c.value.replace("\\", "") and ": 1 confirmed." in c.value.replace("\\", "")
               for c in at.caption)


def test_marks_follow_the_reference_chosen_on_the_reliability_page() -> None:
    at = app({"settlement": "pokrovsk", "date": "2025-11-20"})
    gs = next(r for r in timeline_rows(at) if r["lane"] == "Russian Gen. Staff")
    # the frozen data has no DeepState statement and no map: nothing to judge against
    assert (gs["outcome"], gs["lead"]) == ("not scored", "")
    assert any("Outcomes against DeepState's own claims (none yet)" in c.value.replace("\\", "")
               for c in at.caption)
    at.radio(key="page").set_value("Reliability").run()
    at.selectbox(key="rel_reference").set_value("isw").run()
    at.radio(key="page").set_value("Map").run()
    assert not at.exception
    rows = {r["lane"]: r for r in timeline_rows(at)}
    gs = rows["Russian Gen. Staff"]
    assert (gs["outcome"], gs["result"]) == ("open", "open: not shown after 38 days")
    assert rows["Russian MoD"]["result"] == "not scored: not a capture claim (contested)"
    assert any("Outcomes against ISW's own claims (3 dates, latest 2025-12-28)" in
               c.value.replace("\\", "") and "1 open" in c.value for c in at.caption)
    spec = timeline_spec(at)
    assert spec is not None
    marks = spec["layer"][2]
    assert marks["mark"]["type"] == "point"
    assert marks["encoding"]["shape"]["scale"]["domain"] == ["confirmed", "reversed", "open",
                                                             "never"]
    at.radio(key="page").set_value("Reliability").run()
    assert at.selectbox(key="rel_reference").value == "isw"     # kept for the session


def test_each_outcome_in_words() -> None:
    from ui.timeline import lead_label, outcome_words

    marks = pd.DataFrame({
        "claim": ["a", "b", "c", "d", "e"],
        "outcome": ["confirmed", "confirmed", "reversed", "never", "open"],
        "lead_days": pd.array([12, -3, 4, None, None], dtype="Int64"),
        "shown_date": ["2025-02-13", "2025-01-29", "2025-02-05", "", ""],
        "reversed_date": ["", "", "2025-02-20", "", ""],
        "age_days": pd.array([40, 40, 40, 200, 7], dtype="Int64"),
        "reason": ["", "", "", "", ""]})
    assert outcome_words(marks).tolist() == [
        "confirmed: the reference showed it 12 days later, on 2025-02-13",
        "confirmed: the reference had shown it 3 days before, from 2025-01-29",
        "reversed: shown on 2025-02-05, then the opposite on 2025-02-20",
        "never: the reference has kept the opposite",
        "open: not shown after 7 days"]
    assert lead_label(marks).tolist() == ["+12 d", "-3 d", "", "", ""]


def test_the_timeline_spec_is_valid_vega_lite() -> None:
    """The spec is built without Altair's schema check (a selection's cost): check it here,
    outcome marks and the window's clipped scale included."""
    import jsonschema
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    at = app({"settlement": "pokrovsk", "date": "2025-11-20"})
    spec = timeline_spec(at)
    assert spec is not None
    validate_jsonschema(spec, load_schema())          # raises on an invalid spec
    broken = {**spec, "layer": [{**spec["layer"][0], "mark": {"type": "no-such-mark"}}]}
    with pytest.raises(jsonschema.ValidationError):
        validate_jsonschema(broken, load_schema())
