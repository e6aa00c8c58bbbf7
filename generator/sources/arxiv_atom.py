"""arXiv API responses: Atom feeds from ``export.arxiv.org/api/query``.

Both layouts are read: the older one (namespace declared on each ``arxiv:``
element, summaries hard-wrapped with leading spaces) and the current one.
The entry id gives the arXiv id without its version; ``journal_ref`` is the
venue; categories (``cs.LG`` …) are not made tags: they are arXiv's subject
classes, not this collection's tags.

A repository link in the comment (or after "code is available" in the
summary) is kept as ``code``. Also home of helpers other readers share:
:func:`find_code_url` and :func:`parse_xml` (ElementTree with the line each
element starts on); arXiv ids are read by ``generator.text.identifiers``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from generator.errors import SourceError
from generator.model.papers import Provenance, RawRecord
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text import identifiers
from generator.text.latex import decode_commands

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"

_CODE = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.-]+/[\w.-]+")
_CODE_CUE = re.compile(r"(?:code|implementation|available|release|github|repository|project)\W", re.I)


def find_code_url(note: str | None = None, abstract: str | None = None) -> str | None:
    """A repository link (GitHub, GitLab, Bitbucket) from a comment or note, or from an
    abstract where words such as "code is available" come shortly before it."""
    for text, cue in ((note, False), (abstract, True)):
        for m in _CODE.finditer(text or ""):
            if not cue or _CODE_CUE.search((text or "")[max(0, m.start() - 100):m.start()]):
                return m.group().rstrip(".").removesuffix(".git")
    return None


def parse_xml(source: SourceFile) -> tuple[ET.Element, dict[int, int]]:
    """The document's root element, and ``id(element) → line`` for every element.

    DTDs with entity declarations are refused (no entity expansion at all);
    malformed XML is a :class:`SourceError` naming the line.
    """
    if "<!ENTITY" in source.text:
        raise SourceError("the XML declares entities (<!ENTITY …>), which are not read; remove the DTD", 1)
    parser = expat.ParserCreate(namespace_separator=" ")
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}

    def qname(name: str) -> str:
        return "{%s}%s" % tuple(name.split(" ", 1)) if " " in name else name

    def start(name: str, attrs: dict[str, str]) -> None:
        element = builder.start(qname(name), {qname(k): v for k, v in attrs.items()})
        lines[id(element)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(qname(name))
    parser.CharacterDataHandler = builder.data
    # The text is decoded already: drop the declaration (its encoding), keep the line count.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: "\n" * m.group().count("\n"), source.text)
    try:
        parser.Parse(text, True)
        root = builder.close()
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise SourceError(
            f"the XML is not well-formed ({reason}, column {exc.offset + 1}); fix the markup there",
            exc.lineno,
        ) from None
    except AssertionError:  # TreeBuilder on an empty document
        raise SourceError("the file holds no XML elements", 1) from None
    return root, lines


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return "".join(element.itertext()).strip() or None


def sniff(source: SourceFile) -> float:
    head = source.text[:8192]
    if "<feed" not in head:
        return 0.0
    if "arxiv.org/schemas/atom" in head or "arxiv.org/api" in head or "arxiv.org/abs/" in head:
        return 0.95
    return 0.0


def read(source: SourceFile) -> ReadResult:
    root, lines = parse_xml(source)
    if root.tag != f"{ATOM}feed":
        raise SourceError("this is not an Atom feed (the root element is not <feed>); "
                          "save the arXiv API response as it came", lines.get(id(root), 1))
    result = ReadResult()
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        line = lines.get(id(entry), 1)
        entry_id = _text(entry.find(f"{ATOM}id")) or ""
        if "/api/errors" in entry_id:
            message = _text(entry.find(f"{ATOM}summary")) or "unknown error"
            raise SourceError(f"the arXiv API answered with an error: {message}; fix the query", line)
        record = _record(entry, entry_id, source.path, line)
        result.add(record, "this entry has neither a title nor a "
                   "summary; remove it or fill one in")
    return result


def _record(entry: ET.Element, entry_id: str, path: str, line: int) -> RawRecord:
    links = entry.findall(f"{ATOM}link")
    pdf = next((l.get("href") for l in links if l.get("title") == "pdf"), None)
    url = next((l.get("href") for l in links if l.get("rel") == "alternate"), None)
    doi_text = _text(entry.find(f"{ARXIV}doi"))
    published = _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated"))
    authors = tuple(
        name for a in entry.findall(f"{ATOM}author")
        if (name := decode_commands(_text(a.find(f"{ATOM}name"))))
    )
    title, summary = _text(entry.find(f"{ATOM}title")), _text(entry.find(f"{ATOM}summary"))
    venue = _text(entry.find(f"{ARXIV}journal_ref"))
    comment = _text(entry.find(f"{ARXIV}comment"))
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=decode_commands(title),
        abstract=decode_commands(summary),
        authors=authors,
        published=published[:10] if published and re.match(r"\d{4}-\d\d-\d\d", published) else None,
        arxiv=identifiers.as_read("arxiv", entry_id),
        doi=identifiers.as_read("doi", doi_text),
        url=url or (entry_id or None),
        pdf=pdf,
        code=find_code_url(comment, summary),
        venue=decode_commands(venue),
    )


FORMAT = Format(
    name="arxiv_atom",
    empty="the feed holds no entries",
    description="arXiv API response (Atom feed from export.arxiv.org/api/query)",
    extensions=(".xml", ".atom"),
    sniff=sniff,
    read=read,
    example='<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1505.04597v1</id><title>U-Net: …</title>…</entry></feed>',
)
