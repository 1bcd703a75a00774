"""Precision and recall of the ingest parsers on a folder of documents with an
``expected.json`` (the blind sets' schema: ``settlement`` rows ``[claimant, place, status,
extent, encircled]`` and ``fighting_near`` rows ``[claimant, place]``, places by geonameid).

    python -m bench.ingest_score deepstate /work/blind/ingest/deepstate [--data data]
    python -m bench.ingest_score mod /work/blind/ingest/mod

Control claims are scored on (claimant, geonameid, status); fighting-near drafts on
(claimant, geonameid). A row whose claimant is not a claimant of ours (``ru_milblogger``)
counts like any other.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.ingest.deepstate import note_claims
from geo.ingest.model import IngestContext, Parsed
from geo.ingest.textclaims import text_claims
from geo.io.fetch import Fetcher
from geo.places.table import load_places

Key = tuple[Any, ...]


def _context(data: Path) -> IngestContext:
    return IngestContext(data_dir=data, store=data / "local", fetcher=Fetcher(),
                         places=load_places(data), auto_accept=0.0)


def _keys(parsed: Parsed) -> tuple[set[Key], set[Key]]:
    claims, fighting = set(), set()
    for row in [*parsed.claims, *(q["claim"] | {"kind": q.get("kind")} for q in parsed.queued)]:
        gid = row.get("geonames_id")
        if row.get("kind") == "fighting" or row.get("status") == "fighting":
            fighting.add((row["claimant"], gid))
        else:
            claims.add((row["claimant"], gid, row["status"]))
    return claims, fighting


def deepstate_docs(folder: Path, ctx: IngestContext, lang: str = "en"
                   ) -> list[tuple[str, Parsed, dict]]:
    """Each update's note (``lang="uk"``: the Ukrainian note alone) against expected.json."""
    history = json.loads((folder / "history.json").read_text(encoding="utf-8"))
    expected = {u["id"]: u for u in json.loads(
        (folder / "expected.json").read_text(encoding="utf-8"))["updates"]}
    out = []
    for item in history:
        if lang == "uk":
            item = {**item, "descriptionEn": ""}
        parsed = Parsed()
        note_claims(ctx, item, expected[item["id"]]["date"], "score", "https://x", parsed)
        out.append((str(item["id"]), parsed, expected[item["id"]]))
    return out


def text_docs(folder: Path, ctx: IngestContext, claimant: str
              ) -> list[tuple[str, Parsed, dict]]:
    """Each text file of ``expected.json`` through ``claimant``'s parser."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["texts"]
    out = []
    for want in expected:
        text = (folder / want["file"]).read_text(encoding="utf-8")
        out.append((want["file"], text_claims(ctx, text, claimant, want["date"], "score",
                                              "https://x"), want))
    return out


FORMATS: dict[str, Callable[[Path, IngestContext], list[tuple[str, Parsed, dict]]]] = {
    "mod": lambda folder, ctx: text_docs(folder, ctx, "ru_mod"),
    "genstaff": lambda folder, ctx: text_docs(folder, ctx, "ua_genstaff"),
    "isw": lambda folder, ctx: text_docs(folder, ctx, "isw"),
    "deepstate": deepstate_docs,
    "deepstate-uk": lambda folder, ctx: deepstate_docs(folder, ctx, "uk")}


def score(docs: list[tuple[str, Parsed, dict]], details: bool = False) -> dict[str, Any]:
    """Micro-averaged precision and recall over the documents."""
    tp = fp = fn = ftp = ffp = ffn = 0
    for name, parsed, want in docs:
        got_c, got_f = _keys(parsed)
        exp_c = {(r[0], r[1]["geonameid"], r[2]) for r in want.get("settlement", [])}
        exp_f = {(r[0], r[1]["geonameid"]) for r in want.get("fighting_near", [])}
        tp, fp, fn = tp + len(got_c & exp_c), fp + len(got_c - exp_c), fn + len(exp_c - got_c)
        ftp, ffp, ffn = (ftp + len(got_f & exp_f), ffp + len(got_f - exp_f),
                         ffn + len(exp_f - got_f))
        if details and (got_c != exp_c or got_f != exp_f):
            print(f"{name}: extra {sorted(got_c - exp_c)} {sorted(got_f - exp_f)}; "
                  f"missed {sorted(exp_c - got_c)} {sorted(exp_f - got_f)}")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None
    return {"documents": len(docs),
            "claims": {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
                       "tp": tp, "fp": fp, "fn": fn},
            "fighting_near": {"precision": ratio(ftp, ftp + ffp),
                              "recall": ratio(ftp, ftp + ffn), "tp": ftp, "fp": ffp,
                              "fn": ffn}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("format", choices=sorted(FORMATS))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args(argv)
    docs = FORMATS[args.format](args.folder, _context(args.data))
    print(json.dumps(score(docs, args.details), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
