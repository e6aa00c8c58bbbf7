"""BibTeX and BibLaTeX files, read with bibtexparser 2.

Field names in any case; ``{…}``, ``"…"``, numbers, ``@string`` macros and
``#`` concatenation; LaTeX decoded to Unicode (math kept); ``Last, First and …``
names turned to "First Last"; authors' ORCID iDs from ``orcid`` and Web of
Science's ``ORCID-Numbers`` (and ``ResearcherID-Numbers``); ``date`` (BibLaTeX) or ``year``/``month``;
``eprint`` with ``eprinttype``/``archiveprefix = arXiv`` → arxiv. A volume
(``@proceedings``, ``@collection``, a ``@book`` with editors and no authors)
that other entries name (``crossref``, or its title as their ``booktitle``) is
their volume, not a paper: it is skipped with a warning; one no entry names (a
lab's edited proceedings) is kept. Every entry keeps its type (BibLaTeX's
mapped onto BibTeX's: ``generator/model/entry_types.py``) and citation fields
(``Publication``). Keywords become tags, except
arXiv subject names that reference managers add (``Computer Science - …``).

Also home of helpers other readers share: :func:`is_subject` and
:func:`venue_or_none`.
"""
from __future__ import annotations

import logging
import re

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)

from generator.errors import SourceError, error, warning
from generator.model import entry_types
from generator.model.papers import Provenance, Publication, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text import dates, identifiers
from generator.text import keywords as text_keywords
from generator.text.latex import latex_to_text

CONTAINERS = frozenset("proceedings mvproceedings collection mvcollection periodical mvbook "
                       "reference mvreference xdata set".split())
_SUBJECT = re.compile(
    r"^(?:Computer Science|Statistics|Mathematics|Physics|Quantitative (?:Biology|Finance)|Economics"
    r"|Electrical Engineering and Systems Science|Condensed Matter|High Energy Physics[\w -]*"
    r"|Astrophysics|Nonlinear Sciences|General Relativity and Quantum Cosmology|Quantum Physics"
    r"|Mathematical Physics|Nuclear (?:Theory|Experiment)) - ", re.I)
#: An entry: ``@type{key,`` (``@string``, ``@comment`` and ``@preamble`` hold no record, so a text
#: line that starts with one of them does not make a file BibTeX).
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(?!(?:string|comment|preamble)\b)[A-Za-z]+[ \t]*[{(][ \t]*[^\s,{}()]*[ \t]*,",
                          re.M | re.I)
#: What an entry takes from the volume it names with ``crossref`` where it has none of its own.
_INHERITED = ("year", "date", "month", "editor", "publisher", "address", "location", "series", "volume",
              "organization", "isbn", "eventtitle")
#: Fields of the publication read from BibTeX: the field it is kept in ← the fields it is read from.
_PUBLICATION = {"journal": ("journaltitle", "journal"), "booktitle": ("booktitle",), "publisher": ("publisher",),
                "address": ("address", "location"), "institution": ("institution", "school"),
                "organization": ("organization",), "series": ("series",), "volume": ("volume",),
                "number": ("number", "issue"), "pages": ("pages",), "chapter": ("chapter",), "edition": ("edition",),
                "isbn": ("isbn",), "issn": ("issn",), "genre": ("type",), "howpublished": ("howpublished",),
                "note": ("note",)}
#: A year that says where a paper without a date stands (kept as the publication's status).
_STATUS = re.compile(r"^\s*(?:forthcoming|in press|to appear|accepted|submitted|under review|in review|"
                     r"in preparation|in revision|under revision)\b", re.IGNORECASE)
#: A note that a database added, not the paper's own ("cited By 12": Scopus's count of citations).
_DATABASE_NOTE = re.compile(r"^\s*cited by \d+\s*$", re.IGNORECASE)


def is_subject(keyword: str) -> bool:
    """Whether a keyword is an arXiv subject name a reference manager added (``Statistics - …``)."""
    return bool(_SUBJECT.match(keyword))


def venue_or_none(venue: str | None) -> str | None:
    """The venue, or None where it only says the paper is an arXiv preprint."""
    if not venue:
        return None
    if re.match(r"^(?:arxiv\b|corr$|arxiv\.org|arxiv preprint|e-?prints?$)", venue.strip(), re.I):
        return None
    return venue


def sniff(source: SourceFile) -> float:
    head = source.text[:16384]
    m = _ENTRY_START.search(head)
    return 0.95 if m and "=" in head[m.end():] else 0.0


def read(source: SourceFile) -> ReadResult:
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.ERROR)  # what it warns about is reported below, as problems
    try:
        library = bibtexparser.parse_string(source.text, parse_stack=[])
    except Exception as exc:  # the parser is not expected to raise; a file it cannot split is bad input
        raise SourceError(f"the BibTeX could not be read ({exc}); check the braces and @ entries") from None
    finally:
        logger.setLevel(level)
    result = ReadResult()
    strings = {s.key.lower(): _value(s.value, {}) for s in library.blocks if isinstance(s, String)}
    entries: list[tuple[Entry, int, str]] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entries.append((block.ignore_error_block, line, ", ".join(sorted(block.duplicate_keys))))
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry):
            entry = block.ignore_error_block
            result.problems.append(warning(source.path, line, f"the key {entry.key!r} is used by an entry "
                                           "above too; give each entry its own key", "duplicate-key"))
            entries.append((entry, line, ""))
        elif isinstance(block, ParsingFailedBlock) and not isinstance(block, DuplicateBlockKeyBlock):
            result.problems.append(error(source.path, line, "this entry could not be read; check that "
                                         "its braces are balanced and its fields are separated by commas"))
        elif isinstance(block, Entry):
            entries.append((block, line, ""))
    all_fields = [_fields(e, strings) for e, _, _ in entries]
    fields_by_key: dict[str, dict[str, str]] = {}
    for (entry, _, _), fields in zip(entries, all_fields):
        fields_by_key.setdefault(entry.key.lower(), fields)
    cited = _volumes_cited(all_fields)
    for (entry, line, duplicates), fields in zip(entries, all_fields):
        kind = entry.entry_type.lower()
        if _is_volume(kind, fields) and (entry.key.lower() in cited or _title_key(fields) in cited
                                         or not _title_key(fields)):
            result.problems.append(warning(source.path, line, f"@{entry.entry_type}{{{entry.key}}} is the "
                                           "volume of other entries, not a paper; skipped", "not-a-paper"))
            continue
        if duplicates:
            result.problems.append(warning(source.path, line, f"field(s) {duplicates} given twice in this "
                                           "entry; the first is used, remove the other", "duplicate-field"))
        parent = fields_by_key.get(fields.get("crossref", "").strip().lower(), {})
        inherited = {"booktitle": parent.get("booktitle") or parent.get("title", ""),
                     **{k: parent[k] for k in _INHERITED if k in parent}}
        record = _record({**inherited, **fields} if parent else fields, source.path, line, kind, entry.key)
        result.add(record, f"@{entry.entry_type}{{{entry.key}}} has "
                   "neither a title nor an abstract; add one")
    return result


