"""Settings from the command line and the environment (no streamlit here)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
#: The checkout the package runs from (where app.py is); for a package installed with
#: ``pip install .`` (no checkout around it), the working directory.
PROJECT_ROOT: Path = _CHECKOUT if (_CHECKOUT / "app.py").is_file() else Path.cwd()
DEFAULT_DATA_DIR: Path = PROJECT_ROOT / "data"
STATIC_DIR: Path = PROJECT_ROOT / "static"
DATA_ENV = "FRONTLINE_DATA_DIR"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


@dataclass(frozen=True)
class MapConfig:
    """Where the map's scripts and tiles come from.

    ``tiles`` is a Leaflet URL template or ``"none"`` for no basemap;
    ``static_url`` is where Leaflet's own files are served (see :mod:`geo.render.assets`).
    """

    tiles: str = OSM_TILES
    attribution: str = OSM_ATTRIBUTION
    static_url: str = "/app/static/leaflet"


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


def _directory(argv: Sequence[str] | None, option: str, env: str, default: Path,
               environ: Mapping[str, str] | None) -> Path:
    environ = os.environ if environ is None else environ
    given = _option(argv, option)
    if given:
        return Path(given)
    if environ.get(env):
        return Path(environ[env])
    return default


def data_dir(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The data directory: ``--data DIR`` in ``argv``, else ``$FRONTLINE_DATA_DIR``, else data/."""
    return _directory(argv, "--data", DATA_ENV, DEFAULT_DATA_DIR, environ)


def store_dir(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The map store: ``--store DIR`` in ``argv``, else ``$FRONTLINE_STORE``, else data/local/."""
    return _directory(argv, "--store", STORE_ENV, DEFAULT_STORE, environ)


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


@dataclass(frozen=True)
class Settings:
    """Every setting of one run of the page or the command line, resolved once."""

    data_dir: Path       #: the shared data files
    store_dir: Path      #: imported maps, the gazetteer and the Parquet cache
    map: MapConfig       #: tiles, attribution, where Leaflet's files are served
    static_dir: Path = STATIC_DIR   #: where Leaflet's files are installed

    @property
    def cache_dir(self) -> Path:
        """The Parquet cache of validated data directories."""
        return self.store_dir / "cache"

    @classmethod
    def from_argv(cls, argv: Sequence[str] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
        """``--data``/``--store`` in ``argv``, else the environment, else the defaults."""
        return cls(data_dir=data_dir(argv, environ), store_dir=store_dir(argv, environ),
                   map=map_config(environ))

    @classmethod
    def from_options(cls, data: Path | str | None, store: Path | str | None,
                     environ: Mapping[str, str] | None = None) -> Settings:
        """The command line's ``--data``/``--store`` values (None when not given)."""
        argv = [*(["--data", str(data)] if data else []),
                *(["--store", str(store)] if store else [])]
        return cls.from_argv(argv, environ)
