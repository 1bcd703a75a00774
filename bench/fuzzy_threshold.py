"""Measure the fuzzy cutoff of ``resolve`` on real spelling variants vs. words that are no place.

Variants: Latin alternate names from the bundled places table (GeoNames) that no exact,
folded, transliterated or skeleton rule links to another spelling of the same place, so
only fuzzy matching could find it; each is scored against that place's other spellings
(leave-one-out). Non-places: ordinary words and made-up names, scored against every
spelling. Prints, for each scorer and cutoff, the share of variants kept and of
non-places let through. Run: .venv/bin/python bench/fuzzy_threshold.py
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from geo.places.gazetteer import spelling_index
from geo.places.table import load_places

_WORDS = (
    "xyzzyville atlantis narnia gotham springfield hogwarts mordor wakanda eldorado utopia "
    "artillery battalion offensive ceasefire drone frontline brigade regiment stronghold "
    "trenches advance retreat encirclement liberation occupation shelling airstrike missile "
    "defence ministry general staff spokesman statement report morning evening yesterday "
    "tomorrow direction sector positions forces troops assault counterattack reinforcements "
    "village town city river bridge railway station factory airport hospital school church "
    "quantum banana keyboard elephant philosophy symphony marathon velvet lantern harbour "
    "zorblax quindar flimton greebly snorvik plavonia trundelby mekrasz vostrakh pelunor")
NON_PLACES = _WORDS.split()


def main() -> None:
    places = load_places(Path(__file__).resolve().parents[1] / "data")
    names = spelling_index(places)
    rng = random.Random(1)
    variants = []
    for _, group in names.groupby("geonameid"):
        if len(group) < 3:
            continue
        latin = group[group["text"].str.fullmatch(r"[A-Za-z' \-’]+")
                      & (group["fold"].str.len() >= 4)]
        for row in latin.itertuples():
            others = group[group.index != row.Index]
            if (others["skeleton"] == row.skeleton).any() or (others["latin"] == row.latin).any():
                continue
            variants.append((row.fold, others["fold"].tolist()))
    variants = rng.sample(variants, min(3000, len(variants)))
    keys = names["fold"].drop_duplicates().tolist()
    for scorer in (fuzz.ratio, fuzz.WRatio):
        pos = np.array([max(scorer(q, o) for o in others) for q, others in variants])
        neg = np.array([process.extractOne(w, keys, scorer=scorer)[1] for w in NON_PLACES])
        print(f"{scorer.__name__}: {len(pos)} variants, {len(neg)} non-places; "
              f"non-place best scores: median {np.median(neg):.0f}, max {neg.max():.0f} "
              f"({NON_PLACES[int(neg.argmax())]})")
        for cut in (80, 85, 88, 90, 92, 95):
            print(f"  cutoff {cut}: variants kept {np.mean(pos >= cut):6.1%}, "
                  f"non-places through {np.mean(neg >= cut):6.1%}")


if __name__ == "__main__":
    main()
