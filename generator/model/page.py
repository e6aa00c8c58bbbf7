"""What a paper's page shows beside its record: citation, links, related papers, people."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CiteLinks:
    """Links from a paper page to its topic's downloads (URLs relative to the page)."""

    bib: str
    json: str
    ris: str
    downloads: str


@dataclass(frozen=True, slots=True)
class PaperPeople:
    """Links from a paper page to the pages of its authors, venue and year: (text, URL relative to the page)."""

    authors: tuple[tuple[str, str], ...] = ()
    venue: tuple[str, str] | None = None
    year: tuple[str, str] | None = None
    #: The docs/ paths of those pages.
    targets: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Citation:
    """A paper's citation as its page shows it: BibTeX key and entry, RIS record, its reference
    formatted in APA style, Highwire meta tags, JSON-LD."""

    key: str
    bibtex: str
    meta: tuple[tuple[str, str], ...]
    jsonld: str  # script_json text
    ris: str = ""
    #: The APA 7 reference as HTML (record text escaped); empty where the sources give nothing
    #: to cite by but a title: the page then has no Cite section.
    reference: str = ""


@dataclass(frozen=True, slots=True)
class PaperExtras:
    """What the features add to one paper's page: ``extra`` in templates/paper.md.j2.

    A typed value, not a dict: a misspelt field in the template is an error
    (StrictUndefined), not a section silently left out. Markup fields hold
    text already escaped by ``generator.text.markup``.
    """

    #: Values for the theme (overrides/main.html): ``pa_citation`` (meta tags), ``pa_jsonld``,
    #: ``pa_og_type``, ``pa_og_title``, ``pa_feeds``; the text as it is (the theme escapes it).
    theme: Mapping[str, object] = field(default_factory=dict)
    citation: Citation | None = None
    cite_links: CiteLinks | None = None
    #: The HTML list items of related papers; empty when there are none.
    related: str = ""
    #: Its authors', venue's and year's pages (site/browse.py).
    people: PaperPeople | None = None
    #: The docs/ paths the links above lead to, recorded where each was made (pages.check_links).
    links: frozenset[str] = frozenset()


NO_EXTRAS = PaperExtras()
