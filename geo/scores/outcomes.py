"""Each capture claim's outcome against a reference: confirmed, reversed, open or never.

Which claims are scored (**capture claims**): a claim of ``russian`` or ``ukrainian``
status, full or partial, that changes what its claimant last said about the place (a
repeat of the same status and extent is not a new claim), unless the reference already
showed that status :attr:`Rules.window` days before the claim (then the claim restates
the status quo). Contested claims are not capture claims; with a claimant as the
reference, its own claims are not scored.

Before the reference's first observation of a place: a **map** shows every place, so
before its first map nothing is known and the claim is not scored (when the first map
falls inside the window, that map is the baseline); a **claimant** speaks when things
change, so before its first word about a place it has shown nothing yet and the claim is
scored (a place it never spoke of is "not yet shown": open).

What confirms a claim (see :mod:`geo.scores.reference` for what a reference shows): a
full claim needs the reference to show that side full; a partial claim is confirmed by
that side partial or full. A grey zone (contested) is "not yet". The **opposite** of a
full Russian claim is the reference showing the place Ukrainian, wholly or in part; of a
partial Russian claim, wholly Ukrainian (both sides can hold part of a town); the same
the other way round.

* **confirmed**: the reference showed the status on ``shown_date``; ``lead_days`` =
  ``shown_date`` - claim date (negative: the claim came after the reference showed it;
  then ``shown_date`` is the start of the reference's unbroken run containing the claim);
* **reversed**: as confirmed, but the reference showed the opposite within
  :attr:`Rules.reversal_days` of ``shown_date``;
* **never**: not shown, and the reference shows the opposite on its latest date and has
  shown it without a break for at least :attr:`Rules.keep_days` days since the claim;
* **open**: not shown as of the reference's latest date (``age_days`` since the claim).

``reference_previous`` is the reference's observation before ``shown_date``: the true
change happened between the two (a reference with gaps in its dates is uncertain by that
much). Vectorized: binary searches over the reference's runs, no loop over claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from geo.scores.reference import (
    NO_DAY,
    RU_FULL,
    RU_PART,
    UA_FULL,
    UA_PART,
    Reference,
    days,
)

OUTCOMES: Final = ("confirmed", "reversed", "open", "never")
NOT_SCORED: Final = "not scored"
#: Why a claim is not scored (the ``reason`` column).
REASONS: Final = {
    "status": "not a capture claim (contested)",
    "reference": "the reference's own claim",
    "repeat": "repeats the claimant's previous claim about the place",
    "unseen": "the reference never observed the place",
    "baseline": "the reference had not observed the place by the claim's date",
    "status_quo": "the reference already showed it before the window (status quo)",
}
_KEY = np.int64(1 << 21)  # place * _KEY + day (days since 1970 stay far below 2**21)
#: (status, extent) -> the codes that confirm it, and the codes that are its opposite.
_TARGETS: Final = {
    ("russian", "full"): ((RU_FULL,), (UA_FULL, UA_PART)),
    ("russian", "partial"): ((RU_FULL, RU_PART), (UA_FULL,)),
    ("ukrainian", "full"): ((UA_FULL,), (RU_FULL, RU_PART)),
    ("ukrainian", "partial"): ((UA_FULL, UA_PART), (RU_FULL,)),
}


@dataclass(frozen=True)
class Rules:
    """The scorecard's parameters, in days."""

    reversal_days: int = 30   #: "reversed": the opposite shown within this many days
    keep_days: int = 90       #: "never": the opposite kept at least this long
    window: int = 30          #: a claim must differ from the reference this many days before


