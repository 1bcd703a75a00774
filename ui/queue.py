"""The "Review queue" page: drafts from the live sources that wait for a person (shared by
the team in the store, not kept in a browser session), by source and date, with their
evidence highlighted, the place (name, oblast) and its alternatives; accept or reject one or
many. Accepting goes through the locked, validated, atomic accept path."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.errors import FrontlineError
from geo.ingest.queue import QueuedDraft, ReviewQueue
from ui.text import md


def evidence_markdown(draft: QueuedDraft) -> str:
    """The evidence sentence, escaped, with the span the draft is about highlighted."""
    text = draft.evidence
    if len(draft.span) == 2 and 0 <= draft.span[0] < draft.span[1] <= len(text):
        a, b = draft.span
        return f"{md(text[:a])}:orange-background[**{md(text[a:b])}**]{md(text[b:])}"
    return md(text)


def _table(drafts: list[QueuedDraft]) -> pd.DataFrame:
    return pd.DataFrame({
        "pick": False,
        "source": [d.source for d in drafts],
        "date": [str(d.claim.get("date", "")) for d in drafts],
        "kind": [d.kind for d in drafts],
        "claimant": [str(d.claim.get("claimant", "")) for d in drafts],
        "place": [f"{d.place.get('name', '')} ({d.place.get('oblast', '?')})" for d in drafts],
        "status": [str(d.claim.get("status", "")) for d in drafts],
        "confidence": [round(d.confidence, 2) for d in drafts],
        "why queued": [d.reason for d in drafts],
        "id": [d.id for d in drafts],
    })


def page(data_dir: Path, store: Path) -> None:
    """Lay out the Review queue page."""
    st.subheader("Review queue")
    st.caption("Drafts from the live sources that are not certain: free text, places of "
               "fighting (never a control claim until you say so), low confidence, ambiguous "
               "places. Shared by everyone using this data directory.")
    queue = ReviewQueue(store)
    try:
        drafts = queue.all("pending")
    except FrontlineError as exc:
        st.error(md(str(exc)))
        return
    if "rq_result" in st.session_state:
        st.success(st.session_state.pop("rq_result"))
    if not drafts:
        st.info("Nothing waits for review.")
        return
    sources = sorted({d.source for d in drafts})
    chosen = st.multiselect("Sources", sources, default=sources, key="rq_sources")
    shown = [d for d in drafts if d.source in chosen]
    edited = st.data_editor(_table(shown), key="rq_table", hide_index=True,
                            disabled=[c for c in _table(shown).columns if c != "pick"],
                            column_config={"pick": st.column_config.CheckboxColumn("pick")})
    picked = [i for i, p in zip(edited["id"], edited["pick"], strict=True) if p]
    for d in shown[:50]:
        with st.expander(f"{d.place.get('name', '?')} · {d.claim.get('claimant')} · "
                         f"{d.claim.get('status')} · {d.claim.get('date')}"):
            st.markdown(evidence_markdown(d))
            st.caption(md(f"{d.kind}; {d.reason}; document {d.document}"))
            if d.alternatives:
                st.caption("Other places of that name: " + md(", ".join(
                    f"{a.get('name')} ({a.get('oblast')})" for a in d.alternatives[:5])))
    left, right = st.columns(2)
    if left.button(f"Accept {len(picked)} picked", key="rq_accept", disabled=not picked):
        try:
            result = queue.accept(data_dir, picked)
        except FrontlineError as exc:
            st.error(md(str(exc).splitlines()[0]))
        else:
            st.session_state["rq_result"] = (
                f"{len(result.claims_written)} claim(s) written, "
                f"{len(result.duplicates_skipped)} duplicate(s) skipped.")
            st.rerun()
    if right.button(f"Reject {len(picked)} picked", key="rq_reject", disabled=not picked):
        st.session_state["rq_result"] = f"{queue.reject(picked)} draft(s) rejected."
        st.rerun()
