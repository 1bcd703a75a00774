"""VIINA's per-place control table (University of Michigan; ``control_latest_<year>.zip``
or its CSV) → one claim per place per change of status, as claimant ``viina``.

The file has one row per GeoNames populated place (``geonameid, name, asciiname,
alternatenames, longitude, latitude, feature_code``) and one column per observation,
``ctr_YYYYMMDDHHMMSS``, valued ``UA``, ``RU`` or ``CONTESTED``. It is read in row chunks
(pyarrow's streaming CSV reader, the zip member streamed, never unpacked whole): each chunk's
statuses become a small uint8 matrix, and the changes along each row are found at once
(``codes[:, 1:] != codes[:, :-1]``), so a year (~33,000 rows × ~1,400 columns) never sits
in memory as Python strings. Run-length: a place gets a claim at its first observation unless it is
Ukrainian-held there (the default a dashboard shows anyway), and one at every change.
VIINA curates district centres and copies their status to the places around them: a
coarse independent baseline, not a per-village claim (said in every claim's summary).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from geo.errors import InputError
from geo.ingest.documents import file_sha256
from geo.ingest.model import Adapter, Fetched, IngestContext, Parsed

CLAIMANT = "viina"
STATUS = {"UA": "ukrainian", "RU": "russian", "CONTESTED": "contested"}
_CODES = {"UA": 1, "RU": 2, "CONTESTED": 3}
_WORDS = pa.array(list(_CODES))
_NAMES = {1: "ukrainian", 2: "russian", 3: "contested"}
_COLUMN = re.compile(r"^ctr_(\d{8})(\d{6})?$")
BLOCK_BYTES = 8 << 20
MAX_MEMBER_BYTES = 4 * 2**30


@dataclass(frozen=True)
class Change:
    """One claim: a place's status from ``date`` on."""

    geonameid: int
    name: str
    date: dt.date
    status: str


def _open(path: Path) -> tuple[IO[bytes], str]:
    if not path.is_file():
        raise InputError(f"file not found: {path}")
    if path.suffix.lower() != ".zip":
        return path.open("rb"), path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a zip archive. Fix: give VIINA's "
                         "control_latest_<year>.zip or its CSV") from None
    members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
    if len(members) != 1:
        raise InputError(f"{path}: expected one CSV inside, found {len(members)}. Fix: give "
                         "the CSV itself")
    if members[0].file_size > MAX_MEMBER_BYTES:
        raise InputError(f"{path}: {members[0].filename} unpacks to "
                         f"{members[0].file_size:,} bytes, over the {MAX_MEMBER_BYTES:,} cap")
    try:
        return archive.open(members[0]), f"{path.name}:{members[0].filename}"
    except (NotImplementedError, RuntimeError) as exc:  # deflate64, encryption
        raise InputError(f"{path}: cannot read {members[0].filename} ({exc}). Fix: unzip it "
                         "with another tool and give the CSV") from None


def _dates(columns: list[str], name: str) -> tuple[list[str], list[dt.date]]:
    obs, days = [], []
    for column in columns:
        m = _COLUMN.match(column)
        if m:
            try:
                days.append(dt.datetime.strptime(m.group(1), "%Y%m%d").date())
            except ValueError:
                raise InputError(f"{name}: column {column!r} is not a date. Fix: columns "
                                 "must be ctr_YYYYMMDDHHMMSS") from None
            obs.append(column)
    if not obs:
        raise InputError(f"{name}: no ctr_YYYYMMDDHHMMSS columns: not a VIINA control table")
    order = np.argsort(np.array(days, dtype="datetime64[D]"), kind="stable")
    return [obs[i] for i in order], [days[i] for i in order]


def _batches(handle: IO[bytes], header: list[str], columns: list[str]
             ) -> Iterator[pa.RecordBatch]:
    """The rest of the CSV as record batches of string columns (pyarrow's streaming reader)."""
    read = pacsv.ReadOptions(column_names=header, block_size=BLOCK_BYTES)
    convert = pacsv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()),
                                   include_columns=columns, strings_can_be_null=False)
    try:
        yield from pacsv.open_csv(handle, read_options=read, convert_options=convert)
    except pa.ArrowInvalid as exc:
        raise InputError(f"malformed CSV ({str(exc).splitlines()[0][:160]}). Fix: give "
                         "VIINA's file unchanged") from None


def _codes(batch: pa.RecordBatch, obs: list[str], name: str, line: int) -> np.ndarray:
    """The batch's statuses as uint8 codes (0: no observation); a stray value is an error."""
    out = np.zeros((batch.num_rows, len(obs)), dtype=np.uint8)
    for j, column in enumerate(obs):
        values = batch.column(column)
        index = pc.index_in(values, value_set=_WORDS)
        if index.null_count:
            stray = pc.and_(pc.is_null(index), pc.not_equal(values, ""))
            if pc.any(stray).as_py():
                r = int(pc.index(stray, True).as_py())
                raise InputError(f"{name}:{line + r} {column} = {values[r].as_py()!r}: not UA, "
                                 "RU or CONTESTED. Fix: give VIINA's file unchanged")
        out[:, j] = pc.fill_null(pc.add(index, 1), 0).to_numpy(zero_copy_only=False)
    return out


