"""Crossref REST API responses: ``api.crossref.org/works/DOI``, saved as JSON.

A single work (``{"status": "ok", "message-type": "work", "message": {...}}``)
or a list of works (``"message-type": "work-list"``, ``message.items``).
Fields: ``title`` (a list; ``subtitle`` joined with a colon), ``abstract``
(a JATS XML fragment: its tags are dropped and its entities decoded, so what
is left is plain text, still untrusted), ``author`` (``given`` and ``family``,
or ``name`` for an organisation; ``ORCID`` as the author's iD), the publication date (``published``, else
``published-print``, ``published-online``, ``issued``; ``date-parts``),
``DOI``, ``resource.primary.URL`` (else ``URL``), a ``link`` whose content
type is PDF, and ``container-title`` as the venue. A DOI of arXiv's own
(``10.48550/arXiv.…``) gives the arXiv id too.
"""
from __future__ import annotations

import html
import re
from typing import Any

from generator.errors import SourceError
from generator.model import entry_types
from generator.model.papers import Provenance, Publication, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.bibtex import venue_or_none
from generator.sources.format import Format, ReadResult, SourceFile
from generator.sources.semantic_scholar import load_json, text_of
from generator.text import identifiers

_TAG = re.compile(r"<[^<>]*>")
#: JATS elements whose text is a heading, not the abstract ("Abstract", "Background").
_JATS_TITLE = re.compile(r"<(jats:)?title\b[^>]*>.*?</(jats:)?title>", re.S | re.I)
#: Where the publication date is, in order; of print and online the earlier counts.
_DATE_FIELDS = (("published",), ("published-print", "published-online"), ("issued",), ("created",))


def jats_text(value: object) -> str | None:
    """The text of a JATS fragment: headings and tags dropped, entities decoded, as one paragraph."""
    raw = text_of(value)
    if not raw:
        return None
    text = _JATS_TITLE.sub(" ", raw)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    return " ".join(text.split()) or None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return next((t for v in value if (t := text_of(v))), None)
    return text_of(value)


def _date_parts(field: object) -> str | None:
    parts = field.get("date-parts") if isinstance(field, dict) else None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        nums = [p for p in parts[0][:3] if isinstance(p, int) and not isinstance(p, bool)]
        if nums:  # as written: records checks the date (text.dates) and warns
            return "-".join([f"{nums[0]:04d}", *(f"{n:02d}" for n in nums[1:])])
    return None


def _date(work: dict) -> str | None:
    for names in _DATE_FIELDS:
        found = [d for name in names if (d := _date_parts(work.get(name)))]
        if found:
            return min(found)
    return None


def _authors(work: dict) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The authors' names, and (name, ``orcid:…``) of those Crossref gives an ORCID iD."""
    names, ids = [], []
    for a in work.get("author") if isinstance(work.get("author"), list) else []:
        if not isinstance(a, dict):
            continue
        name = " ".join(t for t in (text_of(a.get("given")), text_of(a.get("family"))) if t) or text_of(a.get("name"))
        if name:
            names.append(name)
            if found := identifiers.author_id("orcid", a.get("ORCID")):
                ids.append((name, found))
    return tuple(names), tuple(ids)


def _pdf(work: dict) -> str | None:
    for link in work.get("link") if isinstance(work.get("link"), list) else []:
        if isinstance(link, dict) and text_of(link.get("content-type")) == "application/pdf":
            return text_of(link.get("URL"))
    return None


#: Crossref's work types → BibTeX's; the rest (posted-content: preprints; datasets…) are ``misc``.
WORK_TYPES = {"journal-article": "article", "proceedings-article": "inproceedings", "book-chapter": "incollection",
              "book-section": "incollection", "book-part": "incollection", "reference-entry": "incollection",
              "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book",
              "book-set": "book", "proceedings": "proceedings", "dissertation": "phdthesis", "report": "techreport",
              "report-component": "techreport"}


