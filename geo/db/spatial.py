"""Spatial work PostGIS does: every place's class on a stored map, by one spatial join.

The same rules as :func:`geo.maps.placeclasses.classify_places` (checked against it in
``tests/db/test_spatial.py``): a place on an edge is inside (``ST_Covers``), a place in a
hole is not, the stronger class wins (pre2022 > occupied > grey > liberated), and a place
outside :data:`geo.vocab.UKRAINE_BBOX` is ``outside``. The ``since`` dates still chain in
Python (:func:`geo.maps.placeclasses.since_dates`): they need the previous map's classes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import psycopg

from geo.maps.placeclasses import CODES, PRIORITY
from geo.vocab import UKRAINE_BBOX

_RANK = " ".join(f"WHEN '{cls}' THEN {i + 1}" for i, cls in enumerate(PRIORITY))
_CODE = " ".join(f"WHEN {i + 1} THEN {CODES[cls]}" for i, cls in enumerate(PRIORITY))
_BOX = UKRAINE_BBOX
# built from this module's constants only
_QUERY = f"""
    WITH hits AS (
        SELECT p.geonameid, max(CASE m.class {_RANK} END) AS rank
        FROM map_polygons m JOIN places p ON ST_Covers(m.geom, p.geom)
        WHERE m.snapshot = %s
        GROUP BY p.geonameid)
    SELECT p.id, CASE WHEN p.lat BETWEEN {_BOX['lat_min']} AND {_BOX['lat_max']}
                       AND p.lon BETWEEN {_BOX['lon_min']} AND {_BOX['lon_max']}
                      THEN CASE h.rank {_CODE} ELSE {CODES['none']} END
                      ELSE {CODES['outside']} END
    FROM places p LEFT JOIN hits h USING (geonameid)
    ORDER BY p.geonameid"""  # noqa: S608


def place_classes(conn: psycopg.Connection, snapshot: int) -> pd.DataFrame:
    """``place`` (id) and ``class`` (uint8 code) of every place on stored map ``snapshot``,
    in GeoNames id order."""
    rows = conn.execute(_QUERY, (snapshot,)).fetchall()
    return pd.DataFrame({"place": np.array([r[0] for r in rows], dtype=object),
                         "class": np.array([r[1] for r in rows], dtype=np.uint8)})
