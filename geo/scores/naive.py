"""The straightforward per-claim loop the vectorized :func:`geo.scores.outcomes.outcomes` is
checked against (tests) and measured beside (``bench/scorecard.py``). Same rules, written
the obvious way: walk each place's observations for each claim."""

from __future__ import annotations

import pandas as pd

from geo.scores.outcomes import _TARGETS, NOT_SCORED, REASONS, Rules
from geo.scores.reference import NO_DAY, Reference, days


def outcomes_naive(claims: pd.DataFrame, ref: Reference, rules: Rules | None = None
                   ) -> pd.DataFrame:
    """``claim, outcome, reason, lead_days, shown_day, reversed_day`` per claim (days as
    ints since 1970, ``NO_DAY`` when not applicable), in the order of ``claims``."""
    rules = rules or Rules()
    by_place: dict[int, list[int]] = {}
    for e, p in enumerate(ref.place.tolist()):
        by_place.setdefault(p, []).append(e)
    index = {pid: i for i, pid in enumerate(ref.places)}
    last_said: dict[tuple[str, str], str] = {}
    order = sorted(range(len(claims)), key=lambda i: (
        str(claims["claimant"].iloc[i]), str(claims["settlement_id"].iloc[i]),
        claims["date"].iloc[i], claims["row"].iloc[i]))
    new = [False] * len(claims)
    for i in order:
        key = (str(claims["claimant"].iloc[i]), str(claims["settlement_id"].iloc[i]))
        said = f"{claims['status'].iloc[i]}/{claims['extent'].iloc[i]}"
        new[i] = last_said.get(key) != said
        last_said[key] = said
    claim_days = days(claims["date"]).tolist()
    rows = []
    for i in range(len(claims)):
        rows.append(_one(claims.iloc[i], claim_days[i], new[i], by_place, index, ref, rules))
    return pd.DataFrame(rows, columns=["claim", "outcome", "reason", "lead_days", "shown_day",
                                       "reversed_day"])


def _one(c: pd.Series, d: int, new: bool, by_place: dict[int, list[int]],
         index: dict[str, int], ref: Reference, rules: Rules) -> tuple:
    def skip(reason: str) -> tuple:
        return (c["id"], NOT_SCORED, REASONS[reason], None, NO_DAY, NO_DAY)

    if c["status"] not in ("russian", "ukrainian"):
        return skip("status")
    if ref.kind != "map" and c["claimant"] == ref.claimant:
        return skip("reference")
    if not new:
        return skip("repeat")
    if c["settlement_id"] not in index and ref.kind != "claims":
        return skip("unseen")
    events = by_place.get(index.get(c["settlement_id"], -1), [])
    match, opposite = _TARGETS[(c["status"], c["extent"])]

    def state_event(day: int) -> int | None:
        found = None
        for e in events:
            if ref.day[e] <= day:
                found = e
        return found

    def run_start(e: int, codes: tuple[int, ...]) -> int:
        pos = events.index(e)
        while pos > 0 and ref.code[events[pos - 1]] in codes:
            pos -= 1
        return events[pos]

    base = state_event(d - rules.window)
    if ref.kind != "claims":  # maps (alone or with claims) need a baseline
        if base is None and events and ref.day[events[0]] <= d:
            base = events[0]
        if base is None:
            return skip("baseline")
    if base is not None and ref.code[base] in match:
        return skip("status_quo")
    now = state_event(d)
    confirm: int | None = None
    if now is not None and ref.code[now] in match:
        confirm = run_start(now, match)
    else:
        confirm = next((e for e in events if ref.day[e] > d and ref.code[e] in match), None)
    if confirm is not None:
        t1 = int(ref.day[confirm])
        flip = next((e for e in events if ref.day[e] > t1 and ref.code[e] in opposite), None)
        if flip is not None and ref.day[flip] - t1 <= rules.reversal_days:
            return (c["id"], "reversed", "", t1 - d, t1, int(ref.day[flip]))
        return (c["id"], "confirmed", "", t1 - d, t1, NO_DAY)
    last = state_event(ref.latest)
    if last is not None and ref.code[last] in opposite:
        kept_from = max(int(ref.day[run_start(last, opposite)]), d)
        if ref.latest - kept_from >= rules.keep_days:
            return (c["id"], "never", "", None, NO_DAY, NO_DAY)
    return (c["id"], "open", "", None, NO_DAY, NO_DAY)

