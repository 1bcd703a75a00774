"""Spatial work PostGIS does: every place's class on a stored map, by one spatial join.

The same rules as :func:`geo.maps.placeclasses.classify_places` (checked against it in
``tests/db/test_spatial.py`` and, on a national map, by ``bench/db_maps.py``): a place on
an edge is inside (``ST_Covers``, the GiST index of ``map_polygons`` and ``places``), a
place in a hole is not, the stronger class wins (pre2022 > occupied > grey > liberated),
and a place outside :data:`geo.vocab.UKRAINE_BBOX` is ``outside``. The ``since`` dates
chain in SQL too (:data:`STATUS_OF_CODE`, :mod:`geo.db.maps`), as
:func:`geo.maps.placeclasses.since_dates` does them in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import psycopg

from geo.maps.placeclasses import CODES, PRIORITY, STATUS_OF
from geo.vocab import UKRAINE_BBOX

_RANK = " ".join(f"WHEN '{cls}' THEN {i + 1}" for i, cls in enumerate(PRIORITY))
_CODE = " ".join(f"WHEN {i + 1} THEN {CODES[cls]}" for i, cls in enumerate(PRIORITY))
_BOX = UKRAINE_BBOX
#: each place (``place``: its id) and its class code on the map ``%(snapshot)s``, built
#: from this module's constants only
CLASSES_SQL = f"""
    WITH hits AS (
        SELECT p.geonameid, max(CASE m.class {_RANK} END) AS rank
        FROM map_polygons m JOIN places p ON ST_Covers(m.geom, p.geom)
        WHERE m.snapshot = %(snapshot)s
        GROUP BY p.geonameid)
    SELECT p.id AS place, p.geonameid,
           CASE WHEN p.lat BETWEEN {_BOX['lat_min']} AND {_BOX['lat_max']}
                 AND p.lon BETWEEN {_BOX['lon_min']} AND {_BOX['lon_max']}
                THEN CASE h.rank {_CODE} ELSE {CODES['none']} END
                ELSE {CODES['outside']} END AS class
    FROM places p LEFT JOIN hits h USING (geonameid)"""  # noqa: S608

_STATUS_INDEX = {None: 0, "ukrainian": 1, "contested": 2, "russian": 3}


def status_of_code(column: str) -> str:
    """A SQL expression of the claimed status (an index: 0 none, 1 ukrainian, 2 contested,
    3 russian) of the class code in ``column`` (a column name of this package's SQL)."""
    cases = " ".join(f"WHEN {code} THEN {_STATUS_INDEX[STATUS_OF[name]]}"
                     for name, code in CODES.items())
    return f"(CASE {column} {cases} END)"


def place_classes(conn: psycopg.Connection, snapshot: int) -> pd.DataFrame:
    """``place`` (id) and ``class`` (uint8 code) of every place on stored map ``snapshot``,
    in GeoNames id order."""
    rows = conn.execute(f"SELECT place, class FROM ({CLASSES_SQL}) AS k "  # noqa: S608
                        "ORDER BY geonameid", {"snapshot": snapshot}).fetchall()
    return pd.DataFrame({"place": np.array([r[0] for r in rows], dtype=object),
                         "class": np.array([r[1] for r in rows], dtype=np.uint8)})
