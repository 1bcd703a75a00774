"""An extractor over a tiny gazetteer of a test's own rows, with the bundled settlements and
claimants (milbloggers added where the frozen claimants predate them)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.places.gazetteer import spelling_index
from geo.places.resolution import Resolver
from geo.text.extract import Extractor
from tests.places.geonames import BUNDLED

#: The rows' columns; a row of eight also gives the raion after the oblast.
COLUMNS = ["geonameid", "name", "alternatenames", "oblast", "population", "lat", "lon"]
WITH_RAION = ["geonameid", "name", "alternatenames", "oblast", "raion", "population", "lat",
              "lon"]


def tiny_extractor(rows: Sequence[tuple], milbloggers: bool = True) -> Extractor:
    """The extractor over ``rows`` (geonameid, name, alternate names, oblast, [raion,]
    population, lat, lon); ``milbloggers``: add that claimant when the bundled ones lack it."""
    with_raion = bool(rows) and len(rows[0]) == len(WITH_RAION)
    places = pd.DataFrame(list(rows), columns=WITH_RAION if with_raion else COLUMNS)
    places = places.assign(feature_code="PPL")
    if not with_raion:
        places = places.assign(raion="")
    claimants = BUNDLED.claimants
    if milbloggers and "ru_milblogger" not in set(claimants["id"]):
        claimants = pd.concat([claimants, pd.DataFrame([{
            "id": "ru_milblogger", "name": "Russian military bloggers", "short": "Milbloggers",
            "side": "ru", "kind": "media", "url": ""}])], ignore_index=True)
    return Extractor(Resolver(BUNDLED.settlements, (places, spelling_index(places))),
                     claimants)
