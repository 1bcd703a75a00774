"""The "Add claims" draft table's place column: every place shown by name and oblast (the
cell keeps its id), each draft's own candidates first, what else the resolver weighed, why
it chose; rows about the same place side by side; the evidence spans to highlight."""

from __future__ import annotations

import pandas as pd

from geo.text import Draft


def place_labels(drafts: list[Draft], settlements: pd.DataFrame) -> dict[str, str]:
    """id → "Name (Oblast)", in option order: each draft's place and the candidates its
    resolver weighed (nearest first), then the curated settlements."""
    labels: dict[str, str] = {}
    for d in drafts:
        if d.kind != "settlement" or not d.settlement:
            continue
        labels.setdefault(d.settlement, f"{d.name} ({d.oblast})")
        for c in d.alternatives:
            labels.setdefault(str(c["id"]), f"{c['name']} ({c['oblast']})")
    for place, name, oblast in zip(settlements["id"], settlements["name"],
                                   settlements["oblast"], strict=True):
        labels.setdefault(str(place), f"{name} ({oblast})")
    return labels


def alternatives_text(d: Draft) -> str:
    """The other places of the name, with their distance to the text's places: one line."""
    out = []
    for c in d.alternatives:
        if str(c["id"]) == d.settlement:
            continue
        km = c.get("km_to_text", c.get("km_to_front"))
        out.append(f"{c['name']} ({c['oblast']}" + (f", {km:.0f} km" if km is not None
                                                    else "") + ")")
    return "; ".join(out[:5]) + (f" and {len(out) - 5} more" if len(out) > 5 else "")


def why_text(d: Draft) -> str:
    """The rule that made the draft and why its place was chosen."""
    return f"{d.rule}. Place: {d.why_place}" if d.why_place else d.rule


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
