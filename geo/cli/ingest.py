"""Live-source commands: ``ingest <source>``, ``provenance CLAIM_ID``, ``review ...``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.cli.common import settings_of, storage_of, store_of
from geo.dataset.load import load_dataset
from geo.errors import InputError
from geo.ingest.documents import DocumentStore
from geo.ingest.model import AUTO_ACCEPT, IngestContext, RunReport, default_fetcher
from geo.ingest.queue import Correction, ReviewQueue
from geo.ingest.registry import adapter
from geo.ingest.reports import ReportTarget
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import MAX_PAGES, TelegramTarget
from geo.ingest.watch import Source, Watcher, load_config
from geo.places.table import bundled_places
from geo.store import FileStorage, Storage, database_option, open_storage
from geo.vocab import STATUSES


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r}: use YYYY-MM-DD") from None


def _common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--data", type=Path, default=None,
                   help="data directory (default: $FRONTLINE_DATA_DIR or data/)")
    p.add_argument("--store", type=Path, default=None,
                   help="store for documents, maps and the queue (default: $FRONTLINE_STORE "
                        "or data/local/)")
    return p


def _writer(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``--db URL`` and ``--as NAME`` on a command that takes claims in."""
    p.add_argument("--db", default=None, metavar="URL",
                   help="take the accepted claims into the PostgreSQL database (one audited "
                        "transaction per batch) instead of the data directory's files; the "
                        "documents and the review queue stay in --store (default: "
                        "$FRONTLINE_DB; unset: the files)")
    p.add_argument("--as", dest="who", default=None, metavar="NAME",
                   help="who writes, recorded in the database's audit log (default: $USER)")
    return p


