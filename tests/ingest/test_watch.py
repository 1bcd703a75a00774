"""``watch`` with a fake clock: sources run on their intervals, a failing source is retried
with backoff while the other goes on, every run is recorded; the config is checked."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.ingest.model import IngestContext
from geo.ingest.watch import Source, Watcher, all_states, load_config, read_state
from geo.io.fetch import Fetcher, Policy
from geo.places.table import load_places
from tests.ingest.fakeserver import Reply, serving
from tests.ingest.fixtures import ingest_data, js, routes, updates


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_schedule_backoff_and_independence(tmp_path: Path) -> None:
    data, store = ingest_data(tmp_path / "data"), tmp_path / "store"
    page = tmp_path / "report.txt"
    page.write_text("Operational update as of 08:00 on 14.11.2024. In the Alpha direction, "
                    "the enemy attacked near Stepove.", encoding="utf-8")
    clock = FakeClock()
    r = routes()
    r["/api/history/public"] = [Reply(500, b"down"), Reply(500, b"down"),
                                Reply(body=js(updates()))]
    with serving(r) as server:
        sources = [Source("deepstate", "deepstate", every=3600, retry=60,
                          options={"api": server.url}),
                   Source("genstaff", "gs", every=7200, options={"target": str(page)})]

        def context(source: Source) -> IngestContext:
            return IngestContext(data_dir=data, store=store,
                                 fetcher=Fetcher(Policy(deadline=5), sleep=lambda s: None),
                                 places=load_places(data), today=dt.date(2026, 1, 1))

        watcher = Watcher(sources, context, store, clock=clock.time, sleep=clock.sleep,
                          rng=random.Random(1))  # noqa: S311
        watcher.loop(iterations=6)
    ds, gs = read_state(store, "deepstate"), read_state(store, "gs")
    # deepstate failed twice (retried after 60 s, then 120 s more), then took in its updates
    # (one malformed list item is an error of that run, not a failure of the source), then
    # an hour later found nothing new
    assert [run["documents_fetched"] for run in ds["runs"]] == [0, 0, 4, 4]
    assert [run["claims_added"] for run in ds["runs"]] == [0, 0, 3, 0]
    assert "HTTP 500" in ds["runs"][0]["errors"][0]
    assert ds["failures"] == 0 and ds["last_success"] == ds["runs"][-1]["finished"]
    # the General Staff source ran on time regardless: at 0 and at 7200 s
    assert len(gs["runs"]) == 2 and gs["runs"][0]["drafts_queued"] == 1
    assert clock.now - 1_800_000_000.0 == pytest.approx(7200)
    assert sorted(s["label"] for s in all_states(store)) == ["deepstate", "gs"]


def test_an_unexpected_error_is_recorded_not_raised(tmp_path: Path) -> None:
    clock = FakeClock()

    def broken(source: Source) -> IngestContext:
        raise RuntimeError("disk on fire")

    watcher = Watcher([Source("deepstate", "ds", every=600, retry=30)], broken, tmp_path,
                      clock=clock.time, sleep=clock.sleep)
    watcher.loop(iterations=3)
    state = read_state(tmp_path, "ds")
    assert [run["errors"] for run in state["runs"]] == [["RuntimeError: disk on fire"]] * 3
    assert clock.slept == [30, 60] and state["failures"] == 3


def test_config(tmp_path: Path) -> None:
    good = tmp_path / "sources.toml"
    good.write_text('[[source]]\nname = "deepstate"\nevery_minutes = 30\njitter_minutes = 2\n'
                    '[[source]]\nname = "telegram"\ntarget = "https://t.me/s/mod_russia_en"\n'
                    'claimant = "ru_mod"\n', encoding="utf-8")
    a, b = load_config(good)
    assert (a.every, a.jitter, b.every, b.options["claimant"]) == (1800, 120, 3600, "ru_mod")
    for text, message in [('[[source]]\nname = "nope"\n', "unknown source 'nope'"),
                          ('[[source]]\nname = "telegram"\ntarget = "x"\n', "no claimant"),
                          ('[[source]]\nname = "isw"\n', "no target"),
                          ("[[source]\n", "not valid TOML"), ("", r"no \[\[source\]\] entries")]:
        bad = tmp_path / "bad.toml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            load_config(bad)
