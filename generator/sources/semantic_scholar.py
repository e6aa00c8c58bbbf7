"""Semantic Scholar Graph API responses, saved as JSON.

Every shape the API answers with: a list of papers, ``/paper/batch`` results
(a ``null`` for a paper it did not find: skipped with a warning naming its
position), search results ``{"data": [...]}``, citations and references
(``{"data": [{"citingPaper": {...}}]}``), an author with ``papers``, a list of
authors, or a single paper. Fields: title, abstract, authors (with ``authorId``,
and ``externalIds.ORCID`` where asked for), publicationDate
or year, venue (or journal), externalIds (ArXiv, DOI), url, openAccessPdf.

Also home of :func:`load_json`, the JSON reader with line numbers that the
other JSON formats share.
"""
from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from generator.errors import SourceError, error, warning
from generator.model.papers import Provenance, Publication, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.bibtex import venue_or_none
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text import dates, identifiers
from generator.text.latex import decode_commands

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}]', re.S)


def load_json(source: SourceFile) -> tuple[Any, Callable[[object], int]]:
    """The parsed document, and a function giving the line where a parsed object starts.

    Objects are matched to their ``{`` by the order they close in, which is
    the order the parser builds them in. Bad JSON is a :class:`SourceError`.
    """
    built: list[dict] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        built.append(obj)
        return obj

    try:
        data = json.loads(source.text, object_pairs_hook=hook)
    except json.JSONDecodeError as exc:
        raise SourceError(f"the JSON is not valid ({exc.msg} at column {exc.colno}); "
                          "fix it there or export the file again", exc.lineno) from None
    except RecursionError:
        raise SourceError("the JSON is nested too deeply to read; export the file again", 1) from None
    starts, stack = [], []
    for m in _TOKEN.finditer(source.text):
        token = m.group()
        if token == "{":
            stack.append(m.start())
        elif token == "}" and stack:
            starts.append(stack.pop())
    newlines = [m.start() for m in re.finditer("\n", source.text)]
    lines = {id(obj): bisect.bisect_left(newlines, start) + 1 for obj, start in zip(built, starts)}

    def line_of(obj: object) -> int:
        return lines.get(id(obj), 1)

    return data, line_of


def text_of(value: object) -> str | None:
    """A JSON value as cleaned text (numbers as text; lists, objects and null as None)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    return decode_commands(" ".join(str(value).split()))


def sniff(source: SourceFile) -> float:
    head = source.text[:65536].lstrip()
    if not head.startswith(("{", "[")):
        return 0.0
    if re.search(r'"paperId"\s*:', head) or re.search(r'"authorId"\s*:.*"papers"\s*:', head, re.S):
        return 0.95
    return 0.0


def _papers(data: Any) -> list[tuple[str, Any]]:
    """(where, paper-or-None) for every paper in any response shape."""
    if isinstance(data, dict) and "data" in data and isinstance(data["data"], list):
        data = data["data"]
    if isinstance(data, dict):
        if isinstance(data.get("papers"), list):
            return _papers(data["papers"])
        return [("the paper", data)]
    if not isinstance(data, list):
        raise SourceError("the JSON holds no papers (expected a list, {\"data\": [...]}, "
                          "or an author with \"papers\")", 1)
    out: list[tuple[str, Any]] = []
    for i, item in enumerate(data, start=1):
        if isinstance(item, dict):
            for key in ("citingPaper", "citedPaper", "paper"):
                if isinstance(item.get(key), dict) and "title" not in item:
                    item = item[key]
                    break
            if isinstance(item.get("papers"), list) and "title" not in item:
                out.extend(_papers(item["papers"]))
                continue
        out.append((f"entry {i} of {len(data)}", item))
    return out


def read(source: SourceFile) -> ReadResult:
    data, line_of = load_json(source)
    result = ReadResult()
    line = 1
    for where, paper in _papers(data):
        if paper is None:  # no line of its own: the line of the paper before it
            result.problems.append(warning(source.path, line, f"{where} is null (a paper the API did "
                                           "not find); skipped", "not-found"))
            continue
        line = line_of(paper)
        if not isinstance(paper, dict):
            result.problems.append(error(source.path, line, f"{where} is not a paper object; remove it"))
            continue
        if "error" in paper and "title" not in paper:
            result.problems.append(warning(source.path, line, f"{where} is an API error "
                                           f"({text_of(paper['error'])}); skipped", "not-found"))
            continue
        record = _record(paper, source.path, line)
        result.add(record, f"{where} has neither a title nor an "
                   "abstract; ask the API for the title and abstract fields")
    return result


def _orcid_of(author: dict) -> object:
    """An author's ORCID iD where the response asked for ``authors.externalIds``."""
    ids = author.get("externalIds")
    return ids.get("ORCID") if isinstance(ids, dict) else None


