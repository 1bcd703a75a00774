"""Controlled vocabularies of the data files (documented in data/README.md)."""

from __future__ import annotations

from typing import Final

SIDES: Final = ("ru", "ua", "independent")
SIDE_LABELS: Final = {"ru": "Russian side", "ua": "Ukrainian side", "independent": "Independent"}
CLAIMANT_KINDS: Final = ("government", "military", "osint", "analyst", "media")

STATUSES: Final = ("ukrainian", "contested", "russian")
STATUS_LABELS: Final = {
    "ukrainian": "Ukrainian-held",
    "contested": "Contested",
    "russian": "Russian-held",
    "none": "No claim",
}
#: Status filter values: the claim statuses plus "none" (no claim from the selected claimants).
FILTER_STATUSES: Final = (*STATUSES, "none")

EXTENTS: Final = ("full", "partial")
#: How a claim was made (``claims.csv``'s optional ``channel``; the scorecard's "kind").
CHANNELS: Final = ("bulletin", "briefing", "spokesperson", "statement", "map", "assessment")
QUALIFIERS: Final = ("more_than", "about", "exactly", "less_than")
QUALIFIER_LABELS: Final = {
    "more_than": "more than",
    "about": "about",
    "exactly": "",
    "less_than": "less than",
}
SETTLEMENT_KINDS: Final = ("city", "town", "village", "settlement", "station")

#: Ukraine's area including Crimea, km² (the denominator DeepState's percentages use).
#: Rows of claims derived from stored control maps start here (file rows stay below), so on
#: the same date a map claim counts as entered after the file's claims.
MAP_FIRST_ROW: Final = 1_000_000_000
UKRAINE_AREA_KM2: Final = 603_628.0

#: Ukraine's bounding box (lon/lat, WGS84), Crimea included, with a small margin.
UKRAINE_BBOX: Final = {"lat_min": 44.3, "lat_max": 52.4, "lon_min": 22.1, "lon_max": 40.3}

#: Map colours per claimed status (colour-blind-safe pairs: blue / orange / red-purple).
STATUS_COLORS: Final = {
    "ukrainian": "#1f6fd1",
    "contested": "#f2a900",
    "russian": "#c0392b",
    "none": "#b8b8b8",
}
DISPUTED_COLOR: Final = "#d6008f"
#: A disagreement whose newest claim is older than this many days is an old one: its ring
#: is dashed on the map and its popup says so (not necessarily a current dispute).
STALE_DISPUTE_DAYS: Final = 90

#: Required and optional columns of each data file, in file order.
COLUMNS: Final = {
    "claimants.csv": ("id", "name", "short", "side", "kind", "url"),
    "settlements.csv": (
        "id", "name", "name_uk", "aliases", "oblast", "kind",
        "population", "lat", "lon", "geonames_id",
    ),
    "claims.csv": (
        "id", "date", "settlement_id", "claimant", "status", "extent", "part",
        "encircled", "summary", "source", "source_url", "source_date", "channel",
    ),
    "territory.csv": (
        "date", "claimant", "share_pct", "qualifier", "area_km2", "denominator_km2",
        "includes", "summary", "source", "source_url", "refers_to",
    ),
}
#: Columns a file may carry beyond :data:`COLUMNS` (always optional, may be absent): a
#: claim's ``evidence``, the report's own sentence it was accepted from ("Add claims"), kept
#: in the user's data only, never in the bundled files; the ``summary`` stays in our words.
EXTRA_COLUMNS: Final = {"claims.csv": ("evidence",)}
#: Where an accept keeps each claim's evidence: a side file of its own (claim id, evidence),
#: so that claims.csv's lines never change when evidence is first added (a newsroom keeping
#: its data in git sees one added line per claim). claims.csv's own ``evidence`` column
#: (written before this file existed) is still read; the side file wins where both say.
EVIDENCE_FILE: Final = "claims-evidence.csv"
EVIDENCE_COLUMNS: Final = ("claim_id", "evidence")
#: Longest short claimant label (``claimants.csv``'s ``short``: sidebar chips, legends, tables).
SHORT_LABEL_MAX: Final = 20
#: Columns that may be left empty.
OPTIONAL: Final = {
    "claimants.csv": ("short", "url"),
    "settlements.csv": ("name_uk", "aliases", "population", "geonames_id"),
    "claims.csv": ("part", "encircled", "source_url", "source_date", "channel"),
    "territory.csv": ("area_km2", "denominator_km2", "includes", "source_url", "refers_to"),
}
#: Columns that may be absent from the header altogether (filled with empty values).
MAY_BE_ABSENT: Final = {
    "claimants.csv": ("short", "url"),
    "settlements.csv": ("name_uk", "aliases", "population", "geonames_id"),
    "claims.csv": ("part", "source_date", "channel"),
    "territory.csv": ("refers_to", "includes"),
}

#: Classes of a control map (DeepState's layers) and their labels.
CLASSES: Final = ("occupied", "pre2022", "grey", "liberated")
CLASS_LABELS: Final = {
    "occupied": "Russian-held since 2022",
    "pre2022": "Russian-held before 2022",
    "grey": "Grey zone (status unknown)",
    "liberated": "Liberated by Ukraine",
}
#: ``occupied`` in a processed file covers every Russian-held area (pre-2022 not split out).
PROCESSED_LABEL: Final = "Russian-held (incl. before 2022)"
