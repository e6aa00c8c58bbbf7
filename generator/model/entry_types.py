"""What BibTeX, BibLaTeX and CSL call the entry types a paper keeps (``papers.ENTRY_TYPES``).

Papers keep BibTeX's own names. BibLaTeX's types and CSL's are read onto them here
(``from_bibtex``, ``from_csl``) and CSL's written from them (``to_csl``), so a CSL-JSON
download read back gives the types it was written from. A thesis is a PhD thesis unless
its kind (``genre``, BibTeX's ``type`` field) says master's, diploma or the like.
"""
from __future__ import annotations

import re

from generator.model.papers import ENTRY_TYPES

_MASTERS = re.compile(r"\b(?:master|masters|msc|m\.\s?sc|diplom\w*|magister|bachelor\w*|bsc|b\.\s?sc|"
                      r"licentiate)\b", re.IGNORECASE)

#: BibLaTeX's types (and a few other programs') that BibTeX does not have → BibTeX's.
_BIBLATEX = {
    "conference": "inproceedings", "report": "techreport", "collection": "book", "mvcollection": "book",
    "mvbook": "book", "bookinbook": "inbook", "suppbook": "inbook", "reference": "book",
    "mvreference": "book", "inreference": "incollection", "suppcollection": "incollection",
    "mvproceedings": "proceedings", "online": "misc", "electronic": "misc", "www": "misc",
    "webpage": "misc", "software": "misc", "dataset": "misc", "patent": "misc", "periodical": "misc",
    "suppperiodical": "article", "artwork": "misc", "audio": "misc", "video": "misc", "image": "misc",
    "movie": "misc", "music": "misc", "performance": "misc", "standard": "misc", "letter": "misc",
    "review": "article", "commentary": "misc", "jurisdiction": "misc", "legislation": "misc",
    "legal": "misc", "presentation": "misc", "preprint": "misc",
}

#: BibTeX's types → CSL's (the CSL-JSON downloads).
_TO_CSL = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "manual": "book",
    "mastersthesis": "thesis", "misc": "article", "phdthesis": "thesis", "proceedings": "book",
    "techreport": "report", "unpublished": "manuscript",
}

#: CSL's types → BibTeX's (CSL-JSON and Zotero sources); the rest are ``misc``.
_FROM_CSL = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article", "paper-conference": "inproceedings",
    "chapter": "incollection", "entry": "incollection", "entry-dictionary": "incollection",
    "entry-encyclopedia": "incollection", "book": "book", "classic": "book", "thesis": "phdthesis",
    "report": "techreport", "manuscript": "unpublished", "pamphlet": "booklet",
}


def thesis(genre: str | None) -> str:
    """``mastersthesis`` where the thesis's kind says master's (diploma, bachelor's…), else ``phdthesis``."""
    return "mastersthesis" if genre and _MASTERS.search(genre) else "phdthesis"


def from_bibtex(name: str, genre: str | None = None) -> str:
    """A BibTeX or BibLaTeX entry type (any case) as papers keep it; an unknown one is ``misc``."""
    name = name.strip().lower()
    if name == "thesis":
        return thesis(genre)
    if name in ENTRY_TYPES:
        return name
    return _BIBLATEX.get(name, "misc")


def from_csl(name: object, genre: str | None = None) -> str | None:
    """A CSL type as papers keep it; None where the item gives none."""
    if not isinstance(name, str) or not name.strip():
        return None
    kind = _FROM_CSL.get(name.strip().lower(), "misc")
    return thesis(genre) if kind == "phdthesis" else kind


def to_csl(kind: str) -> str:
    """The CSL type of an entry type papers keep."""
    return _TO_CSL[kind]


#: What a thesis is where its source does not say (CSL's and RIS's genre; thesis() reads it back).
THESIS_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}


def genre(kind: str, given: str | None) -> str | None:
    """A work's kind as citations name it: the source's, else a thesis's by its type."""
    return given or THESIS_GENRE.get(kind)


#: The types whose BibTeX ``type`` field says what kind of work it is ("PhD thesis", "Working
#: paper"); databases put document types there for other entries ("Article", "journalArticle").
_KINDS_OF_WORK = ("phdthesis", "mastersthesis", "techreport", "misc", "booklet", "manual", "unpublished")
_TYPE_NAMES = frozenset(n.lower() for n in (*ENTRY_TYPES, *_BIBLATEX, *_FROM_CSL, "journalArticle", "conferencePaper",
                                            "bookSection", "thesis", "report", "preprint", "document"))


def work_kind(kind: str, value: str | None) -> str | None:
    """A BibTeX ``type`` field's value where it says what kind of thesis, report or other work an entry
    is; None where it repeats a type's name (Web of Science's "Article", Zotero's "journalArticle")
    or sits on a type that has no such field (an article, a paper in proceedings)."""
    if not value or kind not in _KINDS_OF_WORK or value.strip().lower() in _TYPE_NAMES:
        return None
    return value
