"""Migrations and the ``db init|upgrade`` commands."""

from __future__ import annotations

import psycopg
import pytest

from geo.cli import main
from geo.db.migrate import applied, migrations, require_current, upgrade
from geo.errors import StoreError


def test_init_applies_every_migration_once(empty_db_url: str, capsys: pytest.CaptureFixture
                                           ) -> None:
    assert main(["db", "init", "--db", empty_db_url]) == 0
    assert "0001_schema.sql" in capsys.readouterr().out
    with psycopg.connect(empty_db_url) as conn:
        assert applied(conn) == [m.version for m in migrations()]
        require_current(conn)
        assert upgrade(conn) == []
    assert main(["db", "upgrade", "--db", empty_db_url]) == 0
    assert "already up to date" in capsys.readouterr().out
    # init on an initialised database is refused in one line
    assert main(["db", "init", "--db", empty_db_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already initialised" in err and "db upgrade" in err


def test_a_database_without_schema_is_named(empty_db_url: str) -> None:
    with psycopg.connect(empty_db_url) as conn, pytest.raises(StoreError, match="db init"):
        require_current(conn)


def test_url_from_environment_and_a_missing_one(empty_db_url: str, monkeypatch:
                                                pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("FRONTLINE_DB", raising=False)
    assert main(["db", "upgrade"]) == 2
    assert "FRONTLINE_DB" in capsys.readouterr().err
    monkeypatch.setenv("FRONTLINE_DB", empty_db_url)
    assert main(["db", "upgrade"]) == 0


def test_an_unreachable_server_is_one_line(tmp_path, capsys: pytest.CaptureFixture) -> None:
    assert main(["db", "upgrade", "--db", f"postgresql://x@/x?host={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot connect" in err and "Traceback" not in err


def test_a_failing_migration_leaves_nothing(empty_db_url: str, monkeypatch:
                                            pytest.MonkeyPatch) -> None:
    from geo.db import migrate

    broken = [*migrations(), migrate.Migration(9999, "9999_broken.sql",
                                               "CREATE TABLE later (x int); SELECT nope;")]
    monkeypatch.setattr(migrate, "migrations", lambda: broken)
    with psycopg.connect(empty_db_url) as conn:
        with pytest.raises(StoreError, match=r"9999_broken\.sql failed"):
            upgrade(conn, init=True)
        assert applied(conn) == []
        assert conn.execute("SELECT to_regclass('claims')").fetchone() == (None,)


def test_upgrade_adds_the_evidence_table_to_a_version_1_database(
        empty_db_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    """A database made by 0001 alone, holding data, gains claim_evidence by ``db upgrade``:
    its rows stay, and the new table is audited like the others."""
    from geo.db import migrate
    from tests.db.data import tiny_data
    from tests.helpers import CLAIMS

    every = migrations()
    first = [m for m in every if m.version == 1]
    monkeypatch.setattr(migrate, "migrations", lambda: first)
    data = tiny_data(tmp_path / "data")
    assert main(["db", "init", "--db", empty_db_url]) == 0
    assert main(["db", "load", str(data), "--db", empty_db_url]) == 0
    with psycopg.connect(empty_db_url) as conn:
        assert applied(conn) == [1]
        assert conn.execute("SELECT to_regclass('claim_evidence')").fetchone() == (None,)
    monkeypatch.setattr(migrate, "migrations", lambda: every)
    capsys.readouterr()
    assert main(["db", "upgrade", "--db", empty_db_url]) == 0
    assert "0002_claim_evidence.sql" in capsys.readouterr().out
    with psycopg.connect(empty_db_url) as conn:
        assert applied(conn) == [m.version for m in every]
        require_current(conn)
        assert conn.execute("SELECT count(*) FROM claims").fetchone() == (len(CLAIMS),)
        conn.execute("SELECT set_config('frontline.actor', 'editor', true)")
        conn.execute("INSERT INTO claim_evidence (claim_id, evidence) VALUES (%s, %s)",
                     (CLAIMS[0]["id"], "The ministry said the village was taken."))
        audit = conn.execute("SELECT actor, row_key, after ->> 'evidence' FROM audit_log "
                             "WHERE table_name = 'claim_evidence'").fetchall()
        assert audit == [("editor", CLAIMS[0]["id"],
                          "The ministry said the village was taken.")]
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute("INSERT INTO claim_evidence (claim_id, evidence) VALUES ('nope', 'x')")
