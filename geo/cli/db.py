"""``python -m geo db init|upgrade|load DIR|dump DIR``: the PostgreSQL/PostGIS store.

The database is ``--db URL`` or ``$FRONTLINE_DB``; the writer recorded in the audit log is
``--as NAME`` or the OS user. psycopg is imported only when a ``db`` command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_db_parser(sub: Any) -> None:
    """Add ``db`` and its commands to the ``python -m geo`` subparsers."""
    db = sub.add_parser("db", help="the PostgreSQL/PostGIS store (init, upgrade, load, dump)")
    db_sub = db.add_subparsers(dest="db_command", required=True, parser_class=type(db))

    def common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=None, metavar="URL",
                       help="postgresql://USER@HOST/DB (default: $FRONTLINE_DB)")
        p.add_argument("--as", dest="actor", default=None, metavar="NAME",
                       help="who is writing, for the audit log (default: the OS user)")
        return p

    common(db_sub.add_parser("init", help="create the schema in an empty database"))
    common(db_sub.add_parser("upgrade", help="apply the migrations not yet applied"))
    load = common(db_sub.add_parser("load", help="load a data directory into an empty "
                                    "database, in one transaction"))
    load.add_argument("dir", type=Path, help="data directory (the four CSV files, "
                      "places.parquet)")
    load.add_argument("--store", type=Path, default=None,
                      help="also load this store's DeepState maps (e.g. data/local)")
    dump = common(db_sub.add_parser("dump", help="write the database back as data files"))
    dump.add_argument("dir", type=Path, help="directory to write (created when missing)")


def cmd_db(args: argparse.Namespace) -> int:
    """Run one ``db`` command; errors are raised as FrontlineError for :func:`main`."""
    from geo.db import connect, database_url
    from geo.db.connect import actor_name
    from geo.db.dump import dump_directory
    from geo.db.load import load_directory
    from geo.db.migrate import upgrade

    url = database_url(args.db)
    with connect(url) as conn:
        if args.db_command in ("init", "upgrade"):
            done = upgrade(conn, init=args.db_command == "init")
            print(f"applied {', '.join(done)}" if done else "schema already up to date")
        elif args.db_command == "load":
            result = load_directory(conn, args.dir, actor_name(args.actor), store=args.store)
            print(f"loaded {result.line()} from {args.dir}")
        else:
            written = dump_directory(conn, args.dir)
            print(f"wrote {', '.join(written)} to {args.dir}")
    return 0


DB_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"db": cmd_db}
