"""A disagreement between old claims says so in the popup (a new user's review: Bakhmut in
2026 showed "The sides' claims disagree" on claims about 1,000 days old, read as current)."""

from __future__ import annotations

import pandas as pd

from geo.render.markers import STALE_DISPUTE_DAYS, popup_html

ROW = {"name": "Bakhmut", "oblast": "Donetsk", "disputed": True}


def claims(*ages: int) -> pd.DataFrame:
    return pd.DataFrame([{"status": status, "extent": "full", "part": "", "encircled": "",
                          "date": pd.Timestamp("2023-05-20"), "age_days": age, "since": None,
                          "source_url": "", "source": "Wire", "source_date": None,
                          "summary": "s", "side": side, "claimant": claimant}
                         for age, (status, side, claimant) in
                         zip(ages, [("russian", "ru", "ru_mod"),
                                    ("contested", "ua", "ua_military")], strict=False)])


def test_an_old_disagreement_is_said_to_be_old() -> None:
    html = popup_html(ROW, claims(1002, 999), {})
    assert "The sides' claims disagree, but the newest of these claims is 999 days old" in html


def test_a_recent_disagreement_reads_as_before() -> None:
    html = popup_html(ROW, claims(400, STALE_DISPUTE_DAYS), {})
    assert "The sides' claims disagree</div>" in html
    assert "days old" not in html


def _view(ru_age: float | None, ua_age: float | None, disputed: bool = True) -> pd.DataFrame:
    return pd.DataFrame([{"settlement": "bakhmut", "name": "Bakhmut", "population": 70000,
                          "disputed": disputed, "ru_age_days": ru_age, "ua_age_days": ua_age,
                          "independent_age_days": None}])


def test_the_ring_of_an_old_disagreement_is_dashed_on_both_drawings() -> None:
    """The map itself tells an old disagreement from a current one (before, only the
    popup did): a code bit for the canvas, a dashed ring in the SVG, a legend line."""
    from geo.claims.filters import old_disputes
    from geo.render.canvas import OLD_DISPUTE
    from geo.render.legend import legend_html
    from geo.render.markers import icon_svg, tooltip_html

    old, recent = _view(1002, 999), _view(1002, 30)
    assert old_disputes(old).tolist() == [True]
    assert old_disputes(recent).tolist() == [False]
    assert old_disputes(_view(1002, 999, disputed=False)).tolist() == [False]
    assert old_disputes(_view(None, None)).tolist() == [False]    # no age: not said old
    row = old.iloc[0].to_dict()
    assert "stroke-dasharray" in icon_svg(row)[0]
    assert "stroke-dasharray" not in icon_svg(recent.iloc[0].to_dict())[0]
    assert "(old claims)" in tooltip_html(row)
    assert f"over {STALE_DISPUTE_DAYS} days old" in legend_html()
    assert OLD_DISPUTE & (OLD_DISPUTE - 1) == 0     # one bit of its own


def test_the_canvas_codes_carry_the_old_dispute_bit() -> None:
    from geo.render.canvas import DISPUTED, OLD_DISPUTE, status_codes

    both = pd.concat([_view(1002, 999), _view(1002, 30)], ignore_index=True)
    for side in ("ru", "ua", "independent"):
        both[f"{side}_status"] = ["russian", "ukrainian"] if side != "independent" else None
        both[f"{side}_extent"] = "full"
        both[f"{side}_encircled"] = None
    codes = status_codes(both)
    assert [bool(c & DISPUTED) for c in codes] == [True, True]
    assert [bool(c & OLD_DISPUTE) for c in codes] == [True, False]


def test_the_downloads_tell_an_old_disagreement_too() -> None:
    """A new user's finding: the PNG drew Bakhmut's 1,000-day-old disagreement like a
    current one and the GeoJSON had no flag for it (a chart filtering disputed=true showed
    it as live)."""
    from geo.claims.export import GEOJSON_SIDE_FIELDS, flat_properties
    from geo.render.png import _legend

    both = pd.concat([_view(1002, 999), _view(1002, 30)], ignore_index=True)
    for side in ("ru", "ua", "independent"):
        for name in GEOJSON_SIDE_FIELDS:
            if f"{side}_{name}" not in both:
                both[f"{side}_{name}"] = None
    props = flat_properties(both)
    assert [p["disputed"] for p in props] == [True, True]
    assert [p["old_dispute"] for p in props] == [True, False]

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        _legend(ax, None)
        # the PNG wraps its legend lines to fit beside the map
        texts = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    finally:
        plt.close(fig)
    assert f"dashed ring: an old disagreement (newest claim over {STALE_DISPUTE_DAYS} " \
           "days old)" in texts
