"""The DeepState adapter: ``BASE/api/history/public`` lists the updates; for each new one
in range, its change note gives DeepState claims per linked settlement, its area figures
(``/areas``) DeepState's territory figures, and the last update of each day its map
(``/geojson``), stored as that day's snapshot through the map import path.

Which claims are accepted without review: a linked place whose name matches a populated
place within :data:`~geo.ingest.nearest.RADIUS_KM` of the link's point, exactly (confidence
1.0) or by a close spelling (0.9), under an "occupied" or "liberated" template (or a
correction of one). The link's coordinates identify the place and the template fixes the
status: nothing is left to judgement. At or above the context's ``auto_accept`` (default
0.9) they are accepted; below it, queued for review. "Advanced near" places are fighting
reported near them, not a change of hands: they are queued as ``fighting`` drafts
(contested at most), never accepted automatically. A linked name that matches no place
near its point is reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Iterator
from typing import Any

from geo.errors import InputError
from geo.ingest.deepstate_areas import GREY, parse_areas
from geo.ingest.deepstate_notes import NoteLink, parse_note
from geo.ingest.documents import Attachment
from geo.ingest.model import Adapter, Fetched, IngestContext, Parsed
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import snapshot_figures
from geo.maps.store import save_snapshot
from geo.vocab import UKRAINE_AREA_KM2

DEFAULT_BASE = "https://deepstatemap.live"
PUBLISHER = "DeepState"
CLAIMANT = "deepstate"
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")

_SUMMARY = {
    "russian": "DeepState's map update marks {name} as occupied by Russian forces.",
    "ukrainian": "DeepState's map update marks {name} as liberated by Ukrainian forces.",
    "contested": "DeepState's map update reports an advance near {name}; it does not mark "
                 "the place itself as taken.",
    "retracted_occupied": "DeepState corrects an earlier update: {name} was marked as "
                          "occupied by mistake and is held by Ukraine.",
    "retracted_liberated": "DeepState corrects an earlier update: {name} was marked as "
                           "liberated by mistake and is held by Russia.",
}


def update_time(item: dict[str, Any]) -> dt.datetime | None:
    """An update's time: ``createdAt`` (ISO 8601), else its ``id`` (unix seconds)."""
    created = item.get("createdAt") or item.get("datetime")
    if isinstance(created, str):
        try:
            when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
            return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    uid = item.get("id")
    if isinstance(uid, int) and not isinstance(uid, bool) and 1_000_000_000 < uid < 4e9:
        return dt.datetime.fromtimestamp(uid, dt.UTC)
    return None


def _base(target: Any) -> str:
    return str(target or DEFAULT_BASE).rstrip("/")


def list_updates(ctx: IngestContext, target: Any) -> Iterator[Fetched]:
    """The updates in range, oldest first; a malformed item is yielded as an error."""
    base = _base(target)
    url = f"{base}/api/history/public"
    listing = ctx.fetcher.get(url, accept="application/json")
    try:
        items = json.loads(listing.body)
    except (ValueError, RecursionError):
        raise InputError(f"{url}: not valid JSON. Fix: check --api (it should be DeepState's "
                         "site, e.g. https://deepstatemap.live)") from None
    if not isinstance(items, list):
        raise InputError(f"{url}: expected a list of updates, got {type(items).__name__}. "
                         "Fix: check --api")
    good: list[tuple[dt.datetime, int, dict[str, Any]]] = []
    for i, item in enumerate(items):
        uid = item.get("id") if isinstance(item, dict) else None
        when = update_time(item) if isinstance(item, dict) else None
        if not isinstance(uid, int) or isinstance(uid, bool) or when is None:
            raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
            yield Fetched(key=f"deepstate:item:{i}:{uid!s:.20}", url=url,
                          published=dt.datetime.now(dt.UTC), raw=raw,
                          error=f"{url} item {i}: malformed update (no integer id or no "
                                "readable time); skipped")
            continue
        if ctx.in_range(when.astimezone(KYIV).date()):
            good.append((when, uid, item))
    good.sort(key=lambda t: (t[0], t[1]))
    last_of_day: dict[dt.date, int] = {}
    for when, uid, _ in good:
        last_of_day[when.astimezone(KYIV).date()] = uid
    for when, uid, item in good:
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
        day = when.astimezone(KYIV).date()
        yield Fetched(key=f"deepstate:update:{uid}", url=f"{url}#id={uid}", published=when,
                      raw=raw, fetched=listing.fetched_at.isoformat(timespec="seconds"),
                      meta={"item": item, "base": base, "day": day.isoformat(),
                            "store_map": last_of_day[day] == uid})


def _claim(ctx: IngestContext, link: NoteLink, day: str, source: str, base: str
           ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, str]:
    """(claim, new place record, report line) for one linked place."""
    where = f"{link.name!r} ({link.lat}, {link.lon})"
    if link.lat is None or link.lon is None:
        return None, None, f"{source}: link {link.name!r} has no #zoom/lat/lon; no claim"
    match = ctx.near.match(link.name, link.lat, link.lon)
    if match is None:
        near = ctx.near.nearest(link.lat, link.lon)
        hint = f"; nearest place: {near[0]} at {near[1]} km" if near else ""
        return None, None, (f"{source}: no place named {where} within "
                            f"{ctx.near.radius_km:g} km{hint}; not guessed")
    status = link.status or ""
    url = link.href if link.href.lower().startswith(("http://", "https://")) else (
        f"{base}/#{link.zoom:g}/{link.lat}/{link.lon}")
    claim = {
        "date": day, "settlement_id": match.id, "claimant": CLAIMANT, "status": status,
        "extent": "full", "part": "", "encircled": "",
        "summary": _SUMMARY[link.template if link.template in _SUMMARY else status].format(
            name=match.name),
        "source": source, "source_url": url, "source_date": day,
        "evidence": link.sentence, "span": [link.start, link.end], "cue": link.cue,
        "template": link.template, "name": match.name, "geonames_id": match.geonames_id,
        "confidence": match.confidence, "resolved": match.reason,
        "kind": "fighting" if link.template == "advanced" else "claim",
        "auto": link.template != "advanced" and match.confidence >= ctx.auto_accept,
    }
    place = None
    if match.id.startswith("gn-"):
        place = {"name": match.name, "oblast": match.oblast, "lat": match.lat,
                 "lon": match.lon, "population": match.population,
                 "geonames_id": match.geonames_id}
    return claim, place, ""


