"""Branca plumbing: a package script called with JSON values, and text that renders as itself.

Every script of the map is a file in ``geo/render/static/`` holding one JavaScript function
expression ``(function(target, values) { ... })``; :class:`Script` calls it with its parent
(the map or a FeatureGroup) and a JSON object of values. The files are read once per
process as package data (:func:`asset`).
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TypeAlias

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

#: The folium type of every layer this package builds.
Layer: TypeAlias = folium.FeatureGroup

#: The one template of every script, compiled once per process (compiling costs ~5 ms).
#: streamlit-folium calls its ``script`` macro directly, so a Script must have one.
_TEMPLATE = Template(
    "{% macro script(this, kwargs) %}"
    "{{ this.source }}({{ this._parent.get_name() }}, {{ this.values }});"
    "{% endmacro %}"
)


@functools.cache
def asset(name: str) -> str:
    """The text of ``geo/render/static/NAME`` (read once per process)."""
    return (resources.files("geo.render") / "static" / name).read_text(encoding="utf-8")


class Script(MacroElement):
    """A script of ``geo/render/static/``, called with its parent and JSON-encoded values.

    The values are JSON-encoded once, HTML-safe (``<``, ``>``, ``&``, ``'`` escaped, as
    Jinja's ``tojson`` does; backtick and ``$`` too, which occur only inside JSON strings,
    so that no data text reads as a template literal), and passed as one object:
    ``values.NAME`` in the script. Plain names (for the canvas labels) arrive as themselves.
    Rendering adds the script as literal text: branca would compile every rendered script
    as a Jinja template again, which costs ~100 ms for a country's worth of places.
    """

    def __init__(self, name: str, **values: object) -> None:
        super().__init__()
        self._name = "FrontlineScript"
        self._template = _TEMPLATE
        self.source = asset(name).rstrip()
        self.values = encode(values)

    @classmethod
    def encoded(cls, name: str, values: str) -> Script:
        """The script called with ``values`` already encoded (by :func:`encode`, or joined
        from parts it encoded): a caller that keeps the encoded text of values that did not
        change does not encode them again."""
        script = cls(name)
        script.values = values
        return script

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as MacroElement's
        """Add the script to the figure as it is (no second template pass)."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "a Script renders only inside a Figure"
        script = self._template.module.__dict__["script"](self, kwargs)
        figure.script.add_child(Literal(script), name=self.get_name())


def encode(values: object) -> str:
    """JSON of ``values`` as a script receives them (see :class:`Script`)."""
    text = str(htmlsafe_json_dumps(values, separators=(",", ":")))
    return text.replace("`", "\\u0060").replace("$", "\\u0024")


class Literal(Element):
    """Text that renders as itself (never parsed as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        """The text, unchanged."""
        return self.text
