"""Live sources (issue 12): adapters that fetch and parse each publisher's documents
(:mod:`~geo.ingest.registry`: DeepState, Telegram channels, General Staff reports, ISW,
VIINA), the runner that takes their claims in through the locked, validated, atomic accept
path (:mod:`~geo.ingest.runner`), the source documents kept with full provenance in the store
(:mod:`~geo.ingest.documents`), the shared review queue (:mod:`~geo.ingest.queue`) and the
scheduler (:mod:`~geo.ingest.watch`). Between ``geo.cli`` and ``geo.synth`` in the layers.
"""

from geo.ingest.documents import DocumentStore, SourceDocument
from geo.ingest.model import Adapter, IngestContext, RunReport
from geo.ingest.queue import QueuedDraft, ReviewQueue
from geo.ingest.registry import ADAPTERS, adapter
from geo.ingest.runner import run_adapter
from geo.ingest.watch import Watcher, load_config

__all__ = ["ADAPTERS", "Adapter", "DocumentStore", "IngestContext", "QueuedDraft",
           "ReviewQueue", "RunReport", "SourceDocument", "Watcher", "adapter", "load_config",
           "run_adapter"]
