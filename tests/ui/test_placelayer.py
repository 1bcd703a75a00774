"""The map's place layer keeps its encoded parts: unchanged places and views are not
encoded again, and the kept parts make the same layer as a fresh build."""

from __future__ import annotations

import datetime as dt
import gc

import folium
import pandas as pd
import pytest

from geo.render import canvas, place_layer
from geo.render.dom import POPUP_LIMIT
from tests.render.rendered import script_values
from ui import placelayer

DAY = dt.date(2025, 11, 20)


class Obj:
    """A dataset or view: the layer keeps its parts by the object's identity and life."""

    def __init__(self, **attributes: object) -> None:
        self.__dict__.update(attributes)


def _ds(settlements: object | None = None) -> Obj:
    """A dataset: the fixed parts go by its settlements frame's identity and life."""
    return Obj(settlements=Obj() if settlements is None else settlements)


def _shown(n: int = POPUP_LIMIT + 1, disputed_at: int = 3) -> pd.DataFrame:
    frame = pd.DataFrame({"settlement": [f"s{i}" for i in range(n)],
                          "name": [f"Place {i}" for i in range(n)],
                          "lat": [48.0 + i / 1000 for i in range(n)], "lon": [37.0] * n,
                          "population": [float(1000 + 10 * i) for i in range(n)],
                          "disputed": [i == disputed_at for i in range(n)]})
    for side in ("ru", "ua", "independent"):
        frame[f"{side}_status"] = "russian" if side == "ru" else None
        frame[f"{side}_extent"] = None
        frame[f"{side}_part"] = None
        frame[f"{side}_encircled"] = None
        frame[f"{side}_age_days"] = 5 if side == "ru" else None
    frame.loc[disputed_at, "ua_status"] = "ukrainian"
    return frame


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"fixed": 0, "claimed": 0}
    for name in calls:
        real = getattr(placelayer, f"{name}_part")

        def wrapped(*args: object, _real=real, _name=name) -> object:
            calls[_name] += 1
            return _real(*args)

        monkeypatch.setattr(placelayer, f"{name}_part", wrapped)
    placelayer.clear()
    yield calls
    placelayer.clear()


def _data(layer: folium.FeatureGroup) -> dict:
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return script_values(m.get_root().render(), "data")


def test_a_kept_view_and_places_are_encoded_once(counted) -> None:
    ds, view, shown = _ds(), Obj(), _shown()
    first = placelayer.layer(ds, view, shown, DAY, None)          # type: ignore[arg-type]
    again = placelayer.layer(ds, view, shown, DAY, "s7")          # a selection, a map move
    assert counted == {"fixed": 1, "claimed": 1}
    fresh = place_layer(view, shown, DAY, "s7")                   # type: ignore[arg-type]
    # the layer is the same whichever place is selected; the selection goes apart
    assert _data(again.layer) == _data(fresh.layer) == _data(first.layer)
    assert first.selection == {"sel": None} and again.selection == fresh.selection
    assert again.selection is not None and again.selection["sel"] is not None
    # another date's view of the same places: only the claims are encoded again
    placelayer.layer(ds, Obj(), shown, DAY, None)     # type: ignore[arg-type]
    assert counted == {"fixed": 1, "claimed": 2}
    # another set of places (a filter) is another fixed part
    placelayer.layer(ds, Obj(), shown.iloc[::-1],
                     DAY, None)                                   # type: ignore[arg-type]
    assert counted == {"fixed": 2, "claimed": 3}


def test_a_new_version_of_the_same_places_reuses_their_part(counted) -> None:
    # a database's version that only added claims holds its predecessor's settlements
    shown = _shown()
    first = _ds()
    placelayer.layer(first, Obj(), shown, DAY, None)              # type: ignore[arg-type]
    placelayer.layer(_ds(first.settlements), Obj(), shown, DAY,   # the next version
                     None)                                        # type: ignore[arg-type]
    assert counted == {"fixed": 1, "claimed": 2}
    placelayer.layer(_ds(), Obj(), shown, DAY, None)   # a full load: new places, new part
    assert counted == {"fixed": 2, "claimed": 3}


def test_a_click_finds_the_disputed_place_drawn_on_top(counted) -> None:
    shown = _shown()
    shown.loc[4, ["lat", "lon"]] = shown.loc[3, ["lat", "lon"]].to_numpy()  # same spot
    got = placelayer.layer(_ds(), Obj(), shown, DAY, None)  # type: ignore[arg-type]
    assert got.pick is not None
    ids = got.pick[2]
    assert ids.tolist() == shown["settlement"].to_numpy()[canvas.size_order(shown)].tolist()
    spot = float(shown.loc[3, "lat"]), float(shown.loc[3, "lon"])
    assert placelayer.clicked(got.pick, *spot) == "s3"      # disputed: drawn on top
    shown["disputed"] = False                                # neither: the one drawn later
    plain = placelayer.layer(_ds(), Obj(), shown, DAY, None)  # type: ignore[arg-type]
    assert plain.pick is not None and placelayer.clicked(plain.pick, *spot) == "s3"
    assert placelayer.clicked(got.pick, 10.0, 10.0) is None


def test_parts_go_with_their_view_and_dataset(counted) -> None:
    ds, view, shown = _ds(), Obj(), _shown()
    placelayer.layer(ds, view, shown, DAY, None)                  # type: ignore[arg-type]
    assert placelayer._claimed and placelayer._fixed
    del view, ds
    gc.collect()
    assert not placelayer._claimed and not placelayer._fixed


def test_small_views_are_dom_markers_and_keep_nothing(counted, monkeypatch) -> None:
    monkeypatch.setattr(placelayer, "place_layer",
                        lambda *args: ("dom", "ru_claimant" in args[1], args[2:]))
    # the markers' popups name claimants and sources: the view's details of those places
    view = Obj(with_details=lambda frame: frame.assign(ru_claimant="ru_mod"))
    got = placelayer.layer(_ds(), view, _shown(5), DAY, "s1")    # type: ignore[arg-type]
    assert got == ("dom", True, (DAY, "s1")) and counted == {"fixed": 0, "claimed": 0}
    assert not placelayer._claimed and not placelayer._fixed


def test_the_fixed_arrays_go_to_a_static_file_when_the_app_serves_them(counted, monkeypatch,
                                                                       tmp_path) -> None:
    """With static serving the layer names the file of its fixed arrays (written once);
    without it, or when the file cannot be written, the layer carries them."""
    ds, view, shown = _ds(), Obj(), _shown()
    inline = placelayer.layer(ds, view, shown, DAY, None)        # type: ignore[arg-type]
    assert "la" in _data(inline.layer)["data"]
    monkeypatch.setattr(placelayer, "static_files", lambda: (tmp_path, "/base/app/static/"))
    served = placelayer.layer(ds, view, shown, DAY, None)        # type: ignore[arg-type]
    m = folium.Map(tiles=None)
    served.layer.add_to(m)
    values = script_values(m.get_root().render(), "fixed_url")
    assert "la" not in values["data"]
    name = values["fixed_url"].removeprefix("/base/app/static/")
    assert (tmp_path / name).is_file()
    assert counted == {"fixed": 1, "claimed": 1}                  # still encoded once
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")                      # not a directory
    monkeypatch.setattr(placelayer, "static_files", lambda: (blocked, "/app/static/"))
    fallback = placelayer.layer(ds, view, shown, DAY, None)      # type: ignore[arg-type]
    assert "la" in _data(fallback.layer)["data"]
