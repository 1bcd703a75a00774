"""Control maps (DeepState snapshots): parsing and classification
(:mod:`~geo.maps.deepstate`), CRS and longitude/latitude checks (:mod:`~geo.maps.crs`),
fetching and importing (:mod:`~geo.maps.importer`), the GeoParquet snapshot store
(:mod:`~geo.maps.store`), equal-area figures (:mod:`~geo.maps.area`), the map as a claimant
(:mod:`~geo.maps.claimant`), changes between two maps (:mod:`~geo.maps.changes`) and a
reader's uploaded map (:mod:`~geo.maps.uploads`). Built on ``geo.dataset`` and ``geo.io``.
"""

from geo.maps.area import Figures, figures, km2
from geo.maps.changes import MapChanges, map_changes
from geo.maps.claimant import derived_claims, with_map_claims
from geo.maps.crs import check_crs
from geo.maps.deepstate import Snapshot, classify, parse_snapshot, snapshot_date
from geo.maps.importer import (
    Imported,
    describe,
    import_deepstate,
    load_snapshot,
    snapshot_figures,
)
from geo.maps.store import (
    MAP_CLAIMANT,
    StoredMap,
    figure_series,
    list_maps,
    map_on_or_before,
    maps_table,
    read_map,
    save_snapshot,
)
from geo.maps.uploads import session_map

__all__ = ["MAP_CLAIMANT", "Figures", "Imported", "MapChanges", "Snapshot", "StoredMap",
           "check_crs", "classify", "derived_claims", "describe", "figure_series", "figures",
           "import_deepstate", "km2", "list_maps", "load_snapshot", "map_changes",
           "map_on_or_before", "maps_table", "parse_snapshot", "read_map", "save_snapshot",
           "session_map", "snapshot_date", "snapshot_figures", "with_map_claims"]
