"""Run the whole hostile set in one command and count what happened:
``python tests/badinput/run_hostile.py`` (exit 1 on any traceback or partial write).

Every corpus file (MANIFEST.csv) goes through both doors a reader or an editor uses: the
command line (``geo validate``, ``geo import deepstate``, ``geo gazetteer import``, run
in-process through :func:`geo.cli.main`, which prints an error line and returns 2 for any
error raised on purpose, so anything else escaping is a traceback) and the page's upload
functions (:func:`geo.dataset.uploads.session_dataset`, :func:`geo.maps.sessionstore.
session_map`). Counted: inputs and outcomes (accepted, refused with one line), tracebacks,
partial writes (anything left in the store or the data directory by a refused input), and
the permission bits of every file an accepted input wrote.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime as dt
import io
import os
import stat
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.cli import main  # noqa: E402
from geo.dataset.uploads import session_dataset  # noqa: E402
from geo.errors import FrontlineError  # noqa: E402
from geo.maps.sessionstore import session_map  # noqa: E402
from tests.helpers import write_data  # noqa: E402

CORPUS = Path(__file__).resolve().parent
TODAY = dt.date(2026, 1, 1)


def _cli(args: list[str]) -> tuple[str, str]:
    """(outcome, detail) of one command: ok, refused (exit 1/2), or traceback."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(args)
    except BaseException:  # what the reader would have seen as a traceback
        return "traceback", traceback.format_exc(limit=2).splitlines()[-1]
    lines = [line for line in err.getvalue().splitlines() if line.strip()]
    return ("ok" if code == 0 else "refused"), (lines[-1] if lines else "")


def _upload(call: object) -> str:
    try:
        call()  # type: ignore[operator]
    except FrontlineError:
        return "refused"
    except BaseException:
        return "traceback"
    return "ok"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != ".write.lock"} if folder.exists() else {}


def run_case(case: dict, work: Path) -> dict:
    """Both doors for one corpus file; its outcomes, partial writes and written modes."""
    path, loader = CORPUS / case["file"], case["loader"]
    data, store = work / "data", work / "store"
    # settlement cases get no claims, so only the settlements file is under test
    write_data(data, claims=[]) if loader == "settlements" else write_data(data)
    before = _files(data)
    raw = path.read_bytes()
    if loader in ("claims", "settlements"):
        target = data / f"{loader}.csv"
        original = target.read_bytes()
        target.write_bytes(raw)
        cli = _cli(["validate", "--data", str(data)])
        target.write_bytes(original)
        page = _upload(lambda: session_dataset(data, {f"{loader}.csv": raw}, today=TODAY))
    elif loader.startswith("deepstate"):
        dated = [] if loader == "deepstate-own-date" else ["--date", "2025-01-01"]
        cli = _cli(["import", "deepstate", str(path), "--store", str(store), "--data",
                    str(data), *dated])
        page = _upload(lambda: session_map(raw, case["file"], None if not dated
                                           else dt.date(2025, 1, 1), work / "tmp", TODAY))
    else:
        cli = _cli(["gazetteer", "import", str(path), "--store", str(store)])
        page = "n/a"
    written = _files(store)
    partial = cli[0] != "ok" and (bool(written) or _files(data) != before)
    modes = [oct(stat.S_IMODE(p.stat().st_mode)) for p in store.rglob("*")
             if p.is_file() and p.name != ".write.lock"] if cli[0] == "ok" else []
    return {"file": case["file"], "expect": case["expect"], "cli": cli[0], "page": page,
            "detail": cli[1], "partial": partial, "modes": modes}


def run_all() -> list[dict]:
    """Every corpus case, each in its own scratch folder."""
    cases = list(csv.DictReader((CORPUS / "MANIFEST.csv").open(encoding="utf-8")))
    results = []
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
            (Path(scratch) / "tmp").mkdir()
            results.append(run_case(case, Path(scratch)))
    return results


def report(results: list[dict]) -> list[str]:
    """The counts, then one line per unexpected outcome."""
    cli = collections.Counter(r["cli"] for r in results)
    page = collections.Counter(r["page"] for r in results if r["page"] != "n/a")
    modes = collections.Counter(m for r in results for m in r["modes"])
    lines = [f"inputs: {len(results)}",
             f"command line: {dict(sorted(cli.items()))}",
             f"page uploads: {dict(sorted(page.items()))}",
             f"tracebacks: {cli['traceback'] + page['traceback']}",
             f"partial writes: {sum(r['partial'] for r in results)}",
             f"modes of written files: {dict(modes) or 'none written'} (umask "
             f"{oct(_umask())})"]
    for r in results:
        wrong = (r["expect"] == "error") == (r["cli"] == "ok")
        if wrong or r["cli"] == "traceback" or r["page"] == "traceback" or r["partial"]:
            lines.append(f"  {r['file']}: expected {r['expect']}, cli {r['cli']}, page "
                         f"{r['page']}, partial {r['partial']}: {r['detail'][:120]}")
    return lines


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


if __name__ == "__main__":
    found = run_all()
    print("\n".join(report(found)))
    bad = sum(r["cli"] == "traceback" or r["page"] == "traceback" or r["partial"]
              for r in found)
    sys.exit(1 if bad else 0)
