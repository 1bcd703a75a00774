"""Ingest throughput: bulletin-sized texts through parse + resolve, and a year of DeepState
updates taken in from a fake API on loopback (wall time and peak memory).

    python -m bench.ingest_throughput [--updates 1000] [--texts 300] [--data data]

Texts: the held-out MoD, General Staff and ISW documents (tests/ingest/blind), cycled, each
through its claimant's parser and the place resolution; the baseline, measured in the same
run on the same texts, is geo.text's free-text extractor (the "Add claims" page's path).
Cold: ``--cold-runs`` fresh processes, each building the place indexes (start-up: first with
an empty store, then with what the first run cached there) and taking the distinct texts
once (no name seen before, pymorphy3's dictionaries loaded on the first Cyrillic name);
``end_to_end`` is the documents over start-up plus that pass; ``cpu`` figures are the
process's CPU time (steadier than wall time on a shared machine). With ``--baseline-tree`` an
older checkout's code is timed the same way, alternating with this one's.
Warm: the same process, ``--texts`` texts again.
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
import os
import random
import resource
import shutil
import subprocess
import sys
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


#: One fresh process's start-up (indexes) and first pass over the distinct texts; only the
#: public ingest API, so that it runs on an older checkout's code too (``--baseline-tree``).
COLD = """
import json, sys, time
start, cpu0 = time.perf_counter(), time.process_time()
from pathlib import Path
from geo.ingest.model import IngestContext
from geo.ingest.textclaims import text_claims
from geo.io.fetch import Fetcher
from geo.places.table import load_places
data, store, docs = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
ctx = IngestContext(data_dir=data, store=store, fetcher=Fetcher(), places=load_places(data))
ctx.placenames
built, cpu1 = time.perf_counter(), time.process_time()
for text, claimant, day in docs:
    text_claims(ctx, text, claimant, day, "bench", "")
done, cpu2 = time.perf_counter(), time.process_time()
print(json.dumps({"startup_s": round(built - start, 2), "docs": len(docs),
                  "startup_cpu_s": round(cpu1 - cpu0, 2),
                  "cold_cpu_docs_per_s": round(len(docs) / (cpu2 - cpu1), 1),
                  "cold_docs_per_s": round(len(docs) / (done - built), 1),
                  "end_to_end_docs_per_s": round(len(docs) / (done - start), 1)}))
"""


def _fresh(data: Path, store: Path, tree: Path = ROOT) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-c", COLD, str(data.resolve()), str(store),
                          json.dumps(texts())], cwd=tree, env=env, check=True,
                         capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def bench_cold(data: Path, runs: int, baseline: Path | None) -> dict[str, Any]:
    """Fresh processes, alternating this code and the baseline tree's: first each with an
    empty store, then with what the first runs left in it (this code's spelling index)."""
    out: dict[str, Any] = {"this": [], "baseline": []}
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(runs):
            for name, tree in (("this", ROOT), ("baseline", baseline)):
                if tree is not None:
                    store = Path(scratch) / name
                    out[name].append({"store": "empty" if i == 0 else "cached",
                                      **_fresh(data, store, tree)})
    return out


def bench_texts(ctx: IngestContext, n: int) -> dict[str, float]:
    docs = texts()
    ctx.placenames  # noqa: B018 - build the indexes before timing
    for text, claimant, day in docs:  # names seen, dictionaries loaded
        text_claims(ctx, text, claimant, day, "bench", "")
    start = time.perf_counter()
    for i in range(n):
        text, claimant, day = docs[i % len(docs)]
        text_claims(ctx, text, claimant, day, "bench", "")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for text, claimant, day in docs:  # the baseline is slow: the distinct texts, once
        _free_text(ctx, text, claimant, day, "bench", "")
    base = time.perf_counter() - start
    size = sum(len(t) for t, _, _ in docs) / len(docs)
    return {"texts": n, "distinct": len(docs), "mean_chars": round(size),
            "warm_docs_per_s": round(n / ours, 1),
            "baseline_docs_per_s": round(len(docs) / base, 1)}


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
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--baseline-tree", type=Path, default=None,
                        help="an older checkout (e.g. `git archive REV | tar -x -C DIR`) whose "
                             "code is timed cold beside this one's")
    parser.add_argument("--no-deepstate", action="store_true", help="texts only")
    args = parser.parse_args(argv)
    print(json.dumps({"load_average": os.getloadavg()}))
    print(json.dumps({"cold": bench_cold(args.data, args.cold_runs, args.baseline_tree)}))
    with tempfile.TemporaryDirectory() as scratch:
        ctx = IngestContext(data_dir=args.data, store=Path(scratch), fetcher=Fetcher(),
                            places=load_places(args.data))
        print(json.dumps({"texts": bench_texts(ctx, args.texts)}))
    print(json.dumps({"load_average": os.getloadavg()}))
    if args.no_deepstate:
        return 0
    print(json.dumps({"deepstate_year": bench_deepstate(args.data, args.updates)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
