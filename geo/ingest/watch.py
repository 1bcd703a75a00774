"""``python -m geo watch``: run the configured sources on their intervals, forever.

The config (``sources.toml``) lists sources::

    [[source]]
    name = "deepstate"          # an adapter of geo.ingest.registry
    every_minutes = 60
    jitter_minutes = 5          # a random 0..jitter added to each wait
    api = "https://deepstatemap.live"

    [[source]]
    name = "telegram"
    target = "https://t.me/s/mod_russia_en"
    claimant = "ru_mod"
    every_minutes = 120

Each run is recorded (start, end, documents fetched, claims added, drafts queued, errors)
in ``<store>/ingest/runs/<label>.json`` with the source's last success and next run, which
the "Sources" page shows. A source that fails keeps its last good state (nothing it did is
undone, its documents stay taken in) and is retried with exponential backoff (from
``retry_minutes``, at most its interval); one failing source never stops the others: an
unexpected error is logged with its traceback and recorded as the run's error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import InputError, StoreError
from geo.ingest.model import IngestContext, RunReport
from geo.ingest.registry import adapter
from geo.ingest.reports import ReportTarget
from geo.ingest.runner import run_adapter
from geo.ingest.telegram import TelegramTarget
from geo.io.atomic import atomic_write_text

LOG = logging.getLogger("geo.watch")
KEEP_RUNS = 50


@dataclass
class Source:
    """One configured source."""

    name: str
    label: str
    every: float                       # seconds
    jitter: float = 0.0
    retry: float = 300.0
    options: dict[str, Any] = field(default_factory=dict)

    def target(self) -> object:
        o = self.options
        if self.name == "telegram":
            return TelegramTarget(str(o["target"]), str(o["claimant"]), o.get("channel"))
        if self.name in ("genstaff", "isw"):
            return ReportTarget(str(o["target"]))
        if self.name == "viina":
            return str(o["target"])
        return o.get("api")


def load_config(path: Path) -> list[Source]:
    """The sources of a ``sources.toml``; a bad one is an InputError naming it."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc}). Fix: give a sources.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc}). Fix: see README, 'Live "
                         "sources'") from None
    sources, labels = [], set()
    for i, item in enumerate(doc.get("source", [])):
        where = f"{path} [[source]] #{i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(f"{where}: no name. Fix: name = \"deepstate\" (or telegram, "
                             "genstaff, isw, viina)")
        adapter(item["name"])  # raises for an unknown source
        every = item.get("every_minutes", 60)
        if not isinstance(every, int | float) or every <= 0:
            raise InputError(f"{where}: every_minutes = {every!r}. Fix: a positive number")
        if item["name"] != "deepstate" and "target" not in item:
            raise InputError(f"{where}: no target. Fix: target = \"<file or URL>\"")
        if item["name"] == "telegram" and "claimant" not in item:
            raise InputError(f"{where}: no claimant. Fix: claimant = \"ru_mod\" (say)")
        label = str(item.get("label") or item["name"])
        if label in labels:
            raise InputError(f"{where}: a second source labelled {label!r}. Fix: give each "
                             "source its own label = \"...\"")
        labels.add(label)
        options = {k: v for k, v in item.items() if k not in (
            "name", "label", "every_minutes", "jitter_minutes", "retry_minutes")}
        sources.append(Source(item["name"], label, float(every) * 60,
                              float(item.get("jitter_minutes", 0)) * 60,
                              float(item.get("retry_minutes", 5)) * 60, options))
    if not sources:
        raise InputError(f"{path}: no [[source]] entries. Fix: see README, 'Live sources'")
    return sources


def runs_path(store: Path, label: str) -> Path:
    return store / "ingest" / "runs" / f"{label}.json"


def read_state(store: Path, label: str) -> dict[str, Any]:
    """A source's recorded state (empty when it never ran)."""
    path = runs_path(store, label)
    if not path.is_file():
        return {"label": label, "runs": [], "failures": 0}
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return state
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable run record ({exc.__class__.__name__}). Fix: "
                         "delete it; the next run writes it anew") from None


def all_states(store: Path) -> list[dict[str, Any]]:
    """Every source's recorded state, by label."""
    folder = store / "ingest" / "runs"
    return [read_state(store, p.stem) for p in sorted(folder.glob("*.json"))] if (
        folder.is_dir()) else []


class Watcher:
    """Runs sources on their schedule; ``clock``/``sleep`` are injectable (tests)."""

    def __init__(self, sources: list[Source], context: Callable[[Source], IngestContext],
                 store: Path, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self.sources, self.context, self.store = sources, context, store
        # jitter only, not secrets
        self.clock, self.sleep, self.rng = clock, sleep, rng or random.Random()  # noqa: S311
        now = clock()
        self.due = {s.label: now for s in sources}
        self.failures = {s.label: int(read_state(store, s.label).get("failures", 0))
                         for s in sources}

    def _stamp(self, t: float) -> str:
        return dt.datetime.fromtimestamp(t, dt.UTC).isoformat(timespec="seconds")

    def run_one(self, source: Source) -> RunReport:
        """Run ``source`` now, record it and schedule its next run."""
        started = self.clock()
        try:
            report = run_adapter(adapter(source.name), self.context(source), source.target())
        except Exception as exc:  # one source's failure never stops the others
            LOG.exception("source %s failed", source.label)
            report = RunReport(source.label, errors=[f"{exc.__class__.__name__}: {exc}"])
        report.started, report.finished = self._stamp(started), self._stamp(self.clock())
        # a run that read its source succeeded, even if some documents in it failed
        ok = not report.errors or report.documents_fetched > 0
        if ok:
            self.failures[source.label] = 0
            wait = source.every
        else:
            self.failures[source.label] += 1
            wait = min(source.every, source.retry * 2 ** (self.failures[source.label] - 1))
        wait += self.rng.uniform(0, source.jitter) if source.jitter else 0.0
        self.due[source.label] = self.clock() + wait
        self._record(source, report, ok)
        return report

    def _record(self, source: Source, report: RunReport, success: bool) -> None:
        state = read_state(self.store, source.label)
        state.update({"label": source.label, "source": source.name,
                      "failures": self.failures[source.label],
                      "next_run": self._stamp(self.due[source.label])})
        if success:
            state["last_success"] = report.finished
        state["runs"] = [*state.get("runs", []), asdict(report)][-KEEP_RUNS:]
        path = runs_path(self.store, source.label)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(state, ensure_ascii=False, indent=1))

    def loop(self, iterations: int | None = None) -> None:
        """Run due sources forever (or for ``iterations`` runs)."""
        done = 0
        while iterations is None or done < iterations:
            label = min(self.due, key=lambda k: self.due[k])
            wait = self.due[label] - self.clock()
            if wait > 0:
                self.sleep(wait)
            source = next(s for s in self.sources if s.label == label)
            self.run_one(source)
            done += 1
