"""Measure the "nearest names" offered for a search that matches nothing (issue 11: "a miss
says the nearest names"): how often a one-letter typo of a real place's name gets that place
among the five suggestions, and first, against how often a word that is no place gets any
suggestion, by scorer and cutoff.

Typos: 400 places of the bundled table (the 200 largest and 200 at random, names of 5+
letters), each with one random deletion, insertion, substitution or swap of neighbours that
no exact or variant rule finds. Non-places: the ordinary and made-up words of
``bench.fuzzy_threshold``. Run: ``.venv/bin/python -m bench.nearest_names``.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bench.fuzzy_threshold import NON_PLACES
from geo.dataset.load import load_dataset
from geo.places.fold import fold
from geo.places.lookup import PlaceIndex
from geo.places.table import bundled_places

DATA = Path(__file__).resolve().parents[1] / "data"


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice("disw")
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "i":
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i:]
    if kind == "s":
        return word[:i] + rng.choice(string.ascii_lowercase.replace(word[i], "")) + word[i + 1:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def main() -> None:
    ds = load_dataset(DATA)
    index = PlaceIndex(ds.settlements, bundled_places(DATA))
    rng = random.Random(11)
    places = index.places[index.places["name"].str.fullmatch(r"[A-Za-z' \-]{5,}")]
    picked = list(places.nlargest(200, "population").itertuples())
    picked += rng.sample(list(places.itertuples()), 200)
    typos = []
    for row in picked:
        typo = _typo(fold(row.name), rng)
        if index.find(typo).empty:   # only what the exact and variant tiers miss
            typos.append((typo, row.id))
    folds = index.names["fold"].drop_duplicates().tolist()
    by_fold = index.names.groupby("fold")["id"].agg(list).to_dict()
    print(f"{len(typos)} typos no tier finds, {len(NON_PLACES)} non-places")
    for scorer in (fuzz.ratio, fuzz.WRatio):
        first, top5, best = [], [], []
        for typo, want in typos:
            hits = process.extract(typo, folds, scorer=scorer, limit=15)
            ids = [i for f, _s, _p in hits for i in by_fold[f]]
            ranked = list(dict.fromkeys(ids))[:5]
            first.append(bool(ranked) and ranked[0] == want)
            top5.append(want in ranked)
            best.append(max((s for f, s, _p in hits if want in by_fold[f]), default=0.0))
        neg = np.array([process.extractOne(w, folds, scorer=scorer)[1] for w in NON_PLACES])
        best_arr = np.array(best)
        print(f"{scorer.__name__}: right place first {np.mean(first):.1%}, in the top 5 "
              f"{np.mean(top5):.1%} (no cutoff)")
        for cut in (60, 65, 70, 75, 80, 85):
            print(f"  cutoff {cut}: typo's place still offered {np.mean(best_arr >= cut):6.1%}"
                  f", non-places given a suggestion {np.mean(neg >= cut):6.1%}")


if __name__ == "__main__":
    main()
