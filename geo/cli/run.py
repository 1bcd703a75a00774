"""Run one command: parse the arguments, dispatch, turn errors into one line and exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from geo.cli.claims import cmd_search, cmd_status, cmd_territory, cmd_validate
from geo.cli.db import DB_COMMANDS
from geo.cli.ingest import INGEST_COMMANDS
from geo.cli.maps import cmd_area, cmd_changes, cmd_import, cmd_maps
from geo.cli.parser import build_parser
from geo.cli.scores import SCORE_COMMANDS
from geo.cli.text import cmd_evaluate, cmd_extract, cmd_gazetteer, cmd_places, cmd_resolve
from geo.cli.tools import cmd_assets, cmd_synth
from geo.errors import DataValidationError, FrontlineError
from geo.settings import Settings

#: Each command's function (its exit code; errors are raised and reported by :func:`main`).
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate, "status": cmd_status, "territory": cmd_territory,
    "search": cmd_search, "assets": cmd_assets, "import": cmd_import, "maps": cmd_maps,
    "area": cmd_area, "changes": cmd_changes, "gazetteer": cmd_gazetteer,
    "places": cmd_places, "resolve": cmd_resolve, "extract": cmd_extract, "synth": cmd_synth,
    "evaluate": cmd_evaluate}
COMMANDS.update(INGEST_COMMANDS)
COMMANDS.update(SCORE_COMMANDS)
COMMANDS.update(DB_COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a bad argument (2), already printed
        return int(exc.code or 0)
    args.settings = Settings.from_options(getattr(args, "data", None), getattr(args, "store", None))
    try:
        return COMMANDS[args.command](args)
    except DataValidationError as exc:
        print(exc.summary(), file=sys.stderr)
        return 2
    except (FrontlineError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
