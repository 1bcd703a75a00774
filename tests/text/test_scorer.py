"""The learned draft scorer (geo.text.scorer): its features, its fit, its decision, the
extractor's use of it and the shipped model against what the training command makes.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geo.settings import DEFAULT_DATA_DIR
from geo.text.draft import Draft
from geo.text.scorer import MODEL_FILE, Scorer, explain, features, fit, language_of, shipped
from geo.text.train import HELD_OUT, group_of, training_specs
from tests.text.tiny import tiny_extractor

ROWS = [  # geonameid, name, alternatenames, oblast, population, lat, lon
    (921, "Zorianka", "Зорянка,Зорянка,Zoryanka", "Donetsk", 400, 48.4, 37.6),
    (922, "Lypove", "Липовое,Липове,Lipovoye", "Donetsk", 300, 48.45, 37.7),
]
DAY = dt.date(2025, 3, 4)
TEXT = ("The Russian Defence Ministry said its forces had captured Zorianka. "
        "Fighting continued near Lypove, the ministry said.")


def _draft(**kw) -> Draft:
    base = {"kind": "settlement", "claimant": "ru_mod", "side": "ru", "evidence": "",
            "start": 0, "end": 0, "confidence": 0.8, "date": "2025-03-04",
            "settlement": "gn-921", "status": "russian", "extent": "full", "cue": "capture",
            "rule": "cue capture in a clause spoken by ru_mod (named)"}
    return Draft(**(base | kw))


def test_language_of_tells_english_ukrainian_and_russian() -> None:
    assert language_of("Russian forces captured the village.") == "en"
    assert language_of("Сили оборони відбили атаку біля села, яке ще тримають.") == "uk"
    assert language_of("Подразделения освободили населённый пункт, бои продолжаются.") == "ru"


def test_features_name_the_cue_rule_speaker_and_the_words_of_the_sentence() -> None:
    sentence = "Kyiv denied that Russian forces had taken Zorianka, the ministry said."
    d = _draft(evidence=sentence, evidence_start=5, evidence_end=sentence.index(",") + 1,
               cue="capture,denied", status="ukrainian", claimant="ua_gov", side="ua",
               rule="cue capture+denied in a clause spoken by ua_gov (named)")
    f = features(d, sentence, [d], None)
    assert f["cue=capture"] == f["cue=denied"] == f["cues>1"] == 1.0
    assert f["claimant=ua_gov"] == f["rule=named"] == f["style=wire"] == 1.0
    assert f["neg_in_span"] == 1.0 and f["said_in_sentence"] == 1.0
    assert f["speaker_is_default"] == 0.0 and "rule=default" not in f
    bulletin = _draft(rule="cue capture in a clause spoken by ru_mod (the default speaker)",
                      evidence="Zorianka was liberated.", evidence_start=0, evidence_end=22)
    g = features(bulletin, "Zorianka was liberated.", [bulletin, d], "ru_mod")
    assert g["rule=default"] == g["speaker_is_default"] == g["style=ru_mod"] == 1.0
    assert g["neg_in_span"] == 0.0 and g["same_place_other_claimant"] == 1.0


def test_fit_learns_the_sign_of_a_feature_and_is_deterministic() -> None:
    rows = [{"good": 1.0}, {"good": 1.0}, {"bad": 1.0}, {"bad": 1.0}, {"good": 1.0},
            {"bad": 1.0, "good": 1.0}]
    labels = [1, 1, 0, 0, 1, 0]
    weights, bias = fit(rows, labels, l2=1.0)
    assert weights["good"] > 0 > weights["bad"]
    assert (weights, bias) == fit(rows, labels, l2=1.0)
    model = Scorer(weights, bias, 0.5, {})
    assert model.probability({"good": 1.0}) > 0.5 > model.probability({"bad": 1.0})
    assert explain(model, {"good": 1.0, "bad": 1.0}).startswith("bad -")


def test_the_model_file_round_trips_and_the_threshold_decides(tmp_path: Path) -> None:
    model = Scorer({"cue=capture": 1.5, "neg_in_span": -2.0}, 0.25, 0.4, {"l2": 1.0})
    path = tmp_path / "model.json"
    path.write_text(model.as_json(), encoding="utf-8")
    assert Scorer.load(path) == model
    low, high = _draft(score=0.39), _draft(score=0.4)
    assert not model.keep(low) and model.keep(high)
    assert model.keep(_draft(kind="fighting", score=0.0)) and model.keep(_draft())


def test_the_extractor_scores_its_drafts_and_drops_only_when_asked() -> None:
    ex = tiny_extractor(ROWS)
    scored = [d for d in ex.extract(TEXT, DAY, include_fighting=True) if d.kind == "settlement"]
    assert scored and all(d.score is not None and 0 <= d.score <= 1 for d in scored)
    assert all(d.rule and d.evidence_end > d.evidence_start for d in scored)
    assert "score" in scored[0].as_dict() and scored[0].score_why
    assert not ex.drop_below  # off by default: the held-out round showed no gain
    strict = Scorer(ex.scorer.weights if ex.scorer else {}, 0.0, 1.01, {})
    ex.scorer, ex.drop_below = strict, True
    kept = ex.extract(TEXT, DAY, include_fighting=True)
    assert not [d for d in kept if d.kind == "settlement"]
    assert [d for d in kept if d.kind == "fighting"]  # fighting drafts are not scored
    ex.scorer = None
    assert all(d.score is None for d in ex.extract(TEXT, DAY))


def test_the_shipped_model_is_trained_without_the_held_out_round() -> None:
    model = shipped()
    assert model is not None and MODEL_FILE.is_file()
    assert not set(model.meta["trained_on"]) & set(HELD_OUT)
    assert all(group_of(s) not in HELD_OUT for s in training_specs())
    assert 0.0 <= model.threshold < 1.0 and model.weights


@pytest.mark.skipif(not (DEFAULT_DATA_DIR / "places.parquet").is_file(),
                    reason="data/places.parquet (the bundled places table) is absent")
def test_the_shipped_model_is_what_the_training_command_makes() -> None:
    from geo.text.train import bundled_extractor, train
    made = json.loads(train(bundled_extractor(), training_specs()).as_json())
    shipped_doc = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert made["threshold"] == shipped_doc["threshold"]
    assert made["meta"] == shipped_doc["meta"]
    assert set(made["weights"]) == set(shipped_doc["weights"])
    assert all(abs(made["weights"][k] - v) < 1e-4 for k, v in shipped_doc["weights"].items())
    assert abs(made["bias"] - shipped_doc["bias"]) < 1e-4
