"""Close matches for a value a data file got wrong ("did you mean …"): a claim's unknown
place or claimant, and a misspelt status or other fixed value.

A place is matched on the curated settlements' ids, names and aliases and on the national
places table's names (a name is answered with its id, and a namesake with its raion and
oblast, so the reader sees which one); a claimant on its id, name and short label; a fixed
value on its vocabulary. Only the values that failed are matched (rapidfuzz, a few
milliseconds each), never every row.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
from rapidfuzz import fuzz, process, utils

from geo.errors import Problem

#: At most this many close matches are suggested per value.
MAX_SUGGESTIONS = 3
#: A candidate this similar (rapidfuzz ratio of the lower-cased spellings, 0-100) or better
#: is suggested, when it is within :data:`CLOSE` of the best one.
MIN_SCORE = 75
CLOSE = 4
#: Distinct bad values matched per file (past this, the problems keep their plain fix).
MAX_VALUES = 200
_CHOICES = re.compile(r"use one of: ([^()]+)")


@dataclasses.dataclass(frozen=True)
class Candidates:
    """Spellings → what to suggest for each (``"id (name)"``, ``"id (name, raion, oblast)"``)."""

    keys: list[str]
    answers: list[str]

    @classmethod
    def of(cls, keys: pd.Series, answers: pd.Series) -> Candidates:
        """Distinct (spelling, answer) pairs, empty spellings dropped (vectorized)."""
        frame = pd.DataFrame({"key": keys.astype(str).str.strip().to_numpy(),
                              "answer": answers.astype(str).to_numpy()})
        frame = frame[frame["key"] != ""].drop_duplicates()
        return cls(frame["key"].tolist(), frame["answer"].tolist())

    def near(self, value: str) -> tuple[list[str], int]:
        """The best answers for ``value`` (at most :data:`MAX_SUGGESTIONS`, best first) and
        how many answers were as good (several places of one name: all of them)."""
        if not value.strip() or not self.keys:
            return [], 0
        found = process.extract(value, self.keys, scorer=fuzz.ratio,
                                processor=utils.default_process, score_cutoff=MIN_SCORE,
                                limit=None)
        if not found:
            return [], 0
        top = max(score for _, score, _ in found)
        floor = top if top == 100 else top - CLOSE   # the same name: only its namesakes
        best: dict[str, float] = {}
        for _, score, index in found:
            if score >= floor:
                answer = self.answers[index]
                best[answer] = max(best.get(answer, 0.0), float(score))
        ranked = sorted(best, key=lambda a: -best[a])
        return ranked[:MAX_SUGGESTIONS], len(ranked)


def place_candidates(curated: pd.DataFrame | None, places: pd.DataFrame | None) -> Candidates:
    """Every id and spelling a claim's ``settlement_id`` may have meant."""
    keys: list[pd.Series] = []
    answers: list[pd.Series] = []
    if curated is not None and {"id", "name"} <= set(curated.columns):
        frame = curated.fillna("").astype(str)
        answer = frame["id"] + " (" + frame["name"] + ")"
        aliases = frame.get("aliases", pd.Series("", index=frame.index)).str.split(";")
        spelt = pd.DataFrame({"key": aliases, "answer": answer}).explode("key")
        keys += [frame["id"], frame["name"], spelt["key"]]
        answers += [answer, answer, spelt["answer"]]
    if places is not None and len(places):
        oblast = places["oblast"].fillna("").astype(str)
        raion = places["raion"].fillna("").astype(str)
        where = (raion + ", ").where(raion != "", "") + oblast
        keys.append(places["name"].astype(str))
        answers.append(places["id"].astype(str) + " (" + places["name"].astype(str) + ", "
                       + where + ")")
    if not keys:
        return Candidates([], [])
    return Candidates.of(pd.concat(keys, ignore_index=True),
                         pd.concat(answers, ignore_index=True))


def claimant_candidates(claimants: pd.DataFrame | None) -> Candidates:
    """Every id, name and short label a claim's ``claimant`` may have meant."""
    if claimants is None or not {"id", "name"} <= set(claimants.columns):
        return Candidates([], [])
    frame = claimants.fillna("").astype(str)
    answer = frame["id"] + " (" + frame["name"] + ")"
    columns = [c for c in ("id", "name", "short") if c in frame.columns]
    return Candidates.of(pd.concat([frame[c] for c in columns], ignore_index=True),
                         pd.concat([answer] * len(columns), ignore_index=True))


def with_suggestions(problems: list[Problem], by_field: dict[str, Candidates]) -> list[Problem]:
    """``problems`` with "did you mean …" put before the fix of each unknown value that has
    a close match: ``by_field`` gives the candidates of a field (an id it refers to); a
    fixed value ("unknown value", "use one of: …") is matched on the values its fix lists."""
    cache: dict[tuple[str, str], tuple[list[str], int]] = {}
    out = []
    for problem in problems:
        near, count = _near(problem, by_field, cache)
        if near:
            quoted = " or ".join(f"'{n}'" for n in near)
            more = f" (one of {count} close matches; the Map page's search lists them " \
                   "all)" if count > len(near) else ""
            problem = dataclasses.replace(problem, fix=f"did you mean {quoted}{more}? "
                                                       f"Otherwise, {problem.fix}")
        out.append(problem)
    return out


def _near(problem: Problem, by_field: dict[str, Candidates],
          cache: dict[tuple[str, str], tuple[list[str], int]]) -> tuple[list[str], int]:
    key = (problem.field, problem.value)
    if key in cache:
        return cache[key]
    if len(cache) >= MAX_VALUES or not problem.value:
        return [], 0
    near: tuple[list[str], int] = ([], 0)
    if problem.message.startswith("unknown id") and problem.field in by_field:
        near = by_field[problem.field].near(problem.value)
    elif problem.message == "unknown value":
        listed = _CHOICES.search(problem.fix)
        if listed:
            allowed = [v.strip() for v in listed.group(1).split(",")]
            choices = pd.Series(allowed)
            near = Candidates.of(choices, choices).near(problem.value)
    cache[key] = near
    return near
