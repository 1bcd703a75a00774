"""Shared set-up of the benchmarks: the national-scale synthetic data directory."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from geo import synth

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
    data = directory / f"s{settlements}-c{claims}"
    if not (data / "claims.csv").is_file():
        synth.write(data, settlements, claims, 0, seed=1, store=None)
    return data
