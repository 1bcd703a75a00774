"""The "Sources" page: each live source's runs as ``python -m geo watch`` recorded them
(last success, next run, failures, the last runs' counts and errors)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.errors import FrontlineError
from geo.ingest.watch import all_states
from ui.text import md


def page(store: Path) -> None:
    """Lay out the Sources page."""
    st.subheader("Sources")
    try:
        states = all_states(store)
    except FrontlineError as exc:
        st.error(md(str(exc)))
        return
    if not states:
        st.info("No source has run yet. Start `python -m geo watch --config sources.toml` "
                "(see the README, 'Live sources').")
        return
    st.dataframe(pd.DataFrame([{
        "source": s.get("label"), "last success": s.get("last_success", "never"),
        "next run": s.get("next_run", ""), "failures in a row": s.get("failures", 0),
        "last run": (s.get("runs") or [{}])[-1].get("finished", ""),
        "claims added (last run)": (s.get("runs") or [{}])[-1].get("claims_added", 0),
        "drafts queued (last run)": (s.get("runs") or [{}])[-1].get("drafts_queued", 0),
        "errors (last run)": len((s.get("runs") or [{}])[-1].get("errors", [])),
    } for s in states]), hide_index=True)
    for s in states:
        runs = s.get("runs") or []
        with st.expander(f"{s.get('label')}: last {len(runs)} run(s)"):
            st.dataframe(pd.DataFrame([{k: r.get(k) for k in (
                "started", "finished", "documents_fetched", "documents_new", "claims_added",
                "drafts_queued", "maps_stored")} | {"errors": "; ".join(r.get("errors", []))}
                for r in reversed(runs)]), hide_index=True)
