"""A clause's status from its cues, and one sentence's drafts merged by place."""

from __future__ import annotations

from geo.text.cues import Cue
from geo.text.draft import Draft

#: Cues that say who holds a place, not only that it was fought over.
_HOLDS = frozenset({"capture", "remain", "fallen"})


def compose(cues: list[Cue]) -> tuple[str | None, bool | None, float, list[str]]:
    """(status, encircled, strength, cue names) of a clause's cues, in order.

    A denied capture flips the side ("denied that Russian forces took X": Ukrainian-held);
    a denied fighting cue still says the place is fought over ("denied it had fallen,
    saying troops were still fighting inside"), unless called false outright ("the claim
    that troops entered the city is false"); an encirclement flag stands beside the status.
    """
    status: str | None = None
    encircled: bool | None = None
    only_flip = False  # the status so far is only the flip of a denial
    held = False  # the status so far says who holds it (not "repelled attacks near")
    strength, names = 1.0, []
    for c in cues:
        if c.name not in names:
            names.append(c.name)
        strength = min(strength, c.strength)
        if c.effect == "encircled":
            encircled = not c.denied
            status = status or ("contested" if not c.denied else None)
        elif c.effect == "contested":
            if c.falsified or (c.name == "counter" and status is not None):
                continue  # "still hold X and were counterattacking from it": held
            # "troops hold most of X but fighting goes on in its east": the control claim
            # stands (convention 2); a denial's flip ("denied it fell, saying troops were
            # still fighting inside") gives way to the fighting
            if c.denied or c.name == "grey" or (status != "russian" and (not held
                                                                        or only_flip)):
                status = "contested"
        elif c.effect == "supplied":
            if c.denied:
                status, encircled = "contested", True
            else:  # still supplied: not encircled; held, unless fighting is also reported
                status, encircled = ("contested" if status == "contested" else "ukrainian",
                                     False)
        elif c.denied and c.whole:
            continue  # "the claims of the full capture are untrue": not all of it; said apart
        elif c.denied:  # flips only a clause that claims nothing yet: "control a significant
            # part of it but have not withdrawn" stays the Russian-held part
            flipped = {"russian": "ukrainian", "ukrainian": "russian"}.get(c.effect)
            if status is None and flipped:
                status, only_flip = flipped, True
                names.append("denied")  # the status is the flip of a denial
        elif c.effect == "russian" or status is None or (c.effect == "contested"
                                                         and status == "ukrainian"):
            status, only_flip = c.effect, False
            held = c.name in _HOLDS
    if "denied" in names and any(not c.denied and c.effect == status for c in cues):
        names.remove("denied")  # said directly too ("... is not true. Our units hold it")
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
            # a denial's flip gives way to the fighting said beside it; a control claim
            # said directly stands (convention 2)
            grey = any("grey" in d.cue.split(",") for d in claims if d.status == "contested")
            claims = [d for d in claims if d.status != "ukrainian" or (
                not grey and _HOLDS & set(d.cue.split(","))
                and "denied" not in d.cue.split(","))]
        if not claims:
            first = group[0]
            if flags and flags[-1] is False and first.side == "ua":
                first.status = "ukrainian"  # "…is not encircled", said by the side holding it
                first.cue += ",denied"
                out.append(first)
            continue
        for d in claims:
            if d.encircled is None and flags:
                d.encircled = flags[-1]
            out.append(d)
    return out


#: Claimants whose statements in one text are several voices ("one milblogger claimed ...,
#: another claimed ..."), never merged into one claim.
MANY_VOICES = frozenset({"ru_milblogger"})
_OWN_STATUS = {"ua": "ukrainian", "ru": "russian"}
#: the statuses of a claim that stands in for its claimant's fighting near the same place
FIGHTING_GIVES_WAY_TO = frozenset({"russian", "ukrainian"})


def merge_text(drafts: list[Draft]) -> list[Draft]:
    """One claim per claimant and place in one report (the conventions of
    tests/texts/README.md): a control claim (held, whole or part) covers the same claimant's
    "advanced in" / "fighting in" about the place, unless it is only the flip of a denial
    ("... is not true: the town remains in the grey zone" stays contested); of two
    opposite control claims the speaker's own side's stands ("holding the western part",
    beside "the Russians control roughly half"); of a full and a partial claim of the same
    status the later one stands (the report's last word). An encirclement flag said in a
    dropped sentence joins the claim kept. A control claim also takes the place of the
    same claimant's fighting near that place anywhere in the text ("captured X; fighting
    continues on its outskirts"); another claimant's fighting near it stays."""
    groups: dict[tuple, list[Draft]] = {}
    for d in drafts:
        if d.kind == "settlement" and d.claimant not in MANY_VOICES:
            groups.setdefault((d.claimant, d.settlement), []).append(d)
    # a control claim takes the place of the same claimant's fighting near that place
    held = {(d.claimant, d.settlement) for d in drafts if d.kind == "settlement"
            and d.status in FIGHTING_GIVES_WAY_TO}
    dropped: set[int] = {id(d) for d in drafts if d.kind == "fighting"
                         and (d.claimant, d.settlement) in held}
    for group in groups.values():
        if len(group) < 2:
            continue
        # an encirclement said in one sentence joins the claim of another (convention 2):
        # alone it gives "contested", which must not outweigh what is said of the place
        flag_only = [d for d in group if d.cue == "encircled"]
        rest = [d for d in group if d not in flag_only] or group
        derived = [d for d in rest if "rejection" in d.rule or "denial of a reported" in d.rule
                   or "denied" in d.cue.split(",")]
        direct = [d for d in rest if d not in derived]
        control = [d for d in direct if d.status in ("russian", "ukrainian")]
        contested = [d for d in direct if d.status == "contested"]
        keep = control or contested or derived
        if control and len({d.status for d in control}) > 1:
            own = _OWN_STATUS.get(control[0].side)
            keep = [d for d in control if d.status == own] or control
        if len({(d.status, d.extent) for d in keep}) > 1 and len({d.status for d in keep}) == 1:
            keep = ([d for d in keep if d.extent == "full"][:1] if keep[0].status == "contested"
                    else [max(keep, key=lambda d: d.start)])
        flags = [d.encircled for d in group if d.encircled is not None]
        for d in keep:
            if d.encircled is None and flags:
                d.encircled = flags[-1]
        dropped |= {id(d) for d in group if d not in keep}
    return [d for d in drafts if id(d) not in dropped]
