"""The reliability summary under the map (AppTest): the headline figures against the
reference chosen on the Reliability page (DeepState's by default), the button to that page,
and a reference that cannot be read. The page itself: tests/ui/test_reliability.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import write_data
from tests.ui.scorecard_cases import scored_dirs


def _summary(data: str, store: str, claimants: tuple[str, ...]) -> None:
    from pathlib import Path

    from geo.dataset.load import load_dataset
    from ui import controlmaps, scorecard

    scorecard.summary(load_dataset(Path(data)), ("test", data),
                      controlmaps.stored_maps(Path(store)), claimants)


def run(data: Path, store: Path, saved: dict | None = None,
        claimants: tuple[str, ...] = ()) -> AppTest:
    at = AppTest.from_function(_summary, args=(str(data), str(store), claimants),
                               default_timeout=60)
    if saved is not None:
        at.session_state["rel_saved"] = saved
    return at.run()


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return scored_dirs(tmp_path)


def test_the_summary_shows_figures_and_opens_the_page(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs)
    assert not at.exception
    assert at.subheader[0].value.startswith("Reliability")
    figures = {m.label: (m.value, m.delta) for m in at.metric}
    # how many were judged leads; then the share, said to rest on too few claims
    assert figures["Russian General Staff"] == ("1 of 1", "claims judged")  # c3
    text = [m.value.replace("\\", "") for m in at.markdown]
    assert "Shown by DeepState within 30 days: **100%** of the 1 claims old enough (judged " \
        "or open), **too few for a rate (under 10)**. Median lead +9 d." in text
    assert any("open**: DeepState has not shown those places either way yet (missing "
               "reference data, not a verdict)" in t for t in text)
    notes = [i.value.replace("\\", "") for i in at.info]
    assert any("DeepState's stored maps (3 dates, latest 2025-03-01)" in c and
               "Reference: DeepState's stored maps, 3 dates over" in c for c in notes)
    assert not at.dataframe and not at.get("download_button")   # those are on the page
    at.button(key="rel_open").click().run()
    assert at.session_state["page"] == "Reliability"


def test_the_summary_follows_the_pages_reference(dirs: tuple[Path, Path]) -> None:
    at = run(*dirs, saved={"rel_reference": "ua_gs", "rel_use": "claims"})
    assert not at.exception
    assert any("Ukrainian General Staff's own claims" in i.value.replace("\\", "")
               for i in at.info)
    # how thin an own-claims reference is, said beside the figures
    assert any("own claims, 2 dates about 2 places (no control map" in i.value.replace("\\", "")
               for i in at.info)


def test_a_reference_that_cannot_be_read_is_explained(tmp_path: Path) -> None:
    at = run(write_data(tmp_path / "data"), tmp_path / "empty")
    assert not at.exception
    assert any("unknown reference claimant 'deepstate'" in i.value.replace("\\", "")
               for i in at.info)
    assert at.button(key="rel_open")


def test_the_summary_follows_the_map_pages_claimants(dirs: tuple[Path, Path]) -> None:
    every = {m.label for m in run(*dirs).metric}
    assert {"Russian General Staff", "Russian MoD"} <= every
    at = run(*dirs, claimants=("ru_gs",))   # the Map page shows only the General Staff
    assert not at.exception
    assert [m.label for m in at.metric] == ["Russian General Staff"]
    at = run(*dirs, claimants=("isw",))     # no scored claim by the selected claimants
    assert not at.metric and any("selected claimants" in i.value for i in at.info)


def test_maps_that_came_after_most_claims_do_not_blank_the_figures(tmp_path: Path) -> None:
    from tests.scores.cases import early_claims_dirs

    at = run(*early_claims_dirs(tmp_path))
    assert not at.exception and at.metric     # figures, not "none old enough" everywhere
    notes = [i.value.replace("\\", "") for i in at.info]
    assert any("DeepState's own claims (1 date, latest 2024-08-01)" in c and
               "Chosen because its 3 stored maps (from 2025-01-01) came after 2 of the 3 "
               "claims it could judge" in c for c in notes)


def test_claims_too_young_for_the_share_are_said_to_be(tmp_path: Path) -> None:
    from tests.scores.cases import early_claims_dirs

    at = run(*early_claims_dirs(tmp_path), saved={"rel_use": "maps"})
    text = [m.value.replace("\\", "") for m in at.markdown]
    # Gamma's claim of 2025-02-01 is 28 days old on the last map: judged by no 30-day share
    assert any(t.startswith("Shown by DeepState within 30 days: no claim had 30 days by the "
                            "reference's latest date (2025-03-01) yet.") for t in text), text
