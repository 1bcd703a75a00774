"""Validation problems that name the file, line, field and value, and say how to fix them."""

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


class DataValidationError(ValueError):
    """Raised when a data directory fails validation; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        """A multi-line text listing every problem."""
        head = f"{len(self.problems)} problem(s) in the data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class UsageError(ValueError):
    """A bad argument (unknown claimant, bad date, missing directory): one line for the user."""
