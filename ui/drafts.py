"""The "Add claims" draft table's place column: every place shown by name and oblast (a
namesake also by raion and distance to the text's other places; the cell keeps its id),
each draft's own candidates first, what else the resolver weighed and why it chose (a note
beside the place, the full reason below the table); rows about the same place side by
side; the evidence spans to highlight."""

from __future__ import annotations

import pandas as pd

from geo.text import Draft
from ui.text import md

#: Why a "fighting near" draft is not offered as a claim (the Add claims page says it).
FIGHTING_WHY = ("fighting reported near a place says where fighting is, not who holds it, "
                "so it is not offered as a control claim; if the report says more (the place "
                "is contested, say), add that claim to claims.csv by hand")


def _distance(c: dict) -> str:
    """"7 km from the text's places" (or from the front), "" when not measured."""
    if c.get("km_to_text") is not None:
        return f"{float(c['km_to_text']):.0f} km from the text's other places"
    if c.get("km_to_front") is not None:
        return f"{float(c['km_to_front']):.0f} km from the front"
    return ""


def candidate_label(c: dict) -> str:
    """"Novoselivka (Kramatorsk Raion, Donetsk; 7 km from the text's other places)": a
    namesake told apart by its raion and its distance."""
    where = ", ".join(str(p) for p in (c.get("raion"), c.get("oblast")) if p)
    far = _distance(c)
    return f"{c['name']} ({where}{'; ' + far if far else ''})"


def place_labels(drafts: list[Draft], settlements: pd.DataFrame) -> dict[str, str]:
    """id → label, in option order: each draft's place and the candidates its resolver
    weighed (nearest first; a place with namesakes by raion and distance, see
    :func:`candidate_label`), then the curated settlements by name and oblast."""
    labels: dict[str, str] = {}
    for d in drafts:
        if d.kind != "settlement" or not d.settlement:
            continue
        for c in d.alternatives:   # the chosen place is among them when it has namesakes
            labels.setdefault(str(c["id"]), candidate_label(c))
        labels.setdefault(d.settlement, f"{d.name} ({d.oblast})")
    for place, name, oblast in zip(settlements["id"], settlements["name"],
                                   settlements["oblast"], strict=True):
        labels.setdefault(str(place), f"{name} ({oblast})")
    first = _first_seen(drafts)
    return dict(sorted(labels.items(), key=lambda kv: first.get(kv[0], len(first))))


def _first_seen(drafts: list[Draft]) -> dict[str, int]:
    """Each draft's place first, then its candidates, in the drafts' order."""
    order: dict[str, int] = {}
    for d in drafts:
        if d.kind == "settlement" and d.settlement:
            order.setdefault(d.settlement, len(order))
            for c in d.alternatives:
                order.setdefault(str(c["id"]), len(order))
    return order


def alternatives_text(d: Draft) -> str:
    """The other places of the name, with their raion and distance: one line, the count
    of the rest by every place weighed (``d.ambiguous``, the note's "1 of N"), not only
    those the draft keeps."""
    out = [candidate_label(c) for c in d.alternatives if str(c["id"]) != d.settlement]
    more = max(len(out), d.ambiguous - 1) - min(len(out), 5)
    return "; ".join(out[:5]) + (f" and {more} more" if more > 0 else "")


def place_note(d: Draft) -> str:
    """The draft table's note beside the place: which of several namesakes was taken, or
    that the place is new to the data."""
    if d.ambiguous > 1:
        return f"1 of {d.ambiguous} places of this name: check it (see below the table)"
    return "" if d.curated else "new settlement"


def namesake_notes(drafts: list[Draft], names: dict[str, str]) -> list[str]:
    """One Markdown-free line per draft whose place has namesakes: the place taken (raion,
    distance), why, and the others nearest first, so the choice is read where it is made."""
    out = []
    for d in drafts:
        if d.kind != "settlement" or d.ambiguous <= 1 or not d.settlement:
            continue
        chosen = next((c for c in d.alternatives if str(c["id"]) == d.settlement), None)
        label = candidate_label(chosen) if chosen else f"{d.name} ({d.oblast})"
        why = f" Why: {d.why_place}." if d.why_place else ""
        others = alternatives_text(d)
        who = names.get(d.claimant, d.claimant)
        out.append(f"“{d.matched or d.name}” (claim by {who}) → {label}.{why}"
                   + (f" Others: {others}." if others else ""))
    return out


def why_text(d: Draft) -> str:
    """The rule that made the draft, why its place was chosen and, when the learned scorer
    ran, the features that moved its score most."""
    out = f"{d.rule}. Place: {d.why_place}" if d.why_place else d.rule
    return f"{out}. Score: {d.score_why}" if d.score_why else out


def side_by_side(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows about the same place next to each other (a claim beside its denial), places in
    the order the text first names them."""
    if frame.empty:
        return frame
    first = frame.groupby("settlement", sort=False).cumcount() * 0 + frame.groupby(
        "settlement", sort=False).ngroup()
    return frame.assign(_g=first.to_numpy()).sort_values("_g", kind="stable").drop(
        columns="_g").reset_index(drop=True)


def evidence_spans(drafts: list[Draft]) -> list[tuple[int, int]]:
    """(start, end) in the report of every draft's evidence: the words that made it (the
    cue and the place) where known, else the sentence."""
    out = []
    for d in drafts:
        if d.evidence_start >= 0 and d.evidence_end > d.evidence_start:
            out.append((d.start + d.evidence_start, d.start + d.evidence_end))
        else:
            out.append((d.start, d.end))
    return out


def accept_button(claims: int, figures: int, needs_name: bool = False,
                  editor: str = "") -> tuple[str, str | None]:
    """The accept button's label, and why it is disabled (None when it is not): with no
    claim ticked and no territory figure to accept there is nothing to write; on a shared
    database (``needs_name``) the audit log records who accepted, so a name is needed."""
    label = f"Accept {claims} selected claim(s)" + (f" and {figures} figure(s)" if figures
                                                     else "")
    if not (claims or figures):
        return label, ("Nothing is selected: tick 'include' on at least one draft (or accept "
                       "the territory figures) to enable this button.")
    if needs_name and not editor.strip():
        return label, ("Type your name above: the shared database records who accepted each "
                       "claim.")
    return label, None


def fighting_note(drafts: list[Draft], names: dict[str, str]) -> str:
    """Markdown, empty when none: the places the report names only as where fighting is
    (``fighting`` drafts, low confidence), one line each per claimant and place, with the
    reason they are not in the draft table (:data:`FIGHTING_WHY`)."""
    seen: dict[tuple[str, str], Draft] = {}
    for d in drafts:
        if d.kind == "fighting" and d.settlement:
            seen.setdefault((d.claimant, d.settlement), d)
    if not seen:
        return ""
    lines = [f"- {md(d.name)} ({md(d.oblast)}), reported by "
             f"{md(names.get(d.claimant, d.claimant))} on {d.date}: “{md(d.evidence.strip())}”"
             for d in seen.values()]
    count = "1 place" if len(seen) == 1 else f"{len(seen)} places"
    return (f"**Fighting reported near {count}: not in the table.** "
            f"{md(FIGHTING_WHY[0].upper() + FIGHTING_WHY[1:])}.\n\n" + "\n".join(lines))
