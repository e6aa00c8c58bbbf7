"""What a source format is (``Format``) and what it reads (``SourceFile`` in, ``ReadResult`` out):
the contract every format module of this package fills; ``generator.sources`` lists them."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.errors import Problem, error
from generator.model.papers import RawRecord


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A source file's text: decoded UTF-8, BOM removed, line ends as ``\\n``."""

    path: str
    text: str

    @property
    def extension(self) -> str:
        return os.path.splitext(self.path)[1].lower()

    def head(self, n: int = 4096) -> str:
        return self.text[:n].lstrip()


@dataclass(slots=True)
class ReadResult:
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, record: RawRecord, missing: str) -> None:
        """Keep a record that has a title or an abstract; otherwise report, at its
        line, ``missing``: a sentence naming the record and what to fill in."""
        if record.title or record.abstract:
            self.records.append(record)
        else:
            self.problems.append(error(record.provenance.path, record.provenance.line, missing))


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...]
    sniff: Callable[[SourceFile], float]
    read: Callable[[SourceFile], ReadResult]
    #: A one-line example of the format, shown in the README.
    example: str = ""
    #: The warning for a file of this format that yields no record and no problem.
    empty: str = "the file holds no papers"
