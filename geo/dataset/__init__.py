"""The curated data directory as a validated :class:`Dataset`: loading and validation
(:mod:`~geo.dataset.load`, its field checks in :mod:`~geo.dataset.checks`), the Parquet
cache for a fast cold start (:mod:`~geo.dataset.cache`), accepting reviewed claims into the files
(``geo.dataset.accept.accept``, not re-exported: its name is its module's) and a reader's
own uploaded files for their session (:mod:`~geo.dataset.uploads`, with close matches
for a misspelt value from :mod:`~geo.dataset.suggest`). May import
``geo.places`` and ``geo.io``, never maps, claims, text or render.
"""

from geo.dataset.accept import AcceptResult, oblast_name, slug
from geo.dataset.cache import data_fingerprint, load_cached
from geo.dataset.load import Dataset, load_dataset
from geo.dataset.uploads import (
    MAX_UPLOAD_BYTES,
    UPLOADABLE,
    UploadRejectedError,
    kind_of,
    recognised,
    session_dataset,
)

__all__ = ["MAX_UPLOAD_BYTES", "UPLOADABLE", "AcceptResult", "Dataset", "UploadRejectedError",
           "data_fingerprint", "kind_of", "load_cached", "load_dataset", "oblast_name",
           "recognised", "session_dataset", "slug"]
