"""Source documents in the store, with full provenance, one stable key each.

Layout under ``<store>/ingest/``:

* ``raw/<sha256>`` — the raw bytes of every document and attachment (content-addressed);
* ``documents/<source>/<key>.json`` — one record per document: its key, publisher, URL or
  permalink, published and fetched times, SHA-256, the attachments (a map, area figures)
  with their own URLs and hashes, its state (``done`` or ``error`` with the message), the
  claims and figures it gave and what was reported about it.

A record is written atomically after the document's claims went through the accept path;
a document whose record is ``done`` is skipped by the next run (idempotent), one in
``error`` is tried again. Claims are found again by their accept key (settlement, claimant,
date, status), which the accept path keeps unique, so no claim-id map has to survive a
crash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from geo.errors import StoreError
from geo.io.atomic import atomic_write, atomic_write_bytes, atomic_write_text

INGEST_DIR = "ingest"


@dataclass
class Attachment:
    """A file fetched with a document (its map, its area figures)."""

    what: str
    url: str
    sha256: str
    fetched: str


@dataclass
class SourceDocument:
    """One document of one source and what it gave."""

    key: str
    source: str
    publisher: str
    url: str
    published: str
    fetched: str
    sha256: str
    status: str = "done"
    error: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    #: accepted claims: settlement_id, claimant, date, status, evidence, auto, ...
    claims: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    #: ids of the drafts sent to the review queue (not claims yet)
    queued: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceDocument:
        data = dict(data)
        data["attachments"] = [Attachment(**a) for a in data.get("attachments", [])]
        return cls(**data)


def sha256(raw: bytes) -> str:
    """Hex SHA-256 of raw bytes."""
    return hashlib.sha256(raw).hexdigest()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _file_key(key: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", key)[:80]
    return f"{safe}-{sha256(key.encode())[:12]}"


class DocumentStore:
    """Source documents under ``<store>/ingest``."""

    def __init__(self, store: Path) -> None:
        self.root = store / INGEST_DIR

    def _record_path(self, source: str, key: str) -> Path:
        return self.root / "documents" / re.sub(r"[^a-z0-9_]+", "_", source) / (
            _file_key(key) + ".json")

    def raw_path(self, digest: str) -> Path:
        return self.root / "raw" / digest

    def keep_raw(self, raw: bytes) -> str:
        """Store raw bytes (once per content); returns their SHA-256."""
        digest = sha256(raw)
        path = self.raw_path(digest)
        if not path.is_file():
            atomic_write_bytes(path, raw)
        return digest

    def keep_file(self, path: Path) -> str:
        """Store a (large) file as it is, streamed; returns its SHA-256."""
        digest = file_sha256(path)
        target = self.raw_path(digest)
        if not target.is_file():
            def copy(out: IO[bytes]) -> None:
                with path.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
            atomic_write(target, copy)
        return digest

    def raw(self, digest: str) -> bytes:
        path = self.raw_path(digest)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: the raw document is missing ({exc.strerror}). "
                             "Fix: run the source's ingest again to fetch it") from None
        if sha256(raw) != digest:
            raise StoreError(f"{path}: the raw document does not match its SHA-256 "
                             "(changed on disk). Fix: delete it and run the ingest again")
        return raw

    def get(self, source: str, key: str) -> SourceDocument | None:
        path = self._record_path(source, key)
        if not path.is_file():
            return None
        return self._read(path)

    def is_done(self, source: str, key: str) -> bool:
        doc = self.get(source, key)
        return doc is not None and doc.status == "done"

    def save(self, doc: SourceDocument) -> Path:
        path = self._record_path(doc.source, doc.key)
        atomic_write_text(path, json.dumps(doc.as_dict(), ensure_ascii=False, indent=1))
        return path

    def _read(self, path: Path) -> SourceDocument:
        try:
            return SourceDocument.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise StoreError(f"{path}: unreadable document record "
                             f"({exc.__class__.__name__}). Fix: delete it and run the "
                             "ingest again (its document is fetched anew)") from None

    def all(self) -> Iterator[SourceDocument]:
        """Every stored document record."""
        folder = self.root / "documents"
        if folder.is_dir():
            for path in sorted(folder.glob("*/*.json")):
                yield self._read(path)

    def find_claim(self, settlement_id: str, claimant: str, date: str, status: str,
                   geonames_id: int | None = None
                   ) -> tuple[SourceDocument, dict[str, Any]] | None:
        """The document that gave the claim with this accept key, and its claim record
        (a place added from the places table is matched by its GeoNames id too)."""
        for doc in self.all():
            for claim in doc.claims:
                if (claim.get("claimant"), claim.get("date"), claim.get("status")) != (
                        claimant, date, status):
                    continue
                if claim.get("settlement_id") == settlement_id or (
                        geonames_id is not None and claim.get("geonames_id") == geonames_id):
                    return doc, claim
        return None
