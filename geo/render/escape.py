"""The one escape every data-derived string passes before it reaches the map's HTML or JS."""

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
