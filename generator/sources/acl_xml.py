"""ACL Anthology XML volumes (``data/xml/*.xml`` of the acl-anthology repository).

``<collection id><volume id><meta>…</meta><frontmatter/><paper id>…</paper>``.
Front matter is not a paper. The Anthology id (``2020.acl-main.1``, or
``P18-1001`` for old collections) is in ``<url>``: the record keeps
``https://aclanthology.org/<id>`` as url and ``…/<id>.pdf`` as pdf. The venue is
the volume's ``booktitle``; the date is the volume's year and month. An
``<author>``'s ``id`` (the Anthology's person id) and ``orcid`` are kept. Titles and
abstracts are flattened to text: ``<fixed-case>`` keeps its text, ``<tex-math>``
becomes ``$…$``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from generator.errors import SourceError
from generator.model.papers import Provenance, Publication, RawRecord
from generator.sources.arxiv_atom import parse_xml
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text import dates, identifiers
from generator.text.latex import decode_commands

SITE = "https://aclanthology.org/"


def sniff(source: SourceFile) -> float:
    head = source.text[:8192]
    if re.search(r"<collection\s[^>]*\bid=", head) and re.search(r"<(?:volume|paper)\b", source.text[:65536]):
        return 0.95
    return 0.0


def flatten(element: ET.Element | None) -> str | None:
    """An element's text with its markup removed; ``<tex-math>`` as ``$…$``; unambiguous LaTeX decoded."""
    if element is None:
        return None
    parts: list[str] = []

    def walk(el: ET.Element) -> None:
        if el.tag == "tex-math":
            parts.append("$" + "".join(el.itertext()).strip() + "$")
        else:
            parts.append(el.text or "")
            for child in el:
                walk(child)
                parts.append(child.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
        parts.append(child.tail or "")
    return decode_commands("".join(parts))


def _child_text(element: ET.Element, tag: str) -> str | None:
    found = element.find(tag)
    return " ".join("".join(found.itertext()).split()) or None if found is not None else None


def read(source: SourceFile) -> ReadResult:
    root, lines = parse_xml(source)
    if root.tag not in ("collection", "volume"):
        raise SourceError("this is not an ACL Anthology volume file (the root element is not "
                          "<collection>)", lines.get(id(root), 1))
    result = ReadResult()
    collection = root.get("id", "")
    volumes = [root] if root.tag == "volume" else root.findall("volume")
    for volume in volumes:
        meta = volume.find("meta")
        meta = meta if meta is not None else ET.Element("meta")
        try:
            venue = flatten(meta.find("booktitle"))
        except RecursionError:
            raise SourceError("the booktitle is nested too deeply to read", lines.get(id(meta), 1)) from None
        context = {
            "venue": venue,
            "year": _child_text(meta, "year"),
            "month": _child_text(meta, "month"),
            "prefix": _prefix(collection, volume.get("id", "")),
            "publication": _volume_publication(meta, venue),
        }
        for paper in volume.findall("paper"):
            line = lines.get(id(paper), 1)
            try:
                record = _record(paper, context, source.path, line)
            except RecursionError:
                raise SourceError("this paper's markup is nested too deeply to read", line) from None
            result.add(record, f"paper {paper.get('id', '?')} has no "
                       "title; add a <title>")
    return result


def _names(element: ET.Element, tag: str) -> tuple[str, ...]:
    """The people of ``<author>`` or ``<editor>`` children, "First Last"."""
    names = []
    for person in element.findall(tag):
        name = " ".join(filter(None, (_child_text(person, "first"), _child_text(person, "last"))))
        name = name or " ".join("".join(person.itertext()).split())
        if name:
            names.append(decode_commands(name))
    return tuple(names)


def _volume_publication(meta: ET.Element, venue: str | None) -> Publication:
    """A volume's papers are ``inproceedings`` of its booktitle, or, in a journal's volume
    (``<journal-volume>``: TACL, CL), ``article`` of the journal."""
    common = dict(publisher=_child_text(meta, "publisher"), address=_child_text(meta, "address"))
    if meta.find("journal-volume") is not None:
        journal = _child_text(meta, "journal-title") or re.sub(r",?\s*Volume\s+\d+.*$", "", venue or "") or None
        return Publication("article", journal=journal, volume=_child_text(meta, "journal-volume"),
                           number=_child_text(meta, "journal-issue"), **common)
    return Publication("inproceedings", booktitle=venue, editors=_names(meta, "editor"), **common)


def _prefix(collection: str, volume: str) -> str:
    """The Anthology id before the paper number: ``2020.acl-main.`` or ``P18-``."""
    if re.fullmatch(r"[A-Z]\d\d", collection):
        return f"{collection}-"
    return f"{collection}-{volume}." if collection and volume else ""


def _record(paper: ET.Element, context: dict, path: str, line: int) -> RawRecord:
    authors, ids = [], []
    for person in paper.findall("author"):
        name = " ".join(filter(None, (_child_text(person, "first"), _child_text(person, "last"))))
        name = name or " ".join("".join(person.itertext()).split())
        if name:
            authors.append(decode_commands(name))
            # The Anthology's own person id (given to people it told apart) and an ORCID iD.
            ids += [(authors[-1], found) for found in (identifiers.author_id("acl", person.get("id")),
                                                       identifiers.author_id("orcid", person.get("orcid"))) if found]
    anthology_id = _child_text(paper, "url") or (
        context["prefix"] + paper.get("id", "") if context["prefix"] and paper.get("id") else None)
    if anthology_id and anthology_id.startswith(("http://", "https://")):
        url, pdf = anthology_id, anthology_id if anthology_id.lower().endswith(".pdf") else None
    elif anthology_id:
        url, pdf = SITE + anthology_id, SITE + anthology_id + ".pdf"
    else:
        url = pdf = None
    code = paper.find("pwccode")
    year = _child_text(paper, "year") or context["year"]
    month = _child_text(paper, "month") or context["month"]
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=flatten(paper.find("title")),
        abstract=flatten(paper.find("abstract")),
        authors=tuple(authors),
        author_ids=tuple(ids),
        published=dates.as_read(year, month) if year else None,
        doi=identifiers.as_read("doi", _child_text(paper, "doi")),
        url=url,
        pdf=pdf,
        code=code.get("url") if code is not None and code.get("url") else None,
        venue=context["venue"],
        publication=replace(context["publication"], pages=_child_text(paper, "pages")),
    )


FORMAT = Format(
    name="acl_xml",
    empty="the volume holds no papers",
    description="ACL Anthology XML volume (data/xml/<collection>.xml)",
    extensions=(".xml",),
    sniff=sniff,
    read=read,
    example='<collection id="2020.acl"><volume id="main"><meta><booktitle>Proceedings of …</booktitle><year>2020</year></meta><paper id="1"><title>…</title>…</paper></volume></collection>',
)
