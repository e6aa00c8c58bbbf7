"""Citations of each paper: BibTeX, CSL-JSON, RIS, a formatted reference (APA 7), Google Scholar
(Highwire) meta tags and schema.org JSON-LD.

All of them come from the same fields: the paper's authors, title, date and identifiers and its
``Publication`` as :func:`reference` resolves it (the entry type its sources give, else one
guessed from the venue; the venue as journal or booktitle where no source names one). Each
writer writes the fields its format has for the type: BibTeX those BibTeX's data model (biber's)
allows the type, so biber reads every entry without a complaint of its own.

A BibTeX key is the first author's family name, the year and the first significant title word
(``ronneberger2015unet``); without authors the first two title words lead.
Keys are ASCII. Papers that would share a key get ``b``, ``c``, … in the order
of their paper ids (the first keeps the plain key), so a key changes only when
a paper with the same key and a smaller id is added.

Record text is untrusted: in BibTeX, LaTeX's special characters are escaped
(balanced ``$…$`` math is kept), so an entry always parses and a title cannot
inject fields; JSON-LD is made safe for ``<script>`` by ``script_json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache

from markupsafe import Markup

from generator import paths
from generator.model import entry_types
from generator.model.collection import Collection
from generator.model.page import Citation
from generator.model.papers import Paper, Publication
from generator.runtime.cache import NO_CACHE, Memo, paper_keys
from generator.runtime.cache import key as cache_key
from generator.site import apa, ris
from generator.text import identifiers
from generator.text.normalise import ascii_fold, split_name
from generator.text.tokens import CITATION_KEY_WORD
from generator.text.words import CITATION_KEY_STOP_WORDS

# --- names and keys ---------------------------------------------------------------

_JOINERS = str.maketrans("", "", "'-.")


def _key_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def base_key(paper: Paper) -> str:
    folded = ascii_fold(paper.title[:120]).lower()
    words = [w for w in (t.translate(_JOINERS) for t in CITATION_KEY_WORD.findall(folded))
             if w not in CITATION_KEY_STOP_WORDS]
    family = _key_word(split_name(paper.authors[0])[0]) if paper.authors else ""
    year = paper.year or ""
    if family:
        key = family + year + (words[0] if words else "")
    else:
        key = "".join(words[:2]) + year
    key = key[:40] or "paper"
    return key if key[0].isalpha() else "p" + key


def citation_keys(papers: tuple[Paper, ...] | list[Paper]) -> dict[str, str]:
    """Paper id → BibTeX key, unique in the collection."""
    groups: dict[str, list[str]] = {}
    for p in papers:
        groups.setdefault(base_key(p), []).append(p.id)
    keys: dict[str, str] = {}
    taken = set(groups)
    for base, ids in groups.items():
        for n, pid in enumerate(sorted(ids)):
            key = base
            if n:
                key = base + _suffix(n)
                while key in taken:  # "smith2020a" + "b" could be another base key
                    key += "x"
                taken.add(key)
            keys[pid] = key
    return keys


def _suffix(n: int) -> str:
    """1 → b, 2 → c, …, 25 → z, 26 → ba, … (0 would be the plain key)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if not n:
            return out


# --- venue kinds --------------------------------------------------------------------

_CONFERENCE = re.compile(
    r"\b(?:conference|proceedings|workshop|symposium|congress|meeting)\b|"
    r"\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|NAACL|EACL|COLING|MICCAI|KDD|WWW|"
    r"SIGIR|SIGGRAPH|COLT|AISTATS|UAI|CoRL|ICRA|IROS|WACV|BMVC|INTERSPEECH|Interspeech|ICASSP|MLSys|CHI|"
    r"WSDM|CIKM|ICDM|SDM|ECML|ACCV|ISBI|LoG|RSS)\b", re.IGNORECASE)
_JOURNAL = re.compile(r"\b(?:journal|transactions|letters|review|magazine|TMLR|JMLR|TPAMI|IJCV|Nature|Science|"
                      r"PNAS|Neural Computation|Neurocomputing|Pattern Recognition)\b", re.IGNORECASE)
_PREPRINT = re.compile(r"^\s*(?:arxiv|biorxiv|medrxiv|preprint|corr)\b", re.IGNORECASE)


def kind(paper: Paper) -> str:
    """``inproceedings``, ``article`` or ``misc`` (preprints and unknown venues)."""
    return _venue_kind(paper.venue or "")