def changes(path: Path, since: dt.date | None = None) -> Iterator[Change]:
    """Every place's first non-Ukrainian status and every change, file order (streamed)."""
    handle, name = _open(path)
    with handle:
        first = handle.readline().decode("utf-8-sig", "replace")
        header = next(csv.reader([first]), [])
        missing = [c for c in ("geonameid", "name") if c not in header]
        if missing:
            raise InputError(f"{name}: no {', '.join(missing)} column: not a VIINA control "
                             "table")
        obs, days = _dates(header, name)
        day_arr = np.array(days, dtype="datetime64[D]")
        line = 2
        for batch in _batches(handle, header, ["geonameid", "name", *obs]):
            codes = _carry(_codes(batch, obs, name, line))
            change = np.zeros(codes.shape, dtype=bool)
            change[:, 0] = (codes[:, 0] != 0) & (codes[:, 0] != _CODES["UA"])
            change[:, 1:] = (codes[:, 1:] != codes[:, :-1]) & (codes[:, 1:] != 0)
            gids = pd.to_numeric(pd.Series(batch.column("geonameid").to_pylist()),
                                 errors="coerce").to_numpy()
            names = batch.column("name").to_pylist()
            for r, c in np.argwhere(change):
                day = day_arr[c].item()
                if np.isnan(gids[r]) or (since is not None and day < since):
                    continue
                yield Change(int(gids[r]), str(names[r]), day, _NAMES[int(codes[r, c])])
            line += batch.num_rows


def _carry(codes: np.ndarray) -> np.ndarray:
    """Empty observations take the row's previous status (vectorized forward fill)."""
    if not (codes == 0).any():
        return codes
    idx = np.where(codes != 0, np.arange(codes.shape[1]), 0)
    np.maximum.accumulate(idx, axis=1, out=idx)
    return codes[np.arange(codes.shape[0])[:, None], idx]


PUBLISHER = "VIINA (University of Michigan)"
SOURCE_URL = "https://github.com/zhukovyuri/VIINA"
_SUMMARY = {
    "russian": "VIINA's control table marks {name} as Russian-held from this date",
    "ukrainian": "VIINA's control table marks {name} as Ukrainian-held from this date",
    "contested": "VIINA's control table marks {name} as contested from this date",
}
_COARSE = ("; VIINA curates district centres and copies their status to nearby places, so "
           "this is a coarse baseline.")


def documents(ctx: IngestContext, target: str) -> Iterator[Fetched]:
    """The table file as one document (stored as it is, by its SHA-256)."""
    path = Path(str(target))
    if not path.is_file():
        raise InputError(f"file not found: {target}")
    digest = file_sha256(path)
    manifest = json.dumps({"file": path.name, "sha256": digest,
                           "bytes": path.stat().st_size}).encode()
    yield Fetched(key=f"viina:sha256:{digest}", url=str(path),
                  published=dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC),
                  raw=manifest, meta={"path": path, "raw_path": path})


def parse(ctx: IngestContext, fetched: Fetched) -> Parsed:
    known = pd.read_csv(ctx.data_dir / "claimants.csv", dtype=str)["id"].tolist()
    if CLAIMANT not in known:
        raise InputError(f"{ctx.data_dir / 'claimants.csv'}: no claimant {CLAIMANT!r}. Fix: "
                         f"add the row: {CLAIMANT},\"VIINA, University of Michigan\",VIINA,"
                         f"independent,analyst,{SOURCE_URL}")
    if ctx.places is None:
        raise InputError(f"{ctx.data_dir}: no places table to place VIINA's geonameids. "
                         "Fix: python -m geo places build UA.zip")
    table = ctx.places.drop_duplicates("geonameid")
    places: dict[int, dict[Any, Any]] = {
        int(g): row for g, row in zip(table["geonameid"], table.to_dict("records"),
                                      strict=True)}
    parsed = Parsed()
    path: Path = fetched.meta["path"]
    unknown = 0
    source = f"{PUBLISHER}, {path.name}"
    for change in changes(path, ctx.since):
        place = places.get(change.geonameid)
        if place is None:
            unknown += 1
            continue
        pid, day = str(place["id"]), change.date.isoformat()
        parsed.claims.append({
            "date": day, "settlement_id": pid, "claimant": CLAIMANT, "status": change.status,
            "extent": "full", "part": "", "encircled": "",
            "summary": _SUMMARY[change.status].format(name=place["name"]) + _COARSE,
            "source": source, "source_url": SOURCE_URL, "source_date": day,
            "geonames_id": change.geonameid, "name": str(place["name"]), "auto": True,
            "kind": "claim", "evidence": f"{change.name}: {change.status} from {day}"})
        if pid.startswith("gn-"):
            parsed.new_places[pid] = {
                "name": str(place["name"]), "oblast": str(place["oblast"]),
                "lat": float(place["lat"]), "lon": float(place["lon"]),
                "population": int(place["population"] or 0),
                "geonames_id": change.geonameid}
    if unknown:
        parsed.reported.append(f"{source}: {unknown:,} change(s) of places not in the places "
                               "table (geonameid unknown); not guessed")
    return parsed


ADAPTER = Adapter(name="viina", publisher=PUBLISHER, claimant=CLAIMANT,
                  documents=documents, parse=parse)
