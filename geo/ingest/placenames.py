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


class PlaceNames:
    """Resolution of names found in a publisher's text."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._folded = resolver.places["name"].astype(str).map(fold)
        self._folded = self._folded[~self._folded.index.duplicated()]
        names = resolver.names[["skeleton", "id"]].drop_duplicates()
        self._by_skeleton: dict[str, list[str]] = {}
        for key, pid in zip(names["skeleton"].to_numpy(), names["id"].to_numpy(), strict=True):
            self._by_skeleton.setdefault(str(key), []).append(str(pid))

    def _resolution(self, pid: str, query: str, confidence: float, reason: str) -> Resolution:
        p = self.resolver.places.loc[pid]
        gid = p["geonames_id"]
        pop = p["population"]
        return Resolution(query=query, id=pid, name=str(p["name"]), oblast=str(p["oblast"]),
                          lat=float(str(p["lat"])), lon=float(str(p["lon"])),
                          geonames_id=None if pd.isna(gid) else int(gid),
                          confidence=confidence, reason=reason, curated=bool(p["curated"]),
                          population=0 if pd.isna(pop) else int(pop))

    def _exonym(self, name: str, forms: list[str], oblast: str | None) -> Resolution | None:
        """The place an exonym names: the largest place of that primary name in its oblast."""
        for form in forms:
            target = EXONYMS.get(fold(form))
            if target is None or (oblast is not None and not _same_oblast(oblast, target[1])):
                continue
            places = self.resolver.places
            pool = places[self._folded == fold(target[0])]
            pool = pool[pool["oblast"].map(lambda o, t=target[1]: _same_oblast(o, t))]
            if len(pool):
                pops = pd.to_numeric(pool["population"], errors="coerce").fillna(0)
                return self._resolution(str(pops.idxmax()), name, 0.95,
                                        f"Russian or former name of {target[0]}")
        return None

    def resolve(self, name: str, oblast: str | None = None,
                near: list[tuple[float, float]] | None = None) -> Resolution | None:
        """The place ``name`` names, or None."""
        forms = name_forms(name)
        exonym = self._exonym(name, forms, oblast)
        if exonym is not None:
            return exonym
        found = [r for r in (self.resolver.resolve(f, oblast=oblast, fuzzy=False)
                             for f in forms) if r is not None]
        ids = list(dict.fromkeys(c["id"] for r in found for c in (r.candidates or [
            {"id": r.id}])))
        if oblast or near:
            for f in forms:
                ids += [i for i in self._by_skeleton.get(skeleton(f), []) if i not in ids]
        if not ids:
            return next((r for r in (self.resolver.resolve(f, oblast=oblast) for f in forms)
                         if r is not None), None)
        places = self.resolver.places.loc[ids]
        folded = self._folded.loc[places.index]
        called = folded.isin({fold(f) for f in forms})
        keys = [latin(f) for f in forms]
        renamed = folded.map(lambda n: max(fuzz.ratio(latin(n), k) for k in keys) < 50)
        if called.any() and renamed.any():
            # a place called so beats one that was once called so, under another name now
            # (Novoekonomichne the village, not Myrnohrad; Hryshyne, not Pokrovsk)
            places = places[~renamed.to_numpy()]
        if oblast:
            inside = places[places["oblast"].map(lambda o: _same_oblast(o, oblast))]
            if len(inside):
                places = inside
            elif not found:
                return None  # only spelling variants, and none in the oblast named
        if near:
            lats = places["lat"].astype(float).to_numpy()
            lons = places["lon"].astype(float).to_numpy()
            dist = np.min([haversine_km(a, b, lats, lons) for a, b in near], axis=0)
            pops = pd.to_numeric(places["population"], errors="coerce").fillna(0).to_numpy()
            # nearer first, but a town is likelier named than a hamlet a little nearer
            rank = np.where(dist <= NEAR_KM, dist - SIZE_KM * np.log10(pops + 1), np.inf)
            best = int(np.argmin(rank))
            if dist[best] <= NEAR_KM:
                pid = str(places.index[best])
                if found and found[0].id == pid and not found[0].candidates:
                    return found[0]
                return self._resolution(pid, name, 0.9,
                                        f"{len(places)} places of that name or spelling; "
                                        f"the one {dist[best]:.0f} km from another place "
                                        "the text names")
        if found and found[0].id in places.index:
            return found[0]
        if len(places) == 1:
            return self._resolution(str(places.index[0]), name, 0.85,
                                    f"a spelling variant, the one in {oblast}")
        sizes = pd.to_numeric(places["population"], errors="coerce").fillna(0)
        return self._resolution(str(sizes.idxmax()), name, 0.6 if sizes.max() > 0 else 0.5,
                                f"{len(places)} places of that name; the largest (a guess)")
