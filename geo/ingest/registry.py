"""Every source adapter, registered in one place: name → :class:`~geo.ingest.model.Adapter`
(how its documents are fetched, how one is parsed)."""

from __future__ import annotations

from geo.errors import InputError
from geo.ingest import deepstate, reports, telegram, viina
from geo.ingest.model import Adapter

ADAPTERS: dict[str, Adapter] = {a.name: a for a in (
    deepstate.ADAPTER, telegram.ADAPTER, reports.GENSTAFF, reports.ISW, viina.ADAPTER)}


def adapter(name: str) -> Adapter:
    """The adapter called ``name``."""
    if name not in ADAPTERS:
        raise InputError(f"unknown source {name!r}; known: {', '.join(sorted(ADAPTERS))}")
    return ADAPTERS[name]