@dataclass(frozen=True)
class _Runs:
    """Starts of the runs of one boolean over the reference's observations."""

    key: np.ndarray
    place: np.ndarray
    day: np.ndarray
    prev: np.ndarray
    on: np.ndarray
    event: np.ndarray

    def at(self, place: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(run index in force on ``day`` at ``place``, whether there is one)."""
        i = np.searchsorted(self.key, place.astype(np.int64) * _KEY + day, side="right") - 1
        safe = np.clip(i, 0, max(len(self.key) - 1, 0))
        valid = (i >= 0) & (self.place[safe] == place) if len(self.key) else i >= 0
        return safe, valid & (len(self.key) > 0)


def _runs(ref: Reference, codes: tuple[int, ...]) -> _Runs:
    on = np.isin(ref.code, codes)
    start = np.ones(len(on), dtype=bool)
    if len(on) > 1:
        start[1:] = (ref.place[1:] != ref.place[:-1]) | (on[1:] != on[:-1])
    idx = np.flatnonzero(start)
    place = ref.place[idx]
    return _Runs(place.astype(np.int64) * _KEY + ref.day[idx], place, ref.day[idx],
                 ref.prev_day[idx], on[idx], idx)


def _factor(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.asarray(codes, dtype=np.int64), pd.Index(uniques)


def new_word(claimant: np.ndarray, place: np.ndarray, said: np.ndarray, date: np.ndarray,
             row: np.ndarray) -> np.ndarray:
    """Whether each claim changes what its claimant last said (``said``: status and extent
    as one code) about the place, all arrays as integers in frame order."""
    key = claimant * (int(place.max(initial=0)) + 1) + place
    in_order = len(date) < 2 or bool(np.all((date[1:] > date[:-1]) | (
        (date[1:] == date[:-1]) & (row[1:] >= row[:-1]))))
    # the loaded frame is already in (date, row) order: one stable sort by who suffices
    order = np.argsort(key, kind="stable") if in_order else np.lexsort((row, date, key))
    who = key[order]
    word = said[order]
    new_sorted = np.ones(len(order), dtype=bool)
    if len(order) > 1:
        new_sorted[1:] = (who[1:] != who[:-1]) | (word[1:] != word[:-1])
    new = np.empty(len(order), dtype=bool)
    new[order] = new_sorted
    return new


#: Reason codes (0: scored) and outcome codes (0: not scored) of the vectorized pass.
_REASON_CODE: Final = {key: i + 1 for i, key in enumerate(REASONS)}
_OUTCOME_CODE: Final = {name: i + 1 for i, name in enumerate(OUTCOMES)}


def outcomes(claims: pd.DataFrame, ref: Reference, rules: Rules | None = None) -> pd.DataFrame:
    """Every claim of ``claims`` (the loaded claims frame) with its outcome against ``ref``.

    Columns: ``claim, claimant, kind, settlement, date, status, extent, source, source_url,
    outcome`` (one of :data:`OUTCOMES` or ``not scored``), ``reason``, ``reference_then``
    (code shown on the claim date, -1 none), ``shown_date``, ``shown_source``,
    ``shown_url``, ``reference_previous``, ``lead_days``, ``reversed_date``,
    ``reversed_source``, ``age_days``. Dates are datetime64 (NaT when not applicable).
    """
    rules = rules or Rules()
    n = len(claims)
    day = days(claims["date"]) if n else np.zeros(0, np.int32)
    where, uniques = _factor(claims["settlement_id"].astype(str))
    place = ref.places.get_indexer(uniques.astype(object))[where].astype(np.int64) if n \
        else np.zeros(0, np.int64)
    russian = claims["status"].eq("russian").to_numpy(dtype=bool)
    ukrainian = claims["status"].eq("ukrainian").to_numpy(dtype=bool)
    partial = claims["extent"].eq("partial").to_numpy(dtype=bool)
    said = _factor(claims["status"].astype(str))[0] * 2 + partial
    who = _factor(claims["claimant"].astype(str))[0]
    new = new_word(who, where, said, day, claims["row"].to_numpy()) if n else \
        np.zeros(0, bool)
    reason = np.zeros(n, dtype=np.int8)
    reason[~(russian | ukrainian)] = _REASON_CODE["status"]
    if ref.kind != "map":  # the reference's own claims
        own = claims["claimant"].eq(ref.claimant).to_numpy(dtype=bool)
        reason[(reason == 0) & own] = _REASON_CODE["reference"]
    reason[(reason == 0) & ~new] = _REASON_CODE["repeat"]
    if ref.kind != "claims":  # a claimant that never spoke of the place has not shown it yet
        reason[(reason == 0) & (place < 0)] = _REASON_CODE["unseen"]
    if not len(ref):  # a reference that showed nothing anywhere has shown no place yet
        reason[reason == 0] = _REASON_CODE["unseen"]
    out = {name: np.full(n, NO_DAY, dtype=np.int64) for name in
           ("shown", "previous", "reversed_day")}
    then = np.full(n, -1, dtype=np.int64)
    shown_event = np.full(n, -1, dtype=np.int64)
    reversed_event = np.full(n, -1, dtype=np.int64)
    outcome = np.zeros(n, dtype=np.int8)
    every = _Runs(ref.place.astype(np.int64) * _KEY + ref.day, ref.place, ref.day,
                  ref.prev_day, np.ones(len(ref), dtype=bool), np.arange(len(ref)))
    latest = ref.latest
    for (want_status, want_extent), (match, opposite) in _TARGETS.items():
        side = russian if want_status == "russian" else ukrainian
        sel = np.flatnonzero((reason == 0) & side & (partial == (want_extent == "partial")))
        if not len(sel):
            continue
        p, d = place[sel], day[sel].astype(np.int64)
        runs, opp = _runs(ref, match), _runs(ref, opposite)
        i_all, seen = every.at(p, d)
        then[sel[seen]] = ref.code[i_all[seen]]
        last = max(len(runs.key) - 1, 0)
        i_b, baseline = runs.at(p, d - rules.window)
        first = np.clip(_first_run(runs, p), 0, last)
        placed = (runs.place[first] == p) if len(runs.key) else np.zeros(len(p), bool)
        if ref.kind != "claims":  # a map shows every place: before its first, nothing is known
            early = ~baseline & placed & (runs.day[first] <= d)
            i_b, baseline = np.where(early, first, i_b), baseline | early
            reason[sel[~baseline]] = _REASON_CODE["baseline"]
            quo = baseline & runs.on[i_b]
            ok = baseline & ~quo
        else:  # a claimant speaks of changes: before its first word it showed nothing
            quo = baseline & runs.on[i_b]
            ok = ~quo
        reason[sel[quo]] = _REASON_CODE["status_quo"]
        i_d, has_d = runs.at(p, d)
        now_on = ok & has_d & runs.on[i_d]
        nxt = np.where(has_d, i_d + 1, first)  # the next run at the place (none: its first)
        nxt = np.where(~has_d & placed & ~runs.on[first], first + 1, nxt)
        valid = nxt < len(runs.key)
        nxt = np.clip(nxt, 0, last)
        later = ok & ~now_on & valid & (runs.place[nxt] == p) & runs.on[nxt]
        k = np.where(now_on, i_d, nxt)
        shown = now_on | later
        out["shown"][sel[shown]] = runs.day[k[shown]]
        out["previous"][sel[shown]] = runs.prev[k[shown]]
        shown_event[sel[shown]] = runs.event[k[shown]]
        t1 = runs.day[k]
        j = opp.at(p, t1)[0] + 1  # the opposite's run in force on t1 is off; the next is on
        jj = np.clip(j, 0, max(len(opp.key) - 1, 0))
        flip = shown & (j < len(opp.key)) & (opp.place[jj] == p) & \
            (opp.day[jj] - t1 <= rules.reversal_days)
        out["reversed_day"][sel[flip]] = opp.day[jj[flip]]
        reversed_event[sel[flip]] = opp.event[jj[flip]]
        i_l, has_l = opp.at(p, np.full(len(p), latest, dtype=np.int64))
        kept_from = np.maximum(opp.day[i_l], d)
        never = ok & ~shown & has_l & opp.on[i_l] & (latest - kept_from >= rules.keep_days)
        outcome[sel[shown & ~flip]] = _OUTCOME_CODE["confirmed"]
        outcome[sel[flip]] = _OUTCOME_CODE["reversed"]
        outcome[sel[never]] = _OUTCOME_CODE["never"]
        outcome[sel[ok & ~shown & ~never]] = _OUTCOME_CODE["open"]
    return _frame(claims, ref, outcome, reason, then, out, shown_event, reversed_event, day)


def _first_run(runs: _Runs, place: np.ndarray) -> np.ndarray:
    """The index of each place's first run (past the end, or another place's: none)."""
    return np.searchsorted(runs.key, place.astype(np.int64) * _KEY, side="left")


def _dates(values: np.ndarray) -> np.ndarray:
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    known = values != NO_DAY
    out[known] = values[known].astype("datetime64[D]")
    return out.astype("datetime64[ns]")


def _frame(claims: pd.DataFrame, ref: Reference, outcome: np.ndarray, reason: np.ndarray,
           then: np.ndarray, out: dict[str, np.ndarray], shown_event: np.ndarray,
           reversed_event: np.ndarray, day: np.ndarray) -> pd.DataFrame:
    shown = out["shown"]
    has = shown != NO_DAY
    lead = pd.array(np.where(has, shown - day, 0), dtype="Int64")
    lead[~has] = pd.NA
    scored = outcome != 0
    age = pd.array(np.maximum(ref.latest - day.astype(np.int64), 0), dtype="Int64")
    age[~scored] = pd.NA

    def cite(values: np.ndarray, event: np.ndarray) -> pd.Series:
        result = np.full(len(event), "", dtype=object)
        known = event >= 0
        result[known] = values[event[known]]
        return pd.Series(result, dtype=object)

    def column(name: str) -> pd.Series:
        return claims[name].reset_index(drop=True)

    kind = column("channel").replace("", "unstated") if "channel" in claims else \
        pd.Series("unstated", index=range(len(claims)), dtype=object)
    return pd.DataFrame({
        "claim": column("id"), "claimant": column("claimant"), "kind": kind,
        "settlement": column("settlement_id"), "date": column("date"),
        "status": column("status"), "extent": column("extent"), "source": column("source"),
        "source_url": column("source_url"),
        "outcome": pd.Categorical.from_codes(outcome, categories=pd.Index([NOT_SCORED,
                                                                               *OUTCOMES])),
        "reason": pd.Categorical.from_codes(reason,
                                            categories=pd.Index(["", *REASONS.values()])),
        "reference_then": then,
        "shown_date": _dates(shown), "shown_source": cite(ref.source, shown_event),
        "shown_url": cite(ref.url, shown_event), "reference_previous": _dates(out["previous"]),
        "lead_days": lead, "reversed_date": _dates(out["reversed_day"]),
        "reversed_source": cite(ref.source, reversed_event), "age_days": age,
    })