def _figures(ctx: IngestContext, fetched: Fetched, parsed: Parsed, source: str) -> None:
    base, uid, day = fetched.meta["base"], fetched.meta["item"]["id"], fetched.meta["day"]
    url = f"{base}/api/history/{uid}/areas"
    got = ctx.fetcher.get(url, accept="application/json")
    parsed.attachments.append(Attachment("areas", url, ctx.documents.keep_raw(got.body),
                                         got.fetched_at.isoformat(timespec="seconds")))
    areas = parse_areas(got.body, url)
    parsed.reported += areas.refused
    common = {"date": day, "claimant": CLAIMANT, "qualifier": "exactly",
              "denominator_km2": f"{UKRAINE_AREA_KM2:.0f}", "source": source,
              "source_url": f"{base}/", "refers_to": day}
    held = areas.russian_held
    if held is not None:
        parsed.figures.append({**common, "share_pct": round(held[1], 2),
                               "area_km2": round(held[0], 1),
                               "includes": "Crimea and areas held before 2022",
                               "summary": "DeepState's own figure for the update: ground held "
                                          "by Russia since and before 24 February 2022, grey "
                                          "zone excluded."})
    if GREY in areas.km2:
        parsed.figures.append({**common, "share_pct": round(areas.pct[GREY], 2),
                               "area_km2": round(areas.km2[GREY], 1), "includes": "grey zone only",
                               "summary": "DeepState's own figure for the update: the grey "
                                          "zone (status unknown) alone."})


def _map(ctx: IngestContext, fetched: Fetched, parsed: Parsed) -> None:
    base, uid = fetched.meta["base"], fetched.meta["item"]["id"]
    url = f"{base}/api/history/{uid}/geojson"
    got = ctx.fetcher.get(url, accept="application/json")
    parsed.attachments.append(Attachment("map", url, ctx.documents.keep_raw(got.body),
                                         got.fetched_at.isoformat(timespec="seconds")))
    day = dt.date.fromisoformat(fetched.meta["day"])
    snapshot = parse_snapshot(got.body, url, date=day, source=url, today=ctx.today)
    if ctx.maps_into is not None:  # a database: its own places table classifies the map
        ctx.maps_into(snapshot, snapshot_figures(snapshot))
    else:
        save_snapshot(snapshot, ctx.store, snapshot_figures(snapshot), places=ctx.places)
    parsed.maps_stored += 1


def note_claims(ctx: IngestContext, item: dict[str, Any], day: str, source: str, base: str,
                parsed: Parsed) -> None:
    """The claims (or queued drafts) and reports of one update's change note, into
    ``parsed``: the English note, else the Ukrainian one."""
    english = item.get("descriptionEn")
    note = english if isinstance(english, str) else ""
    links = parse_note(note) if note.strip() else []
    if not links and isinstance(item.get("description"), str):
        links = parse_note(item["description"])
    seen: set[tuple[str, str]] = set()
    for link in links:
        if link.status is None:
            parsed.reported.append(f"{source}: {link.name!r} is linked without a template "
                                   f"verb ({link.sentence[:80]!r}); no claim")
            continue
        claim, place, problem = _claim(ctx, link, day, source, base)
        if claim is None:
            parsed.reported.append(problem)
            continue
        if (claim["settlement_id"], claim["status"]) in seen:
            continue
        seen.add((claim["settlement_id"], claim["status"]))
        if place is not None:
            parsed.new_places[claim["settlement_id"]] = place
        if claim["auto"]:
            parsed.claims.append(claim)
        else:
            fighting = claim["kind"] == "fighting"
            parsed.queued.append({"claim": claim, "kind": claim["kind"],
                                  "confidence": 0.5 if fighting else claim["confidence"],
                                  "evidence": claim["evidence"], "span": claim["span"],
                                  "place": place or {"name": claim["name"]},
                                  "reason": "fighting reported near the place (an advance "
                                            "near it), not a change of hands" if fighting
                                  else f"place matched by {claim['resolved']}"})


def parse_update(ctx: IngestContext, fetched: Fetched) -> Parsed:
    """Claims, figures and (for the day's last update) the map of one update."""
    item, base, day = fetched.meta["item"], fetched.meta["base"], fetched.meta["day"]
    when = fetched.published.astimezone(KYIV)
    source = f"DeepState map update {when:%Y-%m-%d %H:%M} Kyiv time (id {item['id']})"
    parsed = Parsed()
    note_claims(ctx, item, day, source, base, parsed)
    _figures(ctx, fetched, parsed, source)
    if fetched.meta.get("store_map"):
        _map(ctx, fetched, parsed)
    return parsed


ADAPTER = Adapter(name="deepstate", publisher=PUBLISHER, claimant=CLAIMANT,
                  documents=list_updates, parse=parse_update)

__all__ = ["ADAPTER", "DEFAULT_BASE", "list_updates", "parse_update", "update_time"]
