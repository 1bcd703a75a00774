"""The page boundary: the last resort for an error no part of the page expected.

Every error raised on purpose is a :class:`~geo.errors.FrontlineError` and is shown where it
happens, as its one-line message. Anything else is a bug: :func:`last_resort` logs its
traceback on the server (the ``frontline`` logger, Streamlit's console) with a short
reference, and shows the reader only a one-line apology with that reference, never the
traceback or the exception's text (which may quote a file or a path). Streamlit's own
handler is configured the same way (``client.showErrorDetails = "none"`` in
``.streamlit/config.toml``) for anything raised outside this boundary.

Also here: finishing an accept a crash interrupted (:func:`geo.dataset.journal.recover`),
once per page run, before the data is read.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import streamlit as st

from geo.dataset.journal import needs_recovery, recover
from geo.errors import FrontlineError
from ui.text import md

LOG = logging.getLogger("frontline")


def message(reference: str) -> str:
    """What the reader sees for an unexpected error: short, no detail, a reference."""
    return (f"Something went wrong while drawing this page (reference {reference}); it has "
            "been logged on the server. Reload the page or change the selection; if it "
            "keeps happening, give the reference to whoever runs this site.")


@contextlib.contextmanager
def last_resort() -> Iterator[None]:
    """Run the page inside: an unexpected exception is logged with its traceback and shown
    as :func:`message`. Streamlit's own stop/rerun signals (BaseException) pass through."""
    try:
        yield
    except FrontlineError as exc:  # raised on purpose but not caught nearer: its line only
        st.error(md(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__))
    except Exception:
        reference = secrets.token_hex(4)
        LOG.exception("unexpected error on the page (reference %s)", reference)
        st.error(message(reference))


def finish_interrupted_writes(data_dir: Path) -> None:
    """Complete or undo an accept a crash interrupted; say so once. A stat when clean."""
    if not needs_recovery(data_dir):
        return
    try:
        notes = recover(data_dir)
    except (FrontlineError, OSError) as exc:
        st.warning(f"An interrupted accept could not be finished yet: {md(exc)}")
        return
    for note in notes:
        LOG.warning("%s: %s", data_dir, note)
    if notes:
        st.info("Finished an edit that was interrupted: " + md("; ".join(notes)))
