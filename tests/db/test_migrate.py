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
