"""Quiet Streamlit's "missing ScriptRunContext" warnings for a background thread of ours
(the server's warm-up, the Add claims page's): such a thread calls the page's cached
functions outside a script run on purpose, and each call would log a warning."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Streamlit's loggers that warn about each cache call made outside a script run.
NO_CONTEXT_LOGGERS = ("streamlit.runtime.scriptrunner_utils.script_run_context",
                      "streamlit.runtime.caching.cache_data_api",
                      "streamlit.runtime.state.session_state_proxy")


class _OtherThreads(logging.Filter):
    """Keep the records of every thread but the one named."""

    def __init__(self, thread: str) -> None:
        super().__init__()
        self.thread = thread

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.current_thread().name != self.thread


@contextmanager
def no_context_warnings(thread: str) -> Iterator[None]:
    """While inside, drop those warnings when logged by the thread named ``thread``."""
    quiet = _OtherThreads(thread)
    for name in NO_CONTEXT_LOGGERS:
        logging.getLogger(name).addFilter(quiet)
    try:
        yield
    finally:
        for name in NO_CONTEXT_LOGGERS:
            logging.getLogger(name).removeFilter(quiet)
