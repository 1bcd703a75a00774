"""Import a DeepState snapshot (file or URL) into the store, atomically."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputError
from geo.io.fetch import fetch
from geo.maps.area import Figures, figures
from geo.maps.deepstate import Snapshot, parse_snapshot
from geo.maps.placeclasses import CODES, classes_path, read_classes
from geo.maps.store import save_snapshot
from geo.vocab import UKRAINE_AREA_KM2


@dataclass(frozen=True)
class Imported:
    """What an import did."""

    snapshot: Snapshot
    path: Path | None
    figures: Figures
    #: places per class code name on this map (None: no places table was given)
    place_counts: dict[str, int] | None = None


def read_source(source: str, timeout: float = 30.0) -> bytes:
    """The bytes of a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        return fetch(source, timeout=timeout)
    path = Path(source)
    if not path.is_file():
        raise InputError(f"file not found: {source}")
    return path.read_bytes()


def load_snapshot(source: str, date: dt.date | None = None, timeout: float = 30.0) -> Snapshot:
    """Read and classify a snapshot without storing it."""
    raw = read_source(source, timeout)
    name = source.split("?", 1)[0]
    return parse_snapshot(raw, name, date=date, source=source)


def snapshot_figures(snapshot: Snapshot, denominator_km2: float = UKRAINE_AREA_KM2) -> Figures:
    """Area figures of a parsed snapshot."""
    return figures(snapshot.polygons, snapshot.date.isoformat(), snapshot.source,
                   denominator_km2, split_pre2022=snapshot.kind == "raw")


def import_deepstate(
    source: str, store: Path, date: dt.date | None = None, timeout: float = 30.0,
    places: pd.DataFrame | None = None,
) -> Imported:
    """Fetch or read, parse, classify and store one snapshot (replacing the same date).

    With ``places`` (the bundled places table, :func:`geo.places.table.bundled_places`),
    every place's class on the map is stored beside it (:mod:`geo.maps.placeclasses`).
    Nothing is written unless everything before the write succeeded; the write is atomic.
    """
    snapshot = load_snapshot(source, date, timeout)
    if snapshot.date > dt.date.today():
        raise InputError(f"snapshot date {snapshot.date} is in the future; pass --date")
    result = snapshot_figures(snapshot)
    path = save_snapshot(snapshot, store, result, places=places)
    counts = None
    if places is not None:
        codes = read_classes(classes_path(path)).codes
        counts = {name: int(np.count_nonzero(codes == code)) for name, code in CODES.items()}
    return Imported(snapshot, path, result, counts)


def describe(imported: Imported) -> list[str]:
    """Human-readable report lines for an import."""
    s, f = imported.snapshot, imported.figures
    lines = [
        f"snapshot {s.date} (date from {s.date_from}), {s.kind} format, {s.features} features",
        f"dropped: {s.dropped_points} points (map icons), {s.dropped_outside} polygons outside "
        f"Ukraine or decorative, {s.dropped_unknown} of no control class",
        f"repaired {s.repaired} invalid geometries (area changed by {s.repaired_km2:.3f} km²)",
        f"Russian-held: {f.occupied_km2:,.1f} km² = {f.occupied_pct:.3f}% of "
        f"{f.denominator_km2:,.0f} km² (grey zone excluded)",
    ]
    if f.grey_km2 is not None:
        lines.append(f"with the grey zone ({f.grey_km2:,.1f} km²): "
                     f"{f.occupied_with_grey_pct:.3f}%")
    if f.pre2022_km2 is not None:
        lines.append(f"of which held before 2022: {f.pre2022_km2:,.1f} km²")
    if imported.place_counts is not None:
        c = imported.place_counts
        lines.append(f"places: {c['occupied'] + c['pre2022']:,} Russian-held, {c['grey']:,} "
                     f"in the grey zone, {c['liberated'] + c['none']:,} Ukrainian-held "
                     f"({c['liberated']:,} liberated), {c['outside']:,} outside Ukraine")
    if imported.path:
        lines.append(f"stored: {imported.path}")
    return lines
