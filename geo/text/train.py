"""Train the draft scorer (:mod:`geo.text.scorer`) on the bundled texts:
``python -m geo.text.train [--out FILE] [--check]``.

The rules extract every training text (the default corpus, ``tests/texts/expected.json`` and
the once-blind rounds, **never** ``round10`` or ``round12``, the held-out sets); each
settlement draft is labelled 1 when the evaluator's own key (claimant, place, status,
extent, encirclement, :mod:`geo.text.evaluate`) is among the text's expected claims, else 0.
The keep threshold is chosen by leave-one-round-out cross-validation: each round (the corpus
counts as one) is scored by a model fitted on the others, and the threshold with the best
pooled F1 of settlement claims is kept (the lowest of equals). The model is then fitted on
all of them and written as JSON. Deterministic: the same texts and code give the same file
(``--check`` compares it with the shipped one and exits 1 on a difference).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from geo.dataset.load import load_dataset
from geo.places.gazetteer import spelling_index
from geo.places.resolution import Resolver
from geo.places.table import bundled_places
from geo.settings import DEFAULT_DATA_DIR
from geo.text.evaluate import _case_keys, _Places, default_claimant
from geo.text.extract import Extractor
from geo.text.front import front_from_claims
from geo.text.scorer import MODEL_FILE, Scorer, features, fit, language_of

#: The bundled texts: ``tests/texts`` of the repository.
TEXTS = Path(__file__).resolve().parents[2] / "tests" / "texts"
#: Held out: never trained on, never used to choose a feature or the threshold.
HELD_OUT = ("round10", "round12")
#: The L2 penalty (chosen once on cross-validation of the training rounds, see the note).
L2 = 1.0
#: Thresholds tried by the cross-validation.
THRESHOLDS = [round(0.05 * i, 2) for i in range(20)]


def group_of(spec: Path, texts: Path = TEXTS) -> str:
    """The cross-validation group of an expectation file: its blind round, else ``own``."""
    parts = spec.resolve().parent.relative_to(texts.resolve()).parts
    return parts[1] if len(parts) > 1 and parts[0] == "blind" else "own"


def training_specs(texts: Path = TEXTS) -> list[Path]:
    """Every expectation file under ``texts`` outside the held-out rounds."""
    return [s for s in sorted(texts.rglob("expected.json"))
            if group_of(s, texts) not in HELD_OUT]


def bundled_extractor(data_dir: Path = DEFAULT_DATA_DIR) -> Extractor:
    """The extractor ``geo evaluate`` builds over an empty store: the data directory's
    settlements, bundled places and the front of its recent claims; no scorer."""
    ds = load_dataset(data_dir)
    places = bundled_places(data_dir)
    resolver = Resolver(ds.settlements, None if places is None else (
        places, spelling_index(places)))
    return Extractor(resolver, ds.claimants, front=front_from_claims(ds.claims,
                                                                     resolver.places),
                     scorer=None)


def examples(extractor: Extractor, specs: list[Path]) -> list[dict[str, Any]]:
    """One row per settlement draft: its group, text number, key, features and label; and
    one row per text without drafts carrying only its expected count."""
    places = _Places(extractor)
    rows: list[dict[str, Any]] = []
    n = 0
    for spec in specs:
        group = group_of(spec)
        doc = json.loads(spec.read_text(encoding="utf-8"))
        for case in doc["texts"]:
            path = (spec.parent / case["file"]).resolve()
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            default = default_claimant(case)
            drafts = extractor.extract(text, dt.date.fromisoformat(case["date"]),
                                       default_claimant=default, include_fighting=True)
            want = {k for k in _case_keys(case, places, spec)[0] if k[0] == "settlement"}
            language = language_of(text)
            rows.append({"group": group, "text": n, "expected": len(want)})
            for d in drafts:
                if d.kind != "settlement":
                    continue
                key = ("settlement", d.claimant, places.key(d.settlement, d.geonames_id),
                       d.status, d.extent, d.encircled)
                rows.append({"group": group, "text": n, "key": key,
                             "features": features(d, text, drafts, default, language),
                             "label": int(key in want)})
            n += 1
    return rows


def pooled(rows: list[dict[str, Any]], probability: dict[int, float],
           threshold: float) -> dict[str, float]:
    """Settlement-claim P/R/F1 over ``rows`` keeping drafts scored at least ``threshold``
    (a key counts once per text, as the evaluator counts it)."""
    kept: dict[int, set] = defaultdict(set)
    right: dict[int, set] = defaultdict(set)
    expected = 0
    for i, r in enumerate(rows):
        if "key" not in r:
            expected += r["expected"]
            continue
        if probability[i] >= threshold:
            kept[r["text"]].add(r["key"])
            if r["label"]:
                right[r["text"]].add(r["key"])
    found = sum(map(len, kept.values()))
    correct = sum(map(len, right.values()))
    p = correct / found if found else 1.0
    rc = correct / expected if expected else 1.0
    return {"threshold": threshold, "found": found, "correct": correct, "expected": expected,
            "precision": round(p, 4), "recall": round(rc, 4),
            "f1": round(2 * p * rc / (p + rc) if p + rc else 0.0, 4)}


def cross_validate(rows: list[dict[str, Any]], l2: float = L2) -> dict[int, float]:
    """Each draft's probability from a model fitted without its group."""
    out: dict[int, float] = {}
    for group in sorted({r["group"] for r in rows}):
        train = [r for r in rows if "key" in r and r["group"] != group]
        weights, bias = fit([r["features"] for r in train], [r["label"] for r in train], l2)
        model = Scorer(weights, bias, 0.5, {})
        for i, r in enumerate(rows):
            if "key" in r and r["group"] == group:
                out[i] = model.probability(r["features"])
    return out


def train(extractor: Extractor, specs: list[Path], l2: float = L2) -> Scorer:
    """The scorer fitted on ``specs``' drafts, its threshold chosen by cross-validation."""
    rows = examples(extractor, specs)
    cv = cross_validate(rows, l2)
    table = [pooled(rows, cv, t) for t in THRESHOLDS]
    best = max(table, key=lambda r: (r["f1"], -r["threshold"]))
    drafts = [r for r in rows if "key" in r]
    weights, bias = fit([r["features"] for r in drafts], [r["label"] for r in drafts], l2)
    meta = {"trained_on": sorted({r["group"] for r in rows}), "held_out": list(HELD_OUT),
            "drafts": len(drafts), "positive": sum(r["label"] for r in drafts), "l2": l2,
            "cross_validation": {"rules_only": table[0], "chosen": best},
            "made_by": "python -m geo.text.train"}
    return Scorer(weights, bias, float(best["threshold"]), meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.text.train",
                                     description="fit the draft scorer on the bundled texts")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped model instead of writing it")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)
    model = train(bundled_extractor(args.data), training_specs())
    made = model.as_json()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == made
        print(f"{args.out}: {'the same as' if same else 'differs from'} what the command makes")
        return 0 if same else 1
    args.out.write_text(made, encoding="utf-8")
    cv = model.meta["cross_validation"]
    print(f"wrote {args.out}: {model.meta['drafts']} drafts, threshold {model.threshold}; "
          f"cross-validated F1 {cv['rules_only']['f1']} (rules only) -> "
          f"{cv['chosen']['f1']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
