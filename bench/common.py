"""Shared set-up of the benchmarks: the national-scale data, process figures, percentiles."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH_DIR = Path(tempfile.gettempdir()) / "frontline-bench"


def national_args(description: str | None) -> argparse.Namespace:
    """Parse ``--settlements``, ``--claims`` and ``--dir`` (defaults: 30,000 / 1,000,000)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--settlements", type=int, default=30_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=BENCH_DIR)
    return parser.parse_args()


def national_data(settlements: int, claims: int, directory: Path = BENCH_DIR) -> Path:
    """The synthetic data directory of that size, generated once (seed 1) and reused."""
    from geo import synth  # geopandas: imported only when the data is needed

    data = directory / f"s{settlements}-c{claims}"
    if not (data / "claims.csv").is_file():
        synth.write(data, settlements, claims, 0, seed=1, store=None)
    return data


def proc_status(pid: int, field: str = "VmRSS") -> float:
    """A memory figure of process ``pid`` from /proc/PID/status, in MB (MiB); NaN if gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return float("nan")
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (MiB)."""
    return proc_status(pid, "VmRSS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid`` (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p50_p95(values: Sequence[float]) -> tuple[float, float]:
    """Median and 95th percentile (``statistics.quantiles``, exclusive method); NaN if empty."""
    if not values:
        return float("nan"), float("nan")
    if len(values) == 1:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20)[18]


def machine_busy_seconds() -> float:
    """CPU seconds all processes have used so far, all cores summed (/proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def median_ms(fn: Callable[[], object], repeat: int = 3,
              clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time of ``repeat`` calls of ``fn`` by ``clock`` (wall time; pass
    ``time.process_time`` for the process's CPU), in milliseconds."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times) * 1e3
