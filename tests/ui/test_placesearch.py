"""The sidebar search's index: built once per dataset, best first, nearest names on a miss."""

from __future__ import annotations

from geo.dataset.load import load_dataset
from tests.fixtures import BUNDLED_DIR
from tests.helpers import claim, write_data
from ui import placesearch


def test_index_built_once_per_dataset_and_matches_best_first() -> None:
    ds = load_dataset(BUNDLED_DIR)
    assert placesearch.place_index(ds) is placesearch.place_index(ds)
    other = load_dataset(BUNDLED_DIR)               # another version: its own index
    assert placesearch.place_index(other) is not placesearch.place_index(ds)
    ids, note = placesearch.matches(ds, "kupyansk vuzlovyi")
    assert ids[0] == "kupiansk-vuzlovyi" and note == ""
    ids, note = placesearch.matches(ds, "Kupyansk")
    assert ids[:2] == ["kupiansk", "kupiansk-vuzlovyi"]
    ids, note = placesearch.matches(ds, "Pokrovks")              # a typo: nearest names
    assert ids == [] and "Nearest: Pokrovsk (Donetsk)" in note
    assert placesearch.chosen(ds, "Kupyansk") == "kupiansk"     # the one exact match
    assert placesearch.chosen(ds, "Kupiansk-V") == "kupiansk-vuzlovyi"   # the only match
    assert placesearch.chosen(ds, "Pokrovks") is None
    assert placesearch.labels(ds, ["", "pokrovsk"]) == {"pokrovsk": "Pokrovsk (Donetsk)"}


def test_a_query_and_the_list_are_read_once_per_dataset(monkeypatch) -> None:
    """The query stays in the box while the reader changes the date: its matches, the list
    before a search and its labels come from what the dataset's first run found."""
    ds = load_dataset(BUNDLED_DIR)
    index = placesearch.place_index(ds)
    calls: list[str] = []
    real = type(index).find

    def counted(self, query: str, limit: int = 10):
        calls.append(query)
        return real(self, query, limit)

    monkeypatch.setattr(type(index), "find", counted)
    for _ in range(3):
        assert placesearch.chosen(ds, "Krasnoarmeisk") == "pokrovsk"
        assert placesearch.matches(ds, "Krasnoarmeisk")[0][0] == "pokrovsk"
    assert calls == ["Krasnoarmeisk"]
    first = placesearch.listed(ds)
    first.append("changed by the caller")
    assert placesearch.listed(ds) == first[:-1] and "pokrovsk" in first
    monkeypatch.setattr(placesearch, "MAP_FIRST_ROW", None)   # a scan of the claims raises
    assert placesearch.listed(ds) == first[:-1]
    assert placesearch.labels(ds, ["nowhere", "pokrovsk", "", "kupiansk"]) == {
        "pokrovsk": "Pokrovsk (Donetsk)", "kupiansk": "Kupiansk (Kharkiv)"}


def _place(pid: str, name: str, aliases: str = "", population: str = "100") -> dict:
    return {"id": pid, "name": name, "name_uk": "", "aliases": aliases, "oblast": "Donetsk",
            "kind": "village", "population": population, "lat": "48.5", "lon": "37.5",
            "geonames_id": ""}


def test_each_match_says_why_and_a_place_with_claims_comes_first(tmp_path) -> None:
    places = [_place("kypuche", "Kypuche", "Artemivsk", population="9000"),
              _place("bakh", "Bakh", "Artemivsk;Bakhmoot", population="70"),
              _place("novo-1", "Novo"), _place("novo-2", "Novo"),
              _place("artemivske", "Artemivske")]
    ds = load_dataset(write_data(tmp_path / "d", settlements=places, claims=[
        claim("c1", "2025-01-01", "bakh", "ru_mod", "russian")]))
    ids, _ = placesearch.matches(ds, "Artemivsk")
    assert ids[:2] == ["bakh", "kypuche"]        # the one with claims first, then by size
    why = placesearch.reasons(ds, "Artemivsk")
    assert why == {"bakh": "Artemivsk: a former or other name of Bakh; 1 claim in the data",
                   "kypuche": "Artemivsk: a former or other name of Kypuche",
                   "artemivske": "Artemivske: a name spelt much like yours (another "
                                 "transliteration?)"}
    assert placesearch.reasons(ds, "Bakhmoot") == {
        "bakh": "Bakhmoot: a former or other name of Bakh; 1 claim in the data"}
    assert placesearch.reasons(ds, "Bakh")["bakh"] == "its name; 1 claim in the data"
    assert set(placesearch.reasons(ds, "Novo").values()) == {"one of 2 places named Novo"}
    assert placesearch.reasons(ds, "") == {}
