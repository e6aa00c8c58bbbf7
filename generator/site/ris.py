"""RIS (``.ris``), the format EndNote, Zotero, Mendeley, RefWorks and Papers import.

One ``TAG  - value`` a line (CR LF), ``TY`` first and ``ER`` last, a blank line between
records. Tags as the RIS specification and Zotero's RIS translator use them: ``AU`` an
author ("Family, Given"), ``A2`` an editor (``A3`` of a whole book), ``TI`` the title,
``T2`` the journal, book or proceedings (a book's series), ``T3`` the series of a book
the paper is in, ``PY``/``DA`` the date, ``VL``, ``IS``, ``SP``/``EP``, ``ET``, ``PB``
(a thesis's or report's institution), ``CY``, ``SN`` (ISBN or ISSN; a report's number),
``M3`` (what kind of thesis or report), ``SE`` (chapter), ``DO``, ``UR``, ``N1``, ``KW``.
The values are the record's text on one line; RIS has no escaping and needs none.
"""
from __future__ import annotations

from generator.model import entry_types
from generator.model.papers import Paper, Publication
from generator.text.normalise import split_name

#: RIS's reference type of each entry type.
TYPES = {"article": "JOUR", "book": "BOOK", "booklet": "PAMP", "inbook": "CHAP", "incollection": "CHAP",
         "inproceedings": "CPAPER", "manual": "BOOK", "mastersthesis": "THES", "misc": "GEN",
         "phdthesis": "THES", "proceedings": "CONF", "techreport": "RPRT", "unpublished": "UNPB"}
#: Types that are whole books: their editors are ``A3``, their series ``T2``.
_BOOKS = ("book", "manual", "proceedings")
_AWARDED = ("phdthesis", "mastersthesis", "techreport")
EOL = "\r\n"


def _name(name: str) -> str:
    family, given = split_name(name)
    return f"{family}, {given}" if given else family


def _line(value: object) -> str:
    return " ".join(str(value).split())


def record(paper: Paper, pub: Publication, key: str, doi: str | None, url: str | None,
           keywords: list[str]) -> str:
    """One RIS record (``pub``: the paper's ``citations.reference``; ``doi`` and ``url`` as the
    citations give them; ``keywords``: its topic and tags)."""
    tags: list[tuple[str, object]] = [("TY", TYPES[pub.type]), ("ID", key)]
    tags += [("AU", _name(a)) for a in paper.authors]
    tags += [("A3" if pub.type in _BOOKS else "A2", _name(a)) for a in pub.editors]
    tags.append(("TI", paper.title))
    tags += _publication(pub)
    if paper.year:
        tags.append(("PY", paper.year))
    if paper.published and len(paper.published) >= 7:
        tags.append(("DA", paper.published.replace("-", "/")))
    tags += [("DO", doi), ("UR", url), ("N1", pub.note)]
    tags += [("KW", k) for k in keywords]
    lines = [f"{tag}  - {_line(value)}" for tag, value in tags if value]
    return EOL.join([*lines, "ER  - "]) + EOL


def _publication(pub: Publication) -> list[tuple[str, object]]:
    book = pub.type in _BOOKS
    where = pub.journal or pub.booktitle or pub.howpublished
    pages = pub.page_range() or (None, None)
    awarded = pub.type in _AWARDED
    return [
        ("T2", pub.series if book else where), ("T3", None if book else pub.series),
        ("VL", pub.volume), ("IS", None if pub.type == "techreport" else pub.number),
        ("SE", pub.chapter), ("SP", pages[0]), ("EP", pages[1]), ("ET", pub.edition),
        ("PB", pub.institution if awarded else pub.publisher or pub.organization), ("CY", pub.address),
        ("M3", entry_types.genre(pub.type, pub.genre)),
        ("SN", pub.number if pub.type == "techreport" else None), ("SN", pub.isbn or pub.issn),
    ]
