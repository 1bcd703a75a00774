"""Settings from the command line and the environment (no streamlit here)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from geo.mapbuild import OSM_ATTRIBUTION, OSM_TILES, MapConfig

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR: Path = PROJECT_ROOT / "data"
STATIC_DIR: Path = PROJECT_ROOT / "static"
DATA_ENV = "FRONTLINE_DATA_DIR"


def data_dir(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The data directory: ``--data DIR`` in ``argv``, else ``$FRONTLINE_DATA_DIR``, else data/."""
    environ = os.environ if environ is None else environ
    args = list(argv or [])
    for i, arg in enumerate(args):
        if arg == "--data" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--data="):
            return Path(arg.split("=", 1)[1])
    if environ.get(DATA_ENV):
        return Path(environ[DATA_ENV])
    return DEFAULT_DATA_DIR


def map_config(environ: Mapping[str, str] | None = None) -> MapConfig:
    """Tile URL template and attribution from ``$FRONTLINE_TILES`` (``none``: no basemap)
    and ``$FRONTLINE_TILES_ATTRIBUTION``; Leaflet's URL from ``$FRONTLINE_STATIC_URL``."""
    environ = os.environ if environ is None else environ
    tiles = environ.get("FRONTLINE_TILES", OSM_TILES)
    attribution = environ.get(
        "FRONTLINE_TILES_ATTRIBUTION", OSM_ATTRIBUTION if tiles == OSM_TILES else ""
    )
    static_url = environ.get("FRONTLINE_STATIC_URL", "/app/static/leaflet").rstrip("/")
    return MapConfig(tiles=tiles, attribution=attribution, static_url=static_url)
