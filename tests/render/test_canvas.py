"""The canvas layer's compact arrays: same sizes, statuses and text as the DOM markers."""

from __future__ import annotations

import datetime as dt

import folium
import numpy as np
import pandas as pd
import pytest

from geo.claims.index import resolve
from geo.dataset.load import load_dataset
from geo.render.canvas import (
    CODE_STATUSES,
    DISPUTED,
    ENCIRCLED,
    IND_PARTIAL,
    RU_PARTIAL,
    UA_PARTIAL,
    canvas_layer,
    claimed_part,
    fixed_part,
    layer_data,
    selection_values,
    status_codes,
)
from geo.render.escape import esc
from geo.render.markers import radii, radius
from tests.fixtures import BUNDLED_DIR
from tests.render.rendered import script_values

BUNDLED = load_dataset(BUNDLED_DIR)


@pytest.mark.parametrize("pop", [None, np.nan, -5, 0, 1, 999, 1000, 12_345, 2_000_000, "x"])
def test_radii_match_the_marker_radius(pop) -> None:
    assert radii(pd.Series([pop], dtype=object))[0] == radius(pop)


def _decode(code: int) -> dict:
    return {"ru": CODE_STATUSES[code & 3], "ua": CODE_STATUSES[(code >> 2) & 3],
            "independent": CODE_STATUSES[(code >> 4) & 3], "disputed": bool(code & DISPUTED),
            "ru_partial": bool(code & RU_PARTIAL), "ua_partial": bool(code & UA_PARTIAL),
            "independent_partial": bool(code & IND_PARTIAL),
            "encircled": bool(code & ENCIRCLED)}


@pytest.mark.parametrize("day", ["2022-09-15", "2024-02-20", "2025-11-11", "2025-11-20",
                                 "2025-12-31"])
def test_codes_say_what_the_resolution_says(day: str) -> None:
    r = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date.fromisoformat(day))
    codes = status_codes(r)
    for code, (_, row) in zip(codes, r.iterrows(), strict=True):
        got = _decode(int(code))
        for side in ("ru", "ua", "independent"):
            want = row[f"{side}_status"] if isinstance(row[f"{side}_status"], str) else "none"
            assert got[side] == want
        assert got["disputed"] == bool(row["disputed"])
        assert got["ru_partial"] == (row["ru_extent"] == "partial")
        assert got["ua_partial"] == (row["ua_extent"] == "partial")
        assert got["independent_partial"] == (row["independent_extent"] == "partial")
        flags = [row[f"{s}_encircled"] for s in ("ru", "ua", "independent")]
        assert got["encircled"] == any(f is not pd.NA and f is not None and bool(f)
                                       for f in flags)
    if day == "2025-11-11":   # the report's claims: disputed places and an encirclement
        assert any(c & DISPUTED for c in codes) and any(c & ENCIRCLED for c in codes)
    if day == "2025-12-31":   # ISW: "most of" Kupiansk
        assert any(c & IND_PARTIAL for c in codes)


def test_layer_data_order_ages_and_escaping() -> None:
    r = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 20))
    r.loc[r.index[0], "name"] = '<img src=x onerror="alert(1)">'
    r.loc[r.index[1], "ru_extent"] = "partial"
    r.loc[r.index[1], "ru_part"] = "<b>east</b>"
    data = layer_data(r, dt.date(2025, 11, 20))
    assert len(data["la"]) == len(data["lo"]) == len(data["c"]) == len(data["n"]) == len(r)
    assert data["r"] == sorted(data["r"], reverse=True)  # larger first (canvas.js draws
    assert any(c & DISPUTED for c in data["c"])           # the disputed ones last itself)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in data["n"]
    assert not any("<" in n for n in data["n"])
    assert "&lt;b&gt;east&lt;/b&gt;" in data["p"][0].values()
    side = data["a"][0]
    ages = list(side.values()) if isinstance(side, dict) else [a for a in side if a is not None]
    assert ages and all(isinstance(a, int) and a >= 0 for a in ages)


