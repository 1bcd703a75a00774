"""The "Add claims" page: paste a report, review the draft claims, accept them into the data."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.cli.text import front_for
from geo.dataset.journal import PartialWriteError
from geo.dataset.load import Dataset
from geo.errors import DataValidationError, FrontlineError
from geo.places.gazetteer import NAMES, PLACES, load_gazetteer
from geo.places.resolution import Resolver
from geo.places.spellcache import cached_spellings
from geo.places.table import bundled_places
from geo.text import Draft, Extractor, summary
from geo.text.dates import document_date
from geo.vocab import EXTENTS, STATUS_LABELS, STATUSES
from ui import extraction, placesearch
from ui.data import accept, on_database, short_labels
from ui.drafts import (
    accept_button,
    alternatives_text,
    evidence_spans,
    fighting_note,
    namesake_notes,
    place_labels,
    place_note,
    side_by_side,
    why_text,
)
from ui.quiet import no_context_warnings
from ui.text import highlight, md

log = logging.getLogger(__name__)
#: The cache folder of the national table's spellings for the extractor (beside the
#: search index's own, which keys another frame).
SPELLINGS_FOLDER = "gazetteer"

#: Longest report read, characters (the text area's ``max_chars``: Streamlit cuts a longer
#: value on the server too) or bytes (an uploaded .txt); about a second of CPU.
MAX_TEXT = 50_000
EDIT_COLUMNS = ["include", "settlement", "note", "claimant", "date", "status", "extent",
                "part", "encircled", "summary", "evidence", "confidence", "score",
                "alternatives", "why"]
#: How the draft table shows a stored value (the cells keep the value written to the data).
EXTENT_TEXT = {"full": "all of it", "partial": "part of it"}
ENCIRCLED_TEXT = {"": "not stated", "true": "encircled", "false": "not encircled"}


@st.cache_resource(max_entries=2, show_spinner="Building the name index…")
def _extractor(_ds: Dataset, ds_key: tuple, store: str,
               gazetteer_version: tuple, maps: str) -> tuple[Extractor, str | None]:
    # ``gazetteer_version``: each stored file's (mtime, size); a re-import is picked up;
    # ``maps``: where the control maps are (the store, or a database's mirror's maps)
    if not any(gazetteer_version):
        return _bundled_extractor(_ds, Path(maps)), None
    try:
        gazetteer = load_gazetteer(Path(store))
        resolver = Resolver(_ds.settlements, gazetteer)
        front = front_for(Path(maps), _ds, resolver)
        return Extractor(resolver, _ds.claimants, front=front), None
    except FrontlineError as exc:
        error = str(exc)
    except (KeyError, TypeError, ValueError) as exc:  # readable tables with unusable values
        error = (f"{Path(store) / PLACES.parent}: the stored gazetteer could not be indexed "
                 f"({exc.__class__.__name__}: {str(exc)[:120]}). Fix: re-import it: "
                 f"python -m geo gazetteer import UA.zip --store {store}")
    return Extractor(Resolver(_ds.settlements), _ds.claimants), error


def _bundled_extractor(ds: Dataset, store: Path) -> Extractor:
    """Without a stored gazetteer: the places the data files name as the settlements (the
    page's dataset holds every place of the table, which must not all count as curated)
    and the data directory's places table as the gazetteer. The front (to tell namesakes
    apart) is the store's latest control map, else the places of recent claims."""
    places = bundled_places(ds.directory)
    if places is None:
        return Extractor(Resolver(ds.settlements), ds.claimants)
    named = ds.settlements[ds.settlements["id"].isin(set(placesearch.listed(ds)))]
    # the national table's spellings, folded once and kept beside the search index's
    # (a restarted server reads them: ~0.1 s instead of ~3 s)
    spellings = cached_spellings(places, placesearch.index_cache(), id_column="geonameid",
                                 folder=SPELLINGS_FOLDER)
    resolver = Resolver(named, (places, spellings))
    return Extractor(resolver, ds.claimants, front=front_for(store, ds, resolver))


def extractor(ds: Dataset, ds_key: tuple, store: Path,
              maps: Path | None = None) -> tuple[Extractor, str | None]:
    """The extractor over the curated settlements plus the store's gazetteer (cached).

    When the stored gazetteer cannot be used, the extractor knows the curated settlements
    only, and the second item says why (None otherwise).
    """
    return _extractor(ds, ds_key, str(store.resolve()), _gazetteer_version(store),
                      str((maps or store).resolve()))


_WARM_THREAD = "add-claims-warm-up"
_warm_lock = threading.Lock()
_warmed: set[tuple] = set()


