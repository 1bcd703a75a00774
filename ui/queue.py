"""The "Review queue" page: drafts from the live sources that wait for a person (shared by
the team in the store, not kept in a browser session), by source and date, each with its
evidence highlighted, the place (name, oblast) and its alternatives, the source and its
link. A reviewer may correct a draft's place (among its alternatives), status and date, then
accept or reject it, or pick several and decide them at once. Accepting goes through the
locked, validated, atomic accept path; the reviewer's name and corrections are recorded in
the draft and its source document."""

from __future__ import annotations

import datetime as dt
import functools
from itertools import groupby
from pathlib import Path
from typing import Any

import streamlit as st

from geo.errors import FrontlineError
from geo.ingest.queue import Correction, QueuedDraft, ReviewQueue
from geo.vocab import STATUSES
from ui.data import accept
from ui.text import md, md_link

#: Drafts shown at once (the rest after these are decided, or by choosing fewer sources).
SHOWN = 50
KINDS = {"claim": "a control claim",
         "fighting": "fighting reported near the place: not a control claim unless you say so"}


def evidence_markdown(draft: QueuedDraft) -> str:
    """The evidence sentence, escaped, with the span the draft is about highlighted."""
    text = draft.evidence
    if len(draft.span) == 2 and 0 <= draft.span[0] < draft.span[1] <= len(text):
        a, b = draft.span
        return (f"{md(text[:a])}:orange-background[**:orange[{md(text[a:b])}]**]"
                f"{md(text[b:])}")
    return md(text)


def place_label(place: dict[str, Any]) -> str:
    """``Name (Oblast oblast, pop. N)`` for a place record or alternative."""
    oblast = place.get("oblast") or "oblast unknown"
    pop = place.get("population")
    size = f", pop. {int(pop):,}" if isinstance(pop, int | float) and pop == pop and pop else ""
    return f"{place.get('name', '?')} ({oblast}{size})"


def source_markdown(draft: QueuedDraft) -> str:
    """The source as it will be credited, linked when it has a web address."""
    claim = draft.claim
    label = claim.get("source") or draft.source
    url = claim.get("source_url") or ""
    return f"Source: {md_link(label, url)}" + ("" if url else " (no web address)")


def _key(what: str, draft: QueuedDraft) -> str:
    return f"rq_{what}_{draft.id}"


def correction(draft: QueuedDraft) -> Correction:
    """The reviewer's corrections of ``draft`` as its card's widgets hold them."""
    state = st.session_state
    place = state.get(_key("place", draft))
    status = state.get(_key("status", draft))
    day = state.get(_key("date", draft))
    return Correction(
        settlement_id=None if place in (None, draft.claim.get("settlement_id")) else place,
        status=None if status in (None, draft.claim.get("status")) else status,
        date=(day.isoformat() if isinstance(day, dt.date)
              and day.isoformat() != str(draft.claim.get("date")) else None))


def _decide(queue: ReviewQueue, data_dir: Path, drafts: list[QueuedDraft], action: str
            ) -> None:
    """Accept or reject ``drafts`` (a button's callback, before the page runs again)."""
    who = str(st.session_state.get("rq_reviewer", "")).strip()
    if not who:
        st.session_state["rq_error"] = "Type your name first: it is recorded with each decision."
        return
    ids = [d.id for d in drafts]
    try:
        if action == "accept":
            # the page's storage: the files, or the database whose mirror data_dir is (its
            # audit log names the reviewer)
            result = queue.accept(data_dir, ids, edits={d.id: correction(d) for d in drafts},
                                  who=who, into=functools.partial(accept, data_dir, who=who))
            fixed = sum(1 for d in drafts if correction(d) != Correction())
            message = (f"Accepted {len(ids)} draft(s): {len(result.claims_written)} claim(s) "
                       f"written, {len(result.duplicates_skipped)} already in the data"
                       + (f", {fixed} corrected" if fixed else "") + ".")
        else:
            message = f"Rejected {queue.reject(ids, who)} draft(s)."
    except FrontlineError as exc:
        st.session_state["rq_error"] = str(exc).splitlines()[0]
        return
    for d in drafts:
        st.session_state.pop(_key("pick", d), None)
    st.session_state["rq_result"] = message


def _pick_all(drafts: list[QueuedDraft], value: bool) -> None:
    for d in drafts:
        st.session_state[_key("pick", d)] = value


