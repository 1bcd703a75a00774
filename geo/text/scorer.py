"""A learned score for the rules' settlement drafts: how likely a reader would draw the
same claim from the text.

The rules (:mod:`geo.text.extract`) make every draft; this module only scores them and,
when asked, drops those scored below the model's threshold. Each draft gets named features
(:func:`features`): the cue words that fired, how the rule found its speaker (named, the
default speaker, a reported or rejected claim), the claimant and status, the words of its
sentence (negation, hedges, quotes, reported speech, "near", "towards", history), the
resolver's confidence and the place's distance to the front, how many drafts the text has
of that place, and the text's language and style as far as the text tells them.

The model is a logistic regression (L2, fitted by Newton's method in numpy: a few hundred
drafts, a few dozen features; deterministic, no download, no pickle). It is stored as JSON
(:data:`MODEL_FILE`): the feature names, their weights, the bias and the threshold chosen
by leave-one-round-out cross-validation (:mod:`geo.text.train`). A draft keeps its rule and
evidence span and gains ``score``, the model's probability, and the weights that moved it
most (:func:`explain`).
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from geo.text.draft import Draft

__all__ = ["MODEL_FILE", "Scorer", "explain", "features", "fit", "language_of", "shipped"]

#: The shipped model, made by ``python -m geo.text.train`` from the bundled texts.
MODEL_FILE = Path(__file__).with_name("scorer.json")

_NEG = re.compile(r"\b(?:not|no|never|n't|nor|without|false|untrue|fake|denied|denies|deny|"
                  r"rejected|refuted)\b|(?<!\w)(?:не|ні|нет|неправда|спростува\w*|"
                  r"опроверг\w*|заперечу\w*|отрица\w*)(?!\w)", re.I)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|claim\w*|likely|possibly|probably|may|might|"
                    r"could|would|unconfirmed|unverified|purportedly|apparently|if|whether|"
                    r"assess\w*)\b|(?<!\w)(?:нібито|начебто|ймовірно|імовірно|можливо|"
                    r"якобы|вероятно|возможно|будто|если|якщо)(?!\w)", re.I)
_QUOTE = re.compile(r"[\"“”«»„]")
_SAID = re.compile(r"\b(?:said|says|stated|told|according to|reported|announced|wrote|added|"
                   r"claimed)\b|(?<!\w)(?:за словами|по словам|за даними|по данным|"
                   r"заяви\w*|повідоми\w*|сообщи\w*|написа\w*)(?!\w)", re.I)
_NEAR = re.compile(r"\b(?:near|towards?|direction|outskirts|vicinity|area of|areas of|"
                   r"approaches|around|close to|of the)\b|(?<!\w)(?:біля|поблизу|поруч|"
                   r"напрямку|районі|районах|около|вблизи|районе|районах|направлении|"
                   r"под|під)(?!\w)", re.I)
_HISTORY = re.compile(r"\b(?:last (?:year|month|week|spring|summer|autumn|winter)|since|"
                      r"previously|earlier|ago|in (?:19|20)\d\d|had been|used to|once)\b|"
                      r"(?<!\w)(?:раніше|ранее|минулого|прошлого|тому|назад)(?!\w)", re.I)
_FUTURE = re.compile(r"\b(?:will|plan\w*|aim\w*|seek\w*|try\w*|attempt\w*|intend\w*|goal|"
                     r"order\w* to)\b|(?<!\w)(?:намага\w*|пытаю\w*|спроб\w*|попыт\w*|"
                     r"планиру\w*|планує\w*)(?!\w)", re.I)
_ATTACK = re.compile(r"\b(?:attack\w*|assault\w*|repel\w*|repuls\w*|fight\w*|clash\w*|"
                     r"battle\w*|shell\w*|strike\w*|struck)\b|(?<!\w)(?:атак\w*|штурм\w*|"
                     r"бо[їий]\w*|відбил\w*|отбил\w*|обстріл\w*|обстрел\w*|удар\w*)", re.I)
_UK = re.compile(r"[іїєґ]", re.I)
_RU = re.compile(r"[ыэёъ]", re.I)
_CYR = re.compile(r"[а-яіїєґё]", re.I)

_RULE_FLAGS = (("named", "(named)"), ("default", "(the default speaker)"),
               ("reported", "; reported claim"), ("denial", "; denial of a reported claim"),
               ("rejection", "rejection by"), ("correction", "correction of its own"))


def language_of(text: str) -> str:
    """``en``, ``uk`` or ``ru``, from the letters of ``text`` (i, ї, є against ы, э, ё)."""
    cyr = len(_CYR.findall(text))
    if cyr < 0.3 * max(1, len(re.findall(r"[A-Za-z]", text)) + cyr):
        return "en"
    return "uk" if len(_UK.findall(text)) >= len(_RU.findall(text)) else "ru"


def _km_to_front(d: Draft) -> float | None:
    for alt in d.alternatives:
        if alt.get("id") == d.settlement and alt.get("km_to_front") is not None:
            return float(alt["km_to_front"])
    return None


def features(d: Draft, text: str, drafts: list[Draft], default: str | None,
             language: str | None = None) -> dict[str, float]:
    """The named features of settlement draft ``d`` among ``drafts``, all of ``text``,
    whose sentences without a named speaker are ``default``'s."""
    f: dict[str, float] = {"bias_free": 0.0}
    cues = [c for c in d.cue.split(",") if c]
    for c in cues or ["none"]:
        f[f"cue={c}"] = 1.0
    f["cues>1"] = float(len(cues) > 1)
    f[f"claimant={d.claimant}"] = 1.0
    f[f"side={d.side or 'none'}"] = 1.0
    f[f"status={d.status}"] = 1.0
    f[f"extent={d.extent}"] = 1.0
    f[f"status_extent={d.status}/{d.extent}"] = 1.0
    if d.encircled is not None:
        f[f"encircled={d.encircled}"] = 1.0
    for name, marker in _RULE_FLAGS:
        if marker in d.rule:
            f[f"rule={name}"] = 1.0
    f["speaker_is_default"] = float(default is not None and d.claimant == default)
    f[f"style={default or 'wire'}"] = 1.0
    f[f"lang={language or language_of(text)}"] = 1.0
    f["confidence"] = d.confidence
    f["namesakes"] = float(d.ambiguous > 0)
    f["log_population"] = math.log1p(max(0, d.population)) / 10
    f["curated"] = float(d.curated)
    km = _km_to_front(d)
    f["km_to_front"] = 0.0 if km is None else min(km, 600.0) / 100
    f["far_from_front"] = float(km is not None and km > 100)
    f["fuzzy"] = float("fuzzy" in d.why_place)
    f["named_earlier"] = float("named earlier" in d.why_place)
    sentence = d.evidence
    i, j = max(0, d.evidence_start), max(0, d.evidence_end)
    span = sentence[i:j]
    before = sentence[:i]
    f["span_long"] = min(len(span), 300) / 100
    f["sentence_long"] = min(len(sentence), 600) / 300
    for name, rx in (("neg", _NEG), ("hedge", _HEDGE), ("quote", _QUOTE), ("said", _SAID),
                     ("near", _NEAR), ("history", _HISTORY), ("future", _FUTURE),
                     ("attack", _ATTACK)):
        f[f"{name}_in_span"] = float(bool(rx.search(span)))
        f[f"{name}_before"] = float(bool(rx.search(before)))
        f[f"{name}_in_sentence"] = float(bool(rx.search(sentence)))
    f["question"] = float("?" in sentence)
    f["commas_in_span"] = min(span.count(","), 10) / 5
    f["first_sentence"] = float(d.start <= 0 or not text[:d.start].strip())
    f["position"] = d.start / max(1, len(text))
    same_place = [o for o in drafts if o is not d and o.settlement == d.settlement]
    f["same_place_settlement"] = float(any(o.kind == "settlement" for o in same_place))
    f["same_place_other_claimant"] = float(any(
        o.kind == "settlement" and o.claimant != d.claimant for o in same_place))
    f["same_place_fighting"] = float(any(o.kind == "fighting" for o in same_place))
    f["same_sentence_drafts"] = min(sum(o.kind == "settlement" and o.start == d.start
                                        for o in drafts), 10) / 5
    f["text_drafts"] = min(sum(o.kind == "settlement" for o in drafts), 40) / 20
    f["part_named"] = float(bool(d.part))
    f.pop("bias_free")
    return f


