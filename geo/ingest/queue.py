"""The review queue shared by the team: drafts that are not certain wait here, in the store
(``<store>/ingest/queue/<id>.json``), not in a browser session.

A draft is a claims.csv row (without id) plus what a reviewer needs: the evidence sentence
and the span to highlight, the place (name, oblast) and its alternatives, the source
document's key, its kind (``claim`` or ``fighting``: fighting reported near a place, never a
control claim until a person says so) and confidence. Its id is stable (document key,
place, claimant, status, kind), so queueing the same document twice adds nothing. Accepting
goes through the locked, validated, atomic accept path; rejecting only marks the draft.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.dataset.accept import AcceptResult, accept
from geo.errors import InputError, StoreError
from geo.io.atomic import atomic_write_text
from geo.io.locking import locked

if TYPE_CHECKING:
    from geo.ingest.documents import SourceDocument

STATES = ("pending", "accepted", "rejected")


@dataclass
class QueuedDraft:
    """One draft in the queue."""

    id: str
    state: str
    document: str
    source: str
    claim: dict[str, Any]
    kind: str = "claim"
    confidence: float = 0.0
    evidence: str = ""
    span: list[int] = field(default_factory=list)
    place: dict[str, Any] = field(default_factory=dict)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""
    decided: str = ""


def draft_id(document: str, claim: dict[str, Any], kind: str) -> str:
    from geo.ingest.documents import sha256

    key = "|".join([document, str(claim.get("settlement_id")), str(claim.get("claimant")),
                    str(claim.get("status")), kind])
    return sha256(key.encode())[:12]


class ReviewQueue:
    """Drafts under ``<store>/ingest/queue``."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.root = store / "ingest" / "queue"

    def _path(self, did: str) -> Path:
        if not did.isalnum():
            raise InputError(f"bad draft id {did!r}: ids are 12 letters and digits "
                             "(see `python -m geo review list`)")
        return self.root / f"{did}.json"

    def add(self, draft: dict[str, Any], doc: SourceDocument) -> str:
        """Queue a draft of ``doc`` (unless already queued); returns its id."""
        claim = dict(draft["claim"])
        kind = str(draft.get("kind", "claim"))
        did = draft_id(doc.key, claim, kind)
        path = self._path(did)
        if path.is_file():
            return did
        item = QueuedDraft(id=did, state="pending", document=doc.key, source=doc.source,
                           claim=claim, kind=kind,
                           confidence=float(draft.get("confidence", 0.0)),
                           evidence=str(draft.get("evidence", "")),
                           span=list(draft.get("span", [])), place=dict(draft.get("place", {})),
                           alternatives=list(draft.get("alternatives", [])),
                           reason=str(draft.get("reason", "")))
        atomic_write_text(path, json.dumps(item.__dict__, ensure_ascii=False, indent=1))
        return did

    def get(self, did: str) -> QueuedDraft:
        path = self._path(did)
        if not path.is_file():
            raise InputError(f"no draft {did!r} in {self.root}. Fix: see `python -m geo "
                             "review list`")
        try:
            return QueuedDraft(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise StoreError(f"{path}: unreadable draft ({exc.__class__.__name__}). Fix: "
                             "delete it; the next ingest of its source queues it again"
                             ) from None

    def all(self, state: str | None = None) -> list[QueuedDraft]:
        """Drafts (of one state), by source, then date, then id."""
        if not self.root.is_dir():
            return []
        items = [self.get(p.stem) for p in sorted(self.root.glob("*.json"))]
        items = [d for d in items if state is None or d.state == state]
        return sorted(items, key=lambda d: (d.source, str(d.claim.get("date")), d.id))

    def _mark(self, drafts: Iterable[QueuedDraft], state: str) -> None:
        from geo.ingest.documents import now_iso

        for d in drafts:
            d.state, d.decided = state, now_iso()
            atomic_write_text(self._path(d.id), json.dumps(d.__dict__, ensure_ascii=False,
                                                           indent=1))

    def accept(self, data_dir: Path, ids: list[str], edits: dict[str, dict] | None = None
               ) -> AcceptResult:
        """Accept pending drafts (optionally edited: status, settlement...) into the data."""
        drafts = [self.get(i) for i in ids]
        done = [d.id for d in drafts if d.state != "pending"]
        if done:
            raise InputError(f"draft {done[0]} was already {self.get(done[0]).state}. "
                             "Fix: pick pending drafts (`python -m geo review list`)")
        rows, places = [], {}
        for d in drafts:
            row = {**d.claim, **(edits or {}).get(d.id, {})}
            rows.append(row)
            if str(row.get("settlement_id", "")).startswith("gn-") and d.place:
                places[row["settlement_id"]] = d.place
        with locked(self.root.parent, timeout=30):
            result = accept(data_dir, rows, places=places)
            self._mark(drafts, "accepted")
        return result

    def reject(self, ids: list[str]) -> int:
        drafts = [self.get(i) for i in ids]
        with locked(self.root.parent, timeout=30):
            self._mark([d for d in drafts if d.state == "pending"], "rejected")
        return len(drafts)
