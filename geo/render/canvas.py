"""The settlement layer for large views: every place drawn on one canvas from compact arrays.

Above :data:`geo.render.dom.POPUP_LIMIT` places, one DOM marker (an SVG each) per place
makes the browser slow to rebuild on every date change, and per-marker HTML makes the
payload large. This layer sends one array per attribute (coordinates, radius, a packed
status code, name (escaped; plain too where that differs, for the labels of
:mod:`geo.render.labels`), each side's claim age, partial-claim texts) and draws the same split
circles as :mod:`geo.render.markers` on a single Leaflet canvas (``static/canvas.js``).
Tooltips are built in the browser from those arrays when hovered, filling the templates of
:data:`geo.render.markers.TOOLTIP` (the wording of :func:`geo.render.markers.tooltip_html`);
every data string is HTML-escaped here, in Python.

The arrays come in two JSON-encoded parts, so that a page can keep them and send an
unchanged map without encoding it again: :class:`Fixed` (positions, radii, names: the same
for a set of places on every date, in :func:`size_order`) and :class:`Claimed` (the packed
codes, ages and part texts of one view); :func:`canvas_layer` joins them with the
selection.

The packed code of a place (see :func:`status_codes`): bits 0-1 the Russian side's
status, 2-3 the Ukrainian side's, 4-5 the independent side's (0 none, 1 Ukrainian-held,
2 contested, 3 Russian-held), bit 6 disputed, 7 Russian-side claim partial, 8 Ukrainian-
side claim partial, 9 an encirclement claimed, 11 independent claim partial, 12 an old
dispute (its newest claim older than ``geo.vocab.STALE_DISPUTE_DAYS``: dashed). Bit 10 is
free: the selected place is not in the layer (the layer's text stays byte-identical when
only the selection changes, so the browser does not evaluate and redraw it again); the
page sends it apart (:func:`selection_values`, ``static/selection.js``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.claims.filters import old_disputes
from geo.render.dom import POPUP_OPTIONS
from geo.render.elements import Layer, Script, encode
from geo.render.escape import esc
from geo.render.labels import plain_where_escaped
from geo.render.markers import (
    MARKER_STYLE,
    overlap_words,
    radii,
    tooltip_words,
)
from geo.render.numbers import int_dict, int_list
from geo.vocab import DISPUTED_COLOR, SIDE_LABELS, SIDES, STATUS_COLORS, STATUS_LABELS

#: Status of each 2-bit code.
CODE_STATUSES: tuple[str, ...] = ("none", "ukrainian", "contested", "russian")
DISPUTED, RU_PARTIAL, UA_PARTIAL, ENCIRCLED = 64, 128, 256, 512
IND_PARTIAL = 2048
#: a disputed place whose newest claim is old (:func:`geo.claims.filters.old_disputes`)
OLD_DISPUTE = 4096
#: The partial-claim bit of each side, in :data:`geo.vocab.SIDES` order.
PARTIAL_BITS = (RU_PARTIAL, UA_PARTIAL, IND_PARTIAL)


_CODE_SET = pa.array(CODE_STATUSES[1:])


def _arrow(column: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """A pyarrow-backed text column's own arrow data (no copy), else None."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pa.array(column.array)
    return None


def _codes(statuses: pd.Series) -> np.ndarray:
    """2-bit code of each status (0: none), vectorized: one pyarrow ``index_in`` for a
    pyarrow-backed column (~2.5x faster than three comparisons), else comparisons."""
    values = _arrow(statuses)
    if values is not None:
        found = pc.fill_null(pc.add(pc.index_in(values, value_set=_CODE_SET), 1), 0)
        return np.asarray(found, dtype=np.int64)
    code = np.zeros(len(statuses), dtype=np.int64)
    for value, name in enumerate(CODE_STATUSES[1:], start=1):
        code[statuses.eq(name).fillna(False).to_numpy(dtype=bool)] = value
    return code


def _partial(extents: pd.Series) -> np.ndarray:
    """Whether each extent is "partial" (missing: no)."""
    values = _arrow(extents)
    if values is not None:
        return np.asarray(pc.fill_null(pc.equal(values, "partial"), False), dtype=bool)
    return extents.eq("partial").fillna(False).to_numpy(bool)


def status_codes(view: pd.DataFrame) -> np.ndarray:
    """The packed status code of each row of a :func:`geo.claims.index.resolve` result."""
    code = _codes(view["ru_status"]) | (_codes(view["ua_status"]) << 2)
    code |= _codes(view["independent_status"]) << 4
    code |= np.where(view["disputed"].to_numpy(dtype=bool), DISPUTED, 0)
    for side, bit in zip(SIDES, PARTIAL_BITS, strict=True):
        code |= np.where(_partial(view[f"{side}_extent"]), bit, 0)
    encircled = np.zeros(len(view), dtype=bool)
    for side in SIDES:
        encircled |= view[f"{side}_encircled"].astype("boolean").fillna(False).to_numpy(bool)
    code |= np.where(encircled, ENCIRCLED, 0)
    code |= np.where(old_disputes(view), OLD_DISPUTE, 0)
    return code


