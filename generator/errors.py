"""Problems found in the sources, and the one error type the generator raises.

Every problem carries the file, the line (1-based, 0 when it concerns the whole
file) and a sentence that tells a person what to fix. A run collects all of its
problems and fails once, at the end, with :class:`GeneratorError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: Kinds of warning, as build-report.json, the build summary and the catalog diff name them.
MERGED, INFERRED_TITLE, MISSING_ABSTRACT, TRUNCATED = "merged", "inferred-title", "missing-abstract", "truncated"
#: Two records with one title (and no authors) kept as two papers: their abstracts differ.
SAME_TITLE = "same-title"
#: An arXiv id or DOI that is none (dropped: never linked).
BAD_IDENTIFIER = "bad-identifier"
#: A date that does not exist (2024-02-30, year 0, "Forthcoming"): its real part is kept.
BAD_DATE = "bad-date"
#: Half of a character (a lone surrogate escape), shown as U+FFFD.
SURROGATE = "surrogate"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    #: Worth telling, nothing to fix ("12 papers placed in a topic by similarity").
    NOTE = "note"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in a source file."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    #: Short machine-readable kind for warnings ("inferred-title", "merged", ...).
    kind: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.ERROR)


def warning(path: str, line: int, message: str, kind: str = "") -> Problem:
    return Problem(path, line, message, Severity.WARNING, kind)


def note(path: str, message: str, kind: str = "") -> Problem:
    return Problem(path, 0, message, Severity.NOTE, kind)


class GeneratorError(Exception):
    """Raised once per run when the sources hold errors; lists every one of them."""

    def __init__(self, problems: list[Problem], where: str = "the sources"):
        self.problems = sorted(p for p in problems if p.is_error)
        self.where = where
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} error{'s' if n != 1 else ''} in {self.where}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class SourceError(Exception):
    """Raised by a source reader for a problem that stops it reading the file.

    The loader turns it into a :class:`Problem` naming the file; readers never
    let any other exception escape for bad input.
    """

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line
