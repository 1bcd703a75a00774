"""Place names: folding and transliteration keys (:mod:`~geo.places.fold`), the GeoNames
gazetteer in the store (:mod:`~geo.places.gazetteer`), resolving a name to a place with
its ambiguity rules (:mod:`~geo.places.resolution`) and settlement search by any spelling
(``geo.places.search.search``, not re-exported: its name is its module's). Imports only
``geo.io`` (and settings, vocab, errors).
"""

from geo.places.fold import fold, latin, skeleton
from geo.places.gazetteer import NAMES, PLACES, import_gazetteer, load_gazetteer, spelling_index
from geo.places.resolution import PlaceContext, Resolution, Resolver
from geo.places.search import settlement_name_index

__all__ = ["NAMES", "PLACES", "PlaceContext", "Resolution", "Resolver", "fold",
           "import_gazetteer", "latin", "load_gazetteer", "settlement_name_index", "skeleton",
           "spelling_index"]
