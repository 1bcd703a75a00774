"""Readers' uploaded control maps: parsed once into a scratch store of this server process.

Each server process keeps its own folder in the system temp directory
(``frontline-session-maps-<uid>-<pid>``, owner-only), removed when the process exits; the
folders of processes that are gone are removed when the next one starts. Entries are
keyed by the map's bytes and date, so a session re-running the page does not parse again;
the store holds at most :data:`MAX_ENTRIES` maps and :data:`MAX_BYTES`, the least recently
used going first. An entry holds only what the bytes say (the map, its date, its figures):
never the uploader's file name, which stays in that reader's session, so one reader's
name can never reach another's page. Dates follow the import's rules (none in the future,
none before 2014) and implausible maps are refused as the import refuses them.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.dataset.uploads import MAX_UPLOAD_BYTES
from geo.errors import InputError
from geo.io.atomic import atomic_directory
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import implausible, snapshot_figures
from geo.maps.store import save_snapshot

PREFIX = "frontline-session-maps"
MAX_ENTRIES = 16
MAX_BYTES = 64 * 1024 * 1024
_FACTS = "facts.json"
_ROOTS: dict[Path, Path] = {}


@dataclass(frozen=True)
class SessionMap:
    """One uploaded map in the store: where it is and what its bytes say."""

    store: Path
    date: dt.date
    date_from: str
    kind: str
    occupied_km2: float
    key: str

    def describe(self) -> str:
        """One line about the map, without any file name (plain text: escape to show)."""
        return (f"map of {self.date} (date from {self.date_from}), {self.kind} format, "
                f"{self.occupied_km2:,.0f} km² Russian-held")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's live process
        return True
    return True


def server_root(base: Path | None = None) -> Path:
    """This process's store folder (created owner-only), after removing dead processes'."""
    temp = base or Path(tempfile.gettempdir())
    if temp in _ROOTS:
        return _ROOTS[temp]
    mine = re.compile(rf"^{PREFIX}-{os.getuid()}-(\d+)$")
    for old in temp.glob(f"{PREFIX}-{os.getuid()}-*"):
        match = mine.match(old.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            shutil.rmtree(old, ignore_errors=True)
    root = temp / f"{PREFIX}-{os.getuid()}-{os.getpid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    atexit.register(shutil.rmtree, root, True)
    _ROOTS[temp] = root
    return root


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def prune(root: Path, keep: str = "") -> None:
    """Drop the least recently used entries beyond MAX_ENTRIES or MAX_BYTES (not ``keep``)."""
    entries = sorted((p for p in root.iterdir() if p.is_dir() and (p / _FACTS).is_file()),
                     key=lambda p: (p.name == keep, p.stat().st_mtime), reverse=True)
    total = 0
    for i, entry in enumerate(entries):
        total += _size(entry)
        if entry.name != keep and (i >= MAX_ENTRIES or total > MAX_BYTES):
            shutil.rmtree(entry, ignore_errors=True)


def _read(entry: Path) -> SessionMap:
    facts = json.loads((entry / _FACTS).read_text(encoding="utf-8"))
    return SessionMap(entry, dt.date.fromisoformat(facts["date"]), facts["date_from"],
                      facts["kind"], float(facts["occupied_km2"]), entry.name)


def session_map(raw: bytes, name: str, date: dt.date | None, base: Path | None = None,
                today: dt.date | None = None) -> SessionMap:
    """Parse an uploaded map (or find it parsed) and return its store entry.

    ``name`` is used only in error messages. Raises :class:`~geo.errors.InputError`.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InputError(f"{name}: larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Fix: "
                         "import it with `python -m geo import deepstate` instead")
    root = server_root(base)
    key = hashlib.sha256(raw + b"\0" + str(date).encode()).hexdigest()[:24]
    entry = root / key
    if (entry / _FACTS).is_file():
        with contextlib.suppress(OSError, ValueError, KeyError):  # damaged: parse again
            os.utime(entry)
            return _read(entry)
    snapshot = parse_snapshot(raw, name, date=date, source="an uploaded file", today=today)
    figures = snapshot_figures(snapshot)
    reasons = implausible(snapshot, figures)
    if reasons:
        raise InputError(f"{name}: not a DeepState front-line map: {'; '.join(reasons)}. Fix: "
                         "upload a DeepState map (deepstatemap.live)")
    with atomic_directory(entry) as fresh:
        save_snapshot(snapshot, fresh, figures)
        (fresh / _FACTS).write_text(json.dumps({
            "date": snapshot.date.isoformat(), "date_from": snapshot.date_from,
            "kind": snapshot.kind, "occupied_km2": figures.occupied_km2}), encoding="utf-8")
    prune(root, keep=key)
    return _read(entry)
