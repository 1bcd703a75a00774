"""The command line as a new reader meets it (a new user's review): ``at PLACE`` without
``--place``, ``status`` naming each place with its oblast and keeping the disputed ones,
``import deepstate`` saying its figures are DeepState's claim, and ``--help`` naming the
commands to start with."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_at_takes_the_place_as_its_argument(capsys: pytest.CaptureFixture[str],
                                            data_dir: Path) -> None:
    code, out, _ = run(capsys, "at", "Krasnoalpha", "--data", str(data_dir))
    assert code == 0 and out.startswith("Alpha (alpha) on ")
    code, same, _ = run(capsys, "at", "--place", "Krasnoalpha", "--data", str(data_dir))
    assert code == 0 and same == out                       # the option still works
    code, _, err = run(capsys, "at", "--data", str(data_dir))
    assert code == 2 and err.startswith("error: name a place: python -m geo at Pokrovsk")
    code, _, err = run(capsys, "at", "Alpha", "--place", "Beta", "--data", str(data_dir))
    assert code == 2 and "two places given" in err


def test_status_names_each_place_and_keeps_the_disputed(capsys: pytest.CaptureFixture[str],
                                                        data_dir: Path) -> None:
    code, out, _ = run(capsys, "status", "--date", "2025-03-01", "--data", str(data_dir))
    header, *rows = out.splitlines()[1:]
    assert code == 0 and header.split()[:3] == ["settlement", "name", "oblast"]
    assert any(r.split()[:3] == ["gamma", "Gamma", "Zaporizhzhia"] for r in rows)
    code, out, _ = run(capsys, "status", "--date", "2025-03-01", "--data", str(data_dir),
                       "--disputed")
    places = [r.split()[0] for r in out.splitlines()[2:]]
    assert code == 0 and places == ["alpha"]   # Beta: both sides say Russian; Gamma: one


def test_import_says_its_figures_are_deepstates_claim(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    from tests.scores.cases import far_map

    store = tmp_path / "store"
    code, out, _ = run(capsys, "import", "deepstate", str(far_map(tmp_path)), "--date",
                       "2025-01-01", "--store", str(store), "--data", str(tmp_path / "none"))
    assert code == 0
    assert any(line.startswith("Russian-held on DeepState's map: ") for line in out.splitlines())
    assert "(figures: DeepState's claim as drawn on its map, not verified facts)" in out


def test_help_names_the_commands_to_start_with(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "validate|status|territory|search|assets" not in out
    assert "``at PLACE`` (one place)" in out and "``reliability``" in out
