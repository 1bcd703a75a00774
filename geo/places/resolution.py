"""Resolve a place name as written (any spelling or script) to a settlement.

Order of rules (the first that matches wins): exact name; the same name ignoring case,
accents and apostrophes (alternate names included); the same transliteration
(Cyrillic ↔ Latin); a transliteration variant (consonant skeleton: Kupyansk/Kupiansk,
Mirnograd/Myrnohrad); fuzzy matching (rapidfuzz) as a last resort. Several places with
the matching name are told apart by the oblast named in the text, then by proximity to
the other places in the text, then by population. Every result has a confidence and
the reason, with the candidates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.places.fold import fold, latin, skeleton
from geo.places.gazetteer import spelling_index

RULES = (  # (key column, query key function, confidence, reason)
    ("text", str.strip, 1.0, "exact name"),
    ("fold", fold, 0.97, "same name (case, accents, apostrophes ignored)"),
    ("latin", latin, 0.93, "same transliteration"),
    ("skeleton", skeleton, 0.85, "transliteration variant"),
)
#: Fuzzy matching (``fuzz.ratio``, plain edit distance, on folded names) counts only at or
#: above this score. Measured by bench/fuzzy_threshold.py on the bundled table: at 88 no
#: word of its 79 non-places (ordinary and made-up words; best 86, "advance") gets through
#: and 19% of 3,000 real variants that no earlier rule finds are kept; WRatio, used before,
#: let 46% of the non-places through at 88 (Xyzzyville → Vil, 90).
FUZZY_CUTOFF = 88.0
_CODE_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5}


@dataclass(frozen=True)
class Resolution:
    """A resolved name. ``id`` is a settlements.csv id, or ``gn-<geonameid>`` for a place
    known only from the imported gazetteer."""

    query: str
    id: str
    name: str
    oblast: str
    lat: float
    lon: float
    geonames_id: int | None
    confidence: float
    reason: str
    candidates: list[dict[str, Any]] = field(default_factory=list)
    curated: bool = True
    population: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The ``resolve --format json`` record."""
        return {"query": self.query, "id": self.id, "name": self.name, "oblast": self.oblast,
                "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id,
                "confidence": round(self.confidence, 3), "reason": self.reason,
                "candidates": self.candidates}


def _group(names: pd.DataFrame, column: str) -> dict[str, list[str]]:
    """key → ids having it (deduplicated first, vectorized; one dict pass)."""
    pairs = names[[column, "id"]].drop_duplicates()
    out: dict[str, list[str]] = {}
    for key, place in zip(pairs[column].to_numpy(), pairs["id"].to_numpy(), strict=True):
        out.setdefault(key, []).append(place)
    return out


def _oblast_key(text: object) -> str:
    words = skeleton(str(text)).split()
    return words[0] if words else ""