def _is_volume(kind: str, fields: dict[str, str]) -> bool:
    """Proceedings, a collection, or a book with editors and no authors."""
    return kind in CONTAINERS or (kind == "book" and "editor" in fields and "author" not in fields)


def _title_key(fields: dict[str, str]) -> str:
    """The folded title of a volume (its booktitle where it has no title: PMLR's), "" without one."""
    return " ".join((fields.get("title") or fields.get("booktitle") or "").lower().split())


def _volumes_cited(all_fields: list[dict[str, str]]) -> set[str]:
    """The keys entries name with ``crossref`` and the booktitles they give (folded): a volume
    among them is those entries' volume, not a paper; the proceedings a lab edited, cited by
    no entry of the file, are one of its publications."""
    cited = {f["crossref"].strip().lower() for f in all_fields if f.get("crossref", "").strip()}
    return cited | {" ".join(f["booktitle"].lower().split()) for f in all_fields if f.get("booktitle", "").strip()}


def _fields(entry: Entry, strings: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in entry.fields:
        key = f.key.strip().lower()
        if key not in out:
            out[key] = _value(str(f.value), strings)
    return out


def _value(raw: str, strings: dict[str, str]) -> str:
    """A field's text: enclosing braces or quotes removed, macros resolved, ``#`` joined."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(raw):
        if c == "{" and not quoted:
            depth += 1
        elif c == "}" and not quoted:
            depth -= 1
        elif c == '"' and depth == 0 and (i == 0 or raw[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    out = []
    for part in (p.strip() for p in parts):
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            out.append(part[1:-1])
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        else:
            out.append(part)
    return "".join(out)


def _unescape_exported(text: str) -> str:
    """LaTeX a reference manager escaped as text (``\\textbackslash emph\\{x\\}``) → ``\\emph{x}``."""
    if "\\textbackslash" not in text:
        return text
    text = re.sub(r"\\textbackslash\s*(?:\{\})?", lambda m: "\\", text)
    return re.sub(r"\\([{}])", r"\1", text)


def person_names(value: str) -> tuple[str, ...]:
    """``Last, First and First Last and others`` → ("First Last", "First Last")."""
    names = []
    try:
        raws = split_multiple_persons_names(value)
    except Exception:  # never expected; a list it cannot split is kept whole
        raws = [value]
    for raw in raws:
        if raw.strip().lower() in ("others", "{others}"):
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
            words = [*parts.first, *parts.von, *parts.last]
            name = " ".join([*words, *parts.jr])  # "Martin Luther King Jr", as other sources write it
        except Exception:  # a name the splitter cannot take apart stays as written
            name = raw
        name = latex_to_text(name).strip(" ,*†‡")
        if name:
            names.append(name)
    return tuple(names)


#: Fields that give authors' persistent ids, and the kind of id each holds.
_AUTHOR_ID_FIELDS = (("orcid-numbers", "orcid"), ("orcid", "orcid"), ("researcherid-numbers", "rid"))


def author_ids(fields: dict[str, str], authors: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, id) of the authors whose ids the entry gives: "Family, Given/0000-0002-…" items
    separated by ";" or new lines (Web of Science), or, in ``orcid``, bare iDs in the authors'
    order (as many as authors) or one iD on a paper with one author. Ids that are not ids are left out."""
    found: list[tuple[str, str]] = []
    for key, kind in _AUTHOR_ID_FIELDS:
        bare: list[str] = []
        for piece in (x.strip() for x in re.split(r"[;\n]", fields.get(key, ""))):
            if kind == "orcid" and identifiers.orcid(piece):
                bare.append(piece)
                continue
            name, _, value = piece.rpartition("/")
            name = latex_to_text(name).strip(" ,")
            if name and (found_id := identifiers.author_id(kind, value)):
                found.append((name, found_id))
        if bare and len(bare) == len(authors):
            found += [(a, f"orcid:{identifiers.orcid(v)}") for a, v in zip(authors, bare)]
    return tuple(dict.fromkeys(found))


def _text(fields: dict[str, str], *keys: str) -> str | None:
    """The first of the fields that holds something, LaTeX decoded."""
    for key in keys:
        if fields.get(key, "").strip():
            return latex_to_text(_unescape_exported(fields[key])) or None
    return None


def _date(fields: dict[str, str]) -> str | None:
    """The entry's date, where it has one (``date``, else ``year`` and ``month``)."""
    return dates.read(fields.get("date")) or dates.read(fields.get("year"), fields.get("month"))


def publication(fields: dict[str, str], kind: str) -> Publication:
    """The entry's type (``kind``: as written, BibLaTeX's too) and citation fields."""
    values = {name: _text(fields, *keys) for name, keys in _PUBLICATION.items()}
    if values["note"] and _DATABASE_NOTE.match(values["note"]):
        values["note"] = None
    entry = entry_types.from_bibtex(kind, values["genre"])
    values["genre"] = entry_types.work_kind(entry, values["genre"])
    in_year = _text(fields, "year", "date") if not _date(fields) else None
    status = _text(fields, "pubstate") or (in_year if in_year and _STATUS.match(in_year) else None)
    return Publication(entry, editors=person_names(fields.get("editor", "")), status=status, **values)


def _record(fields: dict[str, str], path: str, line: int, kind: str = "misc", key: str = "") -> RawRecord:
    def text(*keys: str) -> str | None:
        return _text(fields, *keys)

    eprint_type = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    # An explicit arXiv eprint and the doi field: read, or as written for records to warn about.
    arxiv = identifiers.as_read("arxiv", fields.get("eprint")) if eprint_type == "arxiv" else None
    arxiv = arxiv or (identifiers.arxiv_id(fields.get("eprint")) if not eprint_type else None)
    arxiv = arxiv or identifiers.find_arxiv_id(" ".join(fields.get(k, "") for k in ("url", "journal", "note", "volume",
                                                                       "howpublished", "doi")))
    if not arxiv and fields.get("journal", "").strip().lower() == "corr":
        arxiv = identifiers.arxiv_id(fields.get("volume", "").removeprefix("abs/"))
    url = fields.get("url", "").strip() or None
    doi = identifiers.as_read("doi", fields.get("doi")) or (identifiers.doi(url) if url and "doi.org/" in url else None)
    venue = text("journaltitle", "journal", "booktitle", "eventtitle")
    keywords = text_keywords.split(latex_to_text(fields.get("keywords", "")))
    pdf = fields.get("pdf", "").strip()
    code = fields.get("code", "").strip() or fields.get("github", "").strip()
    authors = person_names(fields.get("author", ""))
    pub = publication(fields, kind)
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=text("title"),
        abstract=text("abstract"),
        authors=authors,
        author_ids=author_ids(fields, authors),
        # A year that is a state ("Forthcoming") is the publication's status, not a date to warn about.
        published=None if pub.status and not _date(fields) else (
            dates.as_read(fields.get("date")) or dates.as_read(fields.get("year"), fields.get("month"))),
        arxiv=arxiv,
        doi=doi,
        url=url,
        pdf=pdf if pdf.startswith(("http://", "https://")) else None,
        code=code if code.startswith(("http://", "https://")) else find_code_url(
            " ".join(fields.get(k, "") for k in ("note", "annotation", "howpublished")), fields.get("abstract")),
        venue=venue_or_none(venue),
        tags=tuple(k for k in keywords if k and not is_subject(k)),
        publication=pub,
        citation_key=key.strip() or None,
    )


FORMAT = Format(
    name="bibtex",
    empty="the file holds no BibTeX entries",
    description="BibTeX or BibLaTeX (.bib), e.g. an export from Zotero, DBLP or a proceedings site",
    extensions=(".bib", ".bibtex", ".biblatex"),
    sniff=sniff,
    read=read,
    example="@inproceedings{ronneberger2015, title = {{U-Net}: …}, author = {Ronneberger, Olaf and …}, year = 2015}",
)
