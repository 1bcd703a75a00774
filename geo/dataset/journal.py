"""Replace several data files as one unit: stage, back up, journal, rename; recover later.

An accept changes up to three files (settlements, figures, claims). Each rename is atomic,
but a crash or a full disk between two of them would leave a new settlement or figure
without its claims. So the new files are first written in full into a staging folder
``<data>/.accept/<stamp>/`` with the backup of the files they replace; then a journal
naming the files is written atomically: that is the commit point. Only then are the
staged files renamed over the old ones.

:func:`recover` (run before every accept, and by the page at start) finishes what a
crash interrupted: a staging folder with a journal is rolled forward (its remaining files
renamed into place, its backup kept), one without is rolled back (deleted: no data file
was touched yet). It also removes the temp files an interrupted atomic write left.

Links: a data file that is a symbolic link is written through (its target is replaced)
when the target lies inside the data directory; a link leading outside it, or a
``.backup``/``.accept`` folder that is a link, is refused (:class:`StoreError`) before
anything is written, so backups and data never land outside the data directory.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from pathlib import Path

from geo.errors import StoreError
from geo.io.atomic import TEMP_SUFFIX, atomic_write_text, fsync_directory
from geo.io.locking import locked
from geo.vocab import EVIDENCE_FILE

STAGING_DIR = ".accept"
BACKUP_DIR = ".backup"
JOURNAL = "journal.json"
#: Files a multi-file write may replace, in the order they are renamed into place (the
#: settlements first: claims refer to them; the evidence side file last: it names claims).
ORDER = ("claimants.csv", "settlements.csv", "territory.csv", "claims.csv", EVIDENCE_FILE)


class PartialWriteError(StoreError):
    """The commit point was passed but not every file could be renamed into place: the
    message says which were written; the next accept (or page start) completes the rest."""


def _inside(path: Path, directory: Path) -> bool:
    return path.resolve().is_relative_to(directory.resolve())


def target_path(data_dir: Path, name: str) -> Path:
    """Where writing ``name`` lands: the file, or the target of a link inside ``data_dir``.

    Raises StoreError for a link that leads outside the data directory.
    """
    path = data_dir / name
    if path.is_symlink() and not _inside(path, data_dir):
        raise StoreError(f"{path}: a link to {path.resolve()}, outside the data directory; "
                         "nothing was written. Fix: put the file itself in the data "
                         "directory (replace the link with a copy of its target)")
    return path.resolve() if path.is_symlink() else path


def _own_folder(data_dir: Path, name: str) -> Path:
    path = data_dir / name
    if path.is_symlink():
        raise StoreError(f"{path}: a link (to {path.resolve()}); nothing was written. Fix: "
                         f"remove the link; {name} must be a folder inside the data directory")
    return path


def _write_staged(path: Path, text: str, like: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if like.exists():  # keep the replaced file's permission bits
        path.chmod(stat.S_IMODE(like.stat().st_mode))


def commit_files(data_dir: Path, texts: dict[str, str]) -> tuple[list[str], Path]:
    """Replace the files named in ``texts`` (name → new text) together; the caller holds
    the data directory's lock. Returns the names written and the backup folder.

    Before the commit point any failure (a full disk) removes the staging folder and
    leaves every data file as it was; after it, :class:`PartialWriteError` says which
    files were written.
    """
    targets = {name: target_path(data_dir, name) for name in texts}
    _own_folder(data_dir, BACKUP_DIR)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    stage = _own_folder(data_dir, STAGING_DIR) / stamp
    try:
        (stage / BACKUP_DIR).mkdir(parents=True)
        for name, text in texts.items():
            _write_staged(stage / name, text, targets[name])
            if targets[name].exists():
                shutil.copy2(targets[name], stage / BACKUP_DIR / name)
        fsync_directory(stage / BACKUP_DIR)
        fsync_directory(stage)
        names = [n for n in ORDER if n in texts]
        atomic_write_text(stage / JOURNAL, json.dumps(
            {"files": names, "backup": str(Path(BACKUP_DIR) / stamp)}))  # the commit point
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return _roll_forward(data_dir, stage), data_dir / BACKUP_DIR / stamp


def _roll_forward(data_dir: Path, stage: Path) -> list[str]:
    """Rename a committed staging folder's files into place (idempotent); names written."""
    plan = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
    names = [str(n) for n in plan["files"] if str(n) in ORDER]
    done: list[str] = []
    try:
        backup = data_dir / str(plan["backup"])
        if (stage / BACKUP_DIR).is_dir() and not backup.exists():
            backup.parent.mkdir(parents=True, exist_ok=True)
            (stage / BACKUP_DIR).replace(backup)
        for name in names:
            if (stage / name).exists():
                (stage / name).replace(target_path(data_dir, name))
            done.append(name)
        fsync_directory(data_dir)
    except OSError as exc:
        pending = [n for n in names if n not in done]
        raise PartialWriteError(
            f"{data_dir}: wrote {', '.join(done) or 'none of the files'} but not "
            f"{', '.join(pending)} ({exc.strerror or exc}); the next accept or page start "
            f"completes it from {stage}. Fix: free disk space, then reload the page") from None
    shutil.rmtree(stage, ignore_errors=True)
    return done


def _leftover_temps(data_dir: Path) -> list[Path]:
    """Temp files of an interrupted atomic write of a data file (one directory listing)."""
    prefixes = tuple(f".{name}." for name in ORDER)
    try:
        return [p for p in data_dir.iterdir()
                if p.name.startswith(prefixes) and p.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return []


def recover_locked(data_dir: Path) -> list[str]:
    """:func:`recover` for a caller that already holds the data directory's lock."""
    notes = []
    staging = data_dir / STAGING_DIR
    for stage in sorted(staging.iterdir()) if staging.is_dir() and not staging.is_symlink() \
            else []:
        try:
            committed = stage.is_dir() and json.loads(
                (stage / JOURNAL).read_text(encoding="utf-8")).get("files") is not None
        except (OSError, ValueError, AttributeError):
            committed = False
        if committed:
            written = _roll_forward(data_dir, stage)
            notes.append(f"completed an interrupted accept ({stage.name}): wrote "
                         f"{', '.join(written)}")
        else:
            shutil.rmtree(stage, ignore_errors=True) if stage.is_dir() else stage.unlink()
            notes.append(f"discarded an unfinished accept ({stage.name}); none of its files "
                         "had been written")
    for temp in _leftover_temps(data_dir):
        temp.unlink(missing_ok=True)
        notes.append(f"removed the leftover temp file {temp.name}")
    return notes


def needs_recovery(data_dir: Path) -> bool:
    """Whether an interrupted write left something to finish or clean (two stats, a glob)."""
    staging = data_dir / STAGING_DIR
    return (staging.is_dir() and any(staging.iterdir())) or bool(_leftover_temps(data_dir))


def recover(data_dir: Path) -> list[str]:
    """Finish or undo interrupted accepts in ``data_dir``; one line per thing done."""
    if not needs_recovery(data_dir):
        return []
    with locked(data_dir):
        return recover_locked(data_dir)
