"""A minimal Streamlit client speaking the websocket protocol (no browser), for the benchmarks.

One :class:`Session` is one browser tab as the server sees it: it connects to
``ws://HOST:PORT/_stcore/stream``, asks for script runs with ``BackMsg.rerun_script``
(the URL's query string plus the widget values it has set) and reads ``ForwardMsg``\\ s
until ``script_finished``. Like the browser it keeps the messages the server marks
cacheable and reports their hashes on the next rerun (the server then sends a
``ref_hash`` instead of an unchanged element), and follows the query string the page
writes (``page_info_changed``). It does not run any JavaScript: a component's own
messages back to the server (e.g. a map click) are not sent.

Each run's :class:`Run` records its time, the finish status, every exception or error
element, the markdown texts (to check that the view really shows the new state) and the
map component's hash (to tell a redrawn map from an unchanged one).

Protocol as of streamlit 1.67 (``streamlit/proto/BackMsg.proto``, ``ForwardMsg.proto``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.typing import Origin, Subprotocol

MAP_COMPONENT = "streamlit_folium.st_folium"
FINISHED_OK = ForwardMsg.FINISHED_SUCCESSFULLY


def widget_key(widget_id: str) -> str | None:
    """The user key of a widget id ``$$ID-<hash>-<key>`` (None for keyless widgets)."""
    if not widget_id.startswith("$$ID-"):
        return None
    parts = widget_id.split("-", 2)
    if len(parts) < 3 or parts[2] == "None":
        return None
    return parts[2]


def element_of(msg: ForwardMsg) -> tuple[str, object] | None:
    """``(element type, element proto)`` of a ``new_element`` delta, else None."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    kind = msg.delta.new_element.WhichOneof("type")
    if kind is None:
        return None
    return kind, getattr(msg.delta.new_element, kind)


def widgets_by_key(messages: Iterable[ForwardMsg]) -> dict[str, tuple[str, object]]:
    """Keyed widgets found in ``messages``: user key -> (element type, element proto)."""
    found: dict[str, tuple[str, object]] = {}
    for msg in messages:
        got = element_of(msg)
        if got is None:
            continue
        kind, element = got
        key = widget_key(getattr(element, "id", "") or "")
        if key is not None:
            found[key] = (kind, element)
    return found


def problems_in(kind: str, element: object) -> tuple[list[str], list[str]]:
    """``(errors, warnings)`` an element shows: exceptions and error alerts are errors."""
    if kind == "exception":
        text = f"exception {element.type}: {element.message[:160]}"
        return ([], [text]) if element.is_warning else ([text], [])
    if kind == "alert" and element.format == Alert.ERROR:
        return [f"error alert: {element.body[:160]}"], []
    return [], []


def date_value(widget_id: str, day: dt.date) -> WidgetState:
    """A date_input's state as the browser sends it."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.append(day.isoformat())
    return state


def strings_value(widget_id: str, values: Iterable[str]) -> WidgetState:
    """A multiselect's state: the chosen options' labels as shown."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def bool_value(widget_id: str, value: bool) -> WidgetState:
    """A checkbox's state."""
    return WidgetState(id=widget_id, bool_value=value)


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float = float("nan")
    status: int | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    map_hash: str | None = None
    messages: int = 0
    refs: int = 0
    nbytes: int = 0

    @property
    def ok(self) -> bool:
        """Finished normally with no error shown."""
        return self.status == FINISHED_OK and not self.errors

    def shows(self, text: str) -> bool:
        """Whether some markdown/caption of the page contains ``text``."""
        return any(text in t for t in self.texts)


class Session:
    """One dashboard session over the websocket protocol (use ``async with``)."""

    def __init__(self, base_url: str, query_string: str = "", timeout: float = 60.0) -> None:
        self.ws_url = base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.origin = base_url.rstrip("/")
        self.query_string = query_string
        self.timeout = timeout
        self.ws: ClientConnection | None = None
        self.closed_reason: str | None = None
        self.page_script_hash = ""
        self.widgets: dict[str, tuple[str, object]] = {}
        self.values: dict[str, WidgetState] = {}
        self._cache: dict[str, ForwardMsg] = {}

    async def __aenter__(self) -> Session:
        # loopback only: never through a proxy from the environment; like a browser, no
        # client-side pings (the server's pings are answered)
        self.ws = await connect(self.ws_url, subprotocols=[Subprotocol("streamlit")],
                                origin=Origin(self.origin), max_size=None, proxy=None,
                                ping_interval=None, open_timeout=self.timeout,
                                close_timeout=5)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    def widget_id(self, key: str) -> str:
        """The current id of the widget with user key ``key`` (after a run drew it)."""
        if key not in self.widgets:
            raise KeyError(f"no widget with key {key!r} on the page")
        return self.widgets[key][1].id

    def element(self, key: str) -> object:
        """The latest element proto of the widget with user key ``key``."""
        return self.widgets[key][1]

    def _rerun_msg(self) -> BackMsg:
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self.page_script_hash
        rerun.widget_states.widgets.extend(self.values.values())
        rerun.cached_message_hashes.extend(self._cache)
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-GB"
        return back

    async def rerun(self, changes: Mapping[str, WidgetState] | Iterable[WidgetState] = ()
                    ) -> Run:
        """Set widget values (by id) and run the script; the time is until script_finished.

        Never raises for the server's or the connection's faults: they end up in
        ``Run.errors`` (a timeout, a closed connection, an exception element...).
        """
        states = changes.values() if isinstance(changes, Mapping) else changes
        for state in states:
            self.values[state.id] = state
        run = Run()
        if self.ws is None or self.closed_reason:
            run.errors.append(f"session closed: {self.closed_reason}")
            return run
        start = time.monotonic()
        try:
            async with asyncio.timeout(self.timeout):
                await self.ws.send(self._rerun_msg().SerializeToString())
                while run.status is None:
                    raw = await self.ws.recv()
                    self._handle(raw, run)
        except TimeoutError:
            run.errors.append(f"timeout after {self.timeout:.0f} s")
        except (WebSocketException, OSError) as exc:
            self.closed_reason = f"{exc.__class__.__name__}: {exc}"[:160]
            run.errors.append(f"disconnected: {self.closed_reason}")
        run.seconds = time.monotonic() - start
        if run.status not in (None, FINISHED_OK):
            run.errors.append(f"script finished with status {run.status}")
        return run

    def _handle(self, raw: bytes | str, run: Run) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
        run.messages += 1
        run.nbytes += len(raw)
        if msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = msg
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            run.refs += 1
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                run.errors.append(f"ref_hash {msg.ref_hash} not in the client cache")
                return
            msg = cached
            kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "script_finished":
            run.status = msg.script_finished
        elif kind == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"):
            exc = msg.session_event.script_compilation_exception
            run.errors.append(f"compile error {exc.type}: {exc.message[:160]}")
        got = element_of(msg)
        if got is None:
            return
        el_kind, element = got
        errors, warnings = problems_in(el_kind, element)
        run.errors += errors
        run.warnings += warnings
        if el_kind == "markdown":
            run.texts.append(element.body)
        elif el_kind == "component_instance" and element.component_name == MAP_COMPONENT:
            run.map_hash = msg.hash or "unhashed"
        key = widget_key(getattr(element, "id", "") or "")
        if key is not None:
            self.widgets[key] = (el_kind, element)
