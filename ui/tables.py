"""The claims behind the map (newest first) and the selected settlement's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.claims.state import PageState
from geo.claims.table import TABLE_COLUMNS, display_dates
from geo.claims.tablehead import shown_head
from geo.claims.view import View
from geo.dataset.load import Dataset
from geo.vocab import SIDE_LABELS, STATUS_LABELS
from ui.data import short_labels
from ui.text import md
from ui.viewcache import PerView

#: Rows of the on-screen claims table (the download has every row).
TABLE_ROWS = 2000


def readable(table: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Labels instead of codes for the on-screen tables (``labels``: claimant → short label,
    put in ``claimant_name``)."""
    enc = table["encircled"].map({True: "says encircled", False: "denies encirclement"})
    out = table.assign(
        status=table["status"].map(STATUS_LABELS),
        side=table["side"].map(SIDE_LABELS),
        encircled=enc.fillna("").astype(str),
    )
    if labels is not None:
        out["claimant_name"] = out["claimant"].map(labels)
    return out


#: The claims table's columns on screen, in order (the link second, the summary last),
#: with their headers in words; the frame keeps the download's column names.
SHOWN_COLUMNS = {
    "settlement_name": "settlement", "source_url": "source link", "claimant_name": "claimant",
    "side": "side", "date": "claim date", "age_days": "age (days)", "since": "status since",
    "status": "status",
    "extent": "extent", "part": "part", "encircled": "encirclement", "source": "source",
    "source_date": "source date", "summary": "summary",
}


#: The columns shown at first: they fit a laptop's width without sideways scrolling (a new
#: user's finding: all 14 did not); the others are a click away, the CSV has them all.
DEFAULT_SHOWN = ("settlement_name", "source_url", "claimant_name", "date", "status", "extent",
                 "part", "summary")


def shown_columns(headers: list[str], columns: dict[str, str] = SHOWN_COLUMNS,
                  default: tuple[str, ...] = DEFAULT_SHOWN) -> list[str]:
    """A table's column keys for the headers a reader chose, in the table's order
    (``columns``: key → header; ``default`` when none is chosen: an empty table says
    nothing). The claims table's by default."""
    keys = [k for k, h in columns.items() if h in set(headers)]
    return keys or list(default)


def column_config(headers: dict[str, str]) -> dict[str, Any]:
    """Streamlit column settings: each column's header, links as links, wide summaries."""
    config: dict[str, Any] = dict(headers)
    if "source_url" in headers:
        config["source_url"] = st.column_config.LinkColumn(
            headers["source_url"], display_text=r"https?://(?:www\.)?([^/?#]+)")  # the site
    if "age_days" in headers:
        config["age_days"] = st.column_config.NumberColumn(headers["age_days"])
    if "since" in headers:
        config["since"] = st.column_config.TextColumn(
            headers["since"], help="the first stored map showing this status; — for a "
                                   "claimant's statement, which says nothing of since when")
    for wide in ("summary", "evidence"):
        if wide in headers:
            config[wide] = st.column_config.TextColumn(headers[wide], width="large")
    return config


#: The claims table's rows in words (and how many claims are in view) per view, shared by
#: the sessions (``ui.viewcache``).
TABLES: PerView[tuple[pd.DataFrame, int]] = PerView("claims table")


def claims_table(view: View) -> tuple[pd.DataFrame, int]:
    """The claims table's first :data:`TABLE_ROWS` rows as shown (labels, display dates,
    the columns of :data:`TABLE_COLUMNS`) and the count of claims in view, once per view
    for every session: read-only."""
    return TABLES.get(view, lambda: _claims_table(view))


def _claims_table(view: View) -> tuple[pd.DataFrame, int]:
    if view.index is not None and "table" not in view.__dict__:   # column by column
        return shown_head(view, TABLE_ROWS, short_labels(view.ds.claimants))
    return words_head(view)


def words_head(view: View, limit: int = TABLE_ROWS) -> tuple[pd.DataFrame, int]:
    """:func:`claims_table` step by step, from :meth:`View.table_head` (the reference
    :func:`geo.claims.tablehead.shown_head` is tested against)."""
    head, total = view.table_head(limit)
    if not total:
        return head, 0
    if "since" in head and pd.api.types.is_datetime64_any_dtype(head["since"]):
        # only a map's status has a since: a dash, not "None", for a claim (column help)
        head = head.assign(since=head["since"].dt.strftime("%Y-%m-%d").fillna("—"))
    table = readable(display_dates(head), short_labels(view.ds.claimants))  # newest first
    return table[list(TABLE_COLUMNS)], total


