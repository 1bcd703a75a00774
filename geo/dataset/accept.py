"""Accept reviewed draft claims into the data directory: validated, deduplicated, atomic.

Nothing is written unless the whole resulting data directory validates, and then every
changed file is replaced as one unit (:mod:`geo.dataset.journal`: staged, journalled,
rolled forward or back by the next accept or page start). The replaced files are kept in
``<data>/.backup/<UTC timestamp>/``; restore by copying them back. A new settlement (a
place not yet in settlements.csv) is appended before the claims that name it, taken whole
from the bundled places table (all names, oblast, kind, population, GeoNames id) when the
place is in it; a place whose GeoNames id a settlement already has is that settlement.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.dataset.journal import BACKUP_DIR, commit_files, recover_locked
from geo.dataset.load import Dataset, load_dataset
from geo.dataset.national import KINDS
from geo.io.locking import locked
from geo.places.table import PLACES_FILE, bundled_places
from geo.vocab import COLUMNS, EVIDENCE_COLUMNS, EVIDENCE_FILE, EXTRA_COLUMNS

__all__ = ["BACKUP_DIR", "AcceptResult", "accept", "oblast_name", "slug"]


@dataclass
class AcceptResult:
    """What an accept wrote or skipped."""

    claims_written: list[str] = field(default_factory=list)
    duplicates_skipped: list[str] = field(default_factory=list)
    settlements_added: list[str] = field(default_factory=list)
    figures_written: int = 0
    backup: Path | None = None
    #: the data files replaced (empty: nothing was written)
    files_written: list[str] = field(default_factory=list)
    #: what finishing an earlier, interrupted accept did first (journal.recover)
    recovered: list[str] = field(default_factory=list)


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
    """CSV lines ending in ``\\n``; a field holding a line break of any kind (``\\r``
    too) or a quote is quoted, so the file reads back as it was written."""
    out = io.StringIO()
    # "\r\n" as the terminator makes the writer quote fields holding either character;
    # each record's own terminator is then cut back to "\n", the files' line ending
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n",
                            extrasaction="ignore")
    lines = []
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        lines.append(out.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines)


def _appended(path: Path, rows: list[dict], columns: tuple[str, ...]) -> str:
    """The file's text with ``rows`` appended, in the file's own column order."""
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ",".join(columns) + "\n"
    if text and not text.endswith("\n"):
        text += "\n"
    header = [h.strip() for h in next(csv.reader(io.StringIO(text)), list(columns))]
    extra = [c for c in columns if c not in header and any(r.get(c) for r in rows)]
    if extra and header:  # a column the file lacks (an optional one): every record gains it
        text = _widened(text, extra)
        header = [*header, *extra]
    return text + _csv_rows(rows, tuple(header) or columns)


def _widened(text: str, extra: list[str]) -> str:
    """``text`` with ``extra`` columns added: the header gains their names and every record
    an empty field each, at the end of the line the record ends on; nothing else changes
    (a record's quoting, a field holding a line break)."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text))
    ends: list[int] = []
    for record in reader:
        if record:
            ends.append(reader.line_num - 1)
    for n, i in enumerate(ends):
        body = lines[i].rstrip("\r\n")
        tail = lines[i][len(body):]
        lines[i] = body + ("," + ",".join(extra) if n == 0 else "," * len(extra)) + tail
    return "".join(lines)


def accept(
    data_dir: Path,
    claims: list[dict],
    places: dict[str, dict] | None = None,
    figures: list[dict] | None = None,
    today: dt.date | None = None,
    loaded: Dataset | None = None,
    check: Callable[[Path], object] | None = None,
) -> AcceptResult:
    """Append ``claims`` (claims.csv fields, without ``id``) and ``figures`` to the data.

    ``loaded``: the caller's validated load of ``data_dir`` as it is (not read again);
    ``check``: validates the trial directory of the result in place of a full load (it
    must raise what :func:`load_dataset` raises for an invalid one). Both for the
    database's accept, which validates many accepts against the same small tables.

    ``places`` maps a settlement id not in settlements.csv (``gn-…``) to its record (name,
    oblast, lat, lon, population, geonames_id), used when the bundled places table does not
    hold that place. A claim equal to one already present (same settlement, claimant, date
    and status) is skipped. An interrupted earlier accept is finished first.

    Raises
    ------
    geo.errors.DataValidationError
        The result would not validate; nothing is written.
    OSError
        Writing the staged files failed (a full disk); nothing is written.
    geo.dataset.journal.PartialWriteError
        Renaming failed after the commit point; the message says what was written.
    """
    with locked(data_dir):
        recovered = recover_locked(data_dir)
        result = _accept(data_dir, claims, places or {}, figures, today, loaded, check)
        result.recovered = recovered
        return result


def _table_place(table: pd.DataFrame | None, sid: str, gid: object) -> dict | None:
    """The bundled table's row for ``sid`` (or GeoNames id ``gid``) as a settlements row."""
    if table is None:
        return None
    hit = table[table["id"].astype(str) == sid]
    if hit.empty and str(gid or "").isdigit():
        hit = table[table["geonameid"] == int(str(gid))]
    if hit.empty:
        return None
    row = hit.iloc[0]
    population = int(row["population"]) if pd.notna(row["population"]) else 0
    return {"name": str(row["name"]), "name_uk": str(row["name_uk"] or ""),
            "aliases": str(row["alternatenames"] or "").replace(",", ";"),
            "oblast": str(row["oblast"] or "") or "unknown",
            "kind": KINDS.get(str(row["feature_code"])) or _kind(population),
            "population": population or "", "lat": float(row["lat"]), "lon": float(row["lon"]),
            "geonames_id": int(row["geonameid"])}


def _kind(population: int) -> str:
    """The kind of a place whose GeoNames feature code says no more than "populated place"."""
    return "city" if population >= 50_000 else "town" if population >= 5_000 else "village"


def _given_place(place: dict) -> dict:
    """A settlements row from a caller's record (a place the bundled table lacks)."""
    pop = int(place.get("population") or 0)
    return {"name": place["name"], "name_uk": "", "aliases": "",
            "oblast": oblast_name(place.get("oblast")),
            "kind": _kind(pop),
            "population": pop or "", "lat": place["lat"], "lon": place["lon"],
            "geonames_id": place.get("geonames_id") or ""}


def _new_settlements(data_dir: Path, settlements: pd.DataFrame, claims: list[dict],
                     places: dict[str, dict]) -> tuple[list[dict], dict[str, str]]:
    """Rows to add to settlements.csv and the claim ids they replace (``gn-…`` → new id)."""
    taken_ids = set(settlements["id"].astype(str))
    known = settlements[settlements["geonames_id"].notna()]
    by_gid = dict(zip(known["geonames_id"].astype("int64"), known["id"].astype(str),
                      strict=True))
    wanted = [sid for sid in dict.fromkeys(str(c.get("settlement_id", "")) for c in claims)
              if sid not in taken_ids and sid in places]
    table = bundled_places(data_dir) if wanted else None
    rows: list[dict] = []
    mapping: dict[str, str] = {}
    for sid in wanted:
        row = _table_place(table, sid, places[sid].get("geonames_id")) or _given_place(
            places[sid])
        gid = int(row["geonames_id"]) if str(row["geonames_id"]).isdigit() else None
        if gid is not None and gid in by_gid:  # already a settlement: never a second row
            mapping[sid] = by_gid[gid]
            continue
        new_id, n = slug(row["name"]), 2
        while new_id in taken_ids:
            new_id, n = f"{slug(row['name'])}-{n}", n + 1
        taken_ids.add(new_id)
        if gid is not None:
            by_gid[gid] = new_id
        mapping[sid] = new_id
        rows.append({"id": new_id, **row})
    return rows, mapping


def _accept(data_dir: Path, claims: list[dict], places: dict[str, dict],
            figures: list[dict] | None, today: dt.date | None,
            loaded: Dataset | None = None,
            check: Callable[[Path], object] | None = None) -> AcceptResult:
    ds = loaded if loaded is not None else load_dataset(data_dir, today=today)
    result = AcceptResult()
    new_settlements, mapping = _new_settlements(data_dir, ds.settlements, claims, places)
    existing = set(zip(ds.claims["settlement_id"], ds.claims["claimant"],
                       ds.claims["date"].dt.date.astype(str), ds.claims["status"], strict=True))
    used_ids = set(ds.claims["id"])
    rows = []
    for claim in claims:
        row = {k: ("" if claim.get(k) is None else str(claim.get(k))) for k in
               (*COLUMNS["claims.csv"], *EXTRA_COLUMNS["claims.csv"])}
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
    # the evidence goes to its side file: claims.csv gains one line per claim, nothing else
    evidence = [{"claim_id": r["id"], "evidence": said} for r in rows
                if (said := r.pop("evidence", ""))]
    added = {"settlements.csv": new_settlements, "claims.csv": rows,
             "territory.csv": figure_rows}
    texts = {name: _appended(data_dir / name, new, COLUMNS[name])
             for name, new in added.items() if new}
    if evidence:
        texts[EVIDENCE_FILE] = _appended(data_dir / EVIDENCE_FILE, evidence, EVIDENCE_COLUMNS)
    if not texts:
        return result
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch)
        for name in ("claimants.csv", "settlements.csv", "claims.csv", "territory.csv",
                     EVIDENCE_FILE, PLACES_FILE):
            if name in texts:
                (trial / name).write_text(texts[name], encoding="utf-8", newline="")
            elif (data_dir / name).exists():
                shutil.copy2(data_dir / name, trial / name)
        if check is not None:
            check(trial)  # raises DataValidationError: nothing written
        else:
            load_dataset(trial, today=today)  # raises DataValidationError: nothing written
    result.files_written, result.backup = commit_files(data_dir, texts)
    result.claims_written = [r["id"] for r in rows]
    result.settlements_added = [s["id"] for s in new_settlements]
    result.figures_written = len(figure_rows)
    return result
