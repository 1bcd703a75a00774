"""Accept reviewed draft claims into the data directory: validated, deduplicated, atomic.

Nothing is written unless the whole resulting data directory validates. The
replaced files are copied to ``<data>/.backup/<UTC timestamp>/`` first; restore
by copying them back. New settlements (places known only from the gazetteer)
are appended to settlements.csv before the claims that name them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from geo.dataset.load import load_dataset
from geo.io.atomic import atomic_write_text
from geo.io.locking import locked
from geo.vocab import COLUMNS

BACKUP_DIR = ".backup"


@dataclass
class AcceptResult:
    """What an accept wrote or skipped."""

    claims_written: list[str] = field(default_factory=list)
    duplicates_skipped: list[str] = field(default_factory=list)
    settlements_added: list[str] = field(default_factory=list)
    figures_written: int = 0
    backup: Path | None = None


def slug(text: str) -> str:
    """A lowercase id slug: ``"Kupiansk-Vuzlovyi"`` → ``"kupiansk-vuzlovyi"``."""
    from geo.places.fold import latin

    return re.sub(r"[^a-z0-9]+", "-", latin(text)).strip("-") or "place"


#: GeoNames oblast names whose usual English form differs (the rest lose " Oblast").
_OBLASTS = {"Donetska": "Donetsk", "Luhanska": "Luhansk", "Zaporizhzhya": "Zaporizhzhia",
            "Kyivska": "Kyiv", "Lvivska": "Lviv", "Dnipropetrovska": "Dnipropetrovsk",
            "Khersonska": "Kherson", "Odeska": "Odesa", "Mykolayivska": "Mykolaiv",
            "Sumska": "Sumy", "Poltavska": "Poltava", "Chernihivska": "Chernihiv"}


def oblast_name(text: object) -> str:
    """``"Donetska Oblast"`` → ``"Donetsk"``; empty or missing → ``"unknown"``."""
    if text is None or str(text).strip() in ("", "None", "nan"):
        return "unknown"
    name = str(text).replace(" Oblast", "").strip()
    return _OBLASTS.get(name, name)


def _csv_rows(rows: list[dict], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n",
                            extrasaction="ignore")
    writer.writerows(rows)
    return out.getvalue()


def _appended(path: Path, rows: list[dict], columns: tuple[str, ...]) -> str:
    """The file's text with ``rows`` appended, in the file's own column order."""
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ",".join(columns) + "\n"
    if text and not text.endswith("\n"):
        text += "\n"
    header = next(csv.reader(io.StringIO(text)), list(columns))
    return text + _csv_rows(rows, tuple(h.strip() for h in header) or columns)


def accept(
    data_dir: Path,
    claims: list[dict],
    places: dict[str, dict] | None = None,
    figures: list[dict] | None = None,
    today: dt.date | None = None,
) -> AcceptResult:
    """Append ``claims`` (claims.csv fields, without ``id``) and ``figures`` to the data.

    ``places`` maps a gazetteer-only settlement id (``gn-…``) to its record (name, oblast,
    lat, lon, population, geonames_id) so it can be added to settlements.csv. A claim equal
    to one already present (same settlement, claimant, date and status) is skipped.

    Raises
    ------
    geo.errors.DataValidationError
        The result would not validate; nothing is written.
    """
    with locked(data_dir):
        return _accept(data_dir, claims, places or {}, figures, today)


def _accept(data_dir: Path, claims: list[dict], places: dict[str, dict],
            figures: list[dict] | None, today: dt.date | None) -> AcceptResult:
    ds = load_dataset(data_dir, today=today)
    result = AcceptResult()
    taken_ids = set(ds.settlements["id"])
    new_settlements: list[dict] = []
    mapping: dict[str, str] = {}
    for claim in claims:
        sid = str(claim.get("settlement_id", ""))
        if sid in taken_ids or sid in mapping or sid not in places:
            continue
        place = places[sid]
        new_id, n = slug(place["name"]), 2
        while new_id in taken_ids:
            new_id, n = f"{slug(place['name'])}-{n}", n + 1
        taken_ids.add(new_id)
        mapping[sid] = new_id
        pop = int(place.get("population") or 0)
        new_settlements.append({
            "id": new_id, "name": place["name"], "name_uk": "", "aliases": "",
            "oblast": oblast_name(place.get("oblast")),
            "kind": "city" if pop >= 50_000 else "town" if pop >= 5_000 else "village",
            "population": pop or "", "lat": place["lat"], "lon": place["lon"],
            "geonames_id": place.get("geonames_id") or "",
        })
    existing = set(zip(ds.claims["settlement_id"], ds.claims["claimant"],
                       ds.claims["date"].dt.date.astype(str), ds.claims["status"], strict=True))
    used_ids = set(ds.claims["id"])
    rows = []
    for claim in claims:
        row = {k: ("" if claim.get(k) is None else str(claim.get(k))) for k in
               COLUMNS["claims.csv"]}
        row["settlement_id"] = mapping.get(row["settlement_id"], row["settlement_id"])
        key = (row["settlement_id"], row["claimant"], row["date"], row["status"])
        if key in existing:
            result.duplicates_skipped.append(" ".join(key))
            continue
        existing.add(key)
        base = slug(f"{row['settlement_id']}-{row['date']}-{row['claimant']}")
        cid, n = base, 2
        while cid in used_ids:
            cid, n = f"{base}-{n}", n + 1
        used_ids.add(cid)
        row["id"] = cid
        rows.append(row)
    figure_rows = []
    have = set(zip(ds.territory["claimant"], ds.territory["date"].dt.date.astype(str),
                   ds.territory["share_pct"], ds.territory["refers_to"].dt.date.astype(str),
                   strict=True))
    for fig in figures or []:
        row = {k: ("" if fig.get(k) is None else str(fig.get(k))) for k in
               COLUMNS["territory.csv"]}
        fig_key = (row["claimant"], row["date"], float(row["share_pct"] or "nan"),
                   row["refers_to"] or row["date"])
        if fig_key in have:
            result.duplicates_skipped.append(f"figure {row['claimant']} {row['share_pct']}%")
            continue
        have.add(fig_key)
        figure_rows.append(row)
    if not rows and not new_settlements and not figure_rows:
        return result

    texts = {
        "settlements.csv": _appended(data_dir / "settlements.csv", new_settlements,
                                     COLUMNS["settlements.csv"]),
        "claims.csv": _appended(data_dir / "claims.csv", rows, COLUMNS["claims.csv"]),
        "territory.csv": _appended(data_dir / "territory.csv", figure_rows,
                                   COLUMNS["territory.csv"]),
    }
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch)
        shutil.copy2(data_dir / "claimants.csv", trial / "claimants.csv")
        for name, text in texts.items():
            (trial / name).write_text(text, encoding="utf-8")
        load_dataset(trial, today=today)  # raises DataValidationError: nothing written
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = data_dir / BACKUP_DIR / stamp
    backup.mkdir(parents=True, exist_ok=True)
    for name in texts:
        if (data_dir / name).exists():
            shutil.copy2(data_dir / name, backup / name)
    # settlements first: the claims refer to them
    for name in ("settlements.csv", "territory.csv", "claims.csv"):
        if (name == "settlements.csv" and new_settlements) or (
                name == "claims.csv" and rows) or (name == "territory.csv" and figure_rows):
            atomic_write_text(data_dir / name, texts[name])
    result.claims_written = [r["id"] for r in rows]
    result.settlements_added = [s["id"] for s in new_settlements]
    result.figures_written = len(figure_rows)
    result.backup = backup
    return result

