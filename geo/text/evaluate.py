"""Precision and recall of the extractor against hand-written expectations.

An expectation file (``tests/texts/expected.json``, the blind sets' ``expected.json``) lists
texts, each with its ``file``, ``date``, ``default_claimant``, the expected settlement claims
``[claimant, settlement, status, extent, encircled]`` (a sixth element, or a
``geonameid`` key, names the GeoNames id), territory figures ``[claimant, share_pct,
refers_to]`` (``refers_to`` a date, ``"country"`` for a national share whose date the text
does not give, or ``"region"`` for a share of an oblast or region, which is not scored; any
other value is an error), ``absent`` (settlement ids that must get no claim) and
optionally ``style``, ``language``, ``classes`` (the failure classes of issue 13 the text
exercises) and ``not_places`` (words that must never be read as a place: persons, units,
directions).

A claim matches when claimant, place, status, extent and encirclement all agree; the place
is compared by GeoNames id when both sides know it (so ``pokrovsk`` and ``gn-704422`` are
the same place), else by id. :func:`report` adds the figures per style, language and
failure class, and name-resolution accuracy: of the drafts naming a place of the
expectation by its name, the share that chose the right GeoNames id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.places.fold import fold
from geo.text.draft import Draft
from geo.text.extract import Extractor


@dataclass(frozen=True)
class Score:
    """Matches over a set of texts."""

    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.expected + other.expected, self.found + other.found,
                     self.correct + other.correct)

    def as_dict(self) -> dict[str, float | int]:
        return {"expected": self.expected, "found": self.found, "correct": self.correct,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3)}


def keys(drafts: list[Draft]) -> set[tuple]:
    """Comparable keys: settlement claims and territory figures."""
    out: set[tuple] = set()
    for d in drafts:
        if d.kind == "settlement":
            out.add(("settlement", d.claimant, d.settlement, d.status, d.extent, d.encircled))
        elif d.kind == "territory":
            out.add(("territory", d.claimant, d.share_pct, d.refers_to))
    return out


def expected_keys(case: dict) -> set[tuple]:
    """The expectation of one text as keys (settlement rows without their GeoNames id)."""
    return ({("settlement", *_row(row)[:5]) for row in case["settlement"]}
            | {("territory", *row) for row in case["territory"]})


def _row(row: list | dict) -> list:
    """A settlement expectation as [claimant, settlement, status, extent, encircled, gid].

    The place may be an id, or an object ``{"name", "geonameid", "oblast"}`` (the blind
    sets' form)."""
    if isinstance(row, dict):
        row = [row.get("claimant"), row.get("settlement"), row.get("status"),
               row.get("extent", "full"), row.get("encircled"), row.get("geonameid")]
    out = [*row[:5], row[5] if len(row) > 5 else None]
    if isinstance(out[1], dict):
        out[5] = out[5] if out[5] is not None else out[1].get("geonameid")
        out[1] = out[1].get("id") or f"gn-{out[5]}"
    return out


#: Who speaks the sentences that name no speaker, by source style, when a text does not
#: say (as a reviewer sets the source on the "Add claims" page): a bulletin is its
#: publisher's word; a wire story's own sentences are nobody's claim.
STYLE_SPEAKER = {"mod": "ru_mod", "genstaff": "ua_genstaff", "deepstate": "deepstate",
                 "isw": "isw"}


def default_claimant(case: dict) -> str | None:
    """The text's ``default_claimant``, else its style's publisher (None for wire)."""
    return case.get("default_claimant") or STYLE_SPEAKER.get(case.get("style", ""))


class _Places:
    """Settlement id ↔ GeoNames id and name, from the extractor's resolver."""

    def __init__(self, extractor: Extractor) -> None:
        places = extractor.resolver.places
        self.gid = {str(i): (None if g is None or g != g else int(g))
                    for i, g in zip(places["id"], places["geonames_id"], strict=True)}
        self.name = dict(zip(places["id"].astype(str), places["name"].astype(str),
                             strict=True))
        self.by_gid = {g: i for i, g in self.gid.items() if g is not None}

    def key(self, settlement: str | None, gid: int | None = None) -> str:
        gid = gid if gid is not None else self.gid.get(str(settlement))
        if gid is None and str(settlement).startswith("gn-"):
            gid = int(str(settlement)[3:])
        return f"g{gid}" if gid is not None else str(settlement)

    def name_of(self, settlement: str | None, gid: int | None) -> str:
        ident = self.by_gid.get(gid, settlement) if gid is not None else settlement
        return fold(self.name.get(str(ident), str(settlement or "")))


def _case_keys(case: dict, places: _Places,
               spec: Path | None = None) -> tuple[set[tuple], dict[str, str]]:
    out: set[tuple] = set()
    names: dict[str, str] = {}
    for row in case["settlement"]:
        c, s, status, extent, enc, gid = _row(row)
        key = places.key(s, gid)
        out.add(("settlement", c, key, status, extent, enc))
        names[places.name_of(s, gid)] = key
    for n, row in enumerate(case["territory"], 1):
        refers = _territory_refers(row, spec, case, n)
        if refers != "region":  # a share of an oblast or region is no share of Ukraine
            out.add(("territory", row[0], float(row[1]), refers))
    return out, names


def _check_territory(spec: Path, doc: dict) -> None:
    for case in doc["texts"]:
        for n, row in enumerate(case.get("territory", []), 1):
            _territory_refers(row, spec, case, n)


#: what a territory row's third element may be besides an ISO date
TERRITORY_REFERS = ("country", "region")


def _territory_refers(row: object, spec: Path | None, case: dict, n: int) -> str:
    """A territory row's ``refers_to`` as a key: its date, ``"*"`` for ``"country"`` (a
    national figure whose date the text does not give), or ``"region"`` (not scored).
    Anything else is refused, naming the file, the text and the row."""
    ok = isinstance(row, list) and len(row) == 3
    refers = row[2] if ok else None  # type: ignore[index]
    if ok and _is_date(refers):
        return str(refers)
    if ok and refers in TERRITORY_REFERS:
        return "*" if refers == "country" else "region"
    raise InputError(
        f"{spec or 'expectation file'}: text {case.get('file')!r}, territory row {n} "
        f"{json.dumps(row, ensure_ascii=False)}: refers_to must be an ISO date, "
        "\"country\" (a share of Ukraine) or \"region\" (a share of an oblast or region, "
        "not scored), not "
        f"{json.dumps(refers, ensure_ascii=False) if ok else 'a missing value'}. Fix: "
        "write one of these three as the row's third element, [claimant, share_pct, "
        "refers_to]")


def _is_date(text: object) -> bool:
    try:
        dt.date.fromisoformat(str(text))
    except ValueError:
        return False
    return True


def _draft_keys(drafts: Iterable[Draft], places: _Places, undated: set[tuple]) -> set[tuple]:
    out: set[tuple] = set()
    for d in drafts:
        if d.kind == "settlement":
            out.add(("settlement", d.claimant, places.key(d.settlement, d.geonames_id),
                     d.status, d.extent, d.encircled))
        elif d.kind == "territory":
            key = ("territory", d.claimant, d.share_pct)
            out.add((*key, "*") if key in undated else (*key, d.refers_to))
    return out


def _score_case(extractor: Extractor, places: _Places, spec: Path,
                case: dict) -> dict[str, Any]:
    path = (spec.parent / case["file"]).resolve()
    if not path.is_file():
        return {"file": case["file"], "skipped": "file not found"}
    drafts = extractor.extract(path.read_text(encoding="utf-8"),
                               dt.date.fromisoformat(case["date"]),
                               default_claimant=default_claimant(case),
                               include_fighting=True)
    want, names = _case_keys(case, places, spec)
    got = _draft_keys(drafts, places, {k[:3] for k in want if k[0] == "territory"
                                       and k[3] == "*"})
    absent = {places.key(a) for a in case.get("absent", [])}
    banned = [fold(w) for w in [*case.get("not_places", []), *case.get("outside_ukraine", [])]]
    settled = [d for d in drafts if d.kind == "settlement"]
    named = [(d, names[fold(d.name or "")]) for d in settled if fold(d.name or "") in names]
    fight_want = {(c, places.key(*_place(p))) for c, p in case.get("fighting_near", [])}
    fight_got = {(d.claimant, places.key(d.settlement, d.geonames_id)) for d in drafts
                 if d.kind == "fighting"}
    return {
        "fighting": Score(len(fight_want), len(fight_got), len(fight_want & fight_got)),
        "file": case["file"], "style": case.get("style", "other"),
        "language": case.get("language", "en"), "classes": case.get("classes", []),
        "score": Score(len(want), len(got), len(got & want)),
        "missed": sorted(map(str, want - got)), "extra": sorted(map(str, got - want)),
        "absent_violated": sorted({d.settlement or "" for d in settled
                                   if places.key(d.settlement, d.geonames_id) in absent}),
        "not_places_violated": sorted({d.matched or "" for d in settled
                                       if any(_within(b, fold(d.matched or "")) for b in banned)}),
        "resolution": (sum(places.key(d.settlement, d.geonames_id) == k for d, k in named),
                       len(named)),
    }


def _place(place: str | dict) -> tuple[str | None, int | None]:
    if isinstance(place, dict):
        return place.get("id"), place.get("geonameid")
    return place, None


def evaluate(extractor: Extractor, spec: Path) -> tuple[Score, list[dict]]:
    """Score every text listed in ``spec`` (texts missing on disk are skipped)."""
    doc = json.loads(spec.read_text(encoding="utf-8"))
    _check_territory(spec, doc)
    places = _Places(extractor)
    details = [_score_case(extractor, places, spec, case) for case in doc["texts"]]
    total = sum((d["score"] for d in details if "score" in d), Score(0, 0, 0))
    return total, [{k: v for k, v in d.items() if k not in ("score", "fighting")} | (
        {"expected": d["score"].expected, "found": d["score"].found,
         "correct": d["score"].correct} if "score" in d else {}) for d in details]


@dataclass
class Report:
    """Scores overall and by style, language and failure class; resolution accuracy."""

    overall: Score
    by_style: dict[str, Score] = field(default_factory=dict)
    by_language: dict[str, Score] = field(default_factory=dict)
    by_class: dict[str, Score] = field(default_factory=dict)
    resolved_right: int = 0
    resolved_named: int = 0
    violations: list[str] = field(default_factory=list)
    texts: int = 0
    #: where fighting is reported (the ``fighting_near`` lists), scored apart from claims
    fighting: Score = field(default_factory=lambda: Score(0, 0, 0))
    details: list[dict] = field(default_factory=list)
    #: totals per folder of the expectation files and every folder above them up to the
    #: folder they share ("blind/round8" adds "blind/round8/a" and "blind/round8/b")
    by_folder: dict[str, Score] = field(default_factory=dict)

    @property
    def resolution_accuracy(self) -> float:
        return self.resolved_right / self.resolved_named if self.resolved_named else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"texts": self.texts, "overall": self.overall.as_dict(),
                "by_style": {k: v.as_dict() for k, v in sorted(self.by_style.items())},
                "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
                "by_class": {k: v.as_dict() for k, v in sorted(self.by_class.items())},
                "resolution": {"right": self.resolved_right, "named": self.resolved_named,
                               "accuracy": round(self.resolution_accuracy, 3)},
                "by_folder": {k: v.as_dict() for k, v in sorted(self.by_folder.items())},
                "fighting_near": self.fighting.as_dict(), "violations": self.violations}

    def per_text(self) -> list[dict[str, Any]]:
        """One row per scored text: its folder, file, style, language and counts."""
        return [{"folder": d["folder"], "file": d["file"], "style": d["style"],
                 "language": d["language"], **d["score"].as_dict(),
                 "missed": d["missed"], "extra": d["extra"]}
                for d in self.details if "score" in d]