def add_ingest_parsers(sub: Any) -> None:
    """Add ``ingest``, ``provenance`` and ``review`` to the ``python -m geo`` subparsers."""
    ing = sub.add_parser("ingest", help="take in a live source's new documents")
    ing_sub = ing.add_subparsers(dest="source", required=True, parser_class=type(ing))
    ds = _common(ing_sub.add_parser("deepstate", help="DeepState's map updates"))
    ds.add_argument("--api", default=None, metavar="BASE",
                    help="site whose /api/history/... is read (default "
                         "https://deepstatemap.live)")
    ds.add_argument("--since", type=_date, help="first update date (Kyiv time), YYYY-MM-DD")
    ds.add_argument("--until", type=_date, help="last update date (Kyiv time), YYYY-MM-DD")
    ds.add_argument("--timeout", type=float, default=30.0,
                    help="overall deadline per request, seconds")
    ds.add_argument("--auto-accept", type=float, default=AUTO_ACCEPT,
                    help="confidence at or above which a claim is accepted without review "
                         f"(default {AUTO_ACCEPT})")
    tg = _common(ing_sub.add_parser("telegram", help="a Telegram channel's posts"))
    tg.add_argument("target", metavar="FILE|URL",
                    help="a Telegram Desktop result.json or https://t.me/s/<channel>")
    tg.add_argument("--claimant", required=True, metavar="ID",
                    help="who speaks in the channel (ru_mod, deepstate, ua_genstaff, ...)")
    tg.add_argument("--channel", help="channel name for permalinks of an export "
                                      "(default by claimant, e.g. mod_russia_en)")
    tg.add_argument("--since", type=_date, help="first post date, YYYY-MM-DD (a t.me/s/ "
                                                "page is followed back to it)")
    tg.add_argument("--pages", type=int, default=MAX_PAGES,
                    help=f"t.me/s/ pages read at most with --since (default {MAX_PAGES})")
    gs = _common(ing_sub.add_parser("genstaff", help="a General Staff report (text or HTML)"))
    isw = _common(ing_sub.add_parser("isw", help="an ISW assessment (text or HTML)"))
    for p in (gs, isw):
        p.add_argument("target", metavar="FILE|URL")
        p.add_argument("--date", type=_date, help="the report's date (default: its heading's)")
    vi = _common(ing_sub.add_parser("viina", help="VIINA's per-place control table"))
    vi.add_argument("target", metavar="FILE.zip|FILE.csv")
    vi.add_argument("--since", type=_date, help="only changes from this date on")
    for p in (ds, tg, gs, isw, vi):
        _writer(p)
    for p in (tg, gs, isw, vi):
        p.add_argument("--timeout", type=float, default=30.0,
                       help="overall deadline per request, seconds")
        p.add_argument("--auto-accept", type=float, default=AUTO_ACCEPT,
                       help=f"confidence for accepting without review (default {AUTO_ACCEPT})")
    watch = _writer(_common(sub.add_parser("watch",
                                           help="run the configured sources on a schedule")))
    watch.add_argument("--config", type=Path, default=Path("sources.toml"),
                       help="sources and intervals (default: sources.toml)")
    watch.add_argument("--runs", type=int, default=None,
                       help="stop after this many runs (default: run until stopped)")
    prov = _common(sub.add_parser("provenance", help="the source document of a claim"))
    prov.add_argument("claim_id")
    prov.add_argument("--format", choices=("text", "json"), default="text")
    prov.add_argument("--raw", action="store_true", help="print the raw document too")
    prov.add_argument("--db", default=None, metavar="URL",
                      help="find the claim in the PostgreSQL database (default: "
                           "$FRONTLINE_DB; unset: the data directory's files); the document "
                           "is in --store either way")
    rev = sub.add_parser("review", help="the shared review queue")
    rev_sub = rev.add_subparsers(dest="review_command", required=True,
                                 parser_class=type(rev))
    lst = _common(rev_sub.add_parser("list", help="drafts waiting for review"))
    lst.add_argument("--state", choices=("pending", "accepted", "rejected", "all"),
                     default="pending")
    show = _common(rev_sub.add_parser("show", help="one draft in full"))
    show.add_argument("id")
    for name, what in (("accept", "accept drafts into the data"),
                       ("reject", "reject drafts")):
        p = _common(rev_sub.add_parser(name, help=what))
        p.add_argument("ids", nargs="+", metavar="ID")
        p.add_argument("--as", dest="who", default=None, metavar="NAME",
                       help="who decides, recorded with the decision (default: $USER)")
    rev_sub.choices["accept"].add_argument(
        "--db", default=None, metavar="URL",
        help="accept into the PostgreSQL database (one audited transaction, the reviewer "
             "recorded as its writer) instead of the data directory's files "
             "(default: $FRONTLINE_DB; unset: the files)")
    acc = rev_sub.choices["accept"]
    acc.add_argument("--place", metavar="ID", help="correct the place: a settlement or gn- "
                                                   "id among the draft's alternatives")
    acc.add_argument("--status", choices=STATUSES, help="correct the status")
    acc.add_argument("--date", type=_date, help="correct the date, YYYY-MM-DD")


def _storage(args: argparse.Namespace) -> Storage | None:
    """The database of ``--db URL`` (or ``$FRONTLINE_DB``), its writes audited under
    ``--as NAME`` (default: the OS user), or None for the data directory's files. Made once
    per run; :func:`settings_of` then reads the database's mirror as the data directory."""
    if getattr(args, "storage", None) is not None:
        return None if isinstance(args.storage, FileStorage) else args.storage
    db = args.db or database_option([])
    if not db:
        return None
    args.storage = open_storage(args.settings, db, actor=_writer_name(args))
    return args.storage


def _writer_name(args: argparse.Namespace) -> str:
    """``--as NAME``, else the OS user (a numeric user with no login name: ``uid-N``)."""
    from geo.db.connect import actor_name  # (psycopg: only on a database)

    return actor_name(args.who)


def _context(args: argparse.Namespace) -> IngestContext:
    storage = _storage(args)
    settings = settings_of(args)  # on a database: its current version's read-only mirror
    store = store_of(args)
    return IngestContext(
        data_dir=settings.data_dir, store=store,
        fetcher=default_fetcher(store, getattr(args, "timeout", 30.0)),
        places=bundled_places(settings.data_dir),
        since=getattr(args, "since", None), until=getattr(args, "until", None),
        auto_accept=getattr(args, "auto_accept", AUTO_ACCEPT),
        into=storage.accept if storage is not None else None,
        maps_into=_maps_into(args) if storage is not None else None)


