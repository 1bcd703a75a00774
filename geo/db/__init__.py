"""The PostgreSQL/PostGIS store: versioned SQL migrations, loading a data directory into a
database and dumping it back byte for byte, a version's read-only mirror directory,
transactional, audited writes (claims, figures, new settlements), and place classes by a
PostGIS spatial join. The page and the commands reach it through ``geo.store``."""

from geo.db.connect import actor_name, connect, database_url, redacted, transaction
from geo.db.dump import dump_directory
from geo.db.load import LoadResult, load_directory
from geo.db.migrate import applied, migrations, upgrade
from geo.db.mirror import current_version, database_key, sync_mirror
from geo.db.problems import refusal
from geo.db.repository import Accepted, accept_claims
from geo.db.settlements import add_settlements
from geo.db.spatial import place_classes

__all__ = [
    "Accepted", "LoadResult", "accept_claims", "actor_name", "add_settlements", "applied",
    "connect", "current_version", "database_key", "database_url", "dump_directory",
    "load_directory", "migrations", "place_classes", "redacted", "refusal", "sync_mirror",
    "transaction", "upgrade",
]
