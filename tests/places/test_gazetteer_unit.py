"""The gazetteer is written as one unit and a mixed store is named (issue 14.8); dumps are
size-checked before they are unpacked (14.6)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.errors import InputError, StoreError
from geo.places import gazetteer
from geo.places.gazetteer import NAMES, PLACES, import_gazetteer, load_gazetteer
from tests.places.geonames import GEONAMES, gazetteer_store  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_names_of_another_import_are_detected(gazetteer_store: Path, capsys) -> None:  # noqa: F811
    places = pd.read_parquet(gazetteer_store / PLACES)
    places.iloc[:1].to_parquet(gazetteer_store / PLACES, index=False)  # 1 place, all names
    with pytest.raises(StoreError, match=r"not in places.parquet, so the two files do not "
                                         r"belong together\. Fix: re-import it"):
        load_gazetteer(gazetteer_store)
    assert main(["resolve", "Kupiansk", "--store", str(gazetteer_store)]) == 2
    err = capsys.readouterr().err
    assert "gazetteer import" in err and "Traceback" not in err


_KILL = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import pandas as pd
    from geo.places.gazetteer import import_gazetteer
    real, seen = pd.DataFrame.to_parquet, []
    def to_parquet(self, *args, **kwargs):
        seen.append(1)
        if len(seen) == 2:
            os._exit(9)                                    # kill -9 between the two tables
        return real(self, *args, **kwargs)
    pd.DataFrame.to_parquet = to_parquet
    import_gazetteer(Path({dump!r}), Path({store!r}))
""")


def test_a_kill_between_the_two_tables_leaves_the_old_pair(gazetteer_store: Path,  # noqa: F811
                                                           tmp_path: Path) -> None:
    before = {p: (gazetteer_store / p).read_bytes() for p in (PLACES, NAMES)}
    dump = tmp_path / "newer.txt"
    dump.write_text(GEONAMES.replace("Vovchansk", "Vovchansk-New"), encoding="utf-8")
    script = _KILL.format(root=str(ROOT), dump=str(dump), store=str(gazetteer_store))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 9, done.stderr.decode()
    assert {p: (gazetteer_store / p).read_bytes() for p in (PLACES, NAMES)} == before
    assert load_gazetteer(gazetteer_store) is not None                # still a whole pair


def test_a_zip_member_over_the_cap_is_refused_before_unpacking(tmp_path: Path,
                                                             monkeypatch) -> None:
    with zipfile.ZipFile(tmp_path / "UA.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("UA.txt", GEONAMES * 50)
    monkeypatch.setattr(gazetteer, "MAX_DUMP_BYTES", 1000)
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a: pytest.fail("unpacked"))
    with pytest.raises(InputError, match=r"UA.txt unpacks to [\d,]+ bytes, more than the 1,000"):
        import_gazetteer(tmp_path / "UA.zip", tmp_path / "store")
    assert not (tmp_path / "store" / "gazetteer").exists()
