"""A paper as a source reads it (``RawRecord``) and as the collection holds it (``Paper``): no I/O here.

``RawRecord`` is what a source format reads; ``Paper`` is one distinct paper
after normalisation and merging.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Provenance:
    """Where a record came from: a file (relative to the project) and a line."""

    path: str
    line: int
    format: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Bibliographic:
    """What a record and a paper both say of a paper beside its title and abstract
    (keyword-only: ``RawRecord`` and ``Paper`` declare them once, here)."""

    authors: tuple[str, ...] = ()
    #: Persistent author ids the sources give: (an author's name as the source writes it,
    #: ``identifiers.author_id``: "orcid:0000-0002-1825-0097", "s2:1741101", …).
    author_ids: tuple[tuple[str, str], ...] = ()
    #: An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    published: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    url: str | None = None
    pdf: str | None = None
    code: str | None = None
    venue: str | None = None
    #: The date the paper entered the collection, where a source says so.
    added: str | None = None


@dataclass(frozen=True, slots=True)
class RawRecord(Bibliographic):
    """One record as a source format read it, before cleaning and merging.

    Text fields hold the source text as read; ``records.normalise`` cleans them.
    """

    provenance: Provenance
    title: str | None = None
    abstract: str | None = None
    tags: tuple[str, ...] = ()
    topic: str | None = None


LINK_FIELDS = ("arxiv", "doi", "url", "pdf", "code")


@dataclass(frozen=True, slots=True)
class Paper(Bibliographic):
    """One distinct paper: every record merged into it is kept in ``sources``."""

    id: str
    title: str
    abstract: str
    title_inferred: bool = False
    sources: tuple[Provenance, ...] = ()
    #: Topic slug and tag slugs given by a record or by curation (they win).
    given_topic: str | None = None
    given_tags: tuple[str, ...] = ()
    #: Assigned by the taxonomy stage: the topic slug, the tag slugs (each in the tag index:
    #: shared by two papers or more), and the record's own keywords that are no tag (shown
    #: on the paper's page as written, cleaned).
    topic: str = ""
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def year(self) -> str | None:
        return self.published[:4] if self.published else None