@dataclass(frozen=True)
class Scorer:
    """A fitted model: weights by feature name, the bias and the keep threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Scorer:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in doc["weights"].items()}, float(doc["bias"]),
                   float(doc["threshold"]), dict(doc.get("meta", {})))

    def as_json(self) -> str:
        """The model as its JSON file's text (weights rounded, keys sorted)."""
        return json.dumps({"bias": round(self.bias, 6), "threshold": round(self.threshold, 6),
                           "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
                           "meta": self.meta}, ensure_ascii=False, indent=1,
                          sort_keys=True) + "\n"

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, drafts: list[Draft], text: str, default: str | None) -> list[Draft]:
        """``drafts`` with each settlement draft's ``score`` and ``score_why`` set."""
        language = language_of(text)
        for d in drafts:
            if d.kind != "settlement":
                continue
            feats = features(d, text, drafts, default, language)
            d.score = round(self.probability(feats), 3)
            d.score_why = explain(self, feats)
        return drafts

    def keep(self, d: Draft) -> bool:
        """Whether the draft stays: not a settlement claim, unscored, or scored at or above
        the threshold."""
        return d.kind != "settlement" or d.score is None or d.score >= self.threshold


@functools.cache
def shipped() -> Scorer | None:
    """The model shipped beside the code (None when its file is absent)."""
    return Scorer.load(MODEL_FILE) if MODEL_FILE.is_file() else None


def explain(model: Scorer, feats: dict[str, float], top: int = 3) -> str:
    """The features that moved the score most, with their signed contributions."""
    parts = sorted(((model.weights.get(k, 0.0) * v, k) for k, v in feats.items()),
                   key=lambda p: (-abs(p[0]), p[1]))
    return "; ".join(f"{k} {w:+.2f}" for w, k in parts[:top] if w)


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0,
        iterations: int = 50) -> tuple[dict[str, float], float]:
    """Logistic regression with an L2 penalty ``l2`` on the weights (not the bias), fitted
    by Newton's method: (weights by feature name, bias). Deterministic."""
    names = sorted({k for r in rows for k in r})
    col = {k: n for n, k in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for i, r in enumerate(rows):
        for k, v in r.items():
            x[i, col[k]] = v
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 1e-6
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return {k: float(w[col[k]]) for k in names}, float(w[-1])
