"""The page state: every control the reader has set, as one value (no streamlit here).

The page builds one :class:`PageState` per rerun from its widgets
(:mod:`ui.state`) and hands it to each part of the page; :mod:`geo.claims.urlcodec`
turns it into URL query parameters and back, so a copied link reopens the same view.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from geo.vocab import FILTER_STATUSES, STATUS_LABELS


@dataclass(frozen=True)
class PageState:
    """What the reader has chosen. Tuples keep their canonical order."""

    date: dt.date
    claimants: tuple[str, ...]
    statuses: tuple[str, ...] = FILTER_STATUSES
    disputed_only: bool = False
    settlement: str | None = None      #: the selected place (search, list, link or click)
    max_age_days: int | None = None    #: ignore claims older than this many days
    control_map: bool = True           #: draw the control map in force on the date
    show_change: bool = False          #: draw the change between two control maps
    #: the compare-from date of the control-map comparison; None: the snapshot before the
    #: one in force on :attr:`date`
    compare_from: dt.date | None = None
    #: where the reader left the map: its centre (latitude, longitude) and zoom; None: the
    #: page's own view (the whole data, or the selected place)
    center: tuple[float, float] | None = None
    zoom: int | None = None

    def filters_applied(self) -> list[str]:
        """The filters that hide places or claims, in words, for a caption that travels with
        a picture of the map ("only disputed places", "claims older than 30 days ignored");
        empty when every place and claim of the selected claimants is shown."""
        said: list[str] = []
        if self.disputed_only:
            said.append("only places where claimants disagree")
        if set(self.statuses) != set(FILTER_STATUSES):
            kept = [STATUS_LABELS[s] for s in FILTER_STATUSES if s in self.statuses]
            said.append("statuses shown: " + (", ".join(kept) if kept else "none"))
        if self.max_age_days is not None:
            said.append(f"claims older than {self.max_age_days} days ignored")
        return said

    def for_view(self) -> PageState:
        """The part that decides the resolved claims and figures (the map-layer toggles, the
        comparison and the map's centre and zoom left at their defaults), so that views are
        shared across them."""
        return dataclasses.replace(self, control_map=True, show_change=False,
                                   compare_from=None, center=None, zoom=None)
