"""Zotero exports as JSON: Better BibTeX JSON, the Zotero web API, and CSL-JSON.

Better BibTeX JSON is ``{"config": …, "items": [...]}`` with ``creators``,
``abstractNote`` and the arXiv id in ``extra`` (``arXiv: 2101.00001``, a string
or a list of lines); the web API wraps each item as ``{"data": {...}}``.
CSL-JSON is a list of items with ``author: [{family, given, ORCID}]``,
``issued: {date-parts}``, ``abstract``, ``DOI``, ``URL``, ``container-title``.
Attachments and notes are not papers. Manual tags become tags; automatic ones
(arXiv subject names) do not.
"""
from __future__ import annotations

import re
from typing import Any

from generator.errors import SourceError, error
from generator.model import entry_types
from generator.model.papers import Provenance, Publication, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.bibtex import is_subject, venue_or_none
from generator.sources.format import Format, ReadResult, SourceFile
from generator.sources.semantic_scholar import load_json, text_of
from generator.text import dates, identifiers
from generator.text import keywords as text_keywords

NOT_PAPERS = frozenset(("attachment", "note", "annotation"))
#: Zotero's item types → BibTeX's (``thesis``: by its thesisType); the rest are ``misc``.
ITEM_TYPES = {"journalArticle": "article", "magazineArticle": "article", "newspaperArticle": "article",
              "conferencePaper": "inproceedings", "bookSection": "incollection", "encyclopediaArticle": "incollection",
              "dictionaryEntry": "incollection", "book": "book", "thesis": "phdthesis", "report": "techreport",
              "manuscript": "unpublished"}
#: The container's title in Zotero's fields, by the entry type it is the container of.
_CONTAINER = ("publicationTitle", "proceedingsTitle", "bookTitle", "encyclopediaTitle", "dictionaryTitle")
_EXTRA = re.compile(r"^\s*([A-Za-z][\w -]*?)\s*:\s*(.+?)\s*$", re.M)
#: Types whose CSL publisher is BibTeX's howpublished (they have no publisher).
_HOW_PUBLISHED = ("misc", "booklet", "unpublished")
#: A CSL ``note`` that carries ``Key: value`` lines of data (Zotero's "arXiv: 2101.00001"), not a note.
_NOTE_IDS = re.compile(r"^\s*[A-Za-z][\w -]*:\s*\S", re.M)


def sniff(source: SourceFile) -> float:
    head = source.text[:65536].lstrip()
    if not head.startswith(("{", "[")):
        return 0.0
    if re.search(r'"itemType"\s*:', head) and re.search(r'"(?:creators|title)"\s*:', head):
        return 0.95
    if head.startswith("[") and re.search(r'"(?:date-parts|container-title|citation-key)"\s*:', head) \
            and re.search(r'"type"\s*:', head):
        return 0.95
    return 0.0


def read(source: SourceFile) -> ReadResult:
    data, line_of = load_json(source)
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
    elif isinstance(data, list):
        items = data
    else:
        raise SourceError('expected Better BibTeX JSON ({"items": [...]}) or CSL-JSON (a list of items)', 1)
    result = ReadResult()
    for position, item in enumerate(items, start=1):
        line = line_of(item)
        if isinstance(item, dict) and isinstance(item.get("data"), dict) and "itemType" in item["data"]:
            item = item["data"]  # Zotero web API
        if not isinstance(item, dict):
            result.problems.append(error(source.path, line, f"item {position} is not an object; remove it"))
            continue
        if str(item.get("itemType", "")).lower() in NOT_PAPERS:
            continue
        record = _zotero(item, source.path, line) if "itemType" in item else _csl(item, source.path, line)
        result.add(record, f"item {position} has neither a title nor "
                   "an abstract; fill one in")
    return result