def extraction_key(ds_key: tuple, store: Path, maps: Path | None = None) -> tuple:
    """The name of the extractor in the worker process (:mod:`ui.extraction`): the warm-up
    hands it over under this key and a click finds it under the same one (a different key
    sent the ~30 MB extractor a second time behind the first click)."""
    return (ds_key, str(store.resolve()), _gazetteer_version(store),
            str((maps or store).resolve()))


def warm(ds: Dataset, ds_key: tuple, store: Path, maps: Path | None = None) -> None:
    """Build the extractor and hand it to the worker process in the background, once per
    extractor, when the page opens: a first "Find claims" otherwise waited for the name
    index, the resolver, the worker's start and the extractor's transfer (5-8 s on a
    fresh server, bench/first_find.py), while the reader is still pasting. A click
    before it is done waits on the same cache entry; a failure here is only logged (the
    click meets it again and says what is wrong)."""
    key = extraction_key(ds_key, store, maps)
    with _warm_lock:
        if key in _warmed:
            return
        _warmed.add(key)

    def run() -> None:
        with no_context_warnings(_WARM_THREAD):
            try:
                found_by, _ = extractor(ds, ds_key, store, maps)
                extraction.prime(found_by, key)
            except Exception:   # logged; the reader's click reports it
                log.exception("the Add claims warm-up stopped; the first click does the rest")
                with _warm_lock:
                    _warmed.discard(key)

    threading.Thread(target=run, name=_WARM_THREAD, daemon=True).start()


def _gazetteer_version(store: Path) -> tuple:
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.is_file() else None
                 for p in (store / PLACES, store / NAMES))


def _read_upload() -> str | None:
    upload = st.session_state.get("rv_upload")
    if upload is None:
        return None
    raw = upload.getvalue()
    if len(raw) > MAX_TEXT:
        st.error(f"{upload.name}: larger than {MAX_TEXT:,} bytes; paste an excerpt instead.")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        st.error(f"{upload.name}: not UTF-8 text (byte {exc.start}); save it as UTF-8.")
        return None


#: How an encirclement flag is written in claims.csv (None: not stated).
_FLAG_TEXT: dict[bool | None, str] = {True: "true", False: "false", None: ""}


def _drafts_frame(drafts: list[Draft], names: dict[str, str]) -> pd.DataFrame:
    rows = [{
        # a place known only from the gazetteer, sharing its name with others: check it first
        "include": d.confidence >= 0.5 and (d.curated or d.ambiguous <= 1),
        "settlement": d.settlement, "place": f"{d.name} ({d.oblast})",
        "note": place_note(d),
        "claimant": d.claimant, "date": d.date,
        "status": d.status, "extent": d.extent, "part": d.part,
        "encircled": _FLAG_TEXT.get(d.encircled, ""),
        "summary": summary(d, names.get(d.claimant, d.claimant)),
        "evidence": d.evidence, "confidence": round(d.confidence, 2), "score": d.score,
        "matched": d.matched, "start": d.start, "end": d.end,
        "alternatives": alternatives_text(d), "why": why_text(d),
    } for d in drafts if d.kind == "settlement"]
    return side_by_side(pd.DataFrame(rows, columns=[*EDIT_COLUMNS, "place", "matched", "start",
                                                    "end"]))


