"""The errors this project raises on purpose, in one small hierarchy under
:class:`FrontlineError` (bad input, unreadable stored data, a lock held too long, a data
directory that fails validation), and the :class:`Problem` a validation error lists: the
file, line, field and value, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one data file.

    ``line`` is the 1-based physical line of the file where the record starts
    (the header is line 1), or 0 when the problem concerns the whole file.
    """

    file: str
    line: int
    field: str
    value: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}" if self.field else ""
        value = f" = {_clip(self.value)!r}" if self.value != "" else ""
        return f"{where}{field}{value}: {self.message}. Fix: {self.fix}"


def _clip(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class FrontlineError(Exception):
    """Base of every error this project raises on purpose: its text is one line (or, for
    :class:`DataValidationError`, one line per problem) that names what is wrong and the fix,
    fit to show a reader as it is. Pages and the command line catch this, never a bare
    ``Exception``."""


class InputError(FrontlineError, ValueError):
    """Bad input from the user: an argument (unknown claimant, bad date, missing directory),
    a file or URL given to an import, an upload."""


class StoreError(FrontlineError):
    """Stored data (a control map, the gazetteer) that can no longer be read."""


class LockTimeoutError(StoreError):
    """Another writer held a directory's write lock for longer than we wait."""


class DataValidationError(FrontlineError, ValueError):
    """Raised when a data directory fails validation; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        """A multi-line text listing every problem."""
        head = f"{len(self.problems)} problem(s) in the data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

