"""Safe text for Streamlit markdown: data never becomes markup."""

from __future__ import annotations

import re
from urllib.parse import quote

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'])")


_ZWSP = "\u200b"


def md(text: object) -> str:
    """Backslash-escape every character Markdown (or Streamlit's extensions) could interpret.

    Bare URLs are broken with a zero-width space so they are not auto-linked.
    """
    plain = str(text).replace("\n", " ")
    plain = plain.replace("://", ":" + _ZWSP + "//").replace("www.", "www" + _ZWSP + ".")
    return _MD_SPECIAL.sub(r"\\\1", plain)


def md_link(label: object, url: object) -> str:
    """A Markdown link with an escaped label, or the escaped label alone for a non-http(s) URL."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return md(label)
    safe_url = quote(url, safe=":/?&=%#,;@+~!*-._")
    return f"[{md(label)}]({safe_url})"


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """The text as escaped Markdown with the given character spans highlighted (the first
    of two overlapping spans wins)."""
    out, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:
            continue
        out.append(md(text[pos:a]))
        out.append(f":orange-background[{md(text[a:b])}]")
        pos = b
    out.append(md(text[pos:]))
    return "".join(out)
