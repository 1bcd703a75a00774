"""The read commands on both backends (``--data DIR`` or ``--db URL``): the same outputs
and the same one-line errors. The database holds the tiny data directory, loaded once per
session (``loaded``); the files are the same directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import main
from geo.store import FileStorage, Storage
from tests.db.data import TODAY, tiny_data
from tests.db.data import new_claim as new


@pytest.fixture
def store(storage: Storage, tmp_path: Path) -> list[str]:
    """The arguments naming the ``storage`` fixture's backend (files, then database)."""
    if isinstance(storage, FileStorage):
        return ["--data", str(storage.directory())]
    # a data directory that is not there: the database is all that is read
    return ["--db", storage.url, "--data", str(tmp_path / "absent")]  # type: ignore[attr-defined]


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate(capsys: pytest.CaptureFixture, store: list[str]) -> None:
    code, out, _ = run(capsys, "validate", *store)
    assert code == 0 and out.startswith("valid: ") and "6 claims" in out
    assert "4 territory figures, 2025-01-01 to 2025-03-01" in out


@pytest.mark.parametrize(("args", "message"), [
    (["status", "--claimant", "nobody"], "error: unknown claimant 'nobody'; known: ru_mod"),
    (["status", "--date", "2999-01-01"], "error: date 2999-01-01 is in the future"),
    (["territory", "--claimant", "x"], "error: unknown claimant 'x'"),
])
def test_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture, store: list[str],
                                    args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args, *store)
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1


COMMANDS = [
    ["status", "--format", "json", "--date", "2025-02-01"],
    ["status", "--date", "2025-01-20", "--side", "ua"],
    ["status", "--format", "csv", "--date", "2025-02-01", "--claimant", "ru_mod"],
    ["status", "--format", "geojson", "--places", "all"],
    ["territory", "--format", "json", "--date", "2025-02-01"],
    ["search", "alfa"],
    ["reliability", "--reference", "isw", "--format", "json"],
    ["reliability", "--reference", "isw", "--format", "csv"],
    ["at", "--place", "Alpha", "--date", "2025-02-01", "--format", "json"],
]


def test_the_same_outputs_on_both(capsys: pytest.CaptureFixture, loaded: str,
                                  tmp_path: Path) -> None:
    files = ["--data", str(tiny_data(tmp_path / "data"))]
    database = ["--db", loaded]
    for command in COMMANDS:
        stores = [] if command[0] in ("territory", "search") else ["--store", str(tmp_path)]
        on_files = run(capsys, *command, *files, *stores)
        assert on_files[0] == 0, (command, on_files[2])
        assert run(capsys, *command, *database, *stores) == on_files, command


def test_the_export_shows_an_accept_on_either(capsys: pytest.CaptureFixture, storage: Storage,
                                              store: list[str], tmp_path: Path) -> None:
    """``status --format csv`` (the export) after an accept through the storage: the new
    claim is what the command reads, on the files and through the database's mirror."""
    command = ["status", "--format", "csv", "--date", "2025-05-02", "--store", str(tmp_path),
               *store]
    code, before, _ = run(capsys, *command)
    assert code == 0
    storage.accept([new("gamma", "2025-05-01")], today=TODAY)
    code, after, err = run(capsys, *command)
    assert code == 0, err
    was, now = ("gamma,,,,,,,,,contested,full,isw,2025-03-01,False",
                "gamma,russian,full,ru_mod,2025-05-01,,,,,contested,full,isw,2025-03-01,False")
    assert now in after and after.replace(now, was) == before  # only Gamma's row moved


def test_an_unreachable_database_is_one_line(capsys: pytest.CaptureFixture,
                                             tmp_path: Path) -> None:
    code, _, err = run(capsys, "status", "--db", f"postgresql://x@/none?host={tmp_path}")
    assert code == 2 and err.startswith("error: cannot connect to the database") and \
        err.count("\n") == 1 and "Fix:" in err
