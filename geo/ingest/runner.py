"""Run one adapter: fetch its documents, skip those already taken in, parse the rest, and
take their claims in through the locked, validated, atomic accept path.

Documents are committed in batches (:data:`BATCH`): one accept per batch, then one record
per document (``done``). A batch the accept path refuses is retried one document at a
time, so one bad document is recorded as ``error`` and the others still land. A crash
before a document's record is written leaves it to the next run, whose accept then skips
the claims that already landed (the accept path's duplicate check): nothing is taken twice.

The accept is the files' (:func:`geo.dataset.accept.accept` on the data directory) unless the
context carries a storage's (``IngestContext.into``, e.g. a database's). A write that fails
for another reason than validation (the database gone, a lock not granted, a row a
constraint refuses) is retried one document at a time too; the first document it fails
alone is recorded as ``error`` and the run stops there: the documents not yet recorded,
and that one, are read again by the next run.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from geo.dataset.accept import accept
from geo.errors import DataValidationError, FrontlineError
from geo.ingest.documents import DocumentStore, SourceDocument, now_iso
from geo.ingest.model import Adapter, Fetched, IngestContext, Parsed, RunReport
from geo.ingest.queue import ReviewQueue

#: Documents per accept.
BATCH = 50


def geonames_settlements(data_dir: Path) -> dict[int, str]:
    """settlements.csv id by GeoNames id."""
    path = data_dir / "settlements.csv"
    out: dict[int, str] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            gid = (row.get("geonames_id") or "").strip()
            if gid.isdigit():
                out.setdefault(int(gid), row.get("id", ""))
    return out


def _keep(docs: DocumentStore, fetched: Fetched) -> str:
    """Store the document's raw bytes (a large file is copied as it is); its SHA-256."""
    path = fetched.meta.get("raw_path")
    return docs.keep_file(path) if path is not None else docs.keep_raw(fetched.raw)


def _record(adapter: Adapter, fetched: Fetched, digest: str) -> SourceDocument:
    return SourceDocument(key=fetched.key, source=adapter.name,
                          publisher=str(fetched.meta.get("publisher", adapter.publisher)),
                          url=fetched.url, published=fetched.published.isoformat(),
                          fetched=fetched.fetched, sha256=digest)


def _claim_rows(ctx: IngestContext, parsed: Parsed) -> tuple[list[dict], dict[str, dict]]:
    rows, places = [], {}
    for claim in parsed.claims:
        row = dict(claim)
        gid = row.get("geonames_id")
        known = ctx.settlement_of_geonames.get(int(gid)) if gid else None
        if known:
            row["settlement_id"] = known
        elif row["settlement_id"] in parsed.new_places:
            places[row["settlement_id"]] = parsed.new_places[row["settlement_id"]]
        rows.append(row)
    return rows, places


class _Run:
    def __init__(self, adapter: Adapter, ctx: IngestContext, report: RunReport) -> None:
        self.adapter, self.ctx, self.report = adapter, ctx, report
        self.docs = ctx.documents
        self.queue = ReviewQueue(ctx.store)
        #: a write failed for a reason of its own: nothing more is parsed or written
        self.stopped = False

    def fail(self, fetched: Fetched, message: str) -> None:
        record = _record(self.adapter, fetched, _keep(self.docs, fetched))
        record.status, record.error = "error", message
        self.docs.save(record)
        self.report.documents_failed += 1
        self.report.errors.append(message)

    def commit(self, batch: list[tuple[Fetched, Parsed]]) -> None:
        if not batch or self.stopped:
            return
        rows: list[dict[str, Any]] = []
        places: dict[str, dict] = {}
        figures: list[dict[str, Any]] = []
        for _, parsed in batch:
            claim_rows, new = _claim_rows(self.ctx, parsed)
            rows += claim_rows
            places.update(new)
            figures += parsed.figures
        try:
            if self.ctx.into is not None:
                result = self.ctx.into(rows, places=places, figures=figures,
                                       today=self.ctx.today)
            else:
                result = accept(self.ctx.data_dir, rows, places=places, figures=figures,
                                today=self.ctx.today)
        except FrontlineError as exc:  # invalid rows, or the store's refusal (the database
            if len(batch) > 1:             # gone, a lock, a row a constraint refuses)
                for one in batch:
                    self.commit([one])
                return
            fetched, _ = batch[0]
            if isinstance(exc, DataValidationError):  # the first problem names the row
                more = len(exc.problems) - 1
                self.fail(fetched, f"{fetched.key}: its claims do not validate ("
                                   f"{exc.problems[0] if exc.problems else exc}"
                                   + (f"; and {more} more" if more > 0 else "")
                                   + "); nothing taken in")
            else:
                self.fail(fetched, f"{fetched.key}: writing its claims failed ({exc}); "
                                   "nothing taken in, and the run stopped (the documents "
                                   "not taken in are read again next run)")
                self.stopped = True
            return
        self.report.claims_added += len(result.claims_written)
        self.report.figures_added += result.figures_written
        if result.settlements_added and self.ctx.into is None:  # (a database maps a gn-
            # place to the settlement of its GeoNames id itself, at every accept)
            self.ctx.settlement_of_geonames = geonames_settlements(self.ctx.data_dir)
        for fetched, parsed in batch:
            record = _record(self.adapter, fetched, _keep(self.docs, fetched))
            record.attachments = parsed.attachments
            record.claims, record.figures = parsed.claims, parsed.figures
            record.reported = parsed.reported
            record.queued = [self.queue.add(draft, record) for draft in parsed.queued]
            self.report.drafts_queued += len(parsed.queued)
            self.report.maps_stored += parsed.maps_stored
            self.report.notes += parsed.reported
            self.docs.save(record)


def run_adapter(adapter: Adapter, ctx: IngestContext, target: Any = None) -> RunReport:
    """Take in every new document of ``adapter`` (``target``: its URL, file or base)."""
    report = RunReport(adapter.name)
    ctx.settlement_of_geonames = geonames_settlements(ctx.data_dir)
    run = _Run(adapter, ctx, report)
    batch: list[tuple[Fetched, Parsed]] = []
    try:
        for fetched in adapter.documents(ctx, target):
            report.documents_fetched += 1
            if fetched.error:
                run.fail(fetched, fetched.error)
                continue
            if run.docs.is_done(adapter.name, fetched.key):
                report.documents_skipped += 1
                continue
            report.documents_new += 1
            try:
                parsed = adapter.parse(ctx, fetched)
            except FrontlineError as exc:
                run.fail(fetched, f"{fetched.key}: {exc}")
                continue
            batch.append((fetched, parsed))
            if len(batch) >= BATCH:
                run.commit(batch)
                batch = []
                if run.stopped:
                    break
    except FrontlineError as exc:  # the listing itself failed: what was parsed still lands
        report.errors.append(str(exc))
    run.commit(batch)
    report.finished = now_iso()
    return report
