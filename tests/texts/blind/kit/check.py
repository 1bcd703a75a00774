"""Check a blind writer's folder: expected.json's shape, the claimants, the GeoNames ids,
one row per claimant and place (milbloggers excepted), the strings that must be in the texts.

    python3 check.py FOLDER
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

KIT = Path(__file__).parent
GAZ = Path("/work/shared/data/gazetteer/geonames_ua_populated_places.csv")
STYLES = {"wire", "mod", "genstaff", "deepstate", "isw"}
LANGS = {"en", "uk", "ru"}
STATUSES = {"ukrainian", "russian", "contested"}
EXTENTS = {"full", "partial"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def main(folder: Path) -> int:
    # a writer's kit folder holds a copy; in the repository it is data/claimants.csv
    kit_copy = KIT / "claimants.csv"
    table = kit_copy if kit_copy.is_file() else KIT.parents[3] / "data" / "claimants.csv"
    claimants = {r["id"] for r in csv.DictReader(table.open(encoding="utf-8"))}
    gaz = {int(r["geonameid"]): r for r in csv.DictReader(GAZ.open(encoding="utf-8"))}
    errors: list[str] = []
    try:
        doc = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"expected.json: cannot read: {exc}")
        return 1
    files = sorted(p.name for p in folder.glob("*.txt"))
    listed = [c.get("file") for c in doc.get("texts", [])]
    for f in sorted(set(files) - set(listed)):
        errors.append(f"{f}: a text with no case in expected.json")
    counts = {"texts": 0, "settlement": 0, "territory": 0, "fighting_near": 0}
    for n, case in enumerate(doc.get("texts", []), 1):
        where = f"case {n} ({case.get('file')})"
        errors += _case(folder, case, where, claimants, gaz)
        counts["texts"] += 1
        for k in ("settlement", "territory", "fighting_near"):
            counts[k] += len(case.get(k, []))
    for e in errors:
        print(e)
    print(f"{len(errors)} errors; {counts}")
    return 1 if errors else 0


def _case(folder: Path, case: dict, where: str, claimants: set, gaz: dict) -> list[str]:
    out: list[str] = []
    path = folder / str(case.get("file"))
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not text:
        out.append(f"{where}: file missing or empty")
    if case.get("style") not in STYLES:
        out.append(f"{where}: style {case.get('style')!r} not one of {sorted(STYLES)}")
    if case.get("language") not in LANGS:
        out.append(f"{where}: language {case.get('language')!r} not one of {sorted(LANGS)}")
    if not DATE.match(str(case.get("date"))):
        out.append(f"{where}: date {case.get('date')!r} is not YYYY-MM-DD")
    for key in ("settlement", "territory", "fighting_near", "not_places", "outside_ukraine"):
        if not isinstance(case.get(key), list):
            out.append(f"{where}: {key} must be a list (empty if none)")
    if not isinstance(case.get("notes"), str):
        out.append(f"{where}: notes must be a string")
    seen: set[tuple] = set()
    for i, row in enumerate(case.get("settlement") or [], 1):
        w = f"{where} settlement row {i}"
        if not (isinstance(row, list) and len(row) == 5):
            out.append(f"{w}: must be [claimant, place, status, extent, encircled]")
            continue
        c, place, status, extent, enc = row
        out += _claimant(c, w, claimants) + _place(place, w, gaz)
        if status not in STATUSES:
            out.append(f"{w}: status {status!r} not one of {sorted(STATUSES)}")
        if extent not in EXTENTS:
            out.append(f"{w}: extent {extent!r} not one of {sorted(EXTENTS)}")
        if enc not in (True, False, None):
            out.append(f"{w}: encircled must be true, false or null")
        gid = place.get("geonameid") if isinstance(place, dict) else None
        if (c, gid) in seen and c != "ru_milblogger":
            out.append(f"{w}: a second row for {c} and {gid}: one claim per claimant and "
                       "place in a report (convention 2), milbloggers excepted")
        seen.add((c, gid))
    for i, row in enumerate(case.get("fighting_near") or [], 1):
        w = f"{where} fighting_near row {i}"
        if not (isinstance(row, list) and len(row) == 2):
            out.append(f"{w}: must be [claimant, place]")
            continue
        out += _claimant(row[0], w, claimants) + _place(row[1], w, gaz)
    for i, row in enumerate(case.get("territory") or [], 1):
        w = f"{where} territory row {i}"
        if not (isinstance(row, list) and len(row) == 3):
            out.append(f"{w}: must be [claimant, share_pct, refers_to]")
            continue
        out += _claimant(row[0], w, claimants)
        if not isinstance(row[1], int | float) or not 0 <= row[1] <= 100:
            out.append(f"{w}: share_pct {row[1]!r} must be a number 0-100")
        if row[2] not in ("country", "region") and not DATE.match(str(row[2])):
            out.append(f"{w}: refers_to {row[2]!r} must be a date, 'country' or 'region'")
    for key in ("not_places", "outside_ukraine"):
        for s in case.get(key) or []:
            if not isinstance(s, str) or s.lower() not in text.lower():
                out.append(f"{where} {key}: {s!r} does not appear in the text (write it in "
                           "the form the text uses: the scorer looks for it in what a draft "
                           "matched)")
    return out


def _claimant(c: object, w: str, claimants: set) -> list[str]:
    return [] if c in claimants else [f"{w}: claimant {c!r} not an id in claimants.csv"]


def _place(place: object, w: str, gaz: dict) -> list[str]:
    if not isinstance(place, dict) or set(place) != {"name", "geonameid", "oblast"}:
        return [f"{w}: place must be {{\"name\", \"geonameid\", \"oblast\"}}"]
    gid = place["geonameid"]
    if not isinstance(gid, int) or gid not in gaz:
        return [f"{w}: geonameid {gid!r} is not in {GAZ.name}"]
    row = gaz[gid]
    oblast = str(place["oblast"]).lower().replace("'", "")
    if oblast[:4] not in row["admin1_name"].lower().replace("'", ""):
        return [f"{w}: oblast {place['oblast']!r} but GeoNames puts {gid} "
                f"({row['name']}) in {row['admin1_name']}"]
    return []


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
