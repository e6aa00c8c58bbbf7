"""A paper as a source reads it (``RawRecord``) and as the collection holds it (``Paper``): no I/O here.

``RawRecord`` is what a source format reads; ``Paper`` is one distinct paper
after normalisation and merging.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Provenance:
    """Where a record came from: a file (relative to the project) and a line."""

    path: str
    line: int
    format: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


#: Between the first and last page: a hyphen, "--", an en or em dash, or a minus sign.
_PAGE_DASH = re.compile(r"\s*(-{1,3}|[\u2010-\u2015\u2212])\s*")

#: The entry types a paper keeps: BibTeX's standard types, by their BibTeX names (readers map
#: other formats' names onto them: generator/model/entry_types.py).
ENTRY_TYPES = ("article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
               "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished")


@dataclass(frozen=True, slots=True)
class Publication:
    """How and where a paper was published, as its sources say: its entry type and the fields
    of a full citation beside authors, title, date and identifiers, by their BibTeX names and as
    written (cleaned). Empty fields are None (``editors``: empty). A paper whose sources say
    nothing of it has ``Publication()``: the citations then go by its venue alone."""

    #: One of ``ENTRY_TYPES``; None when no source gives one.
    type: str | None = None
    journal: str | None = None
    #: The title of the book or proceedings the paper is part of.
    booktitle: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    #: The publisher's (or the conference's) place: BibTeX's ``address``.
    address: str | None = None
    #: A thesis's school or a report's institution.
    institution: str | None = None
    organization: str | None = None
    series: str | None = None
    volume: str | None = None
    #: An issue's number, a report's number.
    number: str | None = None
    pages: str | None = None
    chapter: str | None = None
    edition: str | None = None
    isbn: str | None = None
    issn: str | None = None
    #: What kind of thesis or report ("PhD thesis", "Working paper"): BibTeX's ``type`` field.
    genre: str | None = None
    howpublished: str | None = None
    note: str | None = None
    #: Where a paper without a date stands: "Forthcoming", "In press" (BibLaTeX's pubstate, CSL's
    #: status; a BibTeX year that is no year).
    status: str | None = None

    def filled(self) -> int:
        """How many fields hold something (the type counts as one)."""
        return sum(1 for name in PUBLICATION_FIELDS if getattr(self, name))

    def page_range(self) -> tuple[str, str | None] | None:
        """(first page, last page or None) of ``pages`` ("234--241", "234–241", "e1001"); None without pages."""
        if not self.pages:
            return None
        first, sep, last = (p.strip() for p in _PAGE_DASH.split(self.pages, maxsplit=1)) \
            if _PAGE_DASH.search(self.pages) else (self.pages.strip(), "", "")
        return (first, last or None) if first else None


#: ``Publication``'s fields, in the order records and citations list them.
PUBLICATION_FIELDS = ("type", "journal", "booktitle", "editors", "publisher", "address", "institution",
                      "organization", "series", "volume", "number", "pages", "chapter", "edition", "isbn",
                      "issn", "genre", "howpublished", "note", "status")
NO_PUBLICATION = Publication()


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
    publication: Publication = NO_PUBLICATION
    #: The source's own key for the record (a BibTeX key, a Zotero citation key): ids are kept by it too.
    citation_key: str | None = None
    #: The Semantic Scholar paper id.
    s2: str | None = None


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
