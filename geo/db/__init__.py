"""The PostgreSQL/PostGIS store: versioned SQL migrations, loading a data directory into a
database and dumping it back byte for byte, a version's read-only mirror directory,
transactional, audited writes (claims, figures, new settlements, control maps, the places
table), place classes by a PostGIS spatial join, and the stored maps back in the map
store's format. The page and the commands reach it through ``geo.store`` and ``geo.cli``."""

from geo.db.connect import actor_name, connect, database_url, redacted, transaction
from geo.db.dump import dump_directory
from geo.db.load import LoadResult, load_directory
from geo.db.mapfiles import dump_maps
from geo.db.maps import MapWrite, import_deepstate_db, map_writer, reclassify_all, store_map
from geo.db.migrate import applied, migrations, upgrade
from geo.db.mirror import current_version, database_key, sync_mirror
from geo.db.places import PlacesRefresh, places_of_dump, refresh_places
from geo.db.problems import refusal
from geo.db.repository import Accepted, accept_claims
from geo.db.settlements import add_settlements
from geo.db.spatial import place_classes

__all__ = [
    "Accepted", "LoadResult", "MapWrite", "PlacesRefresh", "accept_claims", "actor_name",
    "add_settlements", "applied", "connect", "current_version", "database_key",
    "database_url", "dump_directory", "dump_maps", "import_deepstate_db", "load_directory",
    "map_writer", "migrations", "place_classes", "places_of_dump", "reclassify_all",
    "redacted", "refresh_places", "refusal", "store_map", "sync_mirror", "transaction",
    "upgrade",
]
