"""The evaluation report (per style, language, failure class; resolution accuracy), the
evaluate and extract commands, and the corpus figures the README quotes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geo.cli import main
from geo.dataset.load import load_dataset
from geo.errors import InputError
from geo.places.gazetteer import spelling_index
from geo.places.resolution import Resolver
from geo.places.table import bundled_places
from geo.settings import DEFAULT_DATA_DIR
from geo.text.dates import document_date
from geo.text.evaluate import report
from geo.text.extract import Extractor
from tests.places.geonames import BUNDLED

TEXTS = Path(__file__).resolve().parents[1] / "texts"


def _spec(tmp_path: Path, cases: list[dict], texts: dict[str, str]) -> Path:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    spec = tmp_path / "expected.json"
    spec.write_text(json.dumps({"texts": cases}), encoding="utf-8")
    return spec


def test_report_by_style_class_and_resolution(tmp_path: Path) -> None:
    spec = _spec(tmp_path, [
        {"file": "a.txt", "date": "2025-11-20", "style": "wire", "language": "en",
         "classes": ["people"], "settlement": [
             ["ru_mod", {"name": "Kupiansk", "geonameid": 703656}, "russian", "full", None]],
         "territory": [], "not_places": ["Vladimir Putin"]},
        {"file": "b.txt", "date": "2025-11-20", "style": "mod", "language": "en",
         "classes": ["wording"], "settlement": [["ru_mod", "pokrovsk", "contested", "full",
                                                 None]],
         "territory": [["deepstate", 19.3, "country"]], "absent": []},
    ], {"a.txt": "Russia told President Vladimir Putin its forces captured Kupyansk.",
        "b.txt": "Units are mopping up Krasnoarmeysk. Assault groups took Myrnohrad."})
    ex = Extractor(Resolver(BUNDLED.settlements), BUNDLED.claimants)
    r = report(ex, [spec])
    assert r.texts == 2 and (r.overall.expected, r.overall.found, r.overall.correct) == (3, 3, 2)
    assert r.by_style["wire"].precision == 1.0 and r.by_style["mod"].recall == 0.5
    assert set(r.by_class) == {"people", "wording"} and r.by_language["en"].expected == 3
    assert (r.resolved_right, r.resolved_named) == (2, 2)   # Kupiansk and Pokrovsk ids right
    assert r.violations == []
    assert main(["evaluate", str(spec), "--format", "json"]) == 0


def test_a_banned_word_counts_only_as_whole_words(tmp_path: Path) -> None:
    """"HUR" (an agency) in not_places is no violation by a claim about
    a place whose name holds those letters; "Kupiansk" itself is."""
    case = {"file": "a.txt", "date": "2025-11-20", "style": "wire", "language": "en",
            "settlement": [], "territory": [], "not_places": ["pyan"]}
    texts = {"a.txt": "Russia's defence ministry said its forces captured Kupyansk."}
    ex = Extractor(Resolver(BUNDLED.settlements), BUNDLED.claimants)
    assert report(ex, [_spec(tmp_path, [case], texts)]).violations == []
    case["not_places"] = ["Kupyansk"]
    assert len(report(ex, [_spec(tmp_path, [case], texts)]).violations) == 1


def test_evaluate_names_a_missing_file(capsys) -> None:
    assert main(["evaluate", "no/such/expected.json"]) == 2
    assert "expected.json" in capsys.readouterr().err


def test_extract_takes_the_date_from_the_dateline_or_refuses(tmp_path: Path, capsys) -> None:
    (tmp_path / "dated.txt").write_text("KYIV, Nov 20, 2025 (Reuters) - Russia said its forces "
                                        "captured Kupyansk.", encoding="utf-8")
    (tmp_path / "undated.txt").write_text("Russia said its forces captured Kupyansk.",
                                          encoding="utf-8")
    assert main(["extract", str(tmp_path / "dated.txt"), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)[0]["date"] == "2025-11-20" and "taken from the text" in out.err
    assert main(["extract", str(tmp_path / "undated.txt")]) == 2
    assert "--date" in capsys.readouterr().err
    assert document_date("Оперативна інформація станом на 08:00 21.11.2025") == dt.date(
        2025, 11, 21)


def test_a_cyrillic_dateline_dates_the_report() -> None:
    assert document_date("ДНІПРО, 3 березня 2025 р. — Сили оборони ...") == dt.date(2025, 3, 3)
    assert document_date("МОСКВА, 28 декабря 2024 г. Минобороны сообщило") == dt.date(
        2024, 12, 28)
    assert document_date("31 лютого 2025 р. — нема такого дня") is None   # no such day


def test_extract_csv_writes_geonames_ids_as_integers(tmp_path: Path, capsys) -> None:
    (tmp_path / "r.txt").write_text("Russia said its forces captured Kupyansk. Moscow said "
                                    "it controls 19% of Ukraine.", encoding="utf-8")
    assert main(["extract", str(tmp_path / "r.txt"), "--date", "2025-11-20",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert ",703656," in out and "703656.0" not in out


@pytest.mark.skipif(not (DEFAULT_DATA_DIR / "places.parquet").is_file(),
                    reason="data/places.parquet (the bundled places table) is absent")
def test_corpus_meets_the_targets() -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    places = bundled_places(DEFAULT_DATA_DIR)
    assert places is not None
    ex = Extractor(Resolver(ds.settlements, (places, spelling_index(places))), ds.claimants)
    r = report(ex, [TEXTS / "corpus" / "expected.json"])
    assert r.texts >= 80
    assert r.overall.precision >= 0.85 and r.overall.recall >= 0.85, r.as_dict()
    assert r.resolution_accuracy >= 0.9
    assert not [v for v in r.violations if "no place" in v], r.violations


def test_territory_rows_take_a_date_country_or_region_and_refuse_the_rest(
        tmp_path: Path, capsys) -> None:
    """A share of an oblast ("region") is not scored; a qualifier where ``refers_to``
    belongs ("about") is refused before any text is scored, naming file, text and row."""
    case = {"file": "a.txt", "date": "2025-11-20", "style": "wire", "language": "en",
            "settlement": [], "territory": [["ru_gov", 20, "country"],
                                            ["ru_genstaff", 99, "region"]]}
    texts = {"a.txt": "Peskov said Russian forces held a fifth of Ukraine's territory and "
                      "99 percent of the Luhansk region."}
    ex = Extractor(Resolver(BUNDLED.settlements), BUNDLED.claimants)
    assert report(ex, [_spec(tmp_path, [case], texts)]).overall.expected == 1
    case["territory"].append(["ua_gov", 19, "about"])
    spec = _spec(tmp_path, [case], texts)
    with pytest.raises(InputError, match=r"a\.txt.*territory row 3.*\"about\""):
        report(ex, [spec])
    assert main(["evaluate", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "expected.json" in err and "Traceback" not in err and "Fix:" in err


def test_per_text_counts_and_folder_totals(tmp_path: Path, capsys) -> None:
    """One run over a folder of rounds gives each text's counts and each folder's totals,
    the round's own (a and b together) included."""
    claim = ["ru_mod", {"name": "Kupiansk", "geonameid": 703656}, "russian", "full", None]
    for sub, texts in (("a", {"1.txt": "Russia's defence ministry said its forces captured "
                                       "Kupyansk."}),
                       ("b", {"2.txt": "The weather was cold in the village."})):
        folder = tmp_path / "round9" / sub
        folder.mkdir(parents=True)
        _spec(folder, [{"file": name, "date": "2025-11-20", "style": "wire",
                        "settlement": [claim], "territory": []} for name in texts], texts)
    ex = Extractor(Resolver(BUNDLED.settlements), BUNDLED.claimants)
    specs = sorted(tmp_path.rglob("expected.json"))
    r = report(ex, specs)
    counts = {k: (v.expected, v.found, v.correct) for k, v in r.by_folder.items()}
    assert counts == {"round9": (2, 1, 1), "round9/a": (1, 1, 1), "round9/b": (1, 0, 0)}
    rows = {row["file"]: row for row in r.per_text()}
    assert (rows["1.txt"]["correct"], rows["1.txt"]["found"], rows["1.txt"]["expected"]) == (
        1, 1, 1)
    assert (rows["2.txt"]["correct"], rows["2.txt"]["found"], rows["2.txt"]["expected"]) == (
        0, 0, 1) and rows["2.txt"]["recall"] == 0.0
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path), "--format", "json", "--per-text"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["by_folder"]["round9"]["expected"] == 2
    assert out["by_folder"]["round9/b"]["recall"] == 0.0
    assert {d["file"]: d["correct"] for d in out["details"]} == {"1.txt": 1, "2.txt": 0}
    assert main(["evaluate", str(tmp_path), "--per-text"]) == 0
    table = capsys.readouterr().out
    assert "round9/a/1.txt" in table and "round9/b" in table
