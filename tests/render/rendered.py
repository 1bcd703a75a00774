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


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of label boxes ``[x, y, w, h]`` (as labels.js reports them) that overlap."""
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[:i])
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]


# the labeller's report on the map container, in the map's frame
LABELS_JS = ("(sel) => { const f = document.querySelector(sel); const d = f && f.contentDocument;"
             " const e = d && d.querySelector('[data-fc-labels]');"
             " return e && JSON.parse(e.getAttribute('data-fc-labels')); }")
