"""The dashboard's server entry: ``streamlit run serve.py -- --data DIR`` (``make run``).

It serves ``app.py`` (the page) as Streamlit's ASGI ``st.App`` and, when the server
starts, warms the Map page's shared caches in a background thread
(:mod:`ui.warmup`), so that the first visitor of a fresh server does not wait for the
dataset, the control maps' claims and the search index to be built. ``streamlit run
app.py`` still serves the same page, without the warm-up.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncIterator

import streamlit as st

from ui import warmup


@contextlib.asynccontextmanager
async def _warm_at_start(_app: st.App) -> AsyncIterator[None]:
    warmup.start(sys.argv[1:])   # app.py's arguments (streamlit sets them before this)
    yield


app = st.App("app.py", lifespan=_warm_at_start)
