"""A clause's status from its cues, and one sentence's drafts merged by place."""

from __future__ import annotations

from geo.text.cues import Cue
from geo.text.draft import Draft


def compose(cues: list[Cue]) -> tuple[str | None, bool | None, float, list[str]]:
    """(status, encircled, strength, cue names) of a clause's cues, in order.

    A denied capture flips the side ("denied that Russian forces took X": Ukrainian-held);
    a denied fighting cue still says the place is fought over ("denied it had fallen,
    saying troops were still fighting inside"), unless called false outright ("the claim
    that troops entered the city is false"); an encirclement flag stands beside the status.
    """
    status: str | None = None
    encircled: bool | None = None
    strength, names = 1.0, []
    for c in cues:
        if c.name not in names:
            names.append(c.name)
        strength = min(strength, c.strength)
        if c.effect == "encircled":
            encircled = not c.denied
            status = status or ("contested" if not c.denied else None)
        elif c.effect == "contested":
            if c.falsified:
                continue
            status = "contested" if status != "russian" or c.denied else status
        elif c.effect == "supplied":
            if c.denied:
                status, encircled = "contested", True
            else:  # still supplied: not encircled; held, unless fighting is also reported
                status, encircled = ("contested" if status == "contested" else "ukrainian",
                                     False)
        elif c.denied:
            flipped = {"russian": "ukrainian", "ukrainian": "russian"}.get(c.effect)
            status = status if status == "contested" else flipped or status
        elif c.effect == "russian" or status is None or (c.effect == "contested"
                                                         and status == "ukrainian"):
            status = c.effect
    return status, encircled, strength, names


def merge_sentence(drafts: list[Draft]) -> list[Draft]:
    """Merge one sentence's drafts by (claimant, settlement).

    An encirclement flag stated alone ("but had not yet encircled the town") joins the
    claim it qualifies; "denied that X had fallen, saying its troops were still fighting
    inside" is one contested claim, not a Ukrainian-held one plus a contested one. A flag
    with no claim to join becomes the speaker's own side's claim when it denies an
    encirclement ("X is not encircled", said by Ukraine), and is dropped otherwise.
    Fighting drafts pass through, except where the sentence also makes a claim.
    """
    out: list[Draft] = []
    groups: dict[tuple, list[Draft]] = {}
    for d in drafts:
        groups.setdefault((d.claimant, d.settlement), []).append(d)
    for group in groups.values():
        fighting = [d for d in group if d.kind == "fighting"]
        group = [d for d in group if d.kind != "fighting"]
        if not group:
            out += fighting[:1]
            continue
        flags = [d.encircled for d in group if d.encircled is not None]
        claims = [d for d in group if d.status is not None]
        if {"ukrainian", "contested"} <= {d.status for d in claims}:
            claims = [d for d in claims if d.status != "ukrainian"]
        if not claims:
            first = group[0]
            if flags and flags[-1] is False and first.side == "ua":
                first.status = "ukrainian"  # "…is not encircled", said by the side holding it
                out.append(first)
            continue
        for d in claims:
            if d.encircled is None and flags:
                d.encircled = flags[-1]
            out.append(d)
    return out
