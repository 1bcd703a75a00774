"""JSON text of the canvas's integer arrays, written faster than ``json`` writes them.

A country's layer sends ~34,000 status codes and up to three times as many claim ages on
every date; ``json.dumps`` of such a list costs ~3 ms. The same text (integers in their
decimal form, ``null`` for a missing one, no spaces) is joined here from strings made once
per process for the small numbers these arrays hold (~1 ms).
"""

from __future__ import annotations

from collections.abc import Iterable

#: Numbers whose text is kept (codes are below 8,192; ages in days mostly below 16,384).
KEPT = 1 << 14
_TEXT = [str(i) for i in range(KEPT)]


def number(value: int | None) -> str:
    """One integer (or ``null``) as JSON writes it."""
    if value is None:
        return "null"
    return _TEXT[value] if 0 <= value < KEPT else str(value)


def int_list(values: Iterable[int | None]) -> str:
    """``json.dumps(list(values), separators=(",", ":"))`` of integers and ``None``."""
    return "[" + ",".join([_TEXT[v] if v is not None and 0 <= v < KEPT else number(v)
                           for v in values]) + "]"


def int_dict(values: dict[str, int]) -> str:
    """The same for a dict of digit-string keys (no character to escape) to integers."""
    return "{" + ",".join([f'"{k}":{number(v)}' for k, v in values.items()]) + "}"
