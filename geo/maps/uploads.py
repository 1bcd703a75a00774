"""A reader's own control map, for their session only: parsed from bytes into a scratch store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geo.dataset.uploads import MAX_UPLOAD_BYTES
from geo.errors import InputError
from geo.maps.deepstate import parse_snapshot
from geo.maps.importer import snapshot_figures
from geo.maps.store import save_snapshot


def session_map(raw: bytes, name: str, date: dt.date | None, store: Path) -> str:
    """Parse an uploaded DeepState map from its bytes into ``store``; a line describing it."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise InputError(f"{name}: larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
    snapshot = parse_snapshot(raw, name, date=date, source=f"uploaded file {name}")
    figures = snapshot_figures(snapshot)
    save_snapshot(snapshot, store, figures)
    return (f"{name}: map of {snapshot.date} (date from {snapshot.date_from}), "
            f"{figures.occupied_km2:,.0f} km² Russian-held")
