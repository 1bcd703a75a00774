"""Reading a rendered map as the browser does: the values each package script is called with."""

from __future__ import annotations

import json
import re

# a script of geo/render/static/ ends with "})" and is called as (target, {values});
_CALL = re.compile(r"\}\)\((\w+), (?=\{)")


def script_values(html: str, key: str) -> dict:
    """The JSON values of the one script called with ``key`` among them, decoded."""
    found = []
    for match in _CALL.finditer(html):
        values, _ = json.JSONDecoder().raw_decode(html[match.end():])
        if key in values:
            found.append(values)
    assert len(found) == 1, f"{len(found)} scripts with values {key!r} in the rendered map"
    return found[0]
