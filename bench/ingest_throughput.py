"""Ingest throughput: bulletin-sized texts through parse + resolve, and a year of DeepState
updates taken in from a fake API on loopback (wall time and peak memory).

    python -m bench.ingest_throughput [--updates 1000] [--texts 300] [--data data]

Texts: the held-out MoD, General Staff and ISW documents (tests/ingest/blind), cycled, each
through its claimant's parser and the place resolution; the baseline, measured in the same
run on the same texts, is geo.text's free-text extractor (the "Add claims" page's path).
DeepState: ``--updates`` updates over a year (three a day at most, each note linking two or
three real places at their coordinates, its area figures, and a small map for the day's
last update), served by a local HTTP server, taken in by ``ingest deepstate``'s runner
into a copy of the data directory; then the same run again (nothing new: the baseline of
what a scheduled re-run costs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.server
import json
import random
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from geo.ingest.deepstate import ADAPTER
from geo.ingest.model import IngestContext
from geo.ingest.runner import run_adapter
from geo.ingest.textclaims import _free_text, text_claims
from geo.io.fetch import Fetcher, Policy
from geo.io.httpcache import HttpCache
from geo.places.table import load_places

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "ingest" / "blind"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts() -> list[tuple[str, str, str]]:
    out = []
    for folder, claimant in (("mod", "ru_mod"), ("genstaff", "ua_genstaff"), ("isw", "isw")):
        spec = json.loads((BLIND / folder / "expected.json").read_text(encoding="utf-8"))
        for want in spec["texts"]:
            out.append(((BLIND / folder / want["file"]).read_text(encoding="utf-8"), claimant,
                        want["date"]))
    return out


def bench_texts(ctx: IngestContext, n: int) -> dict[str, float]:
    docs = texts()
    ctx.placenames  # noqa: B018 - build the indexes before timing
    start = time.perf_counter()
    for text, claimant, day in docs:  # cold: no name seen before
        text_claims(ctx, text, claimant, day, "bench", "")
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(n):
        text, claimant, day = docs[i % len(docs)]
        text_claims(ctx, text, claimant, day, "bench", "")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(n):
        text, claimant, day = docs[i % len(docs)]
        _free_text(ctx, text, claimant, day, "bench", "")
    base = time.perf_counter() - start
    size = sum(len(t) for t, _, _ in docs) / len(docs)
    return {"texts": n, "distinct": len(docs), "mean_chars": round(size),
            "cold_docs_per_s": round(len(docs) / cold, 1), "docs_per_s": round(n / ours, 1),
            "baseline_docs_per_s": round(n / base, 1)}


def _square(lon: float, lat: float, size: float = 0.3) -> dict[str, Any]:
    ring = [[lon, lat, 0], [lon + size, lat, 0], [lon + size, lat + size, 0],
            [lon, lat + size, 0], [lon, lat, 0]]
    return {"type": "Polygon", "coordinates": [ring]}


def fake_year(places: Any, updates: int, seed: int = 1) -> dict[str, bytes]:
    """Routes of a fake DeepState API with ``updates`` updates over 2025."""
    rng = random.Random(seed)
    front = places[(places["oblast"] == "Donetsk") & (places["population"] > 0)]
    rows = front[["name", "lat", "lon"]].to_numpy().tolist()
    start = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)
    routes: dict[str, bytes] = {}
    items, last_of_day = [], {}  # uid -> uid: the updates whose map is served
    for i in range(updates):
        when = start + dt.timedelta(minutes=int(i * 365 * 24 * 60 / updates))
        uid = int(when.timestamp())
        picks = rng.sample(rows, 3)
        link = '<a href="https://deepstatemap.live/#14/{1:.5f}/{2:.5f}">{0}</a>'
        note = (f"<p>The map has been updated. The enemy has occupied {link.format(*picks[0])}"
                f" and advanced near {link.format(*picks[1])} and {link.format(*picks[2])}."
                "</p>")
        items.append({"id": uid, "descriptionEn": note, "description": "",
                      "createdAt": when.isoformat().replace("+00:00", "Z"), "status": True})
        occupied = 70000 + i * 5.0
        routes[f"/api/history/{uid}/areas"] = json.dumps([
            {"type": "occupied_after_24_02_2022", "area": occupied,
             "percent": f"{occupied / 603628 * 100:.2f}"},
            {"type": "occupied_to_24_02_2022", "area": 43000.0,
             "percent": f"{43000 / 603628 * 100:.2f}"},
            {"type": "unspecified", "area": 2000.0, "percent": f"{2000 / 603628 * 100:.2f}"},
        ]).encode()
        last_of_day[uid] = uid  # every update has its map, as the real API
    for uid in last_of_day.values():
        routes[f"/api/history/{uid}/geojson"] = json.dumps({"type": "FeatureCollection",
                                                            "features": [
            {"type": "Feature", "properties": {"name": "Окуповано /// Occupied /// "
                                                       "geoJSON.status.occupied"},
             "geometry": _square(37.5 + rng.random() * 0.1, 47.9)},
            {"type": "Feature", "properties": {"name": "Статус невідомий /// Unknown status "
                                                       "/// geoJSON.status.unknown"},
             "geometry": _square(37.9, 48.0, 0.1)}]}).encode()
    routes["/api/history/public"] = json.dumps(items).encode()
    return routes


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


def bench_deepstate(data: Path, updates: int) -> dict[str, float]:
    places = load_places(data)
    _Handler.routes = fake_year(places, updates)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as scratch:
        copy, store = Path(scratch) / "data", Path(scratch) / "store"
        shutil.copytree(data, copy, ignore=shutil.ignore_patterns("local", ".backup"))

        def run() -> tuple[float, Any]:
            ctx = IngestContext(data_dir=copy, store=store, places=places,
                                fetcher=Fetcher(Policy(deadline=30),
                                                cache=HttpCache(store / "http-cache")))
            start = time.perf_counter()
            report = run_adapter(ADAPTER, ctx, base)
            return time.perf_counter() - start, report

        first_s, first = run()
        again_s, again = run()
    server.shutdown()
    return {"updates": updates, "wall_s": round(first_s, 1),
            "updates_per_s": round(updates / first_s, 1), "claims_added": first.claims_added,
            "drafts_queued": first.drafts_queued, "maps_stored": first.maps_stored,
            "figures_added": first.figures_added, "errors": len(first.errors),
            "repeat_wall_s": round(again_s, 2), "repeat_claims_added": again.claims_added,
            "peak_rss_mib": round(peak_mib())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    ctx = IngestContext(data_dir=args.data, store=args.data / "local", fetcher=Fetcher(),
                        places=load_places(args.data))
    print(json.dumps({"texts": bench_texts(ctx, args.texts)}))
    print(json.dumps({"deepstate_year": bench_deepstate(args.data, args.updates)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
