"""Places named in a publisher's text, resolved with what the text says about them.

On top of :class:`geo.places.resolution.Resolver`:

* Russian exonyms of the towns the Russian side names by their Soviet or Russian names
  (Krasnoarmeysk = Pokrovsk, Dimitrov = Myrnohrad, Dzerzhinsk = Toretsk, Artyomovsk =
  Bakhmut, Ugledar = Vuhledar, Seversk = Siversk, Grishino = Hryshyne, Konstantinovka =
  Kostiantynivka, Kupyansk = Kupiansk, Gulyaipole = Huliaipole), each bound to its oblast
  so that a namesake elsewhere never wins;
* every dictionary form of an inflected name (pymorphy3), so «біля Мирнограда» and «над
  Красноармейском» resolve;
* the oblast a region phrase names, which also admits spelling variants (same consonant
  skeleton) inside that oblast (Dachnoye → Dachne of Dnipropetrovsk oblast);
* the points of other places of the same text or direction: among namesakes, the one
  nearest them (within :data:`NEAR_KM`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from geo.ingest.nearest import haversine_km, name_forms
from geo.places.fold import fold, latin, skeleton
from geo.places.resolution import Resolution, Resolver

#: Russian (and Soviet) names → (the place's name in the places table, its oblast).
EXONYMS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(["krasnoarmeysk", "krasnoarmeisk", "красноармейск"], ("Pokrovsk", "Donetsk")),
    **dict.fromkeys(["dimitrov", "dymytrov", "димитров"], ("Myrnohrad", "Donetsk")),
    **dict.fromkeys(["dzerzhinsk", "dzerzhynsk", "дзержинск"], ("Toretsk", "Donetsk")),
    **dict.fromkeys(["artyomovsk", "artemovsk", "артемовск", "артёмовск"],
                    ("Bakhmut", "Donetsk")),
    **dict.fromkeys(["ugledar", "угледар"], ("Vuhledar", "Donetsk")),
    **dict.fromkeys(["seversk", "северск"], ("Siversk", "Donetsk")),
    # Hryshyne, the village, not Pokrovsk (whose old name it was)
    **dict.fromkeys(["grishino", "гришино", "hryshyne", "гришине"], ("Hryshyne", "Donetsk")),
    **dict.fromkeys(["konstantinovka", "константиновка"], ("Kostiantynivka", "Donetsk")),
    **dict.fromkeys(["kupyansk", "купянск"], ("Kupiansk", "Kharkiv")),
    **dict.fromkeys(["gulyaipole", "gulyaypole", "гуляйполе"], ("Huliaipole", "Zaporizhzhia")),
}
#: Farthest a namesake may lie from the text's other places to be chosen by them, km.
NEAR_KM = 60.0
#: km of distance a tenfold population is worth when choosing among namesakes near the text.
SIZE_KM = 6.0


def _same_oblast(a: object, b: object) -> bool:
    return bool(a) and bool(b) and skeleton(str(a))[:4] == skeleton(str(b))[:4]


def _keys(by_id: pd.Series, places: pd.DataFrame, keyfn: Callable[[str], str]
          ) -> np.ndarray:
    """``by_id`` for each place of ``places``, computed by ``keyfn`` where it has none."""
    keys = by_id.reindex(places.index).astype(object).to_numpy()
    missing = pd.isna(keys)
    if missing.any():
        keys[missing] = [keyfn(str(n)) for n in places["name"].to_numpy()[missing]]
    return keys


def _grouped(pairs: pd.DataFrame) -> dict[str, list[int]]:
    """``key`` → its ``row`` values in their order (numpy: one stable sort and a split)."""
    codes, keys = pd.factorize(pairs["key"].to_numpy(dtype=object), sort=False)
    order = np.argsort(codes, kind="stable")
    values = pairs["row"].to_numpy()[order].tolist()
    bounds = [0, *(np.flatnonzero(np.diff(codes[order])) + 1).tolist(), len(values)]
    return dict(zip(keys.tolist(), (values[a:b] for a, b in itertools.pairwise(bounds)),
                    strict=True))


class PlaceNames:
    """Resolution of names found in a publisher's text, over the resolver's places and
    spellings held as arrays (one lookup is a few dictionary hits and numpy operations)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        places = resolver.places[~resolver.places.index.duplicated()]
        self.ids = places.index.astype(str).to_numpy()
        self.names = places["name"].astype(str).to_numpy()
        # each place's keys are its primary spelling's, already folded by the resolver
        names = resolver.names
        primary = names[names["primary"].astype(bool)].drop_duplicates("id").set_index("id")
        self.folded = _keys(primary["fold"], places, fold)
        self.latins = _keys(primary["latin"], places, latin)
        self.oblasts = places["oblast"].astype(str).to_numpy()
        short = {o: skeleton(o)[:4] for o in set(self.oblasts.tolist())}
        self.oblast_keys = np.array([short[o] for o in self.oblasts], dtype=object)
        self.lats = places["lat"].astype(float).to_numpy()
        self.lons = places["lon"].astype(float).to_numpy()
        self.pops = pd.to_numeric(places["population"], errors="coerce").fillna(0).to_numpy()
        self.gids = places["geonames_id"].astype("Int64").to_numpy()
        self.curated = places["curated"].astype(bool).to_numpy()
        rows = pd.Index(self.ids).get_indexer(names["id"].astype(str).to_numpy())
        self._rows: dict[str, dict[str, list[int]]] = {}
        for column in ("fold", "latin", "skeleton"):  # key → rows, in the names' order
            pairs = pd.DataFrame({"key": names[column].astype(str).to_numpy(), "row": rows})
            self._rows[column] = _grouped(pairs[pairs["row"] >= 0].drop_duplicates())
        self._cache: dict[tuple[object, ...], Resolution | None] = {}

    def _resolution(self, i: int, query: str, confidence: float, reason: str,
                    candidates: list[int] | None = None) -> Resolution:
        gid = self.gids[i]
        return Resolution(
            query=query, id=str(self.ids[i]), name=str(self.names[i]),
            oblast=str(self.oblasts[i]), lat=float(self.lats[i]), lon=float(self.lons[i]),
            geonames_id=None if pd.isna(gid) else int(gid), confidence=confidence,
            reason=reason, curated=bool(self.curated[i]), population=int(self.pops[i]),
            candidates=[{"id": str(self.ids[c]), "name": str(self.names[c]),
                         "oblast": str(self.oblasts[c]), "population": int(self.pops[c]),
                         "lat": float(self.lats[c]), "lon": float(self.lons[c])}
                        for c in (candidates or [])[:10]],
            namesakes=len(candidates) if candidates and len(candidates) > 1 else 0)

    def _exonym(self, name: str, forms: list[str], oblast: str | None) -> Resolution | None:
        """The place an exonym names: the largest place of that primary name in its oblast."""
        for form in forms:
            target = EXONYMS.get(fold(form))
            if target is None or (oblast is not None and not _same_oblast(oblast, target[1])):
                continue
            rows = np.flatnonzero((self.folded == fold(target[0]))
                                  & (self.oblast_keys == skeleton(target[1])[:4]))
            if rows.size:
                best = int(rows[np.argmax(self.pops[rows])])
                return self._resolution(best, name, 0.95,
                                        f"Russian or former name of {target[0]}")
        return None

    def resolve(self, name: str, oblast: str | None = None,
                near: list[tuple[float, float]] | None = None) -> Resolution | None:
        """The place ``name`` names, or None (``near``: points of the other places the text
        names; the namesake or spelling variant nearest any of them wins). Cached: a front's
        names recur in every day's documents."""
        key = (name, oblast, tuple(near or ()))
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._resolve(name, oblast, near)
        return self._cache[key]

    def _lookup(self, forms: list[str], column: str, keyfn: object) -> list[int]:
        index = self._rows[column]
        return list(dict.fromkeys(r for f in forms for r in index.get(keyfn(f), [])))  # type: ignore[operator]

    def _resolve(self, name: str, oblast: str | None,
                 near: list[tuple[float, float]] | None) -> Resolution | None:
        forms = name_forms(name)
        exonym = self._exonym(name, forms, oblast)
        if exonym is not None:
            return exonym
        exact = self._lookup(forms, "fold", fold) or self._lookup(forms, "latin", latin)
        variants = self._lookup(forms, "skeleton", skeleton)
        rows = list(dict.fromkeys(exact + variants)) if (oblast or near) else (
            exact or variants)
        if not rows:
            return next((r for r in (self.resolver.resolve(f, oblast=oblast) for f in forms)
                         if r is not None), None)  # fuzzy, the resolver's own rule
        cand = np.array(rows)
        called = np.isin(self.folded[cand], [fold(f) for f in forms])
        keys = [latin(f) for f in forms]
        renamed = np.array([max(fuzz.ratio(self.latins[c], k) for k in keys) < 50
                            for c in cand])
        if called.any() and renamed.any():
            # a place called so beats one that was once called so, under another name now
            # (Novoekonomichne the village, not Myrnohrad; Hryshyne, not Pokrovsk)
            cand = cand[~renamed]
        if oblast:
            inside = cand[self.oblast_keys[cand] == skeleton(oblast)[:4]]
            if inside.size:
                cand = inside
            elif not exact:
                return None  # only spelling variants, and none in the oblast named
        how = "exact name" if set(cand.tolist()) & set(exact) else "transliteration variant"
        if near:
            dist = np.min([haversine_km(a, b, self.lats[cand], self.lons[cand])
                           for a, b in near], axis=0)
            # nearer first, but a town is likelier named than a hamlet a little nearer
            rank = np.where(dist <= NEAR_KM, dist - SIZE_KM * np.log10(self.pops[cand] + 1),
                            np.inf)
            best = int(np.argmin(rank))
            if dist[best] <= NEAR_KM:
                conf = 0.97 if cand.size == 1 and how == "exact name" else 0.9
                return self._resolution(int(cand[best]), name, conf,
                                        f"{how}; {cand.size} candidate(s), the one "
                                        f"{dist[best]:.0f} km from another place the text "
                                        "names", cand[np.argsort(rank)].tolist())
        if cand.size == 1:
            return self._resolution(int(cand[0]), name, 0.97 if how == "exact name" else 0.85,
                                    how + (f", in {oblast}" if oblast else ""))
        others = cand.tolist()
        if oblast:
            return self._largest(cand, name, 0.95 if cand.size else 0.6,
                                 f"{how}; {cand.size} places of that name in {oblast}",
                                 others)
        curated = cand[self.curated[cand]]
        if curated.size == 1:
            return self._resolution(int(curated[0]), name, 0.8,
                                    f"{how}; {cand.size} places, the one already in the "
                                    "settlements list", others)
        return self._largest(cand, name, 0.75, f"{how}; {cand.size} places, the largest",
                             others)

    def _largest(self, cand: np.ndarray, name: str, confidence: float, reason: str,
                 others: list[int]) -> Resolution:
        pops = self.pops[cand]
        best = int(cand[int(np.argmax(pops))])
        if (pops == pops.max()).sum() > 1:
            confidence, reason = 0.5, reason + " (none larger: a guess)"
        elif confidence == 0.95 and cand.size > 1:
            confidence = 0.75
        return self._resolution(best, name, confidence, reason, others)
