"""The reader's own files for this session (sidebar), and accepting them into the shared data."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import streamlit as st

from geo.dataset.journal import PartialWriteError
from geo.dataset.load import Dataset
from geo.dataset.uploads import UPLOADABLE, UploadRejectedError, recognised, session_dataset
from geo.errors import DataValidationError, FrontlineError
from geo.maps.sessionstore import session_map
from ui.data import accept, data_version, on_database
from ui.text import md

#: What could turn a file name into markup in Streamlit's Markdown (links, images, HTML,
#: emphasis, code, maths); letters, digits, dots and dashes stay as they are.
_MARKUP = re.compile(r"([\\`*_{}\[\]()!<>#|~$:])")


def shown_name(name: str) -> str:
    """A reader's file name, safe to put in Markdown: markup characters escaped, bare URLs
    broken (a zero-width space, so nothing is auto-linked), line breaks, control and
    bidirectional-override characters dropped, at most 200 characters."""
    clean = "".join(ch for ch in name if ch.isprintable())[:200]
    clean = clean.replace("://", ":\u200b//").replace("www.", "www\u200b.")
    return _MARKUP.sub(r"\\\1", clean)


def _digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name])
    return h.hexdigest()[:16]


@st.cache_resource(max_entries=8, show_spinner="Checking your files…")
def _validated(_files: dict[str, bytes], data_dir: str, digest: str,
               base_key: tuple) -> Dataset:
    # keyed by the uploaded bytes' digest and the shared files' versions; a failure
    # raises and is not cached, so a fixed upload is checked again
    return session_dataset(Path(data_dir), _files, places="all")   # the national page


def own_files(base: Dataset, data_dir: Path, store: Path) -> tuple[Dataset, Path, tuple]:
    """Draw the upload box; returns the dataset and store to use, and a cache-key suffix."""
    box = st.sidebar.expander("Use your own files (this session only)")
    csvs = box.file_uploader("Data files (CSV)", type=["csv"], accept_multiple_files=True,
                             key="up_csv",
                             help=f"Any of {', '.join(UPLOADABLE)} (another name is recognised "
                                  "by its header); they replace the shared ones for you "
                                  "only. Max 5 MB each.")
    upload_map = box.file_uploader("DeepState map (GeoJSON)", type=["geojson", "json"],
                                   key="up_map")
    map_date = box.date_input("Map date (if the file does not say)", value=None,
                              key="up_map_date", max_value=dt.date.today())
    dataset = base
    key: tuple[str, ...] = ()
    files = {f.name: f.getvalue() for f in csvs or []}
    if files:
        kinds, notes, _ = recognised(files)
        for note in notes:  # a file named otherwise, recognised by its header
            box.caption(shown_name(note))
        try:
            key = ("upload", _digest(files))
            dataset = _validated(files, str(data_dir.resolve()), key[1], data_version(data_dir))
            box.success(f"Using your {shown_name(', '.join(sorted(files)))} for this session, "
                        f"in place of the shared {', '.join(sorted(kinds))}: the page shows "
                        "your rows, not the shared ones beside them. With them, the claims "
                        f"and figures run from {dataset.first_date} to {dataset.last_date} "
                        "(a date outside that moves to its nearest end, with a notice).")
            if "claims.csv" in kinds:
                shared = on_database(data_dir)
                if shared:
                    box.text_input("Your name (recorded in the shared database's audit log)",
                                   key="up_who")
                nameless = shared and not str(st.session_state.get("up_who", "")).strip()
                box.button("Add these claims to the shared data", key="up_accept",
                           on_click=_accept, args=(dataset, data_dir), disabled=nameless,
                           help="Type your name first: the database records who added "
                                "them." if nameless else None)
        except DataValidationError as exc:
            st.error(f"Your files were not used: {_counts(exc)}fix the problems listed "
                     "(file:line field = value: the problem. Fix: …) and upload again. The "
                     "shared data is shown meanwhile.")
            st.code(exc.summary(), language=None, wrap_lines=True)
        except FrontlineError as exc:  # e.g. a damaged shared file: one line, never a trace
            st.error(f"Your files were not used: {md(exc)}")
    if upload_map is not None:
        try:
            found = session_map(upload_map.getvalue(), upload_map.name, map_date)
        except FrontlineError as exc:
            st.error(f"Your map was not used: {md(exc)}")  # the message quotes the file
            return dataset, store, key
        # the file name is this reader's own: shown escaped, never stored with the map
        box.success(f"Using your map {shown_name(upload_map.name)}: {found.describe()}")
        return dataset, found.store, (*key, "map", found.key)
    return dataset, store, key


def _counts(exc: DataValidationError) -> str:
    """"your.csv: 41 of 43 rows are fine, 2 are not; " for an upload's error."""
    rows = exc.rows if isinstance(exc, UploadRejectedError) else {}
    said = [f"{shown_name(name)}: {total - bad:,} of {total:,} row(s) are fine, {bad:,} "
            f"{'is' if bad == 1 else 'are'} not" for name, (total, bad) in rows.items() if bad]
    return "; ".join(said) + ("; one bad row keeps the whole file out, so nothing is lost: "
                              if said else "")


def _accept(dataset: Dataset, data_dir: Path) -> None:
    """Append the uploaded claims that are not already in the shared data."""
    rows = dataset.claims.drop(columns=["id", "row", "side"]).assign(
        date=dataset.claims["date"].dt.date.astype(str),
        source_date=dataset.claims["source_date"].dt.date.astype(str).replace("NaT", ""),
        encircled=dataset.claims["encircled"].map({True: "true", False: "false"}).fillna(""),
    ).fillna("").to_dict("records")
    try:
        result = accept(data_dir, rows,
                        who=str(st.session_state.get("up_who", "")).strip() or None)
    except PartialWriteError as exc:  # past the commit point: it says what was written
        st.session_state["up_result"] = md(exc)
        return
    except (FrontlineError, OSError) as exc:
        st.session_state["up_result"] = f"Nothing was written: {md(exc)}"
        return
    st.session_state["up_result"] = (
        f"Added {len(result.claims_written)} claim(s) to the shared data "
        f"({', '.join(result.files_written) or 'no file changed'}); skipped "
        f"{len(result.duplicates_skipped)} already present. Backup: {result.backup}"
        + "".join(f". Before that: {md(note)}" for note in result.recovered))