def test_a_side_few_places_are_claimed_by_sends_only_their_ages() -> None:
    r = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 20))
    r["ru_age_days"] = pd.array(range(len(r)), dtype="Int64")
    r["ua_age_days"] = pd.array([None] * len(r), dtype="Int64")
    r.loc[r.index[2], "ua_age_days"] = 7
    data = layer_data(r, dt.date(2025, 11, 20))
    at = data["n"].index(esc(r.loc[r.index[2], "name"]))
    assert data["a"][1] == {str(at): 7}                       # sparse: by position
    assert isinstance(data["a"][0], list) and len(data["a"][0]) == len(r)   # dense


def test_canvas_layer_script_carries_the_arrays_safely() -> None:
    r = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 20))
    r.loc[r.index[0], "name"] = "</script><script>alert(1)</script>"
    m = folium.Map(tiles=None)
    canvas_layer(r, dt.date(2025, 11, 20), "Loading…").add_to(m)
    html = m.get_root().render()
    assert "</script><script>alert(1)" not in html          # no way out of the script
    data = script_values(html, "data")["data"]
    assert data["day"] == "2025-11-20" and len(data["n"]) == len(r)


def test_marker_style_is_one_source_for_the_svg_and_the_canvas(monkeypatch) -> None:
    """The rings, strokes and dot are drawn from MarkerStyle by both renderers: the canvas
    receives it as data and canvas.js reads every field; the DOM marker's SVG follows it."""
    import dataclasses
    import re

    from geo.render import markers
    from geo.render.elements import asset

    r = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 20))
    m = folium.Map(tiles=None)
    canvas_layer(r, dt.date(2025, 11, 20)).add_to(m)
    style = script_values(m.get_root().render(), "style")["style"]
    assert style == markers.MARKER_STYLE.as_dict()
    used = set(re.findall(r"\bS\.(\w+)", asset("canvas.js")))
    assert used == set(style)                      # no field unused, none read that is absent

    row = {"disputed": True, "population": 20_000, "ru_status": "russian",
           "ua_status": "ukrainian", "independent_status": "contested", "ru_encircled": True}
    wide = dataclasses.replace(markers.MARKER_STYLE, disputed_gap=9.25, encircled_dash=(4, 1),
                               outline_color="#123456")
    monkeypatch.setattr(markers, "MARKER_STYLE", wide)
    svg, _ = markers.icon_svg(row)
    rr = markers.radius(20_000)
    assert f'r="{rr + 9.25}"' in svg and 'stroke-dasharray="4 1"' in svg and "#123456" in svg


def test_the_fixed_arrays_do_not_follow_the_claims_and_the_parts_make_the_same_layer() -> None:
    """The arrays no claim changes are the same on every date, so they are encoded once; a
    layer made from kept parts is the layer made from the view."""
    early = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2022, 9, 15))
    late = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 11))
    assert early["disputed"].tolist() != late["disputed"].tolist()
    assert fixed_part(early).text == fixed_part(late).text
    fixed = fixed_part(late)
    claimed = claimed_part(late, dt.date(2025, 11, 11), fixed)

    def rendered(**parts: object) -> dict:
        m = folium.Map(tiles=None)
        canvas_layer(late, dt.date(2025, 11, 11), **parts).add_to(m)
        return script_values(m.get_root().render(), "data")

    kept = rendered(fixed=fixed, claimed=claimed)
    assert kept == rendered()
    assert kept["data"] == layer_data(late, dt.date(2025, 11, 11))


def test_the_selection_goes_apart_from_the_layer() -> None:
    """The selected place is sent by position and coordinates, as the layer has them; the
    layer itself does not carry it (a selection leaves its text unchanged)."""
    late = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2025, 11, 11))
    fixed = fixed_part(late)
    sent = selection_values(fixed, "pokrovsk")["sel"]
    data = layer_data(late, dt.date(2025, 11, 11))
    assert fixed.ids[sent["i"]] == "pokrovsk"
    assert (data["la"][sent["i"]], data["lo"][sent["i"]]) == (sent["la"], sent["lo"])
    row = late.loc[late["settlement"] == "pokrovsk"].iloc[0]
    assert data["n"][sent["i"]] == esc(row["name"])
    assert selection_values(fixed, None) == {"sel": None}
    assert selection_values(fixed, "no-such-place") == {"sel": None}