@lru_cache(maxsize=16384)
def _venue_kind(venue: str) -> str:
    if not venue or _PREPRINT.match(venue):
        return "misc"
    if _JOURNAL.search(venue):
        return "article"
    if _CONFERENCE.search(venue):
        return "inproceedings"
    return "misc"


def doi_of(paper: Paper) -> str | None:
    return identifiers.doi(paper.doi)


def landing_url(paper: Paper) -> str | None:
    """The paper's own page: its URL, else arXiv, else the DOI resolver."""
    if paper.url:
        return paper.url
    if paper.arxiv:
        return identifiers.arxiv_url(paper.arxiv)
    doi = doi_of(paper)
    return identifiers.doi_url(doi) if doi else None


_IN_BOOK = ("inproceedings", "incollection", "inbook")


def reference(paper: Paper) -> Publication:
    """The paper's publication as every citation format writes it: with a type (its sources',
    else :func:`kind`'s guess from the venue), and the venue as its journal (an article), its
    booktitle (a paper in a book) or, for a ``misc`` that is no preprint, how it was published,
    where no source names them; a paper in a book whose source calls the book its journal
    (Scopus's @conference) has it as its booktitle."""
    pub = paper.publication
    entry = pub.type or _venue_kind(paper.venue or "")
    if entry in _IN_BOOK and pub.journal and not pub.booktitle:  # Scopus: a conference paper's proceedings
        return replace(pub, type=entry, booktitle=pub.journal, journal=None)
    venue = paper.venue if paper.venue and not (pub.journal or pub.booktitle or pub.howpublished) else None
    if venue and entry == "article":
        return replace(pub, type=entry, journal=venue)
    if venue and entry in _IN_BOOK:
        return replace(pub, type=entry, booktitle=venue)
    if venue and entry == "misc" and not _PREPRINT.match(venue):
        return replace(pub, type=entry, howpublished=venue)
    return pub if pub.type == entry else replace(pub, type=entry)


def container(pub: Publication) -> str | None:
    """The journal, book or proceedings the paper is in (or how a ``misc`` was published)."""
    return pub.journal or pub.booktitle or pub.howpublished


def citable(paper: Paper, pub: Publication) -> bool:
    """Whether a citation can say more than the title: an author or editor, a date, an
    identifier or link, or where it was published. A title alone is nothing to cite by."""
    return bool(paper.authors or pub.editors or paper.published or paper.doi or paper.arxiv or paper.url
                or container(pub) or pub.publisher or pub.institution or pub.organization)


# --- BibTeX -----------------------------------------------------------------------------

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
            "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_CONTROLS = [*range(0x20), *range(0x7f, 0xa0)]
