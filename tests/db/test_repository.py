"""Accepting claims through the database: one transaction, concurrent editors, refusals in
the file store's one-line form, the audit log append-only."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest

from geo.db.repository import accept_claims
from geo.errors import InputError
from tests.db.data import TODAY
from tests.helpers import CLAIMS, claim


def _new(settlement: str, date: str, status: str = "russian", claimant: str = "ru_mod",
         **extra: str) -> dict[str, Any]:
    row = claim("", date, settlement, claimant, status, **extra)
    row.pop("id")
    return row


def _one(url: str, query: str, *params: object) -> Any:
    with psycopg.connect(url) as conn:
        row = conn.execute(query, params).fetchone()
        assert row is not None
        return row[0]


def test_accept_writes_ids_resolves_places_and_audits(loaded: str) -> None:
    with psycopg.connect(loaded) as conn:
        done = accept_claims(conn, [
            _new("beta", "2025-05-01"), _new("beta", "2025-05-01", summary="says, again"),
            _new("gn-1001", "2025-05-02"), _new("gn-704422", "2025-05-03")], "editor-a",
            figures=[{"date": "2025-05-01", "claimant": "ru_mod", "share_pct": "19.5",
                      "qualifier": "about", "summary": "s", "source": "Wire"}], today=TODAY)
    # the second is the first's duplicate (same place, claimant, date, status): skipped
    assert done.claims_written == ["beta-2025-05-01-ru-mod", "gn-1001-2025-05-02-ru-mod",
                                   "gn-704422-2025-05-03-ru-mod"]
    assert done.duplicates_skipped == ["beta ru_mod 2025-05-01 russian"]
    assert done.figures_written == 1
    refs = _one(loaded, "SELECT array_agg(coalesce(settlement_ref, place_ref::text) ORDER BY "
                "entry) FROM claims WHERE date >= '2025-05-01'")
    assert refs == ["beta", "1001", "alpha"]  # gn-704422 is the curated Alpha
    audit = _one(loaded, "SELECT array_agg(row_key ORDER BY id) FROM audit_log WHERE actor = "
                 "'editor-a' AND table_name = 'claims' AND action = 'INSERT'")
    assert audit == done.claims_written
    after = _one(loaded, "SELECT after->>'status' FROM audit_log WHERE row_key = %s",
                 done.claims_written[0])
    assert after == "russian"
    # the same claim again, by its other spelling, is a duplicate of the curated one
    with psycopg.connect(loaded) as conn:
        again = accept_claims(conn, [_new("alpha", "2025-05-03")], "editor-b", today=TODAY)
    assert again.claims_written == [] and len(again.duplicates_skipped) == 1


def test_evidence_lands_with_its_claim_in_one_audited_transaction(loaded: str) -> None:
    said = 'The ministry said: "the village is ours", at dawn.'
    with psycopg.connect(loaded) as conn:
        done = accept_claims(conn, [_new("beta", "2025-05-01", evidence=said),
                                    _new("beta", "2025-05-01", evidence="A repeat."),
                                    _new("gamma", "2025-05-02")], "editor-e", today=TODAY)
    first = done.claims_written[0]
    rows = _one(loaded, "SELECT jsonb_agg(jsonb_build_array(claim_id, evidence, quoted) "
                "ORDER BY entry) FROM claim_evidence")
    # the duplicate's evidence and the claim without any add nothing; the text has a comma
    # and quotes: field 1 quoted, as the file store's accept writes the side file
    assert rows == [[first, said, 2]]
    audit = _one(loaded, "SELECT jsonb_agg(jsonb_build_array(table_name, row_key, actor, "
                 "after->>'evidence') ORDER BY id) FROM audit_log WHERE actor = 'editor-e' "
                 "AND action = 'INSERT'")
    assert ["claim_evidence", first, "editor-e", said] in audit
    assert _one(loaded, "SELECT count(DISTINCT tx) FROM audit_log WHERE actor = 'editor-e'") == 1


def test_a_refused_claim_leaves_no_evidence(loaded: str) -> None:
    with psycopg.connect(loaded) as conn, pytest.raises(InputError, match="status"):
        accept_claims(conn, [_new("beta", "2025-05-01", evidence="Said so."),
                             _new("gamma", "2025-05-01", status="won")], "editor", today=TODAY)
    assert _one(loaded, "SELECT count(*) FROM claim_evidence") == 0


@pytest.mark.parametrize(("row", "message"), [
    ({"id": "c1"}, "claims[c1] id = 'c1': duplicate id (already in the database). "
                    "Fix: give each row its own id"),
    ({"settlement_id": "nowhere"}, "claims[nowhere-2025-05-01-ru-mod] settlement_id = "
                                    "'nowhere': unknown id (not in settlements). Fix: use an "
                                    "id from settlements or places, or add it there first"),
    ({"settlement_id": "gn-99"}, "claims[gn-99-2025-05-01-ru-mod] settlement_id = 'gn-99': "
                                  "unknown id (not in settlements or places)"),
    ({"status": "captured"}, "claims[beta-2025-05-01-ru-mod] status = 'captured': unknown "
                              "value. Fix: use one of: ukrainian, contested, russian"),
    ({"claimant": "tass"}, "claims[beta-2025-05-01-tass] claimant = 'tass': unknown id "
                            "(not in claimants)"),
    ({"source_url": "ftp://x"}, "source_url = 'ftp://x': invalid format"),
    ({"date": "2025-07-01"}, "date = '2025-07-01': date is in the future (after 2025-06-01)"),
    ({"date": "2025-02-30"}, "date = '2025-02-30': not a valid date"),
])
def test_a_refused_row_writes_nothing_and_says_why_in_one_line(
        loaded: str, row: dict[str, str], message: str) -> None:
    before = _one(loaded, "SELECT count(*) FROM audit_log")
    good = _new("gamma", "2025-05-01")
    bad = {**_new("beta", "2025-05-01"), **row}
    with psycopg.connect(loaded) as conn, pytest.raises(InputError) as caught:
        accept_claims(conn, [good, bad], "editor", today=TODAY)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    # all or nothing: the good claim before it is not there either
    assert _one(loaded, "SELECT count(*) FROM claims") == len(CLAIMS)
    assert _one(loaded, "SELECT count(*) FROM audit_log") == before


def test_two_editors_at_once_both_land(loaded: str) -> None:
    barrier = threading.Barrier(2)
    results: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def editor(name: str, days: range) -> None:
        try:
            with psycopg.connect(loaded) as conn:
                batch = [_new("beta", f"2025-04-{d:02d}") for d in days]
                # both editors also write one claim with the same id stem at the same time
                batch.append(_new("gamma", "2025-05-05", status="contested" if name == "a"
                                  else "russian"))
                barrier.wait()
                results[name] = accept_claims(conn, batch, name, today=TODAY).claims_written
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=editor, args=("a", range(1, 11))),
               threading.Thread(target=editor, args=("b", range(11, 21)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert len(results["a"]) == len(results["b"]) == 11
    stems = sorted(i for i in results["a"] + results["b"] if i.startswith("gamma-2025-05-05"))
    assert stems == ["gamma-2025-05-05-ru-mod", "gamma-2025-05-05-ru-mod-2"]
    assert _one(loaded, "SELECT count(*) FROM claims") == len(CLAIMS) + 22
    assert _one(loaded, "SELECT count(DISTINCT actor) FROM audit_log WHERE table_name = "
                "'claims' AND actor IN ('a', 'b')") == 2


def test_the_same_claim_from_two_editors_lands_once(loaded: str) -> None:
    barrier = threading.Barrier(2)
    written: list[int] = []

    def editor(name: str) -> None:
        with psycopg.connect(loaded) as conn:
            barrier.wait()
            written.append(len(accept_claims(conn, [_new("beta", "2025-03-03")], name,
                                             today=TODAY).claims_written))

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(written) == [0, 1]
    assert _one(loaded, "SELECT count(*) FROM claims WHERE date = '2025-03-03'") == 1


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log",
    "TRUNCATE audit_log"])
def test_the_audit_log_is_append_only(loaded: str, statement: str) -> None:
    before = _one(loaded, "SELECT count(*) FROM audit_log")
    with psycopg.connect(loaded) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege,
                                                         match="append-only"):
        conn.execute(statement)
    assert _one(loaded, "SELECT count(*) FROM audit_log") == before > 0


def test_an_edit_is_audited_with_before_and_after(loaded: str) -> None:
    with psycopg.connect(loaded) as conn:
        conn.execute("SELECT set_config('frontline.actor', 'fixer', false)")
        conn.execute("UPDATE claims SET status = 'contested' WHERE id = 'c3'")
        conn.commit()
    row = _one(loaded, "SELECT jsonb_build_array(before->>'status', after->>'status', actor) "
               "FROM audit_log WHERE action = 'UPDATE' AND row_key = 'c3'")
    assert row == ["russian", "contested", "fixer"]


def test_one_settlement_per_geonames_id_and_writes_bump_the_version(loaded: str) -> None:
    start = _one(loaded, "SELECT version FROM data_version")
    with psycopg.connect(loaded) as conn, pytest.raises(
            psycopg.errors.UniqueViolation, match="settlements_geonames_id_key"):
        conn.execute("INSERT INTO settlements (id, name, oblast, kind, lat, lon, geonames_id) "
                     "VALUES ('alpha-2', 'Alpha', 'Donetsk', 'city', 48.3, 37.2, 704422)")
    with psycopg.connect(loaded, autocommit=True) as listener:
        listener.execute("LISTEN frontline_data")
        with psycopg.connect(loaded) as conn:
            accept_claims(conn, [_new("beta", "2025-05-09")], "editor", today=TODAY)
        note = next(listener.notifies(timeout=5, stop_after=1))
    assert int(note.payload) == _one(loaded, "SELECT version FROM data_version") > start
