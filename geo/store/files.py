"""The file backend: a data directory, as every command used it before the interface."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from geo.dataset.accept import AcceptResult, accept
from geo.dataset.cache import load_cached
from geo.dataset.load import Dataset, Places
from geo.places.table import PLACES_FILE
from geo.vocab import COLUMNS, EVIDENCE_FILE


class FileStorage:
    """The data directory ``data_dir``; validated frames cached as Parquet in ``cache_dir``."""

    def __init__(self, data_dir: Path, cache_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.cache_dir = Path(cache_dir)
        self.label = str(self.data_dir)

    def version(self) -> str:
        """A hash of the data files' sizes and modification times (one ``stat`` each; the
        evidence side file included, so an edit of it alone is a new version too)."""
        parts = [str(self.data_dir.resolve())]
        for name in (*COLUMNS, EVIDENCE_FILE, PLACES_FILE):
            path = self.data_dir / name
            stat = path.stat() if path.exists() else None
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{name}:-")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def directory(self) -> Path:
        return self.data_dir

    def load(self, places: Places = "claimed", today: dt.date | None = None) -> Dataset:
        return load_cached(self.data_dir, self.cache_dir, today, places)

    def accept(self, claims: list[dict], places: dict[str, dict[str, Any]] | None = None,
               figures: list[dict[str, Any]] | None = None,
               today: dt.date | None = None) -> AcceptResult:
        return accept(self.data_dir, claims, places, figures, today)
