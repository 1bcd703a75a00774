"""Claims by date: the claim index and resolution, the reference implementation, disputes
and filters, territory figures, the view of one page state, the claims table, downloads,
the counts by publisher, and the page state with its URL codec."""

from geo.claims.export import (
    geojson_sizes,
    side_records,
    to_csv_bytes,
    to_geojson_bytes,
    with_claims,
)
from geo.claims.filters import SIDE_FIELDS, disputed, filter_view
from geo.claims.index import (
    ClaimIndex,
    PairMatrix,
    build_index,
    latest_rows,
    pair_matrix,
    resolve,
)
from geo.claims.latest import latest_claims
from geo.claims.reference import resolve_naive
from geo.claims.sources import claimant_summary, publishers, source_links
from geo.claims.state import PageState
from geo.claims.table import TABLE_COLUMNS, claims_table, display_dates
from geo.claims.territory import format_km2, format_share, territory_series, territory_view
from geo.claims.timeline import Timeline, timeline, timeline_naive
from geo.claims.urlcodec import PAGES, Universe, decode, decode_page, encode, encode_page
from geo.claims.view import View, build_view

__all__ = [
    "PAGES", "SIDE_FIELDS", "TABLE_COLUMNS", "ClaimIndex", "PageState", "PairMatrix",
    "Timeline", "Universe", "View", "build_index", "build_view", "claimant_summary",
    "claims_table", "decode", "decode_page", "display_dates", "disputed", "encode",
    "encode_page", "filter_view", "format_km2", "format_share", "geojson_sizes", "latest_claims",
    "latest_rows",
    "pair_matrix", "publishers", "resolve", "resolve_naive", "side_records", "source_links",
    "territory_series", "territory_view", "timeline", "timeline_naive", "to_csv_bytes",
    "to_geojson_bytes", "with_claims",
]
