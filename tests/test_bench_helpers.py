"""Pure helpers of the benchmarks in bench/ (the benchmarks themselves are not tests)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import p50_p95
from bench.load_ws import schedule, updated
from bench.memory import CYCLE, growth_per_interaction
from bench.wsdriver import (
    MAP_COMPONENT,
    Run,
    Session,
    problems_in,
    widget_key,
    widgets_by_key,
)


def _date_input(widget_id: str, value: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.date_input.id = widget_id
    msg.delta.new_element.date_input.value.append(value)
    return msg


def test_widget_key_from_id() -> None:
    assert widget_key("$$ID-3ee6fb356749cf1c4c0d313e26177259-f_date") == "f_date"
    assert widget_key("$$ID-0cf56206acce1bea3a0c821fe2bb6324-None") is None
    assert widget_key("$$ID-abc-key-with-dashes") == "key-with-dashes"
    assert widget_key("") is None


def test_widgets_by_key_from_recorded_messages() -> None:
    heading = ForwardMsg()
    heading.delta.new_element.heading.body = "Filters"
    found = widgets_by_key([heading, _date_input("$$ID-3ee6-f_date", "2025-11-01")])
    assert list(found) == ["f_date"]
    kind, element = found["f_date"]
    assert kind == "date_input"
    assert element.id == "$$ID-3ee6-f_date"
    assert list(element.value) == ["2025-11-01"]


def test_exceptions_and_error_alerts_are_errors_warnings_are_not() -> None:
    exc = ForwardMsg().delta.new_element.exception
    exc.type, exc.message = "KeyError", "'date'"
    assert problems_in("exception", exc) == (["exception KeyError: 'date'"], [])
    exc.is_warning = True
    assert problems_in("exception", exc)[0] == []
    alert = ForwardMsg().delta.new_element.alert
    alert.format, alert.body = Alert.ERROR, "The data did not pass validation"
    assert problems_in("alert", alert)[0] == ["error alert: The data did not pass validation"]
    alert.format = Alert.INFO
    assert problems_in("alert", alert) == ([], [])


def test_session_follows_the_page_and_resolves_cached_messages() -> None:
    session = Session("http://127.0.0.1:1", "date=2025-11-01")
    assert session.ws_url == "ws://127.0.0.1:1/_stcore/stream"
    first, second = Run(), Run()
    component = ForwardMsg(hash="h1")
    component.metadata.cacheable = True
    component.delta.new_element.component_instance.component_name = MAP_COMPONENT
    caption = ForwardMsg()
    caption.delta.new_element.markdown.body = "Showing 8 of 8 settlements for 2025-11-10."
    page = ForwardMsg()
    page.page_info_changed.query_string = "date=2025-11-10"
    done = ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)
    for msg in (_date_input("$$ID-1-f_date", "2025-11-10"), component, caption, page, done):
        session._handle(msg.SerializeToString(), first)
    assert first.ok and first.map_hash == "h1" and updated(first, dt.date(2025, 11, 10))
    assert session.query_string == "date=2025-11-10"
    assert session.widget_id("f_date") == "$$ID-1-f_date"
    assert list(session._rerun_msg().rerun_script.cached_message_hashes) == ["h1"]
    # an unchanged map comes back as a reference to the client's cache
    for msg in (ForwardMsg(ref_hash="h1"), ForwardMsg(ref_hash="unknown"), done):
        session._handle(msg.SerializeToString(), second)
    assert second.refs == 2 and second.map_hash == "h1"
    assert not second.ok and "not in the client cache" in second.errors[0]


def test_percentiles() -> None:
    assert all(math.isnan(x) for x in p50_p95([]))
    assert p50_p95([2.0]) == (2.0, 2.0)
    p50, p95 = p50_p95([float(i) for i in range(1, 101)])
    assert p50 == 50.5
    assert 95.0 <= p95 <= 96.0


def test_schedule_steps_each_session_one_date_later_from_its_own_start() -> None:
    days = [dt.date(2025, 11, d) for d in (1, 10, 11, 20)]
    plan = schedule(days, sessions=3, rounds=2)
    assert plan[0] == days[0:3]
    assert plan[1] == days[1:4]
    assert plan[2] == [days[2], days[3], days[0]]  # wraps around


def test_same_and_distinct_schedules() -> None:
    days = [dt.date(2025, 11, d) for d in range(1, 11)]
    same = schedule(days, sessions=3, rounds=2, kind="same")
    assert same == [days[0:3]] * 3
    distinct = schedule(days, sessions=3, rounds=2, kind="distinct")
    asked = [plan[r] for r in range(3) for plan in distinct]
    assert len(set(asked)) == 9                     # no date twice within 10 // 3 rounds
    assert [plan[1] for plan in distinct] == days[3:6]
    with pytest.raises(ValueError, match="not one of"):
        schedule(days, 3, 2, kind="random")


def test_memory_growth_and_cycle() -> None:
    assert growth_per_interaction([900.0, 910.0, 920.0]) == 0.5
    assert math.isnan(growth_per_interaction([900.0]))
    assert 20 % len(CYCLE) == 0  # every block ends in the same state


def test_bursts_of_websocket_messages() -> None:
    from bench.national_page import bursts

    assert bursts([]) == 0
    assert bursts([1.0]) == 1
    # 4 ms apart: one burst; 30 ms later: a second; 11 ms after that: a third
    assert bursts([1.0, 1.004, 1.008, 1.038, 1.049]) == 3