def page(ds: Dataset, ds_key: tuple, data_dir: Path, store: Path,
         maps: Path | None = None) -> None:
    """Draw the page; the control maps (the front, for namesakes) are in ``maps`` (default:
    the store; on a database: its mirror's maps)."""
    st.header("Add claims from a report")
    warm(ds, ds_key, store, maps)   # the extractor and its worker, while the reader pastes
    st.warning(
        f"Accepting edits the shared data in {data_dir} (claims.csv, and settlements.csv for "
        "new places). The files it replaces are kept in .backup/ in that directory; copy "
        "them back to undo. Use --data DIR or FRONTLINE_DATA_DIR to work on your own copy.",
        icon="✍️")
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    st.text_area("Report text", key="rv_text", height=220, max_chars=MAX_TEXT,
                 placeholder="Paste a Defence Ministry bulletin, a General Staff report or a "
                             "wire story…")
    st.file_uploader("…or upload a .txt file", type=["txt"], key="rv_upload")
    left, mid, right = st.columns(3)
    left.date_input("Report date", key="rv_date", value=None,
                    max_value=dt.date.today(), format="YYYY-MM-DD",
                    help="Leave it empty to take the date from the report's dateline "
                         "(\"KYIV, Feb 20 (Reuters)\", \"20.02.2026\"); with neither, today.")
    mid.text_input("Source (publisher)", key="rv_source", placeholder="e.g. Reuters")
    right.text_input("Source URL", key="rv_url", placeholder="https://…")
    st.selectbox("Speaker of sentences that name none", ["", *ds.claimants["id"]],
                 key="rv_default", format_func=lambda c: names.get(c, "— nobody (skip them) —"),
                 help="For a ministry's own bulletin, its unattributed sentences are its own "
                      "claims.")
    if st.button("Find claims", key="rv_find", type="primary"):
        text = _read_upload() or st.session_state.get("rv_text", "")
        extracted = None
        if not text.strip():
            st.error("Paste a report or upload a .txt file first.")
        else:
            found_by, gazetteer_error = extractor(ds, ds_key, store, maps)
            when, dated_by = _report_date(text)
            try:  # in the server's worker process, off this script thread (issue 14.12)
                extracted = extraction.extract(
                    found_by, extraction_key(ds_key, store, maps), text, when,
                    default_claimant=st.session_state.get("rv_default") or None)
            except extraction.ExtractionBusyError as exc:
                st.error(f"{exc}.")
        if extracted is not None:
            st.session_state["rv_found"] = {
                "text": text, "drafts": extracted, "date": when, "dated_by": dated_by,
                "frame": _drafts_frame(extracted, names), "gazetteer_error": gazetteer_error,
            }
            st.session_state.pop("rv_editor", None)
    found = st.session_state.get("rv_found")
    if not found:
        return
    frame: pd.DataFrame = found["frame"]
    drafts: list[Draft] = found["drafts"]
    if found.get("gazetteer_error"):
        st.error(f"The place-name gazetteer could not be used, so only the {len(ds.settlements)} "
                 f"curated settlements were recognised: {md(found['gazetteer_error'])}")
    fighting = fighting_note(drafts, names)
    if frame.empty and not any(d.kind == "territory" for d in drafts):
        st.info("No claim found: the text names no speaker with a status cue about a known "
                "settlement. Import the gazetteer (python -m geo gazetteer import UA.zip) to "
                "recognise more places." + (f"\n\n{fighting}" if fighting else ""))
        return
    st.subheader(f"Draft claims ({len(frame)})")
    if "date" in found:
        st.caption(f"Report dated {found['date']:%Y-%m-%d} {found['dated_by']}; "
                   "relative dates in it (\"on Friday\") count from that day.")
    st.caption("Edit any cell; untick rows you do not want. Drafts are claims by the named "
               "claimant as read by a rule-based tool: check each against the evidence.")
    labels = place_labels(drafts, ds.settlements)
    who = short_labels(ds.claimants)
    edited = st.data_editor(
        frame[EDIT_COLUMNS], key="rv_editor", hide_index=True, width="stretch",
        num_rows="fixed",
        column_config={
            "include": st.column_config.CheckboxColumn("include"),
            "settlement": st.column_config.SelectboxColumn(
                "settlement (oblast)", options=list(labels),
                format_func=lambda i: labels.get(str(i), str(i)), width="large",
                help="Each draft's own candidates come first; see 'alternatives'."),
            "note": st.column_config.TextColumn("check", disabled=True, width="medium",
                                                help="Several places of this name: which "
                                                     "was taken and why is said below the "
                                                     "table"),
            "claimant": st.column_config.SelectboxColumn(
                "claimant", options=list(ds.claimants["id"]),
                format_func=lambda c: who.get(str(c), str(c))),
            "status": st.column_config.SelectboxColumn(
                "status claimed", options=list(STATUSES),
                format_func=lambda s: STATUS_LABELS.get(str(s), str(s))),
            "extent": st.column_config.SelectboxColumn(
                "extent", options=list(EXTENTS),
                format_func=lambda e: EXTENT_TEXT.get(str(e), str(e))),
            "encircled": st.column_config.SelectboxColumn(
                "encircled", options=["", "true", "false"],
                format_func=lambda e: ENCIRCLED_TEXT.get(str(e), str(e))),
            "summary": st.column_config.TextColumn("summary", width="large"),
            "evidence": st.column_config.TextColumn("evidence", disabled=True),
            "confidence": st.column_config.NumberColumn("confidence", disabled=True),
            "score": st.column_config.NumberColumn(
                "model score", disabled=True, format="%.2f",
                help="The learned scorer's estimate that the draft is a right claim "
                     "(geo.text.scorer, trained on the project's once-blind texts): it "
                     "ranks right drafts above wrong ones better than the rules' "
                     "confidence; sort by it to check the doubtful ones first"),
            "alternatives": st.column_config.TextColumn(
                "other places of the name", disabled=True,
                help="What else the resolver weighed, with the distance to the text's places"),
            "why": st.column_config.TextColumn("why (rule and place)", disabled=True),
        },
    )
    namesakes = namesake_notes(drafts, names)
    if namesakes:   # the resolver's choice among namesakes, read here, not off to the right
        st.warning("**Places with namesakes: check the place taken** (change it in the "
                   "table's settlement cell)\n\n"
                   + "\n".join(f"- {md(line)}" for line in namesakes), icon="📍")
    if fighting:
        st.info(fighting, icon="⚔️")
    figures = [d for d in drafts if d.kind == "territory"]
    if figures:
        st.subheader(f"Territory figures ({len(figures)})")
        st.checkbox("Accept these territory figures too", key="rv_figures", value=True)
        st.dataframe(pd.DataFrame([{"claimant": d.claimant, "share_pct": d.share_pct,
                                    "qualifier": d.qualifier, "area_km2": d.area_km2,
                                    "refers_to": d.refers_to} for d in figures]),
                     hide_index=True)
    with st.expander("The report, evidence highlighted", expanded=True):  # every draft
        st.markdown(highlight(found["text"], evidence_spans(drafts)))
    if not st.session_state.get("rv_url", "").strip():
        st.warning("No source URL: the accepted claims will cite the publisher without a link, "
                   "so readers cannot open the report. Add its URL above if it has one.",
                   icon="🔗")
    shared = on_database(data_dir)
    if shared:
        st.text_input("Your name (recorded in the shared database's audit log)",
                      key="rv_who")
    label, why_not = accept_button(int(edited["include"].sum()),
                                   len(figures) if st.session_state.get("rv_figures") else 0,
                                   shared, str(st.session_state.get("rv_who", "")))
    if why_not:
        st.caption(why_not)
    if st.button(label, key="rv_accept", disabled=why_not is not None, help=why_not):
        _accept(ds, data_dir, edited, drafts, figures, found.get("date") or dt.date.today())


