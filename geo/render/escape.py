"""The one escape every data-derived string passes before it reaches the map's HTML or JS,
and the isolation of data text from the page's own (issue 14.10): a name holding an
unbalanced right-to-left override must not reverse the words around it."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd


def esc(value: Any) -> str:
    """HTML-escape ``value`` and neutralize characters special in JS template literals.

    Safe in element content, quoted attributes, and inside backtick strings
    (backtick, ``$`` and backslash become character references).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


#: First strong isolate and pop directional isolate: plain-text isolation (titles, alt text).
FSI, PDI = "\u2068", "\u2069"


def bdi(value: Any) -> str:
    """:func:`esc` of ``value`` inside ``<bdi>``: HTML data text isolated from its
    surroundings (an override or embedding in it ends with the element)."""
    text = esc(value)
    return f"<bdi>{text}</bdi>" if text else ""


def isolate(value: Any) -> str:
    """``value`` as plain text between FSI and PDI, for places that take text, not HTML (a
    DOM property such as a marker's ``title``); not escaped."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return f"{FSI}{value}{PDI}"