def report(extractor: Extractor, specs: Iterable[Path]) -> Report:
    """Score every text of every expectation file in ``specs``."""
    docs = [(spec, json.loads(spec.read_text(encoding="utf-8"))) for spec in specs]
    for spec, doc in docs:  # every file's rows checked before the first text is scored
        _check_territory(spec, doc)
    places = _Places(extractor)
    out = Report(Score(0, 0, 0))
    folders = _folders([spec for spec, _ in docs])
    for spec, doc in docs:
        for case in doc["texts"]:
            d = _score_case(extractor, places, spec, case)
            out.details.append({"spec": str(spec), "folder": folders[spec][0], **d})
            if "score" not in d:
                continue
            s: Score = d["score"]
            out.texts += 1
            out.overall = out.overall + s
            for name in folders[spec]:
                out.by_folder[name] = out.by_folder.get(name, Score(0, 0, 0)) + s
            out.fighting = out.fighting + d["fighting"]
            for table, names in ((out.by_style, [d["style"]]), (out.by_language,
                                 [d["language"]]), (out.by_class, d["classes"])):
                for name in names:
                    table[name] = table.get(name, Score(0, 0, 0)) + s
            right, named = d["resolution"]
            out.resolved_right += right
            out.resolved_named += named
            out.violations += [f"{d['file']}: claim about {v!r}, which is no place"
                               for v in d["not_places_violated"]]
            out.violations += [f"{d['file']}: claim about {v!r}, listed as absent"
                               for v in d["absent_violated"]]
    return out


def _folders(specs: list[Path]) -> dict[Path, list[str]]:
    """Each expectation file's folder and the folders above it up to the folder all the
    files share, named from that shared folder (``round8/a``, ``round8``, for a run over
    round8; ``blind/round8/a`` … ``blind`` for one over blind)."""
    parents = [spec.resolve().parent for spec in specs]
    common = parents[0] if parents else Path()
    while not all(p.is_relative_to(common) for p in parents):
        common = common.parent
    out: dict[Path, list[str]] = {}
    for spec, parent in zip(specs, parents, strict=True):
        parts = (common.name, *parent.relative_to(common).parts)
        out[spec] = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
    return out


def _within(banned: str, matched: str) -> bool:
    """Whether a banned phrase occurs in a claim's matched words as whole words (the short
    "HUR" is not inside "Snihurivka")."""
    return bool(banned) and re.search(rf"(?<!\w){re.escape(banned)}(?!\w)", matched) is not None