#: Semantic Scholar's publication types → BibTeX's, in the order they decide (the venue's own type first).
PUBLICATION_TYPES = {"conference": "inproceedings", "journal": "article", "Conference": "inproceedings",
                     "JournalArticle": "article", "Review": "article", "Book": "book", "BookSection": "incollection"}


def _publication(paper: dict, venue: str | None) -> Publication:
    journal = paper.get("journal") if isinstance(paper.get("journal"), dict) else {}
    pub_venue = paper.get("publicationVenue") if isinstance(paper.get("publicationVenue"), dict) else {}
    types = paper.get("publicationTypes") if isinstance(paper.get("publicationTypes"), list) else []
    named = [text_of(pub_venue.get("type")), *(text_of(t) for t in types)]
    kind = next((PUBLICATION_TYPES[t] for t in named if t in PUBLICATION_TYPES), "misc" if types else None)
    pages = text_of(journal.get("pages"))
    return Publication(kind, journal=(text_of(journal.get("name")) or venue) if kind == "article" else None,
                       booktitle=venue if kind in ("inproceedings", "incollection") else None,
                       volume=text_of(journal.get("volume")), pages="".join(pages.split()) if pages else None)


def _record(paper: dict, path: str, line: int) -> RawRecord:
    ids = paper.get("externalIds") if isinstance(paper.get("externalIds"), dict) else {}
    pdf = paper.get("openAccessPdf") if isinstance(paper.get("openAccessPdf"), dict) else {}
    journal = paper.get("journal") if isinstance(paper.get("journal"), dict) else {}
    pub_venue = paper.get("publicationVenue") if isinstance(paper.get("publicationVenue"), dict) else {}
    authors = paper.get("authors") if isinstance(paper.get("authors"), list) else []
    venue = text_of(paper.get("venue")) or text_of(pub_venue.get("name")) or text_of(journal.get("name"))
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=text_of(paper.get("title")),
        abstract=text_of(paper.get("abstract")),
        authors=tuple(n for a in authors if isinstance(a, dict) and (n := text_of(a.get("name")))),
        author_ids=tuple((n, found) for a in authors if isinstance(a, dict) and (n := text_of(a.get("name")))
                         for found in (identifiers.author_id("s2", a.get("authorId")),
                                       identifiers.author_id("orcid", _orcid_of(a))) if found),
        published=dates.as_read(paper.get("publicationDate")) or dates.as_read(paper.get("year")),
        arxiv=identifiers.as_read("arxiv", text_of(ids.get("ArXiv"))),
        doi=identifiers.as_read("doi", text_of(ids.get("DOI"))),
        url=text_of(paper.get("url")),
        pdf=text_of(pdf.get("url")) or None,
        code=find_code_url(None, str(paper.get("abstract") or "")),
        venue=venue_or_none(venue),
        publication=_publication(paper, venue_or_none(venue)),
        s2=text_of(paper.get("paperId")),
    )


FORMAT = Format(
    name="semantic_scholar",
    empty="the response holds no papers",
    description="Semantic Scholar Graph API response (papers, search, batch or author with papers), JSON",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    example='{"data": [{"paperId": "…", "title": "U-Net: …", "abstract": "…", "authors": [{"name": "Olaf Ronneberger"}], "year": 2015}]}',
)