_TABLE = str.maketrans({**_SPECIAL, **{chr(c): " " for c in _CONTROLS}})
_MATH = re.compile(r"\$[^$\s](?:[^$]*[^$\s])?\$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: A word that lower-casing would change: a capital after its first letter
#: ("GANs", "nnU-Net", "3D", "ResNet-50"), a one-letter capital part of a
#: hyphenated word ("U-Net"), or a capital followed by a digit ("V2").
_MAYBE = re.compile(r"[\w-][A-Z]|\d")  # cheap test first: most titles and words fail it
_WORD = re.compile(r"(?<![\w-])[\w-]*?(?:[\w-][A-Z]|\d)[\w-]*")  # the words that might need it
_PROTECT = re.compile(r"[^\W_][^\W_-]*?[A-Z]|(?<![^\W_])[A-Z]-|-[A-Z](?![^\W_])|[A-Z][^\W_-]*?\d")
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks, replaced by braces after escaping


def _escape(text: str) -> str:
    return text.translate(_TABLE)


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and i and text[i - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def latex(text: str, protect_case: bool = False) -> str:
    """``text`` as a BibTeX field value: specials escaped, balanced ``$…$`` math kept.

    With ``protect_case``, words with capitals after their first letter
    ("U-Net", "GANs", "3D") are braced so styles that lower-case titles keep them.
    """
    if "$" not in text:
        return _escape_words(text, protect_case)
    out: list[str] = []
    pos = 0
    for m in _MATH.finditer(text):
        out.append(_escape_words(text[pos:m.start()], protect_case))
        math = m.group(0)
        out.append(math if _balanced(math) and not _CONTROL.search(math) else _escape(math))
        pos = m.end()
    out.append(_escape_words(text[pos:], protect_case))
    return "".join(out)


def _escape_words(text: str, protect_case: bool) -> str:
    if protect_case and _MAYBE.search(text) and _OPEN not in text and _CLOSE not in text:
        text = _WORD.sub(_protect, text)
        return _escape(text).replace(_OPEN, "{").replace(_CLOSE, "}")
    return _escape(text)


def _protect(m: re.Match) -> str:
    word = m.group(0)
    return _OPEN + word + _CLOSE if _PROTECT.search(word) else word


@lru_cache(maxsize=65536)
def _bib_name(name: str) -> str:
    family, given = split_name(name)
    if not given or re.search(r"\band\b", name, re.IGNORECASE):
        # One word, or an "and" BibTeX would split on: the whole name, braced.
        return "{" + latex(name if given else family) + "}"
    # "van Beethoven, Ludwig": BibTeX reads "van" as the von part by itself.
    return f"{latex(family)}, {latex(given)}"


#: The fields BibTeX's data model (biber's) lets each type hold beside title, author, year, month,
#: doi, eprint and url, in the order entries list them; ``school`` and ``type`` are the
#: publication's ``institution`` and ``genre``.
_BIB_FIELDS = {
    "article": ("editor", "journal", "series", "volume", "number", "pages", "issn", "note"),
    "book": ("editor", "series", "volume", "number", "chapter", "pages", "edition", "publisher", "address",
             "isbn", "note"),
    "booklet": ("editor", "howpublished", "chapter", "pages", "address", "type", "note"),
    "inbook": ("editor", "booktitle", "series", "volume", "number", "chapter", "pages", "edition", "publisher",
               "address", "isbn", "note"),
    "incollection": ("editor", "booktitle", "series", "volume", "number", "chapter", "pages", "edition",
                     "publisher", "address", "isbn", "note"),
    "inproceedings": ("editor", "booktitle", "series", "volume", "number", "chapter", "pages", "publisher",
                      "organization", "address", "isbn", "note"),
    "manual": ("editor", "series", "number", "chapter", "pages", "edition", "organization", "publisher",
               "address", "type", "isbn", "note"),
    "mastersthesis": ("school", "type", "chapter", "pages", "address", "note"),
    "misc": ("editor", "howpublished", "organization", "address", "type", "note"),
    "phdthesis": ("school", "type", "chapter", "pages", "address", "note"),
    "proceedings": ("editor", "series", "volume", "number", "chapter", "pages", "publisher", "organization",
                    "address", "isbn", "note"),
    "techreport": ("institution", "type", "number", "chapter", "pages", "address", "note"),
    "unpublished": ("howpublished", "address", "type", "note"),
}
#: BibTeX's field name → the publication's, where they differ.
_BIB_NAMES = {"school": "institution", "type": "genre", "editor": "editors"}


def bibtex(paper: Paper, key: str, pub: Publication | None = None) -> str:
    """The paper's BibTeX entry (``pub``: its :func:`reference`, worked out here when not given)."""
    pub = pub or reference(paper)
    fields = bibtex_fields(paper, pub)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{pub.type}{{{key},\n{body}\n}}\n"


def bibtex_fields(paper: Paper, pub: Publication) -> list[tuple[str, str]]:
    """(field, value as BibTeX text) of the entry, in order."""
    fields: list[tuple[str, str]] = [("title", latex(paper.title, protect_case=True))]
    if paper.authors:
        fields.append(("author", " and ".join(_bib_name(a) for a in paper.authors)))
    if paper.year or pub.status:  # a forthcoming paper's year is its state, as BibTeX lists write it
        fields.append(("year", paper.year or latex(pub.status)))
    if paper.published and len(paper.published) >= 7:
        fields.append(("month", str(int(paper.published[5:7]))))
    for name in _BIB_FIELDS[pub.type]:
        value = getattr(pub, _BIB_NAMES.get(name, name))
        if not value:
            continue
        if name == "editor":
            fields.append((name, " and ".join(_bib_name(a) for a in value)))
        elif name == "pages":
            fields.append((name, latex(_bib_pages(pub))))
        else:
            fields.append((name, latex(value)))
    doi = doi_of(paper)
    if doi:
        fields.append(("doi", _escape_url(doi)))
    if paper.arxiv:
        fields += [("eprint", _escape_url(paper.arxiv)), ("archiveprefix", "arXiv")]
    url = landing_url(paper)
    if url:
        fields.append(("url", _escape_url(url)))
    return fields


def _bib_pages(pub: Publication) -> str:
    """Pages as BibTeX writes a range: "234--241"."""
    first, last = pub.page_range() or ("", None)
    return f"{first}--{last}" if last else first


def _escape_url(url: str) -> str:
    # url, doi and eprint are verbatim fields: only braces, backslashes and
    # spaces could break the entry, so those alone are percent-encoded.
    return "".join(f"%{ord(ch):02X}" if ch in "{}\\ " or ord(ch) < 32 else ch for ch in url)


# --- CSL-JSON ------------------------------------------------------------------------------

def csl_names(names: tuple[str, ...]) -> list[dict]:
    people = []
    for a in names:
        family, given = split_name(a)
        people.append({"family": family, "given": given} if given else {"literal": family})
    return people


def csl(paper: Paper, key: str, topic_name: str, tag_names: list[str], pub: Publication | None = None) -> dict:
    """The paper as a CSL-JSON item; a thesis's or report's institution is its CSL ``publisher``."""
    pub = pub or reference(paper)
    item: dict = {"id": key, "type": entry_types.to_csl(pub.type), "title": paper.title}
    if paper.authors:
        item["author"] = csl_names(paper.authors)
    if pub.editors:
        item["editor"] = csl_names(pub.editors)
    if paper.published:
        item["issued"] = {"date-parts": [[int(x) for x in paper.published.split("-")]]}
    item.update((k, v) for k, v in _csl_publication(pub).items() if v)
    doi = doi_of(paper)
    if doi:
        item["DOI"] = doi
    if paper.arxiv and pub.type == "misc" and not item.get("number"):
        item["number"] = f"arXiv:{paper.arxiv}"  # a preprint: its number, and arXiv publishes it
        item.setdefault("publisher", "arXiv")
    url = landing_url(paper)
    if url:
        item["URL"] = url
    # No abstract: papers.json has them; the downloads stay a tenth of the size.
    item["keyword"] = ", ".join([topic_name, *tag_names])
    return item


def _csl_publication(pub: Publication) -> dict[str, str | None]:
    """CSL's variables of the publication: a thesis's or report's institution is its ``publisher``,
    and so is how a ``misc`` was published; BibTeX's ``number`` is an article's or conference
    paper's ``issue``, a thesis's or report's ``number``, a book's number in its series."""
    awarded = pub.type in ("phdthesis", "mastersthesis", "techreport")
    serial = pub.type in ("article", "inproceedings")
    return {"container-title": pub.journal or pub.booktitle, "collection-title": pub.series,
            "publisher": (pub.institution if awarded else None) or pub.publisher or pub.organization
            or pub.howpublished, "publisher-place": pub.address, "volume": pub.volume,
            "issue": pub.number if serial else None, "number": pub.number if awarded else None,
            "collection-number": None if serial or awarded else pub.number, "page": _csl_pages(pub),
            "chapter-number": pub.chapter, "edition": pub.edition, "ISBN": pub.isbn, "ISSN": pub.issn,
            "genre": entry_types.genre(pub.type, pub.genre), "note": pub.note, "status": pub.status}


def _csl_pages(pub: Publication) -> str | None:
    first, last = pub.page_range() or (None, None)
    return f"{first}-{last}" if last else first


# --- Highwire meta tags and schema.org JSON-LD ------------------------------------------------

#: The meta tag that names a paper's container, by entry type.
_HIGHWIRE_CONTAINER = {"article": "citation_journal_title", "inproceedings": "citation_conference_title",
                       "incollection": "citation_book_title", "inbook": "citation_book_title"}
#: The meta tag that names a thesis's or report's institution.
_HIGHWIRE_INSTITUTION = {"phdthesis": "citation_dissertation_institution",
                         "mastersthesis": "citation_dissertation_institution",
                         "techreport": "citation_technical_report_institution"}


def highwire(paper: Paper, tag_names: list[str], pub: Publication | None = None) -> list[tuple[str, str]]:
    """(name, content) pairs for ``<meta name=… content=…>`` (Google Scholar's inclusion guidelines,
    and the Highwire tags Zotero reads: editors, book titles).

    An inferred title is not the paper's title: it is never given to indexers
    as ``citation_title`` (the page shows it, marked as inferred). No
    ``citation_abstract_html_url``: the page is the abstract's page, and its
    ``<link rel="canonical">`` already gives that URL.
    """
    pub = pub or reference(paper)
    meta = [] if paper.title_inferred else [("citation_title", paper.title)]
    meta += [("citation_author", a) for a in paper.authors]
    meta += [("citation_editor", a) for a in pub.editors]
    if paper.published:
        meta.append(("citation_publication_date", paper.published.replace("-", "/")))
    meta += _highwire_publication(pub)
    doi = doi_of(paper)
    if doi:
        meta.append(("citation_doi", doi))
    if paper.arxiv:
        meta.append(("citation_arxiv_id", paper.arxiv))
    pdf = identifiers.pdf_url(paper)
    if pdf:
        meta.append(("citation_pdf_url", pdf))
    if tag_names:
        meta.append(("citation_keywords", "; ".join(tag_names)))
    return meta


def _highwire_publication(pub: Publication) -> list[tuple[str, str]]:
    meta = []
    where = pub.journal or pub.booktitle
    if where and pub.type in _HIGHWIRE_CONTAINER:
        meta.append((_HIGHWIRE_CONTAINER[pub.type], where))
    if pub.institution and pub.type in _HIGHWIRE_INSTITUTION:
        meta.append((_HIGHWIRE_INSTITUTION[pub.type], pub.institution))
    if pub.number and pub.type == "techreport":
        meta.append(("citation_technical_report_number", pub.number))
    publisher = pub.publisher or (pub.howpublished if pub.type == "misc" else None)
    if publisher:
        meta.append(("citation_publisher", publisher))
    pages = pub.page_range()
    meta += [(name, value) for name, value in (
        ("citation_volume", pub.volume), ("citation_issue", pub.number if pub.type == "article" else None),
        ("citation_firstpage", pages and pages[0]), ("citation_lastpage", pages and pages[1]),
        ("citation_isbn", pub.isbn), ("citation_issn", pub.issn)) if value]
    return meta


#: schema.org's type of each entry type (ScholarlyArticle for the rest).
_SCHEMA_TYPES = {"book": "Book", "proceedings": "Book", "manual": "Book", "inbook": "Chapter", "incollection": "Chapter",
                 "phdthesis": "Thesis", "mastersthesis": "Thesis", "techreport": "Report"}


def data_type(pub: Publication) -> str:
    return _SCHEMA_TYPES.get(pub.type, "ScholarlyArticle")


def jsonld(paper: Paper, topic_name: str, pub: Publication | None = None) -> dict:
    """schema.org ``ScholarlyArticle``, ``Book``, ``Chapter``, ``Thesis`` or ``Report``. Nothing another
    tag of the head already says: no ``url`` (the canonical link), no ``keywords`` (``citation_keywords``)
    and no ``identifier`` (the arXiv and DOI URLs of ``sameAs`` name them)."""
    pub = pub or reference(paper)
    data: dict = {"@context": "https://schema.org", "@type": data_type(pub)}
    if not paper.title_inferred:  # an inferred title is not the paper's name
        data["headline"] = data["name"] = paper.title
    if paper.abstract:
        data["abstract"] = paper.abstract
    if paper.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in paper.authors]
    if paper.published:
        data["datePublished"] = paper.published
    elif pub.status:
        data["creativeWorkStatus"] = pub.status
    data.update(_schema_publication(pub))
    doi = doi_of(paper)
    same = [u for u in (identifiers.arxiv_url(paper.arxiv) if paper.arxiv else None,
                        identifiers.doi_url(doi) if doi else None, paper.url) if u]
    if same:
        data["sameAs"] = same
    data["about"] = {"@type": "Thing", "name": topic_name}
    return data


def _schema_publication(pub: Publication) -> dict:
    """What schema.org says of the publication: the periodical (with volume and issue) or book a paper
    is part of, editors, publisher, the institution of a thesis or report, pages, ISBN."""
    data: dict = {}
    people = [{"@type": "Person", "name": a} for a in pub.editors]
    publisher = {"@type": "Organization", "name": pub.publisher} if pub.publisher else None
    if pub.type == "article" and pub.journal:
        part: dict = {"@type": "Periodical", "name": pub.journal, **({"issn": pub.issn} if pub.issn else {})}
        if pub.volume:
            part = {"@type": "PublicationVolume", "volumeNumber": pub.volume, "isPartOf": part}
        if pub.number:
            part = {"@type": "PublicationIssue", "issueNumber": pub.number, "isPartOf": part}
        data["isPartOf"] = part
    elif container(pub) and pub.type in _IN_BOOK:
        book = {"@type": "Book", "name": container(pub), **({"editor": people} if people else {}),
                **({"publisher": publisher} if publisher else {}), **({"isbn": pub.isbn} if pub.isbn else {})}
        data["isPartOf"] = book
        people, publisher = [], None
    elif container(pub):
        data["isPartOf"] = {"@type": "CreativeWork", "name": container(pub)}
    if people:
        data["editor"] = people
    if publisher:
        data["publisher"] = publisher
    if pub.institution and pub.type in _HIGHWIRE_INSTITUTION:
        data["sourceOrganization"] = {"@type": "Organization", "name": pub.institution}
    pages = pub.page_range()
    if pages and data_type(pub) in ("ScholarlyArticle", "Chapter", "Report"):
        data.update({"pageStart": pages[0], **({"pageEnd": pages[1]} if pages[1] else {})})
    if pub.isbn and pub.type in ("book", "proceedings"):
        data["isbn"] = pub.isbn
    return data


def script_json(data: object) -> str:
    """JSON text safe inside ``<script>`` and in HTML text: ``<``, ``>``, ``&`` and
    line separators become ``\\u`` escapes, so no ``</script>`` or comment can appear."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text


# --- everything for one collection ------------------------------------------------------------------

def _tag_names(collection: Collection, paper: Paper) -> list[str]:
    return [collection.tag_names[t] for t in paper.tags if t in collection.tag_names]


def citations(collection: Collection, memo: Memo | None = None) -> dict[str, Citation]:
    """Paper id → its citation for its page. With ``memo``, a citation made from the same paper,
    key, topic and tags as in the last build is not made again."""
    keys = citation_keys(collection.papers)
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    memo = memo or NO_CACHE.memo("citations")
    papers = paper_keys(collection.papers) if memo.enabled else {}
    out: dict[str, Citation] = {}
    for p in collection.papers:
        tags = _tag_names(collection, p)
        topic = topics.get(p.topic, p.topic)
        out[p.id] = memo.get(memo.enabled and cache_key(papers[p.id], keys[p.id], tags, topic),
                             lambda: citation(p, keys[p.id], topic, tags))
    memo.save()
    return out


def citation(paper: Paper, key: str, topic: str, tags: list[str]) -> Citation:
    """Everything a paper's page and the downloads say of its citation, from one :func:`reference`."""
    pub = reference(paper)
    doi, url = doi_of(paper), landing_url(paper)
    return Citation(key, bibtex(paper, key, pub), tuple(highwire(paper, tags, pub)),
                    script_json(jsonld(paper, topic, pub)), ris.record(paper, pub, key, doi, url, [topic, *tags]),
                    Markup(apa.reference(paper, pub, doi, url)) if citable(paper, pub) else "")



def downloads(collection: Collection, cites: dict[str, Citation]) -> dict[str, str]:
    """The whole collection and each topic as BibTeX, CSL-JSON and RIS, under ``downloads/``."""
    files: dict[str, str] = {}
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    groups: dict[str, list[Paper]] = {"": list(collection.papers)}
    for p in collection.papers:
        groups.setdefault(p.topic, []).append(p)
    # One CSL item a line: readable, each encoded once, by json's C encoder
    # (indent= would switch to the pure-Python one); no space after "," and ":".
    items = {p.id: json.dumps(csl(p, cites[p.id].key, topics.get(p.topic, p.topic), _tag_names(collection, p)),
                              ensure_ascii=False, separators=(",", ":")) for p in collection.papers}
    for slug, members in groups.items():
        members = sorted(members, key=lambda p: cites[p.id].key)
        base = paths.downloads(slug or None)
        files[base + ".bib"] = "\n".join(cites[p.id].bibtex for p in members)
        files[base + ".json"] = "[\n" + ",\n".join(items[p.id] for p in members) + "\n]\n"
        files[base + ".ris"] = ris.EOL.join(cites[p.id].ris for p in members)
    return files
