"""A Russian spelling of a Ukrainian name, placed among the text's other places.

Verkhnekamenka for Verkhnokamianka, Ustinovka for Ustynivka: the same consonant skeleton
(:func:`geo.places.fold.skeleton`), a different exact name. Used by
:meth:`geo.places.resolution.Resolver.resolve_in_context` when the one place a name matches
exactly lies far from the places the text names and from the front.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.places.context import PlaceContext, km_to
from geo.places.fold import skeleton

#: A variant spelling beats an exact name only within this many km of the text's other
#: places (and when the exact name's places are four times as far, plus 40 km).
VARIANT_NEAR_KM = 25.0
#: ... and when that exact name's place is farther than this from the front.
VARIANT_FRONT_KM = 40.0
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)


def variant_near_text(places: pd.DataFrame, by_skeleton: dict[str, list[str]],
                      forms: Sequence[str], ids: list[str],
                      context: PlaceContext) -> tuple[str, str] | None:
    """The place spelt differently (same consonant skeleton as one of ``forms``) that lies
    among the text's other places, when the one place ``ids`` the name matches exactly lies
    far from them: (its id, the step that says so); None otherwise. Only for a name that
    matches one place exactly, not a curated one.

    ``places``: the resolver's places (``lat``, ``lon``, ``curated``, indexed by id);
    ``by_skeleton``: skeleton key → place ids.
    """
    if len(ids) != 1 or bool(places.at[ids[0], "curated"]):
        return None  # only one place has the exact name, and it is not a tracked one
    wider = [i for f in forms for i in by_skeleton.get(skeleton(f), [])
             if len(skeleton(f).replace(" ", "")) >= (3 if _CYRILLIC.search(f) else 4)]
    extra = [i for i in dict.fromkeys(wider) if i not in ids]
    if not extra:
        return None
    there = places.loc[extra]
    near = km_to(there["lat"], there["lon"], context.anchors)
    exact = places.loc[ids]
    far = km_to(exact["lat"], exact["lon"], context.anchors).min()
    best = int(np.argmin(near))
    if near[best] > VARIANT_NEAR_KM or far < 4 * near[best] + 40:
        return None
    if context.front is not None and len(context.front) and km_to(
            exact["lat"], exact["lon"], context.front).min() < VARIANT_FRONT_KM:
        return None  # the exact name's place is where the fighting is: it stands
    return (str(there.index[best]), f"a variant spelling {near[best]:.0f} km from the "
            f"text's other places, where the exact name's places are {far:.0f} km away")


def former_names(lookup: dict[str, dict[str, list[str]]], primary: dict[str, set],
                 rules: Sequence[tuple[str, Callable[[str], str], Any, Any]],
                 forms: Sequence[str]) -> list[str]:
    """Places whose former or other name (not their own) is spelled as ``forms``: those a
    lookup sets aside when a place has it as its own name (Krasnohorivka, the town, beside
    the village now called Yasnohorivka). ``lookup``: key column → key → ids; ``primary``:
    key column → the (key, id) pairs of own names; ``rules``: (key column, key function,
    …) of the exact tiers."""
    out: list[str] = []
    for form in forms:
        for col, keyfn, *_ in rules:
            key = keyfn(form)
            out += [p for p in (lookup[col].get(key, []) if key else [])
                    if (key, p) not in primary[col]]
    return list(dict.fromkeys(out))
