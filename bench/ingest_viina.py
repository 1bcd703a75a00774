"""VIINA at a year's size: a generated control table of ``--rows`` places × ``--days`` × 4
observations (the real file: ~33,000 rows × ~1,400 columns), zipped, read by
``geo.ingest.viina.changes`` (streamed); wall time and peak memory, beside the baseline of
only inflating and reading the CSV's bytes in the same run.

    python -m bench.ingest_viina [--rows 33156] [--days 365]

Target (issue 12): a year in ≤ 60 s and ≤ 1.5 GiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

from geo.ingest.viina import changes

WORDS = np.array(["UA", "RU", "CONTESTED"])


def generate(path: Path, rows: int, days: int, seed: int = 1) -> int:
    """Write the zip; returns the number of status changes it holds (what must be found)."""
    rng = np.random.default_rng(seed)
    start = dt.datetime(2025, 1, 1)
    cols = [f"ctr_{(start + dt.timedelta(hours=6 * i)):%Y%m%d%H%M%S}" for i in range(days * 4)]
    n = len(cols)
    expected = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("control_latest_2025.csv", "w") as out:
        out.write(("geonameid,name,asciiname,alternatenames,longitude,latitude,feature_code,"
                   + ",".join(cols) + "\n").encode())
        for first in range(0, rows, 1000):
            block = min(1000, rows - first)
            base = rng.choice(3, size=block, p=[0.8, 0.15, 0.05])
            codes = np.repeat(base[:, None], n, axis=1)
            movers = rng.random(block) < 0.1  # a tenth of the places change once or twice
            for r in np.flatnonzero(movers):
                at = np.sort(rng.choice(np.arange(1, n), size=rng.integers(1, 3),
                                        replace=False))
                for a in at:
                    codes[r, a:] = (codes[r, a - 1] + 1) % 3
            changed = (codes[:, 1:] != codes[:, :-1]).sum() + (codes[:, 0] != 0).sum()
            expected += int(changed)
            text = WORDS[codes]
            lines = [f"{1_000_000 + first + i},Place {first + i},Place {first + i},,"
                     f"37.0,48.0,PPL," + ",".join(text[i]) for i in range(block)]
            out.write(("\n".join(lines) + "\n").encode())
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=33_156)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "control_latest_2025.zip"
        t0 = time.perf_counter()
        expected = generate(path, args.rows, args.days)
        made = time.perf_counter() - t0
        t0 = time.perf_counter()
        with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as raw:
            size = sum(len(b) for b in iter(lambda: raw.read(1 << 20), b""))
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = sum(1 for _ in changes(path))
        wall = time.perf_counter() - t0
        print(json.dumps({
            "rows": args.rows, "columns": args.days * 4, "csv_mib": round(size / 2**20),
            "zip_mib": round(path.stat().st_size / 2**20), "generate_s": round(made, 1),
            "changes_found": found, "changes_written": expected, "wall_s": round(wall, 1),
            "baseline_read_bytes_s": round(baseline, 1),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
