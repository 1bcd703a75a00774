"""The PNG of the map (``geo.render.png.map_png``) at national scale, beside a baseline.

The figure: the bundled places table (every place of ``data/places.parquet``) resolved on the
latest date, drawn (a) as the page opens (the whole of Ukraine, with the canvas's level of
detail) and (b) zoomed in on the front (zoom 9, no thinning), the median of ``--repeat``
runs each, PNG bytes included. The baseline, in the same run: the same places drawn the
naive way, one matplotlib artist per half circle (two ``Wedge`` patches per place), on the
first ``--baseline-places`` places in drawing order (the per-place cost is extrapolated to
the whole table, as drawing all of them that way takes minutes).

Run: ``.venv/bin/python -m bench.png [--repeat 3] [--baseline-places 3000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Wedge

from geo.claims.index import resolve
from geo.dataset.load import load_dataset
from geo.render.canvas import drawing_order
from geo.render.png import map_png
from geo.vocab import STATUS_COLORS

ROOT = Path(__file__).resolve().parent.parent


def _timed(run: object, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(run())  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def naive_png(places: pd.DataFrame) -> bytes:
    """The baseline: two Wedge artists per place, same figure size and dpi."""
    fig = Figure(figsize=(12, 8.4), dpi=150)
    ax = fig.subplots()
    for row in places.itertuples():
        for status, start, end in ((row.ru_status, 90, 270), (row.ua_status, 270, 90)):
            color = STATUS_COLORS.get(status if isinstance(status, str) else "none")
            ax.add_patch(Wedge((row.lon, row.lat), 0.03, start, end, facecolor=color,
                               edgecolor="#333333", linewidth=0.3))
    ax.set_xlim(22, 41)
    ax.set_ylim(44, 53)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-places", type=int, default=3000)
    args = parser.parse_args()
    ds = load_dataset(ROOT / "data", places="all")
    day = ds.last_date
    view = resolve(ds.settlements, ds.claims, day)
    names = list(ds.claimants["name"])
    whole, whole_bytes = _timed(lambda: map_png(view, day, names), args.repeat)
    front, front_bytes = _timed(
        lambda: map_png(view, day, names, center=(48.4, 37.6), zoom=9), args.repeat)
    subset = view.iloc[drawing_order(view)].head(args.baseline_places)
    naive, _ = _timed(lambda: naive_png(subset), 1)
    per_place = naive / len(subset)
    print(f"{dt.date.today()} places {len(view):,} on {day}")
    print(f"map_png whole country (level of detail): {whole:.2f} s, {whole_bytes / 1e6:.2f} MB")
    print(f"map_png front, zoom 9 (no thinning):     {front:.2f} s, {front_bytes / 1e6:.2f} MB")
    print(f"baseline, two Wedge artists per place:   {naive:.2f} s for {len(subset):,} places "
          f"= {per_place * 1e3:.2f} ms/place, ~{per_place * len(view):.0f} s for all "
          f"{len(view):,}")


if __name__ == "__main__":
    main()