def _card(draft: QueuedDraft, queue: ReviewQueue, data_dir: Path) -> None:
    """One draft: what it says, where it comes from, its corrections and its buttons."""
    claim = draft.claim
    head, buttons = st.columns([5, 2], vertical_alignment="center")
    says = ("reports **fighting near** it" if draft.kind == "fighting" else
            f"says **{md(claim.get('status'))}**")
    head.checkbox(f"**{md(place_label(draft.place))}** · {md(claim.get('claimant'))} {says} · "
                  f"{md(claim.get('date'))}", key=_key("pick", draft))
    left, right = buttons.columns(2)
    left.button("Accept", key=_key("accept", draft), type="primary",
                on_click=_decide, args=(queue, data_dir, [draft], "accept"))
    right.button("Reject", key=_key("reject", draft),
                 on_click=_decide, args=(queue, data_dir, [draft], "reject"))
    st.markdown(evidence_markdown(draft))
    why = "" if draft.kind == "fighting" else f"; queued because {draft.reason}"
    resolved = str(claim.get("resolved", "?"))
    how = "" if resolved in draft.reason else f"; place resolved: {resolved}"
    st.caption(md(f"{KINDS.get(draft.kind, draft.kind)}{why}; confidence "
                  f"{draft.confidence:.2f}{how}"))
    st.markdown(source_markdown(draft))
    others = [place_label(a) for a in draft.alternatives]
    st.caption("Other places of that name: " + md(", ".join(others)) if others else
               "No other place of that name.")
    choices = draft.choices()
    labels = {str(c.get("id")): place_label(c) for c in choices}
    place, status, day = st.columns(3)
    place.selectbox("Place", list(labels), format_func=labels.__getitem__,
                    key=_key("place", draft), disabled=len(labels) < 2)
    current = str(claim.get("status"))
    status.selectbox("Status", STATUSES, index=STATUSES.index(current)
                     if current in STATUSES else 0, key=_key("status", draft))
    try:
        when = dt.date.fromisoformat(str(claim.get("date")))
    except ValueError:
        when = dt.date.today()
    day.date_input("Date", when, key=_key("date", draft), format="YYYY-MM-DD")


def page(data_dir: Path, store: Path) -> None:
    """Lay out the Review queue page."""
    st.subheader("Review queue")
    st.caption("Drafts from the live sources that are not certain: free text, places of "
               "fighting (never a control claim until you say so), low confidence, ambiguous "
               "places. Shared by everyone using this data directory. Correct a draft's "
               "place, status or date before accepting it if the evidence says otherwise.")
    queue = ReviewQueue(store)
    try:
        drafts = queue.all("pending")
    except FrontlineError as exc:
        st.error(md(str(exc)))
        return
    if "rq_result" in st.session_state:
        st.success(md(st.session_state.pop("rq_result")))
    if "rq_error" in st.session_state:
        st.error(md(st.session_state.pop("rq_error")))
    if not drafts:
        st.info("Nothing waits for review. Drafts come here from the live sources "
                "(`python -m geo ingest deepstate|telegram|genstaff|isw|viina ...`, see the "
                "README's \"Live sources\"); to read a report you have, use the \"Add "
                "claims\" page.")
        return
    st.text_input("Your name (recorded with each decision)", key="rq_reviewer")
    sources = sorted({d.source for d in drafts})
    chosen = st.multiselect("Sources", sources, default=sources, key="rq_sources")
    shown = [d for d in drafts if d.source in chosen][:SHOWN]
    waiting = sum(d.source in chosen for d in drafts)
    st.caption(f"{waiting} draft(s) waiting" + (f"; the first {SHOWN} shown, by source and "
                                                "date" if waiting > SHOWN else
                                                ", by source and date") + ".")
    for (source, day), group in groupby(shown, key=lambda d: (d.source,
                                                              str(d.claim.get("date")))):
        st.markdown(f"##### {md(source)} · {md(day)}")
        for draft in group:
            with st.container(border=True, key=_key("card", draft)):
                _card(draft, queue, data_dir)
    picked = [d for d in shown if st.session_state.get(_key("pick", d))]
    bar = st.columns(4)
    bar[0].button("Pick all shown", key="rq_pick_all", on_click=_pick_all,
                  args=(shown, True))
    bar[1].button("Pick none", key="rq_pick_none", on_click=_pick_all, args=(shown, False))
    bar[2].button(f"Accept {len(picked)} picked", key="rq_accept", type="primary",
                  disabled=not picked, on_click=_decide,
                  args=(queue, data_dir, picked, "accept"))
    bar[3].button(f"Reject {len(picked)} picked", key="rq_reject", disabled=not picked,
                  on_click=_decide, args=(queue, data_dir, picked, "reject"))
