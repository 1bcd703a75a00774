"""The search index's spellings kept between processes: read back equal to a fresh build,
rebuilt when the table changes, and a broken or unwritable cache only costs the build."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.places import spellcache, spelling_index
from geo.places.spellcache import FOLDER, cached_spellings

PLACES = pd.DataFrame({"id": ["a", "b"], "name": ["Kupiansk", "Bakhmut"],
                       "alternatenames": ["Kupyansk,Купянск", "Artemovsk,Бахмут"]})


def test_the_cache_reads_back_what_a_build_gives(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    built = cached_spellings(PLACES, tmp_path)
    assert built.equals(spelling_index(PLACES, id_column="id"))
    assert len(list((tmp_path / FOLDER).glob("spellings-*.parquet"))) == 1
    monkeypatch.setattr(spellcache, "spelling_index", lambda *a, **k: pytest.fail("built"))
    pd.testing.assert_frame_equal(cached_spellings(PLACES, tmp_path), built)


def test_a_changed_table_is_built_anew_and_replaces_the_old_entry(tmp_path: Path) -> None:
    cached_spellings(PLACES, tmp_path)
    changed = PLACES.assign(alternatenames=["Kupyansk", "Artemovsk,Бахмут"])
    got = cached_spellings(changed, tmp_path)
    assert "Купянск" not in set(got["text"])
    assert len(list((tmp_path / FOLDER).glob("spellings-*.parquet"))) == 1


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    cached_spellings(PLACES, tmp_path)
    (entry,) = (tmp_path / FOLDER).glob("spellings-*.parquet")
    entry.write_bytes(b"not parquet")
    assert cached_spellings(PLACES, tmp_path).equals(spelling_index(PLACES, id_column="id"))


def test_an_unwritable_cache_only_costs_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    got = cached_spellings(PLACES, blocked)
    assert got.equals(spelling_index(PLACES, id_column="id"))