_esc_name = functools.lru_cache(maxsize=1 << 17)(esc)


def escape_all(values: list[object]) -> list[str]:
    """:func:`geo.render.markers.esc` of every value (missing values become empty strings).

    Names repeat from one rerun to the next, so escaped strings are memoized.
    """
    return [_esc_name(v) if isinstance(v, str) else esc(v) for v in values]


def _ages(column: pd.Series, order: np.ndarray) -> list[int | None] | dict[str, int]:
    """Each place's claim age in days, in ``order``: a list (None: no claim), or, when
    fewer than half the places have one (a side only the curated places are claimed by),
    only those, keyed by position (``canvas.js`` reads both alike)."""
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    values = values[order]
    known = ~np.isnan(values)
    days = values[known].astype(np.int64).tolist()
    if 2 * len(days) < len(values):
        return dict(zip(map(str, np.flatnonzero(known).tolist()), days, strict=True))
    out = np.full(len(values), None, dtype=object)
    out[known] = days
    return out.tolist()


def _parts(view: pd.DataFrame, side: str, order: np.ndarray) -> dict[str, str]:
    """Escaped part texts of partial claims, keyed by position in drawing ``order``."""
    partial = _partial(view[f"{side}_extent"])[order]
    where = np.flatnonzero(partial)
    # only the partial rows' texts (converting the whole column to objects cost ~1 ms)
    texts = view[f"{side}_part"].array.take(order[where])
    return {str(i): esc(t) for i, t in zip(where.tolist(), texts, strict=True)
            if isinstance(t, str) and t}


def drawing_order(view: pd.DataFrame, r: np.ndarray | None = None) -> np.ndarray:
    """Row order in which a static picture (:mod:`geo.render.png`) draws ``view``: larger
    places first, disputed ones last (on top). See :func:`size_order`."""
    r = radii(view["population"]) if r is None else r
    return np.lexsort((*_by_size(view, r), view["disputed"].to_numpy(dtype=bool)))


def size_order(view: pd.DataFrame, r: np.ndarray | None = None) -> np.ndarray:
    """Row order of the canvas layer's arrays: larger places first.

    Equal circles (the radius stops growing at 12 px) go by population, so the labels,
    which follow this order, name Kyiv before a town of 100,000. The order does not depend
    on the claims, so the arrays that do not either (:func:`fixed_part`) are the same on
    every date; ``canvas.js`` draws the disputed places last itself (on top, so they are the
    ones a click or hover finds).
    """
    r = radii(view["population"]) if r is None else r
    return np.lexsort(_by_size(view, r))


