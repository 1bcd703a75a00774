"""Install Leaflet's own files under static/ so the map needs no CDN (engineering notes §5).

The files come from the pinned ``django-js-lib-leaflet`` wheel (Leaflet 1.9.4,
BSD-2-Clause); they are copied, not committed.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from geo.io.atomic import atomic_directory
from geo.io.locking import locked

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
