"""The command line, ``python -m geo <command>``: the parser, one module of commands per
job (claims, control maps, places and text, tools) and :func:`main`, which runs one.

Errors print one line and exit 2; validation problems print one per line and exit 2.
"""

from geo.cli.claims import status_records, territory_records
from geo.cli.parser import build_parser
from geo.cli.run import COMMANDS, main

__all__ = ["COMMANDS", "build_parser", "main", "status_records", "territory_records"]
