"""Plain value types of the pipeline: no I/O here.

``RawRecord`` is what a source format reads; ``Paper`` is one distinct paper
after normalisation and merging; ``Topic`` and ``Tag`` make the taxonomy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the types features put on a paper page; models import nothing of the pipeline
    from .features.citations import Citation


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
    #: Assigned by the taxonomy stage.
    topic: str = ""
    tags: tuple[str, ...] = ()

    @property
    def year(self) -> str | None:
        return self.published[:4] if self.published else None


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    name: str
    description: str
    patterns: tuple[str, ...] = ()
    catch_all: bool = False


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    tags: tuple[Tag, ...]
    #: Phrases and acronyms never extracted as tags ("deep learning", "DNN").
    ignore: tuple[str, ...] = ()

    def topic(self, slug: str) -> Topic:
        for t in self.topics:
            if t.slug == slug:
                return t
        raise KeyError(slug)


@dataclass(frozen=True, slots=True)
class Collection:
    """Everything the page stage needs, assembled before anything is written."""

    papers: tuple[Paper, ...]
    taxonomy: Taxonomy
    #: Tag slug -> display name, for every tag used by at least one paper.
    tag_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CiteLinks:
    """Links from a paper page to its topic's downloads (URLs relative to the page)."""

    bib: str
    json: str
    downloads: str


@dataclass(frozen=True, slots=True)
class PaperPeople:
    """Links from a paper page to the pages of its authors, venue and year: (text, URL relative to the page)."""

    authors: tuple[tuple[str, str], ...] = ()
    venue: tuple[str, str] | None = None
    year: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class PaperExtras:
    """What the features add to one paper's page: ``extra`` in templates/paper.md.j2.

    A typed value, not a dict: a misspelt field in the template is an error
    (StrictUndefined), not a section silently left out. Markup fields hold
    text already escaped by ``generator.text``.
    """

    #: YAML lines for the page's front matter (meta tags, JSON-LD, feed links).
    front_matter: str = ""
    citation: "Citation | None" = None
    cite_links: CiteLinks | None = None
    #: The HTML list items of related papers; empty when there are none.
    related: str = ""
    #: Its authors', venue's and year's pages (features/browse.py).
    people: PaperPeople | None = None


NO_EXTRAS = PaperExtras()
