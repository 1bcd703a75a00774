"""A database's refusal as the file store words it: one line naming the table, the row's
key, the field and the value, and the fix (``claims[kup-1] id = 'kup-1': ... Fix: ...``)."""

from __future__ import annotations

import re

import psycopg
from psycopg import errors

from geo import vocab
from geo.errors import InputError

#: constraint name → (field, problem, fix); names are those of migrations/*.sql
_RULES: dict[str, tuple[str, str, str]] = {
    "claimants_pkey": ("id", "duplicate id (already in the database)",
                       "give each row its own id"),
    "settlements_pkey": ("id", "duplicate id (already in the database)",
                         "give each row its own id"),
    "claims_pkey": ("id", "duplicate id (already in the database)", "give each row its own id"),
    "settlements_geonames_id_key": (
        "geonames_id", "GeoNames id already used by another settlement",
        "keep one row per place: merge the two rows or correct the id"),
    "places_pkey": ("geonameid", "GeoNames id already in the places table",
                    "keep one row per GeoNames place"),
    "places_id_key": ("id", "place id already in the places table",
                      "keep one row per place id"),
    "territory_figure_key": ("share_pct", "the same figure is already in the database",
                             "drop the repeated figure"),
    "map_snapshots_date_key": ("date", "a map of this claimant and date is already stored",
                               "remove the stored map first or load a fresh database"),
    "claims_claimant_fkey": ("claimant", "unknown id (not in claimants)",
                             "use an id from claimants or add it there first"),
    "territory_claimant_fkey": ("claimant", "unknown id (not in claimants)",
                                "use an id from claimants or add it there first"),
    "map_snapshots_claimant_fkey": ("claimant", "unknown id (not in claimants)",
                                    "add the map's claimant to claimants.csv first"),
    "claims_settlement_fkey": ("settlement_id", "unknown id (not in settlements)",
                               "use an id from settlements or places, or add it there first"),
    "claims_place_fkey": ("settlement_id", "unknown id (not in settlements or places)",
                          "use an id from settlements or places, or add it there first"),
    "claim_evidence_claim_fkey": ("claim_id", "names no claim in claims",
                                  "use the id of a claim in claims.csv, or delete the row"),
    "map_place_classes_place_fkey": ("place", "unknown place (not in places)",
                                     "re-derive the map's classes from this places table "
                                     "(python -m geo maps rederive)"),
    "claims_status_vocab": ("status", "unknown value", f"use one of: {', '.join(vocab.STATUSES)}"),
    "claims_extent_vocab": ("extent", "unknown value", f"use one of: {', '.join(vocab.EXTENTS)}"),
    "claims_channel_vocab": ("channel", "unknown value",
                             f"use one of: {', '.join(vocab.CHANNELS)} (or leave it empty)"),
    "claimants_side_vocab": ("side", "unknown value", f"use one of: {', '.join(vocab.SIDES)}"),
    "claimants_kind_vocab": ("kind", "unknown value",
                             f"use one of: {', '.join(vocab.CLAIMANT_KINDS)}"),
    "settlements_kind_vocab": ("kind", "unknown value",
                               f"use one of: {', '.join(vocab.SETTLEMENT_KINDS)}"),
    "territory_qualifier_vocab": ("qualifier", "unknown value",
                                  f"use one of: {', '.join(vocab.QUALIFIERS)}"),
    "claims_id_format": ("id", "invalid format",
                         "use a lowercase slug: letters, digits, - or _"),
    "claims_source_url_format": ("source_url", "invalid format",
                                 "use a full http(s):// address or leave it empty"),
    "claims_summary_required": ("summary", "required field is empty", "fill in summary"),
    "claims_source_required": ("source", "required field is empty", "fill in source"),
    "territory_share_pct_range": ("share_pct", "out of range", "use a number between 0 and 100"),
    "review_queue_state_vocab": ("state", "unknown value", "use one of: pending, accepted, "
                                 "rejected"),
}
_KEY = re.compile(r"Key \((?P<field>[^)]*)\)=\((?P<value>.*)\)", re.S)


def refusal(exc: psycopg.Error, table: str, key: str, row: dict[str, object] | None = None
            ) -> InputError:
    """An :class:`InputError` with the one-line message for ``exc`` about row ``key``."""
    diag = exc.diag
    constraint = diag.constraint_name or ""
    table = diag.table_name or table
    detail = _KEY.search(diag.message_detail or "")
    field, problem, fix = _RULES.get(constraint, ("", "", ""))
    if detail and not field:
        field = detail.group("field")
    value = ""
    if row is not None and field in row and row[field] is not None:
        value = str(row[field])
    elif detail:
        value = detail.group("value")
    if not problem:
        problem = (diag.message_primary or str(exc)).strip().splitlines()[0]
        fixes: dict[type[psycopg.Error], str] = {
            errors.UniqueViolation: "give each row its own key",
            errors.ForeignKeyViolation: "add the referenced row first",
            errors.CheckViolation: "correct the value",
            errors.NotNullViolation: "fill in the field"}
        fix = fixes.get(type(exc), "correct the row")
    shown = f" = {value!r}" if value != "" else ""
    where = f"{table}[{key}]" if key else table
    return InputError(f"{where} {field}{shown}: {problem}. Fix: {fix}".replace("  ", " "))
