"""Claims from a text document of a named claimant: the claimant's own parser gives
statements, each place is resolved (with the oblast its region phrase names, then near the
places resolved for certain in the same text), and each statement becomes a claim or a
review draft (:func:`geo.ingest.records.add_statement`).

A claimant without a parser of its own goes through :mod:`geo.text`'s free-text extractor;
those drafts always wait for review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from geo.dataset.load import load_dataset
from geo.ingest.bulletins import parse_bulletin
from geo.ingest.model import IngestContext, Parsed
from geo.ingest.records import Statement, add_statement
from geo.places.resolution import Resolution, Resolver

#: Oblasts on or near the front: a report's direction is named after a town in one of them.
FRONT_OBLASTS = {"Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Dnipropetrovsk", "Kherson",
                 "Sumy", "Chernihiv", "Mykolaiv"}
_WHO = {"ru_mod": "The Russian Defence Ministry", "ru_genstaff": "Russia's General Staff",
        "ua_genstaff": "Ukraine's General Staff", "isw": "ISW", "deepstate": "DeepState",
        "ru_milblogger": "A Russian milblogger", "ua_military": "Ukraine's military"}


def summary(st: Statement, place: str) -> str:
    """A one-sentence summary in our words."""
    who = _WHO.get(st.claimant, st.claimant)
    if st.kind == "fighting":
        return f"{who} reports fighting near {place}; this is not a claim of who holds it."
    if st.encircled:
        return f"{who} says Ukrainian forces in {place} are encircled."
    if st.extent == "partial":
        side = "Russian" if st.status == "russian" else "Ukrainian"
        return f"{who} says {side} forces hold {st.part or 'part'} of {place}."
    return {"russian": f"{who} says Russian forces have taken {place}.",
            "ukrainian": f"{who} says {place} is held by Ukraine.",
            "contested": f"{who} says {place} is fought over."}[st.status]


def _bulletin(text: str, claimant: str) -> list[Statement]:
    return parse_bulletin(text, claimant)


def _parsers() -> dict[str, Callable[[str, str], list[Statement]]]:
    from geo.ingest.genstaff import parse_report
    from geo.ingest.isw import parse_assessment

    return {"ru_mod": _bulletin, "ru_genstaff": _bulletin, "ua_genstaff": parse_report,
            "isw": parse_assessment}


def _sure(r: Resolution | None) -> bool:
    """A resolution good enough to place the text's other names by."""
    return r is not None and r.confidence >= 0.85


def _town_points(resolver: Resolver, towns: list[str]) -> list[tuple[float, float]]:
    """Points of a report's direction towns (``a|b|c`` spellings each) that are real front
    towns, not namesakes elsewhere."""
    points = []
    for spellings in towns:
        town = next((r for r in (resolver.resolve(n, fuzzy=False) for n in spellings.split("|"))
                     if r is not None), None)
        if town is not None and (_sure(town) or (town.population >= 5000
                                                 and town.oblast in FRONT_OBLASTS)):
            points.append((town.lat, town.lon))
    return points


def statements_claims(ctx: IngestContext, statements: list[Statement], day: str, source: str,
                      url: str) -> Parsed:
    """Resolve every statement and turn it into a claim or a draft.

    Each name is resolved alone first (oblast, exonyms); then again among namesakes, near
    the direction's towns, else the other places its sentence names for certain, else any
    place the document names for certain.
    """
    parsed = Parsed()
    names, resolver = ctx.placenames, ctx.resolver
    first = [names.resolve(st.name, st.oblast) for st in statements]
    by_sentence: dict[str, list[tuple[float, float]]] = {}
    for st, r in zip(statements, first, strict=True):
        if r is not None and _sure(r):
            by_sentence.setdefault(st.evidence, []).append((r.lat, r.lon))
    everywhere = [p for points in by_sentence.values() for p in points]
    towns: dict[tuple[str, ...], list[tuple[float, float]]] = {}
    for st, res in zip(statements, first, strict=True):
        key = tuple(st.anchor_names)
        if key and key not in towns:
            towns[key] = _town_points(resolver, list(key))
        own = (res.lat, res.lon) if res is not None else None
        near = (towns.get(key) or [p for p in by_sentence.get(st.evidence, []) if p != own]
                or [p for p in everywhere if p != own])
        if near:
            res = names.resolve(st.name, st.oblast, near) or res
        add_statement(ctx, parsed, st, day, source, url,
                      summary(st, res.name if res else st.name), res)
    return parsed


def text_claims(ctx: IngestContext, text: str, claimant: str, day: str, source: str,
                url: str) -> Parsed:
    """Claims and drafts from ``text`` published by ``claimant`` on ``day``."""
    parser = _parsers().get(claimant)
    if parser is not None:
        return statements_claims(ctx, parser(text, claimant), day, source, url)
    return _free_text(ctx, text, claimant, day, source, url)


def _free_text(ctx: IngestContext, text: str, claimant: str, day: str, source: str,
               url: str) -> Parsed:
    from geo.text import Extractor

    parsed = Parsed()
    claimants = load_dataset(ctx.data_dir, today=ctx.today).claimants
    drafts = Extractor(ctx.resolver, claimants).extract(text, dt.date.fromisoformat(day),
                                                        default_claimant=claimant)
    for d in drafts:
        if d.kind != "settlement" or not d.settlement or not d.status:
            continue
        claim = {"date": day, "settlement_id": d.settlement, "claimant": d.claimant,
                 "status": d.status, "extent": d.extent or "full", "part": d.part,
                 "encircled": "" if d.encircled is None else str(d.encircled).lower(),
                 "summary": f"{_WHO.get(d.claimant, d.claimant)} makes a claim about "
                            f"{d.name}; a draft from free text, reviewed before use.",
                 "source": source, "source_url": url, "source_date": day,
                 "evidence": d.evidence, "name": d.name, "geonames_id": d.geonames_id,
                 "confidence": d.confidence, "kind": "claim", "auto": False}
        place = {"name": d.name, "oblast": d.oblast, "lat": d.lat, "lon": d.lon,
                 "population": d.population, "geonames_id": d.geonames_id}
        if d.settlement.startswith("gn-"):
            parsed.new_places[d.settlement] = place
        parsed.queued.append({"claim": claim, "kind": "claim", "confidence": d.confidence,
                              "evidence": d.evidence, "span": [d.start, d.end],
                              "place": place, "reason": "free-text extraction"})
    return parsed
