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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.places.context import PlaceContext, choose, raion_key, toward_filter
from geo.places.fold import fold, latin, skeleton
from geo.places.gazetteer import spelling_index
from geo.places.placeid import exact_place, is_gn_id
from geo.places.variants import former_names, variant_near_text

__all__ = ["FUZZY_CUTOFF", "RULES", "PlaceContext", "Resolution", "Resolver"]

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
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
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
    namesakes: int = 0  #: how many places of the name were weighed (0: one); 12 are listed

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
            raions = (gz_places["raion"].fillna("").astype(str) if "raion" in gz_places
                      else pd.Series("", index=gz_places.index))
            extra = extra.assign(raion=raions.to_numpy())
            by_gid = dict(zip(gz_places["geonameid"].astype("int64"), raions, strict=True))
            curated = curated.assign(raion=[by_gid.get(int(g), "") if pd.notna(g) else ""
                                            for g in curated["geonames_id"]])
            places[0] = curated
            places.append(extra[~extra["id"].isin(curated["id"])][list(curated.columns)])
            gz_names = gz_names.assign(id=gz_names["geonameid"].map(
                dict(zip(gz_places["geonameid"], ids, strict=True))))
            names.append(gz_names[["id", "text", "primary", "fold", "latin", "skeleton"]])
        self.places = pd.concat(places, ignore_index=True).set_index("id", drop=False)
        if "raion" not in self.places:
            self.places["raion"] = ""
        keys = {r: raion_key(r) for r in self.places["raion"].fillna("").unique()}
        self.places["raion_key"] = self.places["raion"].fillna("").map(keys)
        self.names = pd.concat(names, ignore_index=True)
        self._lookup = {col: _group(self.names, col) for col, *_ in RULES}
        primary = self.names[self.names["primary"].astype(bool)]
        self._primary = {col: set(zip(primary[col], primary["id"], strict=True))
                         for col, *_ in RULES}
        self._fuzzy_keys = list(self._lookup["fold"].keys())

    def resolve(self, query: str, oblast: str | None = None,
                near: list[tuple[float, float]] | None = None,
                fuzzy: bool = True) -> Resolution | None:
        """Resolve ``query``; ``None`` when nothing matches (see :meth:`nearest`).

        ``fuzzy=False`` stops before fuzzy matching (for scanning free text).
        """
        if is_gn_id(query):  # an id is never read as a name (see geo.places.placeid)
            return self.by_id(query)
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
            candidates=candidates, curated=bool(place["curated"]), namesakes=len(candidates),
            population=int(place["population"]) if pd.notna(place["population"]) else 0)

    def by_id(self, query: str) -> Resolution | None:
        """The place ``query`` names by its id (a curated id, or ``gn-<geonameid>``: a
        curated place's is its curated row), else None."""
        found = exact_place(self.places, query)
        if found is None:
            return None
        place = self.places.loc[found].to_dict()
        gid = place["geonames_id"]
        return Resolution(
            query=query, id=found, name=str(place["name"]), oblast=str(place["oblast"]),
            lat=float(place["lat"]), lon=float(place["lon"]),
            geonames_id=None if pd.isna(gid) else int(gid), confidence=1.0, reason="place id",
            curated=bool(place["curated"]),
            population=int(place["population"]) if pd.notna(place["population"]) else 0)

    def lookup(self, forms: Sequence[str]) -> tuple[list[str], float, str, str]:
        """(ids, confidence, reason, form that matched) for the first rule that matches any
        of ``forms`` (a word as written, then its dictionary forms): a stricter rule on a
        later form beats a looser rule on an earlier one. No fuzzy matching; no consonant
        skeleton under four consonants, three in Cyrillic (Chief, Army and Town are no
        places; Удачное is Udachne). A curated
        settlement matching any form by name, case or transliteration joins the result
        (in Димитрове, the Myrnohrad of its old name, beside the village once called so)."""
        found: tuple[list[str], float, str, str] = ([], 0.0, "", "")
        tiers = (RULES[1:3], RULES[3:])  # same name or transliteration; then variants
        for tier in tiers:
            for i, form in enumerate(forms):
                ids: list[str] = []
                for col, keyfn, _c, _r in tier:
                    key = keyfn(form)
                    if col == "skeleton" and len(key.replace(" ", "")) < (
                            3 if _CYRILLIC.search(form) else 4):
                        continue
                    hits = self._lookup[col].get(key, []) if key else []
                    own = [p for p in hits if (key, p) in self._primary[col]
                           or skeleton(str(self.places.at[p, "name"])) == skeleton(form)]
                    # a place's own name (or a spelling of it) beats a former name
                    ids += own if 0 < len(own) < len(hits) else hits
                if ids:
                    exact = self._lookup["text"].get(form.strip(), [])
                    col, _k, confidence, reason = (RULES[0] if exact and tier is tiers[0]
                                                   else tier[0])
                    how = reason if i == 0 else f"{reason}, as the inflected form of {form!r}"
                    found = (list(dict.fromkeys(ids)),
                             confidence * (1.0 if i == 0 else 0.97), how, form)
                    break
            if found[0]:
                break
        if not found[0]:
            return found
        curated = {i for col, keyfn, *_ in RULES[:3] for form in forms
                   for i in self._lookup[col].get(keyfn(form), [])
                   if bool(self.places.at[i, "curated"])}
        return list(dict.fromkeys([*found[0], *sorted(curated)])), found[1], found[2], found[3]

    def _former(self, query: str, forms: Sequence[str]) -> list[str]:
        """Places whose former or other name (not their own) is spelled as ``forms``
        (:func:`geo.places.variants.former_names`)."""
        return former_names(self._lookup, self._primary, RULES[:3], [query, *forms])

    def resolve_in_context(self, query: str, forms: Sequence[str],
                           context: PlaceContext) -> Resolution | None:
        """Resolve a name found in free text, with what the text says about its place.

        Several places of the name are told apart by, in order: the oblast named with the
        mention, the oblasts named elsewhere in the text, the distance to the text's other
        places, the distance to the front (a village 5 km from the fighting is likelier
        than its namesake 600 km behind the lines), then population. The reason says which
        decided; ``candidates`` lists every place weighed, with its distances.
        """
        found, confidence, reason, _form = self.lookup([query, *forms])
        if not found:
            return None
        ids = list(dict.fromkeys(found))
        cands = self.places.loc[ids]
        steps = []
        if context.raion:  # «… Бериславського району»: the raion decides, by any spelling
            wider = [i for f in [query, *forms] for i in self._lookup["skeleton"].get(
                skeleton(f), []) if len(skeleton(f).replace(" ", "")) >= 3]
            pool = self.places.loc[list(dict.fromkeys([*ids, *wider]))]
            in_raion = pool[pool["raion_key"] == context.raion]
            if len(in_raion) and (len(ids) > 1 or ids[0] not in in_raion.index):
                steps.append(f"in the raion named with it ({in_raion.iloc[0]['raion']})")
                ids = list(dict.fromkeys([*ids, *in_raion.index]))
                cands = in_raion
                context = replace(context, toward=None)  # the raion says more than an axis
        if not steps and context.anchors:
            variant = variant_near_text(self.places, self._lookup["skeleton"], [query, *forms],
                                        ids, context)
            if variant is not None:
                steps.append(variant[1])
                ids = list(dict.fromkeys([*ids, variant[0]]))
                cands = self.places.loc[[variant[0]]]
                confidence, reason = RULES[3][2], RULES[3][3]
        if context.oblast and len(cands) > 1:
            same = cands[cands["oblast"].map(_oblast_key) == _oblast_key(context.oblast)]
            if len(same):
                steps.append(f"in the oblast named with it ({context.oblast})")
                cands = same
            else:
                steps.append(f"none in the oblast named ({context.oblast})")
                confidence *= 0.7
        elif context.oblast and _oblast_key(cands.iloc[0]["oblast"]) != _oblast_key(
                context.oblast):
            steps.append(f"though the text puts it in {context.oblast}")
            confidence *= 0.7
        if context.oblast and steps and steps[-1].startswith(("none in", "though")):
            # the oblast named has a place of a variant spelling: Svyrydonovka, Donetsk
            wider = [i for f in [query, *forms] for i in self._lookup["skeleton"].get(
                skeleton(f), []) if len(skeleton(f).replace(" ", "")) >= 3]
            inside = [i for i in dict.fromkeys(wider) if _oblast_key(
                self.places.at[i, "oblast"]) == _oblast_key(context.oblast)]
            if inside:
                ids = list(dict.fromkeys([*ids, *inside]))
                cands = self.places.loc[inside]
                confidence = RULES[3][2]
                reason = RULES[3][3]
                steps[-1] = (f"in the oblast named with it ({context.oblast}), by a "
                             "variant spelling")
        named_keys = {_oblast_key(o) for o in context.oblasts} if not context.oblast else set()
        cands, step = toward_filter(cands, context.toward)
        if step.startswith("none within"):  # the text's village may go by a new name now
            former = [i for i in self._former(query, forms) if i not in ids]
            kept, again = toward_filter(self.places.loc[former], context.toward)
            if former and again.startswith("near"):
                ids, cands = [*ids, *former], kept
                step = f"{again}, by a former name"
        if step:
            steps.append(step)
            named_keys = set()  # the town named with it says more than the text's oblasts
        pick = choose(cands, context, named_keys, skeleton)
        chosen, to_text, to_front = pick.row, pick.to_text, pick.to_front
        steps += pick.steps
        confidence *= pick.factor
        place = cands.iloc[chosen].to_dict()
        considered = []
        for k, i in enumerate(ids if len(ids) > 1 else []):
            c = self._candidate(i)
            row = list(cands.index).index(i) if i in cands.index else None
            if row is not None and to_text is not None:
                c["km_to_text"] = round(float(to_text[row]), 1)
            if row is not None and to_front is not None:
                c["km_to_front"] = round(float(to_front[row]), 1)
            c["kept"] = row is not None
            c["rank"] = k
            considered.append(c)
        considered.sort(key=lambda c: (c["id"] != str(cands.index[chosen]), not c["kept"],
                                       c.get("km_to_text", c.get("km_to_front", 1e9)),
                                       -(c["population"] or 0)))
        gid = place["geonames_id"]
        why = reason if not steps else f"{reason}; {len(ids)} places of that name: " + \
            "; ".join(steps)
        return Resolution(
            query=query, id=str(cands.index[chosen]), name=str(place["name"]),
            oblast=str(place["oblast"]), lat=float(place["lat"]), lon=float(place["lon"]),
            geonames_id=None if pd.isna(gid) else int(gid), confidence=confidence,
            reason=why, candidates=considered[:12], curated=bool(place["curated"]),
            population=int(place["population"]) if pd.notna(place["population"]) else 0,
            namesakes=len(considered))

    def nearest(self, query: str, limit: int = 5) -> list[dict[str, Any]]:
        """The closest names by fuzzy score, for an unknown name (none for a ``gn-`` id)."""
        if is_gn_id(query):
            return []
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
        raion = p.get("raion")
        return {"id": str(place_id), "name": str(p["name"]), "oblast": str(p["oblast"]),
                "raion": str(raion) if isinstance(raion, str) else "",
                "population": int(p["population"]) if pd.notna(p["population"]) else None,
                "lat": float(p["lat"]), "lon": float(p["lon"])}
