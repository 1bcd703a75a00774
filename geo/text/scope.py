"""Which of a clause's status cues belong to which of its places: "occupied Yampil and
advanced in Siversk" gives each place its own verb, "captured Torske and Dronivka" shares
one (:func:`scope`)."""

from __future__ import annotations

import re

from geo.text.cues import Cue
from geo.text.lists import is_glue
from geo.text.mentions import Mention
from geo.text.speakers import Clause

__all__ = ["scope"]

_COORDINATED = re.compile(r"[^.;:]{0,120}?(?:,\s*|,?\s+(?:and|or|та|і|й|и)\s+|\s*\(\w+\)\s*,?\s*)"
                          r"(?:(?:the )?(?:village|town|city|settlement)s? of\s+)?"
                          # "control 70 percent of X and most of Y": a share of the next
                          r"(?:(?:most|much|part|(?:about |over |more than )?half|\d{1,3} ?"
                          r"(?:%|percent)) of\s+)?", re.I)


def scope(cues: list[Cue], targets: list[tuple[Mention, str]],
           clause: Clause) -> list[list[Cue]]:
    """Each target's cues: those between it and the place named before it ("occupied
    Yampil and advanced in Siversk"), else the previous place's ("captured Torske and
    Dronivka"), else those after it ("Pokrovsk had fallen"); the last place also takes
    the cues after it. A place referred back to ("the city") takes all of them."""
    out: list[list[Cue]] = []
    prev_end, prev = 0, None
    for k, (m, _before) in enumerate(targets):
        a, b = m.start - clause.start, m.end - clause.start
        if a < 0 or a > len(clause.text):
            out.append(cues)
            continue
        nxt = (targets[k + 1][0].start - clause.start if k + 1 < len(targets)
               else len(clause.text) + 1)
        here, there = m.res, targets[k - 1][0].res if k else None
        if prev is not None and here is not None and there is not None \
                and here.id == there.id:  # "Zhelannoye, known as Zhelanne"
            out.append(prev)
            prev_end = b
            continue
        own = [c for c in cues if prev_end <= c.start < a]
        if not own and k and (_COORDINATED.fullmatch(clause.text[prev_end:a])
                              or is_glue(clause.text[prev_end:a])):
            own = prev or []  # "captured Torske and Dronivka"
        after = [c for c in cues if b <= c.start < nxt]
        if not own:
            own = after
        elif k == len(targets) - 1:
            own = own + [c for c in after if c not in own]
        out.append(own)
        prev_end, prev = b, own
    for k in range(len(out) - 2, -1, -1):  # "Vremevka and Novoselka were also liberated"
        a = targets[k][0].end - clause.start
        b = targets[k + 1][0].start - clause.start
        if not out[k] and out[k + 1] and 0 <= a <= b and _COORDINATED.fullmatch(
                clause.text[a:b]) and all(c.start > b for c in out[k + 1]):
            out[k] = out[k + 1]
    return out
