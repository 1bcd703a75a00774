"""The canvas's fixed arrays as a static file the browser fetches once (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
import os

import folium

from geo.claims.index import resolve
from geo.dataset.load import load_dataset
from geo.render import publish_places
from geo.render.assets import PLACES_KEPT_SECONDS
from geo.render.canvas import canvas_layer, claimed_part, fixed_part, layer_data
from tests.fixtures import BUNDLED_DIR
from tests.render.rendered import script_values

BUNDLED = load_dataset(BUNDLED_DIR)
DAY = dt.date(2025, 11, 11)


def _rendered(view, **parts: object) -> dict:
    m = folium.Map(tiles=None)
    canvas_layer(view, DAY, **parts).add_to(m)
    return script_values(m.get_root().render(), "fixed_url")


def test_a_served_layer_sends_only_the_dated_arrays_and_the_file_holds_the_rest(tmp_path) -> None:
    view = resolve(BUNDLED.settlements, BUNDLED.claims, DAY)
    view.loc[view.index[0], "name"] = "</script><img src=x onerror=alert(1)>`${1}`"
    fixed = fixed_part(view)
    name = publish_places(fixed, tmp_path)
    served = fixed.served_at("/app/static/" + name)
    sent = _rendered(view, fixed=served, claimed=claimed_part(view, DAY, fixed))
    assert sent["fixed_url"] == "/app/static/" + name
    assert not {"la", "lo", "r", "n", "nl"} & set(sent["data"])   # not sent with the layer
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "</script>" not in text and "`" not in text and "${" not in text
    stored = json.loads(text)
    assert {**stored, **sent["data"]} == layer_data(view, DAY)    # both halves: the whole
    inline = _rendered(view)
    assert inline["fixed_url"] == "" and inline["data"] == layer_data(view, DAY)


def test_the_file_is_named_by_its_content(tmp_path) -> None:
    """The same places on another date name the same file; changed places (a new name, a
    place added) another one, so a browser never holds a stale version under a name."""
    early = resolve(BUNDLED.settlements, BUNDLED.claims, dt.date(2022, 9, 15))
    late = resolve(BUNDLED.settlements, BUNDLED.claims, DAY)
    name = publish_places(fixed_part(late), tmp_path)
    assert publish_places(fixed_part(early), tmp_path) == name
    renamed = late.copy()
    renamed.loc[renamed.index[0], "name"] = "Renamed"
    other = publish_places(fixed_part(renamed), tmp_path)
    assert other != name and (tmp_path / other).is_file() and (tmp_path / name).is_file()


def test_a_file_removed_meanwhile_is_written_again_and_old_files_go(tmp_path) -> None:
    late = resolve(BUNDLED.settlements, BUNDLED.claims, DAY)
    fixed = fixed_part(late)
    name = publish_places(fixed, tmp_path)
    (tmp_path / name).unlink()                      # e.g. pruned by another server
    assert publish_places(fixed, tmp_path) == name and (tmp_path / name).is_file()
    old = tmp_path / "places" / "0123.json"
    old.write_text("{}", encoding="utf-8")
    aged = old.stat().st_mtime - PLACES_KEPT_SECONDS - 60
    os.utime(old, (aged, aged))
    renamed = late.copy()
    renamed.loc[renamed.index[0], "name"] = "Renamed"
    publish_places(fixed_part(renamed), tmp_path)   # a new file prunes day-old ones
    assert not old.exists() and (tmp_path / name).is_file()
