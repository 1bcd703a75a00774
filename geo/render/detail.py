"""Level of detail: at most so many places on the map, never leaving out a disputed one."""

from __future__ import annotations

import pandas as pd

#: At most this many places are drawn on the canvas; the rest are summarised
#: (see level_of_detail). 30,000 places (all of Ukraine's) are drawn in full.
MARKER_LIMIT = 40_000


def level_of_detail(view: pd.DataFrame, limit: int = MARKER_LIMIT) -> tuple[pd.DataFrame, str]:
    """At most ``limit`` settlements to draw: every disputed one, then the largest others.

    Returns the rows and a note for the reader ("" when nothing is left out). A disputed
    settlement is never left out, even beyond ``limit``.
    """
    if len(view) <= limit:
        return view, ""
    disputed = view[view["disputed"]]
    others = view[~view["disputed"]]
    room = max(limit - len(disputed), 0)
    pop = pd.to_numeric(others["population"], errors="coerce").fillna(0)
    keep = others.loc[pop.sort_values(ascending=False, kind="stable").index[:room]]
    shown = view.loc[view.index.isin(disputed.index.union(keep.index))]
    note = (f"Showing {len(shown):,} of {len(view):,} settlements: every disputed one and the "
            f"largest of the others. Filter by status, choose fewer claimants or search a "
            f"place to see the rest.")
    return shown, note