class Resolver:
    """Name lookup over the curated settlements and, when imported, the GeoNames gazetteer."""

    def __init__(self, settlements: pd.DataFrame, gazetteer: tuple[pd.DataFrame, pd.DataFrame]
                 | None = None) -> None:
        curated = pd.DataFrame({
            "id": settlements["id"].astype(str).to_numpy(),
            "name": settlements["name"].to_numpy(),
            "oblast": settlements["oblast"].to_numpy(),
            "lat": settlements["lat"].astype(float).to_numpy(),
            "lon": settlements["lon"].astype(float).to_numpy(),
            "geonames_id": settlements["geonames_id"].astype("Int64").to_numpy(),
            "population": settlements["population"].astype("Int64").fillna(0).to_numpy(),
            "feature_code": "PPL",
            "curated": True,
        })
        alt = (settlements["name_uk"].fillna("") + "," +
               settlements["aliases"].fillna("").str.replace(";", ",")).to_numpy()
        curated_names = spelling_index(curated.assign(alternatenames=alt), id_column="id")
        places, names = [curated], [curated_names]
        if gazetteer is not None:
            gz_places, gz_names = gazetteer
            known = dict(zip(curated["geonames_id"].dropna().astype(int), curated["id"],
                             strict=False))
            ids = gz_places["geonameid"].map(lambda g: known.get(int(g), f"gn-{g}"))
            extra = gz_places.assign(id=ids, geonames_id=gz_places["geonameid"],
                                     curated=False)
            places.append(extra[~extra["id"].isin(curated["id"])][list(curated.columns)])
            gz_names = gz_names.assign(id=gz_names["geonameid"].map(
                dict(zip(gz_places["geonameid"], ids, strict=True))))
            names.append(gz_names[["id", "text", "primary", "fold", "latin", "skeleton"]])
        self.places = pd.concat(places, ignore_index=True).set_index("id", drop=False)
        self.names = pd.concat(names, ignore_index=True)
        self._lookup = {col: _group(self.names, col) for col, *_ in RULES}
        self._fuzzy_keys = list(self._lookup["fold"].keys())

    def resolve(self, query: str, oblast: str | None = None,
                near: list[tuple[float, float]] | None = None,
                fuzzy: bool = True) -> Resolution | None:
        """Resolve ``query``; ``None`` when nothing matches (see :meth:`nearest`).

        ``fuzzy=False`` stops before fuzzy matching (for scanning free text).
        """
        ids, confidence, reason = self._match(query, fuzzy)
        if len(ids) == 0:
            return None
        ids = list(ids)
        if oblast and len(ids) == 1 and (_oblast_key(self.places.loc[ids[0], "oblast"])
                                         != _oblast_key(oblast)):
            # the only match lies in another oblast than the text names: widen to every
            # place whose name is a transliteration variant, and let the oblast decide
            wider = self._lookup["skeleton"].get(skeleton(query), [])
            if any(_oblast_key(self.places.loc[i, "oblast"]) == _oblast_key(oblast)
                   for i in wider):
                ids = list(dict.fromkeys([*ids, *wider]))
        chosen, how, factor = self._disambiguate(ids, oblast, near or [])
        place = self.places.loc[chosen].to_dict()
        gid = place["geonames_id"]
        candidates = sorted((self._candidate(i) for i in ids),  # the larger first
                            key=lambda c: -(c["population"] or 0)) if len(ids) > 1 else []
        return Resolution(
            query=query, id=str(chosen), name=str(place["name"]), oblast=str(place["oblast"]),
            lat=float(place["lat"]), lon=float(place["lon"]),
            geonames_id=None if pd.isna(gid) else int(gid),
            confidence=confidence * factor,
            reason=reason if not how else f"{reason}; {len(ids)} places of that name, {how}",
            candidates=candidates, curated=bool(place["curated"]),
            population=int(place["population"]) if pd.notna(place["population"]) else 0,
        )

    def nearest(self, query: str, limit: int = 5) -> list[dict[str, Any]]:
        """The closest names by fuzzy score, for an unknown name."""
        hits = process.extract(fold(query), self._fuzzy_keys, scorer=fuzz.WRatio, limit=limit)
        out = []
        for key, score, _ in hits:
            for i in self._lookup["fold"][key][:1]:
                out.append({**self._candidate(i), "matched": key, "score": round(score, 1)})
        return out

    def _match(self, query: str, fuzzy: bool = True) -> tuple[list[str], float, str]:
        for col, keyfn, confidence, reason in RULES:
            key = keyfn(query)
            if key and key in self._lookup[col]:
                return self._lookup[col][key], confidence, reason
        key = fold(query)
        if not fuzzy or len(key) < 4:
            return [], 0.0, ""
        hit = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_CUTOFF)
        if hit is None:
            return [], 0.0, ""
        matched, score, _ = hit
        confidence = 0.5 + 0.3 * (score - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF)
        reason = f"fuzzy match of {matched!r} ({score:.0f})"
        return self._lookup["fold"][matched], confidence, reason

    def _disambiguate(self, ids: list[str], oblast: str | None,
                      near: list[tuple[float, float]]) -> tuple[str, str, float]:
        if len(ids) == 1:
            return ids[0], "", 1.0
        cands = self.places.loc[ids]
        if oblast:
            key = _oblast_key(oblast)
            same = cands[cands["oblast"].map(_oblast_key) == key]
            if len(same) == 1:
                return str(same.index[0]), f"the one in the oblast named ({oblast})", 0.95
            if len(same) > 1:
                cands = same
        if near:
            lat0 = float(np.mean([p[0] for p in near]))
            lon0 = float(np.mean([p[1] for p in near]))
            dist = pd.Series(np.hypot(cands["lat"] - lat0,
                                      (cands["lon"] - lon0) * math.cos(math.radians(lat0))),
                             index=cands.index)
            return str(dist.idxmin()), "the one closest to the other places in the text", 0.85
        curated = cands[cands["curated"].astype(bool)]
        if len(curated) == 1:  # a place the newsroom already tracks is the likelier reading
            return str(curated.index[0]), "the one already in the settlements list", 0.8
        rank = cands.assign(code=cands["feature_code"].map(_CODE_RANK).fillna(9),
                            cur=~cands["curated"].astype(bool))
        best = rank.sort_values(["population", "code", "cur"],
                                ascending=[False, True, True]).index[0]
        pops = pd.to_numeric(cands["population"], errors="coerce").fillna(0)
        if (pops == pops.max()).sum() > 1:  # no population tells them apart (often all 0)
            return (str(best), "none larger than the others by population; the first by "
                    "GeoNames rank (a guess: name the oblast)", 0.5)
        return str(best), "the one with the largest population", 0.75

    def _candidate(self, place_id: str) -> dict[str, Any]:
        p = self.places.loc[place_id].to_dict()
        return {"id": str(place_id), "name": str(p["name"]), "oblast": str(p["oblast"]),
                "population": int(p["population"]) if pd.notna(p["population"]) else None,
                "lat": float(p["lat"]), "lon": float(p["lon"])}