def _names(value: object) -> tuple[str, ...]:
    """The names of Crossref's people (``editor``): "Given Family", or an organisation's name."""
    names = []
    for a in value if isinstance(value, list) else []:
        if isinstance(a, dict) and (name := " ".join(t for t in (text_of(a.get("given")), text_of(a.get("family")))
                                                     if t) or text_of(a.get("name"))):
            names.append(name)
    return tuple(names)


def _publication(work: dict) -> Publication:
    """The work's type and citation fields. A chapter's ``container-title`` lists the series
    before the book ("Lecture Notes in Computer Science", "MICCAI 2015"): the last is the book."""
    titles = [t for v in (work.get("container-title") if isinstance(work.get("container-title"), list) else [])
              if (t := text_of(v))]
    kind = WORK_TYPES.get(str(work.get("type", "")), "misc")
    degree = _first(work.get("degree"))
    kind = entry_types.thesis(degree) if kind == "phdthesis" else kind
    institutions = [i for i in work.get("institution") or [] if isinstance(i, dict)] \
        if isinstance(work.get("institution"), list) else []
    in_book = kind in ("incollection", "inproceedings")
    return Publication(
        kind, journal=titles[0] if kind == "article" and titles else None,
        booktitle=titles[-1] if in_book and titles else None, editors=_names(work.get("editor")),
        publisher=None if kind in ("phdthesis", "mastersthesis") else text_of(work.get("publisher")),
        address=text_of(work.get("publisher-location")),
        institution=text_of(institutions[0].get("name")) if institutions else None,
        series=titles[0] if in_book and len(titles) > 1 else None, volume=text_of(work.get("volume")),
        number=text_of(work.get("issue")), pages=text_of(work.get("page")), edition=text_of(work.get("edition-number")),
        isbn=_first(work.get("ISBN")), issn=_first(work.get("ISSN")), genre=degree)


def _record(work: dict, path: str, line: int) -> RawRecord:
    title, subtitle = _first(work.get("title")), _first(work.get("subtitle"))
    if title and subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}"
    resource = work.get("resource") if isinstance(work.get("resource"), dict) else {}
    primary = resource.get("primary") if isinstance(resource.get("primary"), dict) else {}
    doi = identifiers.as_read("doi", text_of(work.get("DOI")))
    abstract = jats_text(work.get("abstract"))
    authors, author_ids = _authors(work)
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=title,
        abstract=abstract,
        authors=authors,
        author_ids=author_ids,
        published=_date(work),
        arxiv=identifiers.arxiv_id(doi) if doi and doi.lower().startswith("10.48550/arxiv.") else None,
        doi=doi,
        url=text_of(primary.get("URL")) or text_of(work.get("URL")),
        pdf=_pdf(work),
        code=find_code_url(None, abstract),
        venue=venue_or_none(_first(work.get("container-title"))),
        publication=_publication(work),
    )


def sniff(source: SourceFile) -> float:
    head = source.text[:65536].lstrip()
    if head.startswith("{") and re.search(r'"message-type"\s*:\s*"work(?:-list)?"', head):
        return 0.97
    return 0.0


def read(source: SourceFile) -> ReadResult:
    data, line_of = load_json(source)
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
        raise SourceError('this is not a Crossref response (no "message" object); '
                          "save the API's answer as it came", 1)
    message = data["message"]
    if data.get("message-type") == "work-list":
        works = message.get("items") if isinstance(message.get("items"), list) else []
    else:
        works = [message]
    result = ReadResult()
    for i, work in enumerate(works, start=1):
        if not isinstance(work, dict):
            raise SourceError(f"work {i} of {len(works)} is not an object; save the API's answer as it came",
                              line_of(message))
        record = _record(work, source.path, line_of(work))
        result.add(record, f"work {i} of {len(works)} has neither a title nor an abstract")
    return result


FORMAT = Format(
    name="crossref",
    empty="the response holds no works",
    description="Crossref REST API response (api.crossref.org/works/DOI: a work or a work list), JSON",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    example='{"status": "ok", "message-type": "work", "message": {"DOI": "10.7554/elife.01567", "title": ["Automated …"], "author": [{"given": "Martial", "family": "Sankar"}], "abstract": "<jats:p>…</jats:p>"}}',
)
