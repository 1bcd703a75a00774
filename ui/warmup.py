"""Warm the Map page's shared caches when the server starts, before its first visitor.

A fresh server's first view otherwise pays for the page's imports, the dataset's load,
the control maps' claims, the claim index, the search index, the first comparison and
the scorecard (bench/RESULTS.md: ~8-12 s of a cold first render against ~4-5 s warm).
:func:`start` runs the same cached steps with the same arguments as a first visitor's run
of ``app.py`` (no upload, no link parameters) in a background thread, started by the
server entry ``serve.py``. Every step is a ``st.cache_resource`` entry shared by the
sessions: a visitor who arrives while one is computing waits on that entry's lock and
gets the same value, so the page is right whenever the visitor arrives; a step that fails
here is only logged, and the page meets it again and says what is wrong as usual.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Sequence

from streamlit.logger import get_logger

from ui.quiet import no_context_warnings

#: Streamlit's own logger set-up: its format, and its level (``--logger.level``; info)
log = get_logger(__name__)

#: Logged when the warm-up has finished (the benchmark waits for it).
DONE = "warm-up done"
THREAD = "warm-up"


def start(argv: Sequence[str]) -> threading.Thread:
    """Start warming the caches for the server started with ``argv`` (app.py's arguments)."""
    thread = threading.Thread(target=warm, args=(list(argv),), name=THREAD, daemon=True)
    thread.start()
    return thread


def warm(argv: Sequence[str]) -> None:
    """The first visitor's cached steps (see the module's docstring); logs and returns on
    any error."""
    begun = time.perf_counter()
    with no_context_warnings(THREAD):
        try:
            _steps(argv)
        except Exception:   # the page meets the same problem and reports it to the reader
            log.exception("warm-up stopped; the first visitor's run does the rest")
    log.info("%s in %.1f s", DONE, time.perf_counter() - begun)


def _steps(argv: Sequence[str]) -> None:
    # everything is imported here, in the background, not when the server starts: the
    # Map page's modules and their libraries (altair, folium, geopandas), once for the
    # process, as app.py imports them. Not streamlit_folium (ui.mapwidget, ui.selection,
    # ui.downloads): a component registers itself only when first imported by a script run,
    # and imported here first it would never be served (the map's frame: 404)
    from geo.claims import urlcodec
    from geo.claims.view import build_view
    from geo.render import level_of_detail
    from geo.settings import Settings
    from geo.store import database_option
    from ui import (  # noqa: F401  (some: imported for their cost only)
        boundary,
        comparison,
        controlmaps,
        data,
        notices,
        placelayer,
        placesearch,
        scorecard,
        state,
        tables,
        territory,
        uploads,
    )

    settings = Settings.from_argv(argv)
    if database_option(list(argv)):   # a database's dataset: its own snapshot thread
        return
    directory = settings.data_dir
    dataset = data.load(directory, settings.cache_dir)
    placesearch.keep_index_in(settings.cache_dir)
    version = data.data_version(directory)   # no upload: no key suffix (ui.uploads)
    maps = controlmaps.stored_maps(settings.store_dir)
    dataset, _ = controlmaps.with_map_claims(dataset, version, maps)
    index = controlmaps.claim_index(dataset, version, maps)
    uni = state.universe(dataset)
    page, _ = urlcodec.decode({}, uni)       # a link without parameters: the defaults
    page = dataclasses.replace(page, compare_from=None)
    controlmaps.compare(dataset, version, maps, page)
    scorecard.card(dataset, version, maps, scorecard.Choice())   # a new session's choice
    # the canvas's fixed part of the default view's places (shared per dataset)
    view = build_view(dataset, page.for_view(), index)
    shown, _ = level_of_detail(view.shown)
    placelayer.layer(dataset, view, shown, page.date, None)
    placesearch.place_index(dataset)          # last: a search a moment later finds it