def _report_date(text: str) -> tuple[dt.date, str]:
    """The date the drafts take: the one given on the page, else the report's dateline,
    else today, with the words that say which."""
    given = st.session_state.get("rv_date")
    if given is not None:
        return given, "as given on this page"
    dated = document_date(text)
    if dated is not None:
        return dated, "from its dateline (set 'Report date' to change it)"
    today = dt.date.today()
    return today, ("today: neither a date given nor a dateline in the text; set 'Report "
                   "date' if the report is older")


def _accept(ds: Dataset, data_dir: Path, edited: pd.DataFrame, drafts: list[Draft],
            figures: list[Draft], report_day: dt.date) -> None:
    names = dict(zip(ds.claimants["id"], ds.claimants["name"], strict=True))
    source = st.session_state.get("rv_source", "").strip()
    url = st.session_state.get("rv_url", "").strip()
    if not source:
        st.error("Fill in the source (publisher) first: every claim must cite one.")
        return
    places = {d.settlement: {"name": d.name, "oblast": d.oblast, "lat": d.lat, "lon": d.lon,
                             "population": d.population, "geonames_id": d.geonames_id}
              for d in drafts if d.kind == "settlement" and not d.curated and d.settlement}
    report_date = report_day.isoformat()
    rows = [{
        "date": r["date"], "settlement_id": r["settlement"], "claimant": r["claimant"],
        "status": r["status"], "extent": r["extent"], "part": r["part"] or "",
        "encircled": r["encircled"] or "", "summary": r["summary"], "source": source,
        "source_url": url, "source_date": report_date, "evidence": r["evidence"] or "",
    } for _, r in edited[edited["include"]].iterrows()]
    figure_rows = [{
        "date": report_date, "claimant": d.claimant, "share_pct": d.share_pct,
        "qualifier": d.qualifier, "area_km2": d.area_km2 or "", "denominator_km2": "",
        "includes": "not stated", "summary": summary(d, names.get(d.claimant, d.claimant)),
        "source": source,
        "source_url": url, "refers_to": "" if d.refers_to == report_date else d.refers_to,
    } for d in figures] if st.session_state.get("rv_figures") else []
    try:
        result = accept(data_dir, rows, places, figure_rows,
                        who=str(st.session_state.get("rv_who", "")).strip() or None)
    except DataValidationError as exc:
        st.error("Nothing was written: the accepted rows would not validate.")
        st.code(exc.summary(), language=None)
        return
    except PartialWriteError as exc:  # past the commit point: it says what was written
        st.error(md(exc))
        return
    except (FrontlineError, OSError) as exc:
        st.error(f"Nothing was written: {md(exc)}")
        return
    for note in result.recovered:
        st.info(md(f"Before this accept: {note}."))
    st.success(
        f"Wrote {len(result.claims_written)} claim(s), {result.figures_written} figure(s) and "
        f"{len(result.settlements_added)} new settlement(s) "
        f"({', '.join(result.files_written) or 'no file changed'}); skipped "
        f"{len(result.duplicates_skipped)} already present."
        + (f" Backup: {result.backup}" if result.backup else ""))
    if result.duplicates_skipped:
        st.caption("Skipped (already in the data): " + "; ".join(result.duplicates_skipped))
    st.session_state.pop("rv_found", None)