def claims_panel(view: View) -> None:
    """The claims behind what the map shows, newest first, with source links."""
    st.subheader("Claims of the places shown")
    st.caption("Every place the filters keep, wherever the map is moved; the CSV has the "
               "same rows.")
    table, total = claims_table(view)
    if not total:
        st.info("No claims from the selected claimants for the places shown.")
        return
    if total > TABLE_ROWS:
        st.caption(f"The {TABLE_ROWS:,} most recent of {total:,} claims; "
                   "the CSV download has them all.")
    chosen = st.multiselect("Columns shown", list(SHOWN_COLUMNS.values()),
                            default=[SHOWN_COLUMNS[k] for k in DEFAULT_SHOWN], key="tbl_cols",
                            help="The CSV download below has every column.")
    st.dataframe(table, hide_index=True, width="stretch",
                 column_order=shown_columns(chosen), column_config=column_config(SHOWN_COLUMNS))


#: The settlement history's columns on screen, in order, with their headers.
HISTORY_COLUMNS = {
    "date": "claim date", "source_url": "source link", "claimant_name": "claimant",
    "status": "status", "extent": "extent", "part": "part", "encircled": "encirclement",
    "source": "source", "summary": "summary",
}
#: The history's columns at first: seven, as readable as the claims table's eight (a new
#: user found all nine squeezed); the encirclement, the publisher and the report's words
#: are a click away.
HISTORY_DEFAULT = ("date", "source_url", "claimant_name", "status", "extent", "part",
                   "summary")


def history_panel(ds: Dataset, state: PageState, view: View
                  ) -> Callable[[DeltaGenerator], None]:
    """Every claim about the selected settlement up to the date, from the selected
    claimants: computed here, drawn into the box given to the function returned
    (:func:`ui.selection.place` computes every panel of the place before it draws any).
    The expander is the box's one element (no container around it: one element fewer
    for the browser to render the page for, on every selection)."""
    if not state.settlement:
        return _nothing
    name = ds.settlements.loc[ds.settlements["id"] == state.settlement, "name"].iloc[0]
    claims = ds.claims[(ds.claims["settlement_id"] == state.settlement)
                       & (ds.claims["date"] <= pd.Timestamp(state.date))
                       & ds.claims["claimant"].isin(set(state.claimants))]
    title = f"All claims about {md(name)} up to {state.date} ({len(claims)})"
    if claims.empty:
        def empty(box: DeltaGenerator) -> None:
            with box.expander(title, expanded=True):
                st.write("None from the selected claimants.")
        return empty
    history = readable(claims.sort_values("date", ascending=False),
                       short_labels(ds.claimants)).assign(date=lambda f: f["date"].dt.date)
    headers = dict(HISTORY_COLUMNS)
    if "evidence" in history and history["evidence"].fillna("").astype(str).ne("").any():
        headers["evidence"] = "the report's words"   # kept by the accept (side file)

    def draw(box: DeltaGenerator) -> None:
        with box.expander(title, expanded=True):
            kept = st.session_state.get("hist_cols")
            if kept is not None and not set(kept) <= set(headers.values()):
                # a column the previous place had and this one has not (the report's words)
                st.session_state["hist_cols"] = [h for h in kept if h in headers.values()]
            chosen = st.multiselect("Columns shown", list(headers.values()), key="hist_cols",
                                    default=None if kept is not None
                                    else [headers[k] for k in HISTORY_DEFAULT],
                                    help="Seven at first; the encirclement, the publisher "
                                         "and (when kept) the report's words are here too.")
            st.dataframe(history[list(headers)], hide_index=True, width="stretch",
                         column_order=shown_columns(chosen, headers, HISTORY_DEFAULT),
                         column_config=column_config(headers))
    return draw


def _nothing(box: DeltaGenerator) -> None:
    """No place selected: the box emptied (of the previous place's history)."""
    box.empty()
