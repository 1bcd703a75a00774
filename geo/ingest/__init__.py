"""Live sources (issue 12): adapters that fetch and parse each publisher's documents
(:mod:`~geo.ingest.registry`), the source documents kept with full provenance in the store
(:mod:`~geo.ingest.documents`), and the runs that take their claims in through the locked,
validated, atomic accept path. Between ``geo.cli`` and ``geo.synth`` in the layers.
"""

__all__: list[str] = []
