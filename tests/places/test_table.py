"""The bundled places table: build from a tiny dump, reproducible bytes, loading, the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.dataset.load import load_dataset
from geo.errors import StoreError
from geo.places.fold import skeleton
from geo.places.gazetteer import read_dump
from geo.places.table import OBLASTS, build_places, cyrillic_names, load_places, write_places
from tests.places.geonames import BUNDLED, GEONAMES


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "UA.txt"
    path.write_text(GEONAMES, encoding="utf-8")
    return path


def test_build_keeps_populated_places_with_curated_ids(dump: Path) -> None:
    places = build_places(read_dump(dump), BUNDLED.settlements).set_index("geonameid")
    assert len(places) == 8 and places.index.is_monotonic_increasing   # rows sorted
    assert places.at[709900, "id"] == "dobropillia"             # settlements.csv geonames_id
    assert places.at[703656, "id"] == "kupiansk"
    assert places.at[709901, "id"] == "gn-709901"
    assert places.at[709900, "oblast"] == "Donetsk" and places.at[709899, "oblast"] == "Kharkiv"
    assert places.at[709900, "raion"] == "Pokrovsk Raion" and places.at[709901, "raion"] == ""
    assert places.at[709900, "name_uk"] == "Добропілля"
    assert places.at[709900, "name_ru"] == "Доброполье"
    assert places.at[703656, "name_uk"] == "Куп’янськ" and places.at[703656, "name_ru"] == "Купянск"
    assert places.at[703656, "population"] == 27169 and 999 not in places.index


def test_cyrillic_names_by_letters() -> None:
    bakhmut = cyrillic_names("Bakhmut", "Artemovsk,Артемовск,Бахмут,バフムート")
    assert bakhmut == ("Бахмут", "Бахмут")
    assert cyrillic_names("Toretsk", "Dzerzhinsk,Дзержинск,Торецк,Торецьк") == ("Торецьк",
                                                                               "Торецк")
    assert cyrillic_names("Zarichne", "") == ("", "")


def test_same_bytes_twice_and_loader(dump: Path, tmp_path: Path) -> None:
    places = build_places(read_dump(dump), BUNDLED.settlements)
    write_places(places, tmp_path / "a" / "places.parquet")
    write_places(places, tmp_path / "b" / "places.parquet")
    a, b = ((tmp_path / d / "places.parquet").read_bytes() for d in "ab")
    assert a == b
    pd.testing.assert_frame_equal(load_places(tmp_path / "a"), places)


def test_damaged_or_missing_table_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"places\.parquet: missing"):
        load_places(tmp_path)
    (tmp_path / "places.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(StoreError, match=r"places\.parquet: the places table is unreadable.*"
                                          r"geo places build"):
        load_places(tmp_path)
    pd.DataFrame({"name": ["x"]}).to_parquet(tmp_path / "places.parquet")
    with pytest.raises(StoreError, match="not a places table"):
        load_places(tmp_path)


def test_places_build_cli(dump: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.parquet"
    assert main(["places", "build", str(dump), "--out", str(out)]) == 0
    assert "wrote 8 populated places" in capsys.readouterr().out
    assert len(pd.read_parquet(out)) == 8
    assert main(["places", "build", str(tmp_path / "nothing.zip"), "--out", str(out)]) == 2


def test_bundled_table_matches_the_shared_dump(shared_data: Path) -> None:
    dump = read_dump(shared_data / "gazetteer" / "UA.zip")
    adm1 = dump[dump["feature_code"] == "ADM1"].set_index("admin1_code")["name"]
    renamed = {"12": "Misto Kyiv", "20": "Sebastopol City", "11": "Autonomous Republic of Crimea"}
    for code, oblast in OBLASTS.items():   # our names agree with the dump's ADM1 rows
        if code not in renamed:
            assert skeleton(adm1[code]).startswith(skeleton(oblast).split()[0]), code
        else:
            assert adm1[code] == renamed[code]
    bundled = load_places(Path(__file__).resolve().parents[2] / "data").set_index("geonameid")
    assert len(bundled) == (dump["feature_class"] == "P").sum() == 33681
    for gid in (713174, 709354, 710915, 704422):   # Bakhmut, Toretsk, Chasiv Yar, Pokrovsk
        assert bundled.at[gid, "oblast"] == "Donetsk"
    data = Path(__file__).resolve().parents[2] / "data"    # the real data/, not the frozen copy
    assert set(load_dataset(data).settlements["id"]) <= set(bundled["id"])


def test_resolve_exit_codes_and_candidates(capsys) -> None:
    assert main(["resolve", "Xyzzyville"]) == 1          # was "Vil", confidence 0.41, exit 0
    assert "unknown place 'Xyzzyville'; nearest:" in capsys.readouterr().err
    assert main(["resolve", "Kupyansk"]) == 0
    assert "id=kupiansk " in capsys.readouterr().out
    assert main(["resolve", "Dobropillia", "--format", "json"]) == 0
    out = capsys.readouterr().out
    import json
    found = json.loads(out)
    count = int(found["reason"].split("; ")[1].split()[0])   # "N places of that name"
    assert len(found["candidates"]) == count > 1


def test_no_population_is_not_called_the_largest(gazetteer_store: Path, resolver) -> None:
    from geo.places.gazetteer import load_gazetteer
    from geo.places.resolution import Resolver

    places, names = load_gazetteer(gazetteer_store) or (None, None)
    assert places is not None and names is not None
    unknown = places["geonameid"].isin([709899, 705924])   # two Dobropillias, population 0
    only = Resolver(BUNDLED.settlements[BUNDLED.settlements["id"] == "kupiansk"],
                    (places[unknown], names[names["geonameid"].isin([709899, 705924])]))
    found = only.resolve("Dobropillia")
    assert found is not None and "largest population" not in found.reason
    assert "name the oblast" in found.reason and len(found.candidates) == 2
    zarichne = resolver.resolve("Zarichne")                # 700 vs 5000: the larger wins
    assert zarichne is not None and "largest population" in zarichne.reason


def test_shown_names_follow_one_spelling_rule() -> None:
    """A place's shown name is the national romanisation of its Ukrainian name; a name that
    may be Russian keeps the dump's spelling; the dump's name stays findable."""
    from geo.places.table import display_names

    names = pd.Series(["Mykhaylivka", "Vol'noye", "Livoberezhnyi Masyv", "Pokrovsk"])
    uk = pd.Series(["Михайлівка", "Вольное", "Лівобережний масив", ""])
    alts = pd.Series(["Михайлівка,Mikhaylovka", "Вольное", "", ""])
    shown, alternates = display_names(names, uk, alts)
    assert shown == ["Mykhailivka", "Vol'noye", "Livoberezhnyi Masyv", "Pokrovsk"]
    assert alternates[0] == "Михайлівка,Mikhaylovka,Mykhaylivka"   # the dump's own name kept
    assert alternates[1] == "Вольное" and alternates[3] == ""
    assert alternates[2] == ""        # only the case differs: nothing to add
