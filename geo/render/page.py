"""Scripts for the page itself, outside the map (added by ``ui`` with ``st.html``).

Only our own files, with no data in them: ``static/date_enter.js`` makes Enter apply a date
typed into the sidebar's field (see that file).
"""

from __future__ import annotations

from geo.render.elements import asset

DATE_ENTER = "date_enter.js"


def date_enter_script() -> str:
    """``static/date_enter.js`` called with the page's document, as a ``<script>`` element."""
    return f"<script>{asset(DATE_ENTER).rstrip()}(document, {{}});</script>"