def _extra(item: dict) -> dict[str, str]:
    """``extra`` lines ``Key: value`` (a string or a list of them), keys lower case."""
    extra = item.get("extra")
    text = "\n".join(map(str, extra)) if isinstance(extra, list) else str(extra or "")
    return {k.strip().lower(): v for k, v in _EXTRA.findall(text)}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _tags(values: list) -> tuple[str, ...]:
    tags = []
    for t in values:
        if isinstance(t, dict):
            if t.get("type") == 1:  # automatic tag, added by a translator
                continue
            t = t.get("tag")
        name = text_of(t)
        if name and not is_subject(name):
            tags.append(name)
    return tuple(tags)


def _zotero_publication(item: dict, creators: list[dict]) -> Publication:
    def text(*keys: str) -> str | None:
        return next((t for k in keys if (t := text_of(item.get(k)))), None)
    genre = text("thesisType", "reportType", "genre")
    kind = ITEM_TYPES.get(str(item.get("itemType", "")), "misc")
    kind = entry_types.thesis(genre) if kind == "phdthesis" else kind
    container = text(*_CONTAINER)
    in_container = kind in ("incollection", "inproceedings", "inbook")
    editors = [_creator_name(c) for c in creators if c.get("creatorType") in ("editor", "seriesEditor")]
    return Publication(
        kind, journal=container if kind == "article" else None, booktitle=container if in_container else None,
        editors=tuple(n for n in editors if n), publisher=text("publisher"), address=text("place"),
        institution=text("institution", "university"), series=text("series", "seriesTitle"), volume=text("volume"),
        number=text("issue", "reportNumber", "seriesNumber"), pages=text("pages"), edition=text("edition"),
        isbn=text("ISBN"), issn=text("ISSN"), genre=genre)


def _creator_name(c: dict) -> str | None:
    return text_of(c.get("name")) or text_of(" ".join(str(c.get(k) or "") for k in ("firstName", "lastName")))


def _zotero(item: dict, path: str, line: int) -> RawRecord:
    extra = _extra(item)
    creators = [c for c in _list(item.get("creators")) if isinstance(c, dict)]
    authors = [c for c in creators if c.get("creatorType", "author") == "author"] or \
        [c for c in creators if c.get("creatorType") not in ("editor", "seriesEditor", "translator")]
    names = []
    for c in authors:
        name = _creator_name(c)
        if name and name.strip("*† "):
            names.append(name.strip("*† "))
    arxiv = (identifiers.arxiv_id(extra.get("arxiv")) or identifiers.arxiv_id(item.get("archiveID"))
             or identifiers.find_arxiv_id(" ".join(str(item.get(k) or "") for k in ("url", "publicationTitle", "DOI",
                                                                         "repository", "number"))))
    venue = next((v for k in ("publicationTitle", "proceedingsTitle", "conferenceName", "bookTitle")
                  if (v := venue_or_none(text_of(item.get(k))))), None)
    attachments = [a for a in _list(item.get("attachments")) if isinstance(a, dict)]
    pdf = next((str(a["url"]) for a in attachments if str(a.get("url", "")).startswith("http")
                and "pdf" in str(a.get("contentType", a.get("url", ""))).lower()), None)
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=text_of(item.get("title")),
        abstract=text_of(item.get("abstractNote")),
        authors=tuple(names),
        published=dates.as_read(item.get("date")) or dates.as_read(extra.get("original-date")),
        arxiv=arxiv,
        doi=identifiers.as_read("doi", item.get("DOI") or extra.get("doi")),
        url=text_of(item.get("url")),
        pdf=pdf,
        code=find_code_url(" ".join(map(str, _list(item.get("notes")))) + " " + str(item.get("extra") or ""),
                           str(item.get("abstractNote") or "")),
        venue=venue,
        tags=_tags(_list(item.get("tags"))),
        citation_key=text_of(item.get("citationKey")) or text_of(extra.get("citation key")),
        added=dates.as_read(item.get("dateAdded")),
        publication=_zotero_publication(item, creators),
    )


def _csl_date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return dates.as_read(value)
    parts = _list(value.get("date-parts"))
    first = parts[0] if parts and isinstance(parts[0], list) else []
    if first and all(isinstance(p, (int, str)) and str(p).strip().lstrip("-").isdigit() for p in first):
        return "-".join(f"{int(p):0{4 if k == 0 else 2}d}" for k, p in enumerate(first[:3]))
    return dates.as_read(value.get("raw") or value.get("literal"))


