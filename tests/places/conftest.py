"""Fixtures: the tiny gazetteer store and its resolver (see tests/places/geonames.py)."""

from tests.places.geonames import gazetteer_store, resolver

__all__ = ["gazetteer_store", "resolver"]
