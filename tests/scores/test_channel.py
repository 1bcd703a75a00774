"""claims.csv's optional ``channel`` column: validated, and optional in the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.dataset.load import load_dataset
from geo.errors import DataValidationError
from geo.scores import file_claims, map_reference, outcomes
from tests.helpers import CLAIMS, claim, write_data
from tests.scores.cases import classes


def test_an_unknown_channel_names_file_line_field_value_and_fix(tmp_path: Path) -> None:
    rows = [*CLAIMS, claim("c9", "2025-03-02", "alpha", "ru_mod", "russian", channel="tweet")]
    write_data(tmp_path, claims=rows)
    with pytest.raises(DataValidationError) as caught:
        load_dataset(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field, problem.value) == \
        ("claims.csv", 8, "channel", "tweet")
    assert "bulletin, briefing" in problem.fix


def test_channel_may_be_absent_and_becomes_the_kind(tmp_path: Path) -> None:
    write_data(tmp_path)
    text = (tmp_path / "claims.csv").read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    assert header.endswith(",channel")
    (tmp_path / "claims.csv").write_text(
        "\n".join([header.removesuffix(",channel"), *(line[:-1] for line in lines)]) + "\n",
        encoding="utf-8")
    ds = load_dataset(tmp_path)
    assert set(ds.claims["channel"]) == {""}
    rows = [*CLAIMS, claim("c9", "2025-02-20", "beta", "ru_gs", "russian", channel="briefing")]
    write_data(tmp_path, claims=rows)
    got = outcomes(file_claims(load_dataset(tmp_path)),
                   map_reference([classes("2025-01-01"), classes("2025-03-01")], "deepstate"))
    assert got.set_index("claim").loc["c9", "kind"] == "briefing"
    assert got.set_index("claim").loc["c3", "kind"] == "unstated"
