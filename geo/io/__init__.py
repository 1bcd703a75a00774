"""Files in and out, below every other package: strict CSV reading with exact line numbers
(:mod:`~geo.io.csvfile`), the one atomic write (:mod:`~geo.io.atomic`: temp file, fsync,
rename, the replaced file's permissions kept), the per-directory write lock
(:mod:`~geo.io.locking`) and http(s) fetching with a timeout and a size cap
(``geo.io.fetch.fetch``, not re-exported here: its name is its module's). Imports only
``geo.settings``, ``geo.vocab`` and ``geo.errors``.
"""

from geo.io.atomic import (
    atomic_directory,
    atomic_write,
    atomic_write_bytes,
    atomic_write_parquet,
    atomic_write_text,
)
from geo.io.csvfile import LINE, read_csv_file, read_csv_text
from geo.io.locking import locked

__all__ = ["LINE", "atomic_directory", "atomic_write", "atomic_write_bytes",
           "atomic_write_parquet", "atomic_write_text", "locked", "read_csv_file",
           "read_csv_text"]
