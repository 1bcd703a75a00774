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
from geo.maps.deepstate import MAX_MAP_BYTES, Snapshot, parse_snapshot
from geo.maps.placeclasses import CODES, classes_path, read_classes
from geo.maps.store import list_maps, save_snapshot
from geo.vocab import UKRAINE_AREA_KM2

#: The largest share of Ukraine a DeepState map has shown Russian-held is about 27%
#: (March 2022, Crimea and the areas held since 2014 included); a map claiming more than
#: this is not a front-line map (Ukraine's own border file reads 99.6%).
MAX_PLAUSIBLE_PCT = 50.0
_FORCE = ("Fix: import a DeepState map (deepstatemap.live or the files of "
          "cyterat/deepstate-map-data); if this one is right, import it again with --force")


@dataclass(frozen=True)
class Imported:
    """What an import did."""

    snapshot: Snapshot
    path: Path | None
    figures: Figures
    #: places per class code name on this map (None: no places table was given)
    place_counts: dict[str, int] | None = None
    #: the stored snapshot of the same date this import replaced (kind and source), if any
    replaced: str | None = None


def read_source(source: str, timeout: float = 30.0) -> bytes:
    """The bytes of a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        return fetch(source, timeout=timeout)
    path = Path(source)
    if not path.is_file():
        raise InputError(f"file not found: {source}")
    size = path.stat().st_size
    if size > MAX_MAP_BYTES:  # refused before reading a byte
        raise InputError(f"{source}: {size:,} bytes, more than the {MAX_MAP_BYTES:,} a "
                         "front-line map needs. Fix: simplify it first (e.g. "
                         "`ogr2ogr -simplify 0.0001 small.geojson big.geojson`)")
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


def implausible(snapshot: Snapshot, result: Figures) -> list[str]:
    """Why a parsed map is not believable as a DeepState front-line map (empty: it is).

    Refused: more than :data:`MAX_PLAUSIBLE_PCT` % of Ukraine Russian-held, or a map in the
    processed format (no DeepState names) most of whose polygons lie outside Ukraine. A raw
    map with no DeepState class at all never gets here (no control polygon).
    """
    reasons = []
    if result.occupied_pct > MAX_PLAUSIBLE_PCT:
        reasons.append(f"it shows {result.occupied_pct:.1f}% of Ukraine Russian-held, more "
                       f"than the {MAX_PLAUSIBLE_PCT:g}% any front-line map has")
    kept = len(snapshot.polygons)
    if snapshot.kind == "processed" and snapshot.dropped_outside > kept:
        reasons.append(f"{snapshot.dropped_outside} of its polygons lie outside Ukraine and "
                       "none has a DeepState name")
    return reasons


def replaced_snapshot(store: Path, day: dt.date) -> str | None:
    """The kind and source of the stored snapshot dated ``day``, or None if there is none."""
    found = [m for m in list_maps(store) if m.date == day]
    if not found:
        return None
    try:
        frame = pd.read_parquet(found[0].path, columns=["kind", "source"])
        return f"a {frame['kind'].iloc[0]} map from {frame['source'].iloc[0]}"
    except Exception:  # a damaged stored file is replaced all the same
        return f"an unreadable stored map ({found[0].path.name})"


def checked_snapshot(source: str, date: dt.date | None = None, timeout: float = 30.0,
                     force: bool = False) -> tuple[Snapshot, Figures]:
    """Read and parse one snapshot and compute its figures; a map :func:`implausible` finds
    unbelievable is an :class:`InputError` naming ``source`` unless ``force``. What both
    backends' imports do before they store anything."""
    snapshot = load_snapshot(source, date, timeout)
    result = snapshot_figures(snapshot)
    reasons = implausible(snapshot, result)
    if reasons and not force:
        raise InputError(f"{source}: not a DeepState front-line map: {'; '.join(reasons)}. "
                         f"{_FORCE}")
    return snapshot, result


def import_deepstate(
    source: str, store: Path, date: dt.date | None = None, timeout: float = 30.0,
    places: pd.DataFrame | None = None, force: bool = False,
) -> Imported:
    """Fetch or read, parse, classify and store one snapshot (replacing the same date).

    With ``places`` (the bundled places table, :func:`geo.places.table.bundled_places`),
    every place's class on the map is stored beside it (:mod:`geo.maps.placeclasses`).
    A map :func:`implausible` finds unbelievable is refused unless ``force``. Nothing is
    written unless everything before the write succeeded; the write is atomic. The result
    says which stored snapshot, if any, was replaced.
    """
    snapshot, result = checked_snapshot(source, date, timeout, force)
    replaced = replaced_snapshot(store, snapshot.date)
    path = save_snapshot(snapshot, store, result, places=places)
    counts = None
    if places is not None:
        codes = read_classes(classes_path(path)).codes
        counts = {name: int(np.count_nonzero(codes == code)) for name, code in CODES.items()}
    return Imported(snapshot, path, result, counts, replaced)


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
    if imported.replaced:
        lines.append(f"replaced the stored snapshot of {s.date}: {imported.replaced}")
    return lines
