"""The validated base of a database's accepts, kept between accepts, and a quick check of
an accept's result against it.

Each accept on a database is validated by the file store's own accept in a scratch copy of
the database's small tables (claimants, settlements, territory, the places table) with
claims.csv's header only (:func:`geo.db.mirror.accept_directory`). Those tables change
rarely (a new place, a new figure), so validating them twice per accept (the accept's load
of the copy, then its load of the result) was nearly all of an accept's time: 99% against
the database's transaction (bench/db_accept.py). Here the copy's loads are kept by the
digest of its bytes and the day; an accept that only adds claims (the settlements and
territory files of its result unchanged) has the new claims checked by the loader's own
rules against the places in memory (:func:`geo.dataset.append.with_claims`, the evidence
by :func:`geo.dataset.evidence.with_evidence`). Whatever that does not pass, or cannot
tell, is validated by the full load as before, so a rejected accept gets the very same
problems, lines and fixes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo import vocab
from geo.dataset.append import with_claims
from geo.dataset.evidence import with_evidence
from geo.dataset.load import Dataset, load_dataset
from geo.places.table import PLACES_FILE
from geo.store.fewclaims import Known, surely_valid

#: the scratch copy's files whose bytes name its state
_FILES = ("claimants.csv", "settlements.csv", "territory.csv")
#: the states kept (a new place or figure makes a new one; the old one is not asked again)
KEEP = 2


@dataclass(frozen=True)
class Base:
    """The validated loads of one state of the small tables."""

    key: str
    claimed: Dataset   #: as the accept loads it (the curated settlements only)
    every: Dataset     #: with every place of the table (what a claim may be checked against)
    files: dict[str, bytes]
    known: Known       #: ``every``'s ids as sets, for the one-by-one check of a few claims


def _key(directory: Path, today: dt.date) -> tuple[str, dict[str, bytes]]:
    files = {name: (directory / name).read_bytes() for name in _FILES}
    digest = hashlib.sha256(today.isoformat().encode())
    for name in _FILES:
        digest.update(b"\0" + name.encode() + b"\0" + files[name])
    places = directory / PLACES_FILE
    if places.exists():   # its bytes (1.7 MB for 33,681 places: a few ms to hash)
        digest.update(b"\0" + PLACES_FILE.encode() + b"\0" + places.read_bytes())
    return digest.hexdigest(), files


class Bases:
    """The kept bases of one storage (thread-safe: a page's reruns may accept at once)."""

    def __init__(self) -> None:
        self._kept: dict[str, Base] = {}
        self._lock = threading.Lock()
        self.loads = 0   #: how many bases were loaded (for tests and benches)

    def base(self, directory: Path, today: dt.date) -> Base:
        """The base of the scratch copy ``directory`` (loaded once per state; raises what
        :func:`load_dataset` raises for an invalid copy)."""
        key, files = _key(directory, today)
        with self._lock:
            found = self._kept.get(key)
        if found is not None:
            return found
        every = load_dataset(directory, today, "all")
        made = Base(key, load_dataset(directory, today), every, files, Known.of(every))
        with self._lock:
            self.loads += 1
            self._kept[key] = made
            while len(self._kept) > KEEP:
                self._kept.pop(next(iter(self._kept)))
        return made


def checker(base: Base, today: dt.date) -> Callable[[Path], None]:
    """The accept's check of its trial directory: quick when only claims were added and
    they pass against ``base``; else the full load (which raises the problems)."""

    def check(trial: Path) -> None:
        if not quick(base, trial, today):
            load_dataset(trial, today)

    return check


def quick(base: Base, trial: Path, today: dt.date) -> bool:
    """Whether ``trial`` (``base`` plus new claims.csv records, nothing else changed) is
    valid by the quick check; False means: not known, load it whole."""
    for name in _FILES:
        if (trial / name).read_bytes() != base.files[name]:
            return False    # a new place or figure: the full load validates it
    text = (trial / "claims.csv").read_bytes().decode("utf-8")
    header, _, body = text.partition("\n")
    if header.rstrip("\r") != ",".join(vocab.COLUMNS["claims.csv"]) or "\r" in body:
        return False        # other columns or line ends: leave it to the loader
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return False
    evidence = trial / vocab.EVIDENCE_FILE
    if not evidence.exists() and surely_valid(base.known, body, len(lines), today):
        return True         # a few claims, each passing the loader's rules one by one
    grown = with_claims(base.every, lines, trial, today)   # a field across lines: a str
    if isinstance(grown, str):
        return False
    return not (evidence.exists() and with_evidence(evidence, grown.claims.copy()))
