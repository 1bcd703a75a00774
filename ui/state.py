"""The page state: the sidebar's filters and every other control, read once per rerun into
one :class:`~geo.claims.state.PageState`, initialised once per session from the URL and
written back to it.

The comparison's compare-from date and "show the change" toggle are drawn by
:mod:`ui.comparison` further down the page; their values are read here, at the start of
the rerun, so that the map and the comparison panel see the same ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import streamlit as st

from geo.claims import urlcodec
from geo.claims.state import PageState
from geo.claims.urlcodec import Universe
from geo.dataset.load import Dataset
from geo.dataset.national import curated_aliases
from geo.render.page import date_enter_script
from geo.vocab import FILTER_STATUSES, SIDE_LABELS, SIDES, STATUS_LABELS
from ui import placesearch
from ui.controlmaps import Maps, default_compare_from, valid_compare_from
from ui.data import short_labels
from ui.text import md
from ui.viewcache import PerObject

_INIT = "_filters_from_url"
_DATE_NOTICE = "_date_notice"
#: The date widget's own bounds: wide, so that a typed day outside the data reaches
#: :func:`_keep_in_range` (which says so) instead of being dropped by the browser.
_WIDGET_FIRST, _WIDGET_LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


#: Session key: every claimant label this session has shown → the claimant's id.
_LABELS = "_claimant_labels"


def _keep_by_id(key: str, ids: list[str], labels: dict[str, str]) -> None:
    """Hold the claimant multiselect ``key`` by claimant id, not by label (issue 14.7).

    The browser reports a multiselect's choice as the labels it showed; after a claimant
    is renamed (an uploaded claimants.csv) such a label matches no option and would arrive
    as a bare string. ``labels`` maps every label this session has shown to its id: the
    choice is written back as ids (those of this side), which also sends the browser the
    new labels.
    """
    if key in st.session_state:
        chosen = [labels.get(c, c) for c in st.session_state[key]]
        st.session_state[key] = [c for c in ids if c in chosen]


def universe(ds: Dataset) -> Universe:
    """Valid filter values of this dataset."""
    return Universe(
        claimants=tuple(ds.claimants["id"]),
        settlements=ds.settlement_ids,
        first=ds.first_date,
        last=ds.last_date,
    )


def _seed_from_url(ds: Dataset, uni: Universe) -> list[str]:
    """Put the URL's page state into the widgets' session state, once per session."""
    # a curated place's gn- id opens its curated row (once per session: 33k ids)
    uni = dataclasses.replace(uni, aliases=curated_aliases(ds.settlements))
    state, notices = urlcodec.decode(st.query_params.to_dict(), uni)
    st.session_state["f_date"] = state.date
    for side in SIDES:
        ids = ds.claimants.loc[ds.claimants["side"] == side, "id"]
        st.session_state[f"f_claimants_{side}"] = [c for c in ids if c in state.claimants]
    st.session_state["f_status"] = list(state.statuses)
    st.session_state["f_disputed"] = state.disputed_only
    st.session_state["f_settlement"] = state.settlement or ""
    st.session_state["f_max_age"] = state.max_age_days   # None: off (the box says so)
    st.session_state["f_query"] = ""
    st.session_state["f_control"] = state.control_map
    st.session_state["f_show_change"] = state.show_change
    if state.compare_from is not None:   # else the comparison's default (see _compare_from)
        st.session_state["f_compare_from"] = state.compare_from
    # the map opens where the link left it (ui.mapwidget), and a selected place the link
    # names is then not flown to: it is where the reader left it
    opened = (state.center, state.zoom) if state.center or state.zoom else None
    st.session_state["_map_open_view"] = st.session_state["_map_view"] = opened
    if opened and state.settlement:
        st.session_state["_map_clicked"] = state.settlement
    st.session_state[_INIT] = notices
    return notices


def claim_dates(ds: Dataset, claimants: set[str]) -> list[dt.date]:
    """Sorted distinct days on which one of ``claimants`` made a claim or a territory figure
    (once per dataset and claimants; a copy each call)."""
    return list(_DATES.get(ds, lambda: _claim_dates(ds, claimants), frozenset(claimants)))


_DATES: PerObject[list[dt.date]] = PerObject("claim dates")
#: the pick list's labels per dataset and options
_PLACE_LABELS: PerObject[dict[str, str]] = PerObject("place labels")


def _claim_dates(ds: Dataset, claimants: set[str]) -> list[dt.date]:
    wanted = list(claimants)
    # claims are sorted by date: their distinct days are where the day changes
    days = ds.claims.loc[ds.claims["claimant"].isin(wanted), "date"].to_numpy()
    days = days.astype("datetime64[D]")
    if len(days) and (days[1:] >= days[:-1]).all():
        days = days[np.concatenate(([True], days[1:] != days[:-1]))]
    figures = ds.territory.loc[ds.territory["claimant"].isin(wanted), "date"].to_numpy()
    return np.union1d(days, figures.astype("datetime64[D]")).tolist()


def _step(dates: list[dt.date], direction: int) -> None:
    """Move the date widget to the previous (-1) or next (+1) claim date (a button callback)."""
    current = st.session_state.get("f_date")
    if not dates or not isinstance(current, dt.date):
        return
    if direction < 0:
        earlier = [d for d in dates if d < current]
        st.session_state["f_date"] = earlier[-1] if earlier else dates[0]
    else:
        later = [d for d in dates if d > current]
        st.session_state["f_date"] = later[0] if later else dates[-1]


def _keep_in_range(first: dt.date, last: dt.date) -> None:
    """Date callback: a day outside the data's range becomes the nearest end of it, and the
    next notices say so."""
    day = st.session_state.get("f_date")
    if not isinstance(day, dt.date) or first <= day <= last:
        return
    nearest = first if day < first else last
    st.session_state["f_date"] = nearest
    st.session_state[_DATE_NOTICE] = (
        f"No data on {day}: the claims and figures run from {first} to {last}. "
        f"Showing {nearest} instead.")



def _select_single_match(ds: Dataset) -> None:
    """Search callback: select the one match (or the one exact match) at once."""
    pick = placesearch.chosen(ds, st.session_state.get("f_query", ""))
    if pick is not None:
        st.session_state["f_settlement"] = pick


def selected_place() -> str:
    """The place :func:`place_search` will most likely return on this run, known before it
    is drawn (the search's callback has run; a place clicked on the map is pending); the
    caller checks it against what :func:`place_search` returns."""
    return str(st.session_state.get("_pending_settlement",
                                    st.session_state.get("f_settlement", "")) or "")


def place_search(ds: Dataset) -> str:
    """The sidebar's search box and pick list (any place of ``ds``); the selected id or
    ``""``. Drawn by :func:`ui.selection.place`'s fragment (a pick reruns only that), after
    :func:`sidebar`; a place clicked on the map (``_pending_settlement``) is selected."""
    if "_pending_settlement" in st.session_state:  # a place clicked on a large map
        st.session_state["f_settlement"] = st.session_state.pop("_pending_settlement")
        st.session_state["f_query"] = ""
    sb = st.sidebar   # below the heading :func:`sidebar` draws (not sent on every pick)
    query = sb.text_input("Search (any spelling)", key="f_query",
                          placeholder="e.g. Mirnograd, Krasnoarmeisk, Купянск",
                          on_change=_select_single_match, args=(ds,),
                          help="Matches Ukrainian and Russian spellings, Cyrillic and "
                               "Soviet-era names, in every place of the table; a single "
                               "(or single exact) match is selected, several are listed "
                               "best first.")
    # the national index builds in the background, from the first view on (started at the
    # end of the first run instead, it took the CPU from the next session's first view:
    # bench/RESULTS.md)
    placesearch.warm(ds)
    matches, miss = placesearch.matches(ds, query)
    if not query.strip():   # no query: the places named in the files (same between runs)
        matches = placesearch.listed(ds)
    current = st.session_state.get("f_settlement", "")
    options = ["", *matches]
    if current and current not in options:
        options.insert(1, current)
    labels = dict(_PLACE_LABELS.get(ds, lambda: placesearch.labels(ds, options), tuple(options)))
    why = placesearch.reasons(ds, query) if len(matches) > 1 else {}
    if miss:
        sb.caption(miss)
    elif not query.strip() and len(matches) < len(ds.settlements):
        sb.caption(f"Listed: the {len(matches):,} places the data files name; search to find "
                   f"any of the {len(ds.settlements):,}.")
    elif len(matches) > 1 and query.strip():
        # the previous choice stays selected until the reader picks one: say so
        kept = f" Still shown: {labels.get(current, current)}." \
            if current and current not in matches else ""
        # the list itself, with the reasons (a select box's options show one line each),
        # in the same element as the sentence: the browser renders the page again for
        # every element a selection sends (bench/RESULTS.md, "ninth round")
        sb.caption(f"{len(matches)} places match, best first (places with claims first; "
                   f"why each matches is said beside it): pick one below.{kept}\n\n"
                   + "\n".join(f"{k}. **{md(labels.get(m, m))}**: {md(why.get(m, ''))}"
                                for k, m in enumerate(matches, 1)))
    return str(sb.selectbox("Selected settlement", options, key="f_settlement",
                            format_func=lambda s: _option(labels, why, s)) or "")


def _option(labels: dict[str, str], why: dict[str, str], place: str) -> str:
    """A pick-list option: the place, and why it matches the search (when searched)."""
    if not place:
        return "— none —"
    label = labels.get(place, place)
    return f"{label} · {why[place]}" if place in why else label


def _compare_from(maps: Maps, day: dt.date) -> dt.date | None:
    """The comparison's compare-from date: the widget's, or its default when it has none or
    it is no longer valid (then also put into the widget). None: nothing to compare."""
    if len(maps.maps) < 2:
        return None
    chosen = st.session_state.get("f_compare_from")
    if not valid_compare_from(maps, day, chosen):
        chosen = default_compare_from(maps, day)
        st.session_state["f_compare_from"] = chosen   # before the widget is drawn
    return chosen if isinstance(chosen, dt.date) else None


def _chosen_compare_from(maps: Maps, day: dt.date) -> dt.date | None:
    """The compare-from date the reader chose; None while it is the default, so that the
    URL carries it only when chosen (the default follows the date)."""
    chosen = _compare_from(maps, day)
    return None if chosen == default_compare_from(maps, day) else chosen


def sidebar(ds: Dataset, maps: Maps) -> tuple[PageState, list[str]]:
    """Draw the filters; returns the page state and notices about ignored URL values."""
    uni = universe(ds)
    # URL notices are shown on the run that read the URL, not on every later rerun
    notices = [] if _INIT in st.session_state else _seed_from_url(ds, uni)
    names = short_labels(ds.claimants)
    full = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    sb = st.sidebar
    sb.header("Filters")
    chosen_now = {c for side in SIDES
                  for c in st.session_state.get(f"f_claimants_{side}", [])}
    dates = claim_dates(ds, chosen_now)
    # the data changed under the reader's date (an upload, or its removal): a date still in
    # the data is kept; one outside moves to the nearest end of it, and a notice says so
    _keep_in_range(uni.first, uni.last)
    current = st.session_state.get("f_date", uni.last)
    prev_col, next_col = sb.columns(2)
    prev_col.button("◀ Earlier claim", key="f_prev", on_click=_step, args=(dates, -1),
                    help="Go to the previous day on which a selected claimant made a claim "
                         "or a figure.", width="stretch",
                    disabled=not any(d < current for d in dates))
    next_col.button("Later claim ▶", key="f_next", on_click=_step, args=(dates, 1),
                    help="Go to the next day on which a selected claimant made a claim "
                         "or a figure.", width="stretch",
                    disabled=not any(d > current for d in dates))
    day = sb.date_input(
        "Date", key="f_date", min_value=_WIDGET_FIRST, max_value=_WIDGET_LAST,
        format="YYYY-MM-DD", on_change=_keep_in_range, args=(uni.first, uni.last),
        help=f"Each claimant's latest claim made on or before this day is shown. Type a day "
             f"and press Enter, or pick it in the calendar. The data "
             f"runs from {uni.first} to {uni.last}.",
    )
    # our own file, no data in it: a typed date applies on Enter (see the script)
    sb.html(date_enter_script(), unsafe_allow_javascript=True)
    if _DATE_NOTICE in st.session_state:
        notices = [*notices, st.session_state.pop(_DATE_NOTICE)]
    sb.subheader("Claimants")
    chosen: list[str] = []
    labels = {**st.session_state.get(_LABELS, {}), **{v: k for k, v in names.items()}}
    st.session_state[_LABELS] = labels
    for side in SIDES:
        ids = ds.claimants.loc[ds.claimants["side"] == side, "id"].tolist()
        _keep_by_id(f"f_claimants_{side}", ids, labels)
        who = "  \n".join(f"{md(names[c])}: {md(full[c])}" for c in ids
                           if names[c] != full[c])
        chosen += sb.multiselect(SIDE_LABELS[side], ids, key=f"f_claimants_{side}",
                                 format_func=lambda c: names.get(c, c),
                                 help=f"Short labels stand for:  \n{who}" if who else None)
    statuses = sb.multiselect("Claimed status", list(FILTER_STATUSES), key="f_status",
                              format_func=lambda s: STATUS_LABELS.get(s, s),
                              help="Show settlements where any side claims one of these.")
    max_age = sb.number_input(
        "Ignore claims older than (days)", key="f_max_age", value=None, min_value=1,
        max_value=36_500, step=30, placeholder="off: every claim counts",
        help="Empty (off) keeps every claim. Otherwise a claim made more than this many days "
             "before the date counts as no claim, so an old claim does not make a dispute.")
    disputed = sb.checkbox("Disputed only", key="f_disputed",
                           help="Only settlements where the Russian and Ukrainian sides' "
                                "claims differ (status or encirclement).")
    sb.subheader("Control map")
    if "f_control" not in st.session_state:   # shown unless the reader or the link hides it
        st.session_state["f_control"] = True
    if maps.maps:
        control = sb.checkbox("Show DeepState control map", key="f_control",
                              help="Polygons of the latest imported DeepState map on or "
                                   "before the date (python -m geo import deepstate ...).")
    else:
        # nothing to show: the box is unticked and greyed, and says why; the reader's (or the
        # link's) choice is kept, unrendered, for when a map is stored
        st.session_state["f_control"] = control = st.session_state["f_control"]
        sb.checkbox("Show DeepState control map", value=False, key="f_control_none",
                    disabled=True,
                    help="No DeepState map is stored yet, so there is no control map to "
                         "show (see below how to import one).")
        sb.caption("No DeepState map is stored yet: import one with `python -m geo import "
                   "deepstate FILE --date D` (or `python -m geo ingest deepstate`).")
    # the heading of the place search, which ui.selection's fragment draws right below:
    # drawn here, by the full run, it is not sent again on every pick
    sb.subheader("Settlement")
    claimants = tuple(c for c in uni.claimants if c in set(chosen))
    order = tuple(s for s in FILTER_STATUSES if s in set(statuses))
    date = day if isinstance(day, dt.date) and uni.first <= day <= uni.last else uni.last
    state = PageState(
        date=date, claimants=claimants, statuses=order, disputed_only=bool(disputed),
        # the place selected as of this run (ui.selection draws its widgets and reruns alone
        # when the reader picks another)
        settlement=st.session_state.get("f_settlement") or None,
        max_age_days=int(max_age) if max_age else None,
        control_map=bool(control), show_change=bool(st.session_state.get("f_show_change")),
        compare_from=_chosen_compare_from(maps, date),
        **map_view(),
    )
    return state, notices


def map_view() -> dict:
    """The map's centre and zoom where the reader left them (``ui.mapwidget`` records them)."""
    moved = st.session_state.get("_map_view")
    if not moved:
        return {"center": None, "zoom": None}
    center, zoom = moved
    return {"center": center, "zoom": zoom}


_PAGE_INIT = "_page_from_url"


def page_choice() -> str:
    """The sidebar's Page radio (key ``page``): opened once per session on the link's
    ``page`` (an unknown one: the Map, with a notice), its choice written back to the URL
    (the Map's left out), so that a copied link opens the same page."""
    if _PAGE_INIT not in st.session_state:
        st.session_state[_PAGE_INIT] = True
        title, notices = urlcodec.decode_page(st.query_params.to_dict())
        if "page" not in st.session_state:    # a page set before the first run stays
            st.session_state["page"] = title
        for notice in notices:
            st.warning(notice, icon="⚠️")
    page = str(st.sidebar.radio("Page", list(urlcodec.PAGES.values()), key="page",
                                horizontal=True))
    slug = urlcodec.encode_page(page)
    if slug is None:
        if "page" in st.query_params:
            del st.query_params["page"]
    elif st.query_params.get("page") != slug:
        st.query_params["page"] = slug
    return page


def write_url(ds: Dataset, state: PageState) -> None:
    """Mirror the page state into the URL so a copied link reopens this view."""
    params = urlcodec.encode(state, universe(ds))   # the Map's page: no ``page``
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def selected_settlement() -> str | None:
    """The session's selected place as the map draws it: one just clicked on the map, else
    the pick list's (read here, as every control is; :func:`ui.mapwidget.show`)."""
    return (st.session_state.get("_pending_settlement")
            or st.session_state.get("f_settlement") or None)
