"""Search every place (the curated settlements and the national places table) by any spelling.

The folded-name index is built once (:class:`PlaceIndex`, its sorted keys in
:class:`~geo.places.spellindex.SpellingIndex`); a query is a few binary searches over them
and, when those leave room, one substring scan, never a Python loop over the places. Matches
come in tiers, best first: the same name ignoring case, accents, apostrophes and hyphens (or
the same transliteration); a transliteration variant (consonant skeleton, so Kupyansk finds
Kupiansk and "kupyansk vuzlovyi" finds Kupiansk-Vuzlovyi); a name starting with the query; a
name containing it. Within a tier, the curated settlements come first, then larger places. A
miss gives the nearest names (rapidfuzz).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.places.fold import fold, latin, skeleton
from geo.places.placeid import is_gn_id
from geo.places.spellcache import cached_spellings
from geo.places.spellindex import SpellingIndex

#: A miss's suggestions (``fuzz.ratio`` on folded names) at or above this score. Measured by
#: ``bench.nearest_names`` on the bundled table: at 80 every one of 193 one-letter typos of
#: real names (5+ letters) that no tier finds still gets its place offered, and 23% of 79
#: words that are no place get a suggestion (WRatio without a cutoff, used before, gave all
#: of them one and ranked the typo's place first less often: 75% against 83%).
NEAREST_CUTOFF = 80.0

#: What each tier means, for the CLI and the page.
TIERS = ("same name", "transliteration variant", "name starts with it", "name contains it")


def _places_frame(settlements: pd.DataFrame, places: pd.DataFrame | None) -> pd.DataFrame:
    """One row per place id (curated first), with every spelling in ``alternatenames``."""
    curated = pd.DataFrame({
        "id": settlements["id"].astype(str).to_numpy(),
        "name": settlements["name"].astype(str).to_numpy(),
        "oblast": settlements["oblast"].astype(str).to_numpy(),
        "population": pd.to_numeric(settlements["population"], errors="coerce").fillna(0)
        .astype("int64").to_numpy(),
        "lat": settlements["lat"].astype(float).to_numpy(),
        "lon": settlements["lon"].astype(float).to_numpy(),
        "alternatenames": (settlements["name_uk"].fillna("").astype(str) + "," +
                           settlements["aliases"].fillna("").astype(str).str.replace(";", ","))
        .to_numpy(),
        "curated": True,
    })
    if places is None or places.empty:
        return curated
    gid_of = dict(zip(pd.to_numeric(settlements["geonames_id"], errors="coerce"),
                      settlements["id"].astype(str), strict=True))
    ids = (places["id"].astype(str) if "id" in places else
           places["geonameid"].map(lambda g: gid_of.get(int(g), f"gn-{g}")))
    table = pd.DataFrame({
        "id": ids.to_numpy(), "name": places["name"].astype(str).to_numpy(),
        "oblast": places["oblast"].astype(str).to_numpy(),
        "population": places["population"].astype("int64").to_numpy(),
        "lat": places["lat"].astype(float).to_numpy(),
        "lon": places["lon"].astype(float).to_numpy(),
        "alternatenames": places["alternatenames"].astype(str).to_numpy(), "curated": False})
    # a curated settlement keeps its own name and row, and gains the dump's spellings
    extra = table.set_index("id")["alternatenames"]
    known = curated["id"].isin(extra.index)
    curated.loc[known, "alternatenames"] = (curated.loc[known, "alternatenames"] + "," +
                                            curated.loc[known, "id"].map(extra))
    return pd.concat([curated, table[~table["id"].isin(curated["id"])]], ignore_index=True)


class PlaceIndex:
    """Every place's spellings with their keys, built once per data directory."""

    def __init__(self, settlements: pd.DataFrame, places: pd.DataFrame | None = None,
                 cache_dir: Path | None = None) -> None:
        """``cache_dir``: where the spellings' keys are kept between processes
        (:func:`geo.places.spellcache.cached_spellings`); None: built every time."""
        self.places = _places_frame(settlements, places).set_index("id", drop=False)
        gids = pd.to_numeric(settlements["geonames_id"], errors="coerce")
        self._gn = dict(zip("gn-" + gids.dropna().astype("int64").astype(str),
                            settlements.loc[gids.notna(), "id"].astype(str), strict=True))
        names = cached_spellings(self.places.reset_index(drop=True), cache_dir)
        order = self.places[["curated", "population"]]
        self.names = names.join(order, on="id").reset_index(drop=True)
        self._folds = self.names["fold"].drop_duplicates().tolist()
        self._spellings = SpellingIndex(self.names)
        self._ids = self.names["id"].to_numpy(dtype=object)
        self._text = self.names["text"].to_numpy(dtype=object)
        self._curated = self.names["curated"].to_numpy(dtype=bool)
        self._population = self.names["population"].to_numpy(dtype=np.int64)

    def find(self, query: str, limit: int = 10) -> pd.DataFrame:
        """Places matching ``query``, best first: id, name, oblast, population, lat, lon,
        curated, ``matched`` (the spelling that matched) and ``tier`` (index into TIERS)."""
        by_id = self._by_id(query)
        if by_id is not None:  # an id is found exactly, never read as a name
            return self.places.loc[by_id, ["id", "name", "oblast", "population", "lat", "lon",
                                           "curated"]].reset_index(drop=True).assign(
                matched=self.places.loc[by_id, "name"].to_numpy(), tier=0)
        key = fold(query)
        if not key:
            return self._empty()
        rows = list(self._spellings.tiers(key, latin(query), skeleton(query), limit))
        hit = np.concatenate(rows)
        if not len(hit):
            return self._empty()
        tier = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
        # best first: tier, then curated, then population; equals keep their row order
        order = np.lexsort((np.arange(len(hit)), -self._population[hit],
                            ~self._curated[hit], tier))
        ids = self._ids[hit[order]]
        _, first = np.unique(ids, return_index=True)
        keep = order[np.sort(first)][:limit]
        return self._rows(self._ids[hit[keep]], self._text[hit[keep]], tier[keep])

    def find_by_masks(self, query: str, limit: int = 10) -> pd.DataFrame:
        """:meth:`find` for a name, by masks over every spelling (the straightforward search
        it replaced): the reference that tests and ``bench.place_search`` compare it with."""
        key, lat, skel = fold(query), latin(query), skeleton(query)
        names = self.names
        tiers = [(names["fold"] == key) | (names["latin"] == lat),
                 (names["skeleton"] == skel) & (skel != ""),
                 names["fold"].str.startswith(key) | names["latin"].str.startswith(lat),
                 names["fold"].str.contains(key, regex=False)]
        hits = [names.loc[m, ["id", "text", "curated", "population"]].assign(tier=t)
                for t, m in enumerate(tiers) if key and m.any()]
        if not hits:
            return self._empty()
        found = (pd.concat(hits)
                 .sort_values(["tier", "curated", "population"], ascending=[True, False, False],
                              kind="stable").drop_duplicates("id").head(limit))
        return self._rows(found["id"], found["text"], found["tier"])

    def _rows(self, ids: Any, matched: Any, tier: Any) -> pd.DataFrame:
        out = self.places.loc[list(ids), ["id", "name", "oblast", "population", "lat", "lon",
                                    "curated"]].reset_index(drop=True)
        return out.assign(matched=np.asarray(matched), tier=np.asarray(tier))

    def _by_id(self, query: str) -> list[str] | None:
        """``[id]`` when ``query`` is a ``gn-`` id (a curated place's: its curated row),
        ``[]`` for one no place has, None for anything else (a name: "pokrovsk" lists
        every Pokrovsk)."""
        text = query.strip()
        if not is_gn_id(text):
            return None
        found = self._gn.get(text, text)
        return [found] if found in self.places.index else []

    def nearest(self, query: str, limit: int = 5) -> list[dict[str, Any]]:
        """The closest spellings (rapidfuzz), one per place, for a query nothing matches:
        none for a ``gn-`` id or when no spelling scores :data:`NEAREST_CUTOFF`."""
        if is_gn_id(query):
            return []
        hits = process.extract(fold(query), self._folds, scorer=fuzz.ratio,
                               score_cutoff=NEAREST_CUTOFF, limit=limit * 3)
        if not hits:
            return []
        scores = pd.DataFrame(hits, columns=["fold", "score", "pos"])
        rows = (self.names.merge(scores, on="fold")
                .sort_values(["score", "curated", "population"], ascending=False,
                             kind="stable").drop_duplicates("id").head(limit))
        return [{"id": str(i), "name": str(self.places.at[i, "name"]),
                 "oblast": str(self.places.at[i, "oblast"]), "matched": str(text),
                 "score": round(float(score), 1)}
                for i, text, score in zip(rows["id"], rows["text"], rows["score"], strict=True)]

    def _empty(self) -> pd.DataFrame:
        return pd.DataFrame(columns=["id", "name", "oblast", "population", "lat", "lon",
                                     "curated", "matched", "tier"])
