"""The review queue shared by the team: drafts that are not certain wait here, in the store
(``<store>/ingest/queue/<id>.json``), not in a browser session.

A draft is a claims.csv row (without id) plus what a reviewer needs: the evidence sentence
and the span to highlight, the place (name, oblast) and its alternatives, the source
document's key, its kind (``claim`` or ``fighting``: fighting reported near a place, never a
control claim until a person says so) and confidence. Its id is stable (document key,
place, claimant, status, kind), so queueing the same document twice adds nothing. Accepting
goes through the locked, validated, atomic accept path; rejecting only marks the draft.

A reviewer may correct a draft before accepting it (:class:`Correction`: the place, from
the draft's own and its alternatives; the status; the date). Each decision records who made
it; an accepted draft's claim, with its corrections (field, from, to), is added to its
source document's record, so ``python -m geo provenance`` traces a reviewed claim too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.dataset.accept import AcceptResult, accept
from geo.errors import InputError, StoreError
from geo.io.atomic import atomic_write_text
from geo.io.locking import locked
from geo.vocab import STATUSES

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
    #: who accepted or rejected it (the page's reviewer name, the command's ``--as``)
    decided_by: str = ""
    #: what the reviewer changed before accepting: ``{"field", "from", "to"}`` each
    corrections: list[dict[str, Any]] = field(default_factory=list)

    def choices(self) -> list[dict[str, Any]]:
        """The places a reviewer may pick: the draft's own, then its alternatives."""
        own = {"id": str(self.claim.get("settlement_id", "")), **self.place}
        return [own, *(a for a in self.alternatives if str(a.get("id")) != own["id"])]


@dataclass(frozen=True)
class Correction:
    """A reviewer's change to a draft: any of its place (a settlement or ``gn-`` id among
    :meth:`QueuedDraft.choices`), status and date (``YYYY-MM-DD``); None keeps the draft's."""

    settlement_id: str | None = None
    status: str | None = None
    date: str | None = None

    def apply(self, draft: QueuedDraft) -> tuple[dict[str, Any], dict[str, Any] | None,
                                                 list[dict[str, Any]]]:
        """(the claim row, the place record to add or None, the changes made); a value
        the draft cannot take is one line naming the draft, the field and the fix."""
        row = dict(draft.claim)
        changes: list[dict[str, Any]] = []
        place = draft.place or None
        if self.settlement_id is not None and self.settlement_id != row["settlement_id"]:
            picked = next((c for c in draft.choices() if str(c.get("id")) ==
                           self.settlement_id), None)
            if picked is None:
                raise InputError(
                    f"draft {draft.id}: place {self.settlement_id!r} is not one of its "
                    "places. Fix: pick " + ", ".join(str(c.get("id")) for c in
                                                     draft.choices()))
            gid = picked.get("geonames_id")
            if gid is None and self.settlement_id.startswith("gn-"):
                gid = int(self.settlement_id[3:])
            place = {k: picked.get(k) for k in ("name", "oblast", "lat", "lon", "population")}
            place["geonames_id"] = gid
            changes.append({"field": "settlement_id", "from": row["settlement_id"],
                            "to": self.settlement_id,
                            "place": f"{picked.get('name')} ({picked.get('oblast')})"})
            row.update(settlement_id=self.settlement_id, name=picked.get("name"),
                       geonames_id=gid)
        if self.status is not None and self.status != row.get("status"):
            if self.status not in STATUSES:
                raise InputError(f"draft {draft.id}: status {self.status!r} is not one of "
                                 f"{', '.join(STATUSES)}. Fix: use one of them")
            changes.append({"field": "status", "from": row.get("status"), "to": self.status})
            row["status"] = self.status
            said = str(row.get("summary", ""))
            if draft.kind == "fighting":  # "fighting near X; not a claim of who holds it"
                said = said.split(";")[0] + "."
            row["summary"] = (f"{said} A reviewer corrected the status from "
                              f"{changes[-1]['from']} to {self.status}.").strip()
        if self.date is not None and self.date != str(row.get("date")):
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                raise InputError(f"draft {draft.id}: date {self.date!r} is not a date. "
                                 "Fix: use YYYY-MM-DD") from None
            changes.append({"field": "date", "from": row.get("date"), "to": self.date})
            row["date"] = self.date
        return row, place, changes


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

    def _mark(self, drafts: Iterable[QueuedDraft], state: str, who: str) -> None:
        from geo.ingest.documents import now_iso

        for d in drafts:
            d.state, d.decided, d.decided_by = state, now_iso(), who
            atomic_write_text(self._path(d.id), json.dumps(d.__dict__, ensure_ascii=False,
                                                           indent=1))

    def _pending(self, ids: list[str]) -> list[QueuedDraft]:
        drafts = [self.get(i) for i in dict.fromkeys(ids)]
        done = [d for d in drafts if d.state != "pending"]
        if done:
            raise InputError(f"draft {done[0].id} was already {done[0].state}. "
                             "Fix: pick pending drafts (`python -m geo review list`)")
        return drafts

    def accept(self, data_dir: Path, ids: list[str],
               edits: dict[str, Correction] | None = None, who: str = "",
               into: Callable[..., AcceptResult] | None = None) -> AcceptResult:
        """Accept pending drafts, each with its reviewer's :class:`Correction` if any, into
        the data; ``who`` is recorded with the decision and in the source document.

        ``into``: where the claims go, a storage's ``accept`` (``claims, places=...``, e.g.
        :meth:`geo.store.Storage.accept` of a database); by default the files of
        ``data_dir`` (:func:`geo.dataset.accept.accept`)."""
        with locked(self.root.parent, timeout=30):  # two reviewers: one accepts, one is told
            drafts = self._pending(ids)
            rows, places, changes = [], {}, {}
            for d in drafts:
                row, place, changes[d.id] = (edits or {}).get(d.id, Correction()).apply(d)
                rows.append(row)
                if str(row.get("settlement_id", "")).startswith("gn-") and place:
                    places[row["settlement_id"]] = place
            result = (into(rows, places=places) if into is not None
                      else accept(data_dir, rows, places=places))
            for d, row in zip(drafts, rows, strict=True):
                d.claim, d.corrections = row, changes[d.id]
            self._mark(drafts, "accepted", who)
            self._record(drafts)
        return result

    def _record(self, drafts: list[QueuedDraft]) -> None:
        """Add each accepted draft's claim, who accepted it and what they changed, to its
        source document's record (the provenance of a reviewed claim)."""
        from geo.ingest.documents import DocumentStore

        docs = DocumentStore(self.store)
        for d in drafts:
            doc = docs.get(d.source, d.document)
            if doc is None:
                continue  # a draft queued by hand or whose record was deleted
            doc.claims.append({**d.claim, "auto": False, "draft": d.id,
                               "reviewed_by": d.decided_by, "reviewed": d.decided,
                               "corrections": d.corrections})
            docs.save(doc)

    def reject(self, ids: list[str], who: str = "") -> int:
        """Reject pending drafts (``who`` is recorded); how many."""
        with locked(self.root.parent, timeout=30):
            drafts = self._pending(ids)
            self._mark(drafts, "rejected", who)
        return len(drafts)