def _by_size(view: pd.DataFrame, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pop = pd.to_numeric(view["population"], errors="coerce").fillna(0).to_numpy(dtype=float)
    return -pop, -r


def positions(column: pd.Series, order: np.ndarray) -> np.ndarray:
    """Latitudes or longitudes in drawing ``order``, rounded as the canvas receives them
    (~10 m), so that a reported click matches its place exactly."""
    return np.round(column.to_numpy(dtype=float)[order], 4)


@dataclass(frozen=True)
class Fixed:
    """The canvas arrays of a set of places that no claim changes, JSON-encoded once.

    ``text``: the members ``la``, ``lo``, ``r``, ``n``, ``nl`` of the layer's data (see
    :func:`layer_data`); ``order``: the view's rows in array order (:func:`size_order`);
    ``lat``, ``lon``, ``ids``: each place's position as the canvas reports a click on it,
    and its settlement id, in array order. ``url``: where the browser fetches ``text`` as
    a JSON file (:func:`asset_json`, a static file named by its :attr:`digest`), or "":
    the layer carries the arrays itself.
    """

    text: str
    order: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    ids: np.ndarray
    url: str = ""

    @functools.cached_property
    def digest(self) -> str:
        """What names these arrays: a hash of their text (the same places, positions and
        names give the same digest in every process)."""
        return hashlib.blake2b(self.text.encode("utf-8"), digest_size=16).hexdigest()

    def asset_json(self) -> str:
        """The arrays as the JSON file the browser fetches from :attr:`url`."""
        return "{" + self.text + "}"

    def served_at(self, url: str) -> Fixed:
        """The same arrays, fetched by the browser from ``url`` (not sent with the layer)."""
        return dataclasses.replace(self, url=url)


@dataclass(frozen=True)
class Claimed:
    """The canvas arrays that follow the claims on a date (one view), JSON-encoded once.

    ``text``: the members ``day``, ``a``, ``p`` (see :func:`layer_data`); ``codes``: the
    packed codes without the selection bit and ``top``: the disputed places (drawn on top),
    both in array order.
    """

    text: str
    codes: np.ndarray
    top: np.ndarray


def _fixed_values(view: pd.DataFrame, order: np.ndarray, r: np.ndarray) -> dict:
    names = view["name"].to_numpy(dtype=object)[order].tolist()
    escaped = escape_all(names)
    return {"la": positions(view["lat"], order).tolist(),
            "lo": positions(view["lon"], order).tolist(),
            "r": r[order].tolist(), "n": escaped, "nl": plain_where_escaped(names, escaped)}


def _claimed_values(view: pd.DataFrame, on: dt.date, order: np.ndarray) -> dict:
    return {"day": on.isoformat(),
            "a": [_ages(view[f"{side}_age_days"], order) for side in SIDES],
            "p": [_parts(view, side, order) for side in SIDES]}


def _claimed_text(view: pd.DataFrame, on: dt.date, order: np.ndarray) -> str:
    """``members(_claimed_values(...))``, the ages' integers joined by
    :mod:`geo.render.numbers` (the same text, a third of the time)."""
    ages = [_ages(view[f"{side}_age_days"], order) for side in SIDES]
    text = [int_list(a) if isinstance(a, list) else int_dict(a) for a in ages]
    return (members({"day": on.isoformat()}) + ',"a":[' + ",".join(text) + "],"
            + members({"p": [_parts(view, side, order) for side in SIDES]}))


def fixed_part(view: pd.DataFrame) -> Fixed:
    """:class:`Fixed` of ``view``'s places (the same for every view of the same places)."""
    r = radii(view["population"])
    order = size_order(view, r)
    return Fixed(members(_fixed_values(view, order, r)), order,
                 positions(view["lat"], order), positions(view["lon"], order),
                 view["settlement"].to_numpy(dtype=object)[order])


def claimed_part(view: pd.DataFrame, on: dt.date, fixed: Fixed) -> Claimed:
    """:class:`Claimed` of ``view`` on date ``on``, in the array order of ``fixed``."""
    order = fixed.order
    return Claimed(_claimed_text(view, on, order), status_codes(view)[order],
                   view["disputed"].to_numpy(dtype=bool)[order])


def layer_data(view: pd.DataFrame, on: dt.date, order: np.ndarray | None = None) -> dict:
    """The compact arrays the canvas layer draws, in array order (:func:`size_order`, pass
    it as ``order`` if you have it), as :func:`canvas_layer` sends them.

    Each array is computed on ``view`` as it is and then put in that order (no reordering
    of the whole frame).
    """
    r = radii(view["population"])
    order = size_order(view, r) if order is None else order
    return {**_claimed_values(view, on, order), **_fixed_values(view, order, r),
            "c": status_codes(view)[order].tolist()}


def canvas_layer(view: pd.DataFrame, on: dt.date, on_demand: str = "",
                 fixed: Fixed | None = None, claimed: Claimed | None = None) -> Layer:
    """A FeatureGroup drawing every row of ``view`` on one canvas (see the module docstring).

    It does not depend on the selected place (:func:`selection_values` carries that).

    ``on_demand``: escaped popup text for a clicked place (its claims are shown elsewhere);
    ``fixed``, ``claimed``: the parts already encoded for ``view`` (:func:`fixed_part`,
    :func:`claimed_part`; a caller that keeps them sends an unchanged map without encoding
    it again), else they are computed here.
    """
    fixed = fixed_part(view) if fixed is None else fixed
    claimed = claimed_part(view, on, fixed) if claimed is None else claimed
    # the fixed arrays (most of the text) inline, or fetched by the browser once per page
    inline = () if fixed.url else (fixed.text,)
    data = "{" + ",".join((*inline, claimed.text, '"c":' + int_list(claimed.codes.tolist())))
    data += "}"
    rest = encode({
        "fixed_url": fixed.url,
        "colors": [STATUS_COLORS[s] for s in CODE_STATUSES],
        "labels": {"sides": {s: esc(SIDE_LABELS[s]) for s in SIDES},
                   "statuses": [esc(STATUS_LABELS[s]) for s in CODE_STATUSES]},
        "words": tooltip_words(),
        "style": MARKER_STYLE.as_dict(),
        "sides": list(SIDES),
        "bits": {"disputed": DISPUTED, "encircled": ENCIRCLED,
                 "partial": list(PARTIAL_BITS), "old_dispute": OLD_DISPUTE},
        "disputed": DISPUTED_COLOR,
        "on_demand": on_demand,
        "popup": dict(POPUP_OPTIONS, maxWidth=260),
        "overlap": overlap_words(),
    })
    group = Layer(name="Settlements")
    Script.encoded("canvas.js", '{"data":' + data + "," + rest[1:]).add_to(group)
    return group


def selection_values(fixed: Fixed, selected: str | None) -> dict:
    """What ``static/selection.js`` sends the canvas layer of ``fixed``'s places about the
    selected place: ``sel`` its position in the layer's arrays and its coordinates as the
    layer has them (the layer checks both, so a selection that reaches an older layer
    draws no wrong ring), or None (no place selected, or not one of these places)."""
    hits = np.flatnonzero(fixed.ids == selected) if selected is not None else np.array([])
    if not len(hits):
        return {"sel": None}
    i = int(hits[0])
    return {"sel": {"i": i, "la": float(fixed.lat[i]), "lo": float(fixed.lon[i])}}


def members(values: dict) -> str:
    """``values`` encoded as :class:`~geo.render.elements.Script` encodes its values, without
    the enclosing braces: members to join into a larger object."""
    return encode(values)[1:-1]