def _maps_into(args: argparse.Namespace) -> Callable[..., object]:
    """A run on a database: its maps go into the database too (audited as ``--as``)."""
    from geo.db.maps import map_writer

    url = args.db or database_option([])
    assert url, "only called with a database"
    return map_writer(url, _writer_name(args))


def _target(args: argparse.Namespace) -> object:
    if args.source == "telegram":
        known = set(load_dataset(settings_of(args).data_dir).claimants["id"])
        if args.claimant not in known:
            raise InputError(f"unknown claimant {args.claimant!r}; known: "
                             f"{', '.join(sorted(known))}")
        if args.pages < 1:
            raise InputError(f"--pages {args.pages}: read at least one page. Fix: --pages 1 "
                             "or more")
        return TelegramTarget(args.target, args.claimant, args.channel, args.pages)
    if args.source in ("genstaff", "isw"):
        return ReportTarget(args.target, args.date)
    if args.source == "viina":
        return args.target
    return args.api


def cmd_ingest(args: argparse.Namespace) -> int:
    source = adapter(args.source)
    ctx = _context(args)
    report = run_adapter(source, ctx, _target(args))
    print("\n".join(report.lines()))
    if ctx.into is not None:
        print(_where(args, report))
    return 1 if report.errors else 0


def _where(args: argparse.Namespace, report: RunReport) -> str:
    """Where a run on a database wrote what (the maps and documents stay in the store)."""
    maps = f", {report.maps_stored} map(s)" if report.maps_stored else ""
    return (f"claims and figures{maps} written to {storage_of(args).label} as "
            f"{_writer_name(args)}; documents and drafts in the store")


def provenance(data_dir: Path, store: Path, claim_id: str) -> dict[str, Any]:
    """The claim ``claim_id`` with its source document's provenance."""
    ds = load_dataset(data_dir)
    rows = ds.claims[ds.claims["id"] == claim_id]
    if rows.empty:
        raise InputError(f"no claim {claim_id!r} in {data_dir / 'claims.csv'}. Fix: copy "
                         "an id from the claims table or `python -m geo status --format json`")
    row = rows.iloc[0]
    sid, day = str(row["settlement_id"]), row["date"].date().isoformat()
    gid = None
    settlement = ds.settlements[ds.settlements["id"] == sid]
    if not settlement.empty and str(settlement.iloc[0]["geonames_id"]) not in ("", "<NA>",
                                                                              "nan"):
        gid = int(settlement.iloc[0]["geonames_id"])
    found = DocumentStore(store).find_claim(sid, str(row["claimant"]), day,
                                            str(row["status"]), gid)
    out: dict[str, Any] = {"claim": claim_id, "settlement_id": sid,
                           "claimant": str(row["claimant"]), "date": day,
                           "status": str(row["status"]), "source": str(row["source"]),
                           "source_url": str(row["source_url"] or "")}
    if found is None:
        out["document"] = None
        return out
    doc, claim = found
    out["document"] = {
        "key": doc.key, "publisher": doc.publisher, "url": doc.url,
        "published": doc.published, "fetched": doc.fetched, "sha256": doc.sha256,
        "raw": str(DocumentStore(store).raw_path(doc.sha256)),
        "attachments": [a.__dict__ for a in doc.attachments]}
    out["evidence"] = claim.get("evidence", "")
    out["auto_accepted"] = bool(claim.get("auto"))
    out["resolved"] = claim.get("resolved", "")
    out["reviewed_by"] = claim.get("reviewed_by", "")
    out["corrections"] = claim.get("corrections", [])
    return out


