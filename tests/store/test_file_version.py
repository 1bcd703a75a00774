"""The files' version token sees the evidence side file too."""

from __future__ import annotations

from pathlib import Path

from geo.store.files import FileStorage
from geo.vocab import EVIDENCE_FILE
from tests.helpers import write_data


def test_an_edit_of_the_evidence_file_alone_is_a_new_version(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    storage = FileStorage(data, tmp_path / "cache")
    first = storage.version()
    (data / EVIDENCE_FILE).write_text("claim_id,evidence\nc1,The ministry said so.\n")
    assert storage.version() != first