def csl_names(people: object) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """CSL name objects (``author``, ``editor``) as "Given Family" (particles and suffix kept), and
    (name, ``orcid:…``) of those the item gives an ORCID iD."""
    names, ids = [], []
    for a in _list(people):
        if not isinstance(a, dict):
            continue
        parts = [a.get(k) for k in ("given", "dropping-particle", "non-dropping-particle", "family")]
        name = text_of(a.get("literal")) or text_of(" ".join(str(p) for p in parts if p))
        if name and a.get("suffix"):
            name += f" {a['suffix']}"
        if name:
            names.append(name)
            if found := identifiers.author_id("orcid", a.get("ORCID") or a.get("orcid")):
                ids.append((name, found))
    return tuple(names), tuple(ids)


def csl_publication(item: dict) -> Publication:
    """A CSL item's type and citation fields; a thesis's or report's institution is CSL's publisher."""
    def text(key: str) -> str | None:
        return text_of(item.get(key))
    genre = text("genre")
    kind = entry_types.from_csl(item.get("type"), genre)
    container = text("container-title")
    publisher = text("publisher")
    publisher = None if publisher and publisher.lower() == "arxiv" else publisher  # a preprint's
    number = text("number")
    if number and identifiers.arxiv_id(number):
        number = None  # arXiv's id: the paper's arxiv, not a report number
    awarded, published_how = kind in ("phdthesis", "mastersthesis", "techreport"), kind in _HOW_PUBLISHED
    return Publication(
        kind, journal=container if kind == "article" else None,
        booktitle=container if kind in ("incollection", "inproceedings", "inbook") else None,
        editors=csl_names(item.get("editor"))[0], publisher=None if awarded or published_how else publisher,
        address=text("publisher-place"), institution=publisher if awarded else None,
        series=text("collection-title"), volume=text("volume"),
        number=text("issue") or number or text("collection-number"), pages=text("page"),
        chapter=text("chapter-number"), edition=text("edition"), isbn=text("ISBN"), issn=text("ISSN"),
        genre=genre, howpublished=publisher if published_how else None, status=text("status"),
        note=text("note") if not _NOTE_IDS.search(str(item.get("note") or "")) else None)


def _csl(item: dict, path: str, line: int) -> RawRecord:
    names, ids = csl_names(item.get("author"))
    note = str(item.get("note") or "")
    from_archive = identifiers.arxiv_id(item.get("number") or item.get("archive_location")) \
        if str(item.get("archive") or item.get("publisher") or "").lower() == "arxiv" else None
    keywords = text_keywords.split(str(item.get("keyword") or ""))
    venue = next((v for k in ("container-title", "event-title", "event", "collection-title")
                  if (v := venue_or_none(text_of(item.get(k))))), None)
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=text_of(item.get("title")),
        abstract=text_of(item.get("abstract")),
        authors=names,
        author_ids=ids,
        published=_csl_date(item.get("issued")),
        arxiv=from_archive or identifiers.find_arxiv_id(" ".join(str(item.get(k) or "") for k in ("URL", "DOI", "number", "archive_location",
                                                                      "container-title")) + " " + note),
        doi=identifiers.as_read("doi", item.get("DOI")),
        url=text_of(item.get("URL")),
        code=find_code_url(note, str(item.get("abstract") or "")),
        venue=venue,
        tags=_tags(keywords),
        publication=csl_publication(item),
        citation_key=text_of(item.get("citation-key")) or text_of(item.get("id")),
    )


FORMAT = Format(
    name="zotero_json",
    empty="the file holds no items",
    description="Zotero JSON export: Better BibTeX JSON, Zotero web API items, or CSL-JSON",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    example='{"items": [{"itemType": "journalArticle", "title": "U-Net: …", "creators": [{"firstName": "Olaf", "lastName": "Ronneberger"}], "extra": "arXiv: 1505.04597"}]}',
)