def cmd_provenance(args: argparse.Namespace) -> int:
    info = provenance(settings_of(args).data_dir, store_of(args), args.claim_id)
    doc = info["document"]
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=1))
    else:
        print(f"claim {info['claim']}: {info['claimant']} says {info['settlement_id']} is "
              f"{info['status']} on {info['date']} ({info['source']})")
        if doc is None:
            print("no source document in the store: this claim was entered by hand or "
                  "before live sources (see its source and source_url)")
        else:
            print(f"document {doc['key']} by {doc['publisher']}, published "
                  f"{doc['published']}, fetched {doc['fetched']}\n  url: {doc['url']}\n"
                  f"  sha256: {doc['sha256']}\n  raw: {doc['raw']}")
            for a in doc["attachments"]:
                print(f"  {a['what']}: {a['url']} (sha256 {a['sha256'][:16]}…)")
            print(f"evidence: {info['evidence']}")
            who = f" by {info['reviewed_by']}" if info["reviewed_by"] else ""
            print(f"{'accepted automatically' if info['auto_accepted'] else 'reviewed' + who}"
                  f"; place: {info['resolved']}")
            for c in info["corrections"]:
                print(f"  corrected {c['field']}: {c['from']} -> {c['to']}")
    if args.raw and doc is not None:
        print(DocumentStore(store_of(args)).raw(doc["sha256"]).decode("utf-8", "replace"))
    return 0 if doc is not None else 1


def cmd_review(args: argparse.Namespace) -> int:
    # the run's own settings, not settings_of's: with --db that would dump the database
    # into a read-only mirror first, which a review (the queue, one accept) never reads
    queue = ReviewQueue(args.settings.store_dir)
    if args.review_command == "list":
        drafts = queue.all(None if args.state == "all" else args.state)
        for d in drafts:
            place = d.place.get("name") or d.claim.get("settlement_id")
            oblast = f", {d.place['oblast']}" if d.place.get("oblast") else ""
            print(f"{d.id}  {d.state:8}  {d.source:9}  {d.claim.get('date')}  {d.kind:8}  "
                  f"{d.claim.get('claimant')}: {place}{oblast} {d.claim.get('status')} "
                  f"({d.confidence:.2f})")
        print(f"{len(drafts)} draft(s)")
        return 0
    if args.review_command == "show":
        print(json.dumps(queue.get(args.id).__dict__, ensure_ascii=False, indent=1))
        return 0
    who = args.who or getpass.getuser()
    if args.review_command == "accept":
        fix = Correction(args.place, args.status, args.date and args.date.isoformat())
        if fix != Correction() and len(args.ids) != 1:
            raise InputError("--place, --status and --date correct one draft. Fix: accept "
                             "that draft alone")
        db = args.db or database_option([])
        # the database's accept validates on a copy of its own data first, with the file
        # store's messages, then writes one transaction audited under the reviewer's name
        into = open_storage(args.settings, db, actor=who).accept if db else None
        result = queue.accept(args.settings.data_dir, args.ids,
                              edits={args.ids[0]: fix}, who=who, into=into)
        print(f"accepted: {len(result.claims_written)} claim(s) written, "
              f"{len(result.duplicates_skipped)} duplicate(s) skipped")
        return 0
    print(f"rejected {queue.reject(args.ids, who)} draft(s)")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    sources = load_config(args.config)
    storage = _storage(args)
    settings = settings_of(args)
    store = store_of(args)
    places = bundled_places(settings.data_dir)

    def context(source: Source) -> IngestContext:
        # on a database, each run reads its current version's mirror (what other writers
        # added since) and writes through it; on the files, the data directory
        data_dir = settings.data_dir if storage is None else storage.directory()
        return IngestContext(data_dir=data_dir, store=store,
                             fetcher=default_fetcher(store), places=places,
                             since=None, until=None,
                             into=storage.accept if storage is not None else None,
                             maps_into=_maps_into(args) if storage is not None else None)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    print(f"watching {len(sources)} source(s): "
          + ", ".join(f"{s.label} every {s.every / 60:g} min" for s in sources)
          + (f"; claims written to {storage.label} as {_writer_name(args)}"
             if storage is not None else ""), flush=True)
    watcher = Watcher(sources, context, store)
    try:
        watcher.loop(args.runs)
    except KeyboardInterrupt:
        print("stopped")
    return 0


INGEST_COMMANDS = {"ingest": cmd_ingest, "provenance": cmd_provenance, "review": cmd_review,
                   "watch": cmd_watch}
