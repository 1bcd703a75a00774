"""Files the page's browser fetches from static/: Leaflet's own (so the map needs no CDN,
engineering notes §5) and the canvas's fixed place arrays (:func:`publish_places`).

Leaflet's files come from the pinned ``django-js-lib-leaflet`` wheel (Leaflet 1.9.4,
BSD-2-Clause); they are copied, not committed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import time
from pathlib import Path

from geo.io.atomic import atomic_directory, atomic_write_text
from geo.io.locking import locked
from geo.render.canvas import Fixed

LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def leaflet_source() -> Path:
    """Directory of Leaflet's files inside the installed ``js_lib_leaflet`` package."""
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is None or spec.origin is None:
        raise FileNotFoundError(
            "package django-js-lib-leaflet is not installed; run `make run` or "
            "`pip install -r requirements.txt`"
        )
    return Path(spec.origin).parent / "static" / "js_lib_leaflet"


def install_leaflet(static_dir: Path) -> Path:
    """Copy leaflet.js, leaflet.css and images/ to ``static_dir/leaflet`` (atomically).

    Returns the destination directory. Does nothing when it is already complete.
    Sessions (threads) and processes starting at once take turns under the directory's
    lock, so none removes a copy another has just installed.
    """
    dest = static_dir / "leaflet"
    if _complete(dest):
        return dest
    source = leaflet_source()
    with locked(static_dir):
        if _complete(dest):      # another session installed it while we waited
            return dest
        _copy(source, static_dir, dest)
    return dest


def _complete(dest: Path) -> bool:
    return all((dest / name).is_file() for name in LEAFLET_FILES)


def _copy(source: Path, static_dir: Path, dest: Path) -> None:
    with atomic_directory(dest) as tmp:
        for name in LEAFLET_FILES:
            shutil.copy2(source / name, tmp / name)
        shutil.copytree(source / "images", tmp / "images")


#: Where the place arrays go, under the static directory.
PLACES_DIR = "places"
#: Place-array files older than this (seconds) are removed when a new one is written: a
#: server still using one writes it again on its next run (:func:`publish_places`).
PLACES_KEPT_SECONDS = 24 * 3600


def publish_places(fixed: Fixed, static_dir: Path) -> str:
    """Put ``fixed``'s arrays in ``static_dir/places/<digest>.json`` (unless there) and
    return that path relative to ``static_dir``.

    Named by their content, so every server and session of the same places writes and
    reads the same file, a data change (a place added) makes a new name, and a browser
    never needs to ask whether the file it holds is current. Cheap when the file exists
    (one ``stat``); raises ``OSError`` when it cannot be written.
    """
    name = f"{PLACES_DIR}/{fixed.digest}.json"
    path = static_dir / name
    if not path.is_file():
        atomic_write_text(path, fixed.asset_json())
        _prune(path)
    return name


def _prune(new: Path) -> None:
    """Remove the place-array files beside ``new`` that nobody has written for a day."""
    oldest = time.time() - PLACES_KEPT_SECONDS
    for path in new.parent.glob("*.json"):
        with contextlib.suppress(OSError):   # another server removed it first
            if path != new and path.stat().st_mtime < oldest:
                path.unlink()
