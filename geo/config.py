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


STORE_ENV = "FRONTLINE_STORE"
DEFAULT_STORE = PROJECT_ROOT / "data" / "local"


def _option(argv: Sequence[str] | None, name: str) -> str | None:
    args = list(argv or [])
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def data_dir(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The data directory: ``--data DIR`` in ``argv``, else ``$FRONTLINE_DATA_DIR``, else data/."""
    environ = os.environ if environ is None else environ
    given = _option(argv, "--data")
    if given:
        return Path(given)
    if environ.get(DATA_ENV):
        return Path(environ[DATA_ENV])
    return DEFAULT_DATA_DIR


def store_dir(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The map store: ``--store DIR`` in ``argv``, else ``$FRONTLINE_STORE``, else data/local/."""
    environ = os.environ if environ is None else environ
    given = _option(argv, "--store")
    if given:
        return Path(given)
    if environ.get(STORE_ENV):
        return Path(environ[STORE_ENV])
    return DEFAULT_STORE


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
