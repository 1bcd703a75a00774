"""The PostgreSQL/PostGIS store (issue 16, first step): versioned SQL migrations, loading
a data directory into a database and dumping it back byte for byte, transactional,
audited writes, and place classes by a PostGIS spatial join. The page and the other
commands still run on the files."""

from geo.db.connect import actor_name, connect, database_url, transaction
from geo.db.dump import dump_directory
from geo.db.load import LoadResult, load_directory
from geo.db.migrate import applied, migrations, upgrade
from geo.db.problems import refusal
from geo.db.repository import Accepted, accept_claims
from geo.db.spatial import place_classes

__all__ = [
    "Accepted", "LoadResult", "accept_claims", "actor_name", "applied", "connect",
    "database_url", "dump_directory", "load_directory", "migrations", "place_classes",
    "refusal", "transaction", "upgrade",
]
