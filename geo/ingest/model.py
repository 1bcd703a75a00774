"""What an adapter and the runner pass each other: the run's context, a fetched document,
a parsed one, and the run's report."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo.dataset.accept import AcceptResult
from geo.errors import InputError
from geo.ingest import indexes
from geo.ingest.documents import Attachment, DocumentStore, now_iso
from geo.ingest.nearest import NearPlaces
from geo.ingest.placenames import PlaceNames
from geo.io.fetch import Fetcher, Policy
from geo.io.httpcache import HttpCache
from geo.places.resolution import Resolver

#: Default confidence at or above which a structured feed's claim is accepted without review.
AUTO_ACCEPT = 0.9


@dataclass
class IngestContext:
    """Everything one run needs."""

    data_dir: Path
    store: Path
    fetcher: Fetcher
    places: pd.DataFrame | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    auto_accept: float = AUTO_ACCEPT
    today: dt.date | None = None
    #: settlements.csv ids by GeoNames id (so a gn- place added earlier is not added twice)
    settlement_of_geonames: dict[int, str] = field(default_factory=dict)
    #: where accepted claims and figures go: a storage's ``accept`` (``claims, places=,
    #: figures=, today=``, as :meth:`geo.store.Storage.accept`: a database's writes one
    #: audited transaction); None: the files of ``data_dir`` (:func:`geo.dataset.accept.
    #: accept`). With a storage, ``data_dir`` is only read (a database's read-only mirror).
    into: Callable[..., AcceptResult] | None = None
    #: where a fetched map goes: ``maps_into(snapshot, figures)`` (a database's audited
    #: map import, :func:`geo.db.maps.map_writer`); None: the map store ``store``
    maps_into: Callable[..., object] | None = None

    @property
    def documents(self) -> DocumentStore:
        return DocumentStore(self.store)

    @functools.cached_property
    def near(self) -> NearPlaces:
        if self.places is None:
            raise InputError(f"{self.data_dir}: no places table (places.parquet), so linked "
                             "places cannot be identified. Fix: python -m geo places build "
                             "UA.zip")
        return NearPlaces(self.places, spellings=self.spellings)

    @functools.cached_property
    def spellings(self) -> pd.DataFrame:
        """Every spelling of every place (built once per process and table, kept in the
        store: :mod:`geo.ingest.indexes`; shared by both lookups)."""
        if self.places is None:
            raise InputError(f"{self.data_dir}: no places table (places.parquet). Fix: "
                             "python -m geo places build UA.zip")
        return indexes.spellings(self.places, self.store)

    @functools.cached_property
    def resolver(self) -> Resolver:
        """Name resolution over settlements.csv and the places table (free-text sources)."""
        return indexes.resolvers(self.data_dir, self.places, self.store, self.today)[0]

    @functools.cached_property
    def placenames(self) -> PlaceNames:
        """Resolution of names found in text (exonyms, inflections, oblast, proximity)."""
        return indexes.resolvers(self.data_dir, self.places, self.store, self.today)[1]

    def in_range(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until)


def default_fetcher(store: Path, deadline: float = 30.0) -> Fetcher:
    """The ingest's fetcher: a 30 s deadline, 3 attempts, 1 s between requests to a host,
    conditional requests from ``<store>/ingest/http-cache``."""
    return Fetcher(Policy(deadline=deadline, attempts=3, backoff=2.0, max_backoff=60.0,
                          min_interval=1.0), cache=HttpCache(store / "ingest" / "http-cache"))


@dataclass
class Fetched:
    """A source document as fetched (``raw`` is what its hash and the store keep)."""

    key: str
    url: str
    published: dt.datetime
    raw: bytes
    fetched: str = field(default_factory=now_iso)
    meta: dict[str, Any] = field(default_factory=dict)
    #: set when the document could not be read at all (reported, the rest continue)
    error: str = ""


@dataclass
class Parsed:
    """What a document gave."""

    #: claims.csv rows (no id) with extra keys the record keeps: evidence, span, auto, ...
    claims: list[dict[str, Any]] = field(default_factory=list)
    #: records of gn- places that claims name (accept adds them to settlements.csv)
    new_places: dict[str, dict[str, Any]] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    queued: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    maps_stored: int = 0


@dataclass
class RunReport:
    """One run of one source (``watch`` records these)."""

    source: str
    started: str = field(default_factory=now_iso)
    finished: str = ""
    documents_fetched: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    claims_added: int = 0
    figures_added: int = 0
    maps_stored: int = 0
    drafts_queued: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The run as printed by the command line."""
        out = [*self.notes, *(f"error: {e}" for e in self.errors)]
        out.append(
            f"{self.source}: {self.documents_fetched} document(s) fetched, "
            f"{self.documents_new} new, {self.documents_skipped} already taken in, "
            f"{self.documents_failed} failed; {self.claims_added} claim(s) added, "
            f"{self.figures_added} figure(s), {self.maps_stored} map(s) stored, "
            f"{self.drafts_queued} draft(s) queued for review")
        return out


@dataclass(frozen=True)
class Adapter:
    """One source: how its documents are fetched and how one is parsed."""

    name: str
    publisher: str
    claimant: str
    documents: Callable[[IngestContext, Any], Iterator[Fetched]]
    parse: Callable[[IngestContext, Fetched], Parsed]
