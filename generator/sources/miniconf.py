"""MiniConf conference sites: ``papers.csv`` and ``papers.json``.

The CSV has the header ``UID,title,authors,abstract,keywords,sessions``, with
``|`` between authors, keywords and sessions; abstracts are quoted and may span
lines. The JSON is a list of objects with the same keys, where lists may be
real lists (and the fields may sit under ``content``). Keywords become tags.
Abstracts carry LaTeX (``$…$`` kept) and PDF ligatures; titles may be in
capitals with doubled spaces (the spaces are collapsed, the case is kept).
"""
from __future__ import annotations

import csv
import io
import re

from generator.errors import SourceError, error, warning
from generator.model.papers import Provenance, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.format import Format, ReadResult, SourceFile
from generator.sources.semantic_scholar import load_json
from generator.text.latex import decode_commands

_HEADER = re.compile(r'^\ufeff?"?uid"?\s*,', re.I)
#: Column → RawRecord field, for the optional link columns some MiniConf sites add.
LINKS = {"pdf_url": "pdf", "pdf": "pdf", "paper_pdf": "pdf", "url": "url", "forum_url": "url",
         "paper_url": "url", "code": "code", "code_url": "code", "code_link": "code", "doi": "doi"}


def sniff(source: SourceFile) -> float:
    head = source.text[:65536].lstrip()
    if _HEADER.match(head):
        first = head.split("\n", 1)[0].lower()
        return 0.95 if "title" in first and ("authors" in first or "abstract" in first) else 0.0
    if head.startswith("[") and re.search(r'"UID"\s*:', head) and re.search(r'"title"\s*:', head):
        return 0.95
    return 0.0


def read(source: SourceFile) -> ReadResult:
    if source.text.lstrip().startswith("["):
        return _read_json(source)
    return _read_csv(source)


def _split(value: object) -> tuple[str, ...]:
    """``a|b|c`` (or a real list) → ("a", "b", "c"), spaces collapsed, empties dropped."""
    items = value if isinstance(value, list) else str(value or "").split("|")
    return tuple(t for item in items if (t := " ".join(str(item).split())))


def _record(row: dict, path: str, line: int) -> RawRecord:
    title, abstract = row.get("title"), row.get("abstract")
    links = {field: str(row[col]).strip() for col, field in LINKS.items()
             if row.get(col) and str(row[col]).strip().startswith(("http", "10."))}
    if "code" not in links and (found := find_code_url(None, str(abstract or ""))):
        links["code"] = found
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=decode_commands(str(title)) if title else None,
        abstract=decode_commands(str(abstract)) if abstract else None,
        authors=_split(row.get("authors")),
        tags=_split(row.get("keywords")),
        **links,
    )


def _add(result: ReadResult, row: dict, path: str, line: int, what: str) -> None:
    record = _record(row, path, line)
    result.add(record, f"{what} has neither a title nor an abstract; fill one in")


def _read_csv(source: SourceFile) -> ReadResult:
    result = ReadResult()
    reader = csv.reader(io.StringIO(source.text, newline=""))
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
        if "title" not in header and "abstract" not in header:
            raise SourceError("the CSV header names neither 'title' nor 'abstract'; "
                              "the first line must be UID,title,authors,abstract,keywords,sessions", 1)
        end = reader.line_num
        last: tuple[int, list[str]] = (0, [])
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            last = (start, row)
            if len(row) > len(header):
                result.problems.append(warning(source.path, start, f"this row has {len(row)} fields, the "
                                               f"header {len(header)}; quote fields that hold commas",
                                               "extra-fields"))
            _add(result, dict(zip(header, row)), source.path, start, "this row")
        if _unclosed_quote(source.text, *last):
            raise SourceError('a quoted field in this row is never closed, so the row runs to the end of '
                              'the file; add the closing "', last[0])
    except csv.Error as exc:
        raise SourceError(f"the CSV cannot be read ({exc}); check the quotes of the row "
                          "that starts here", reader.line_num + 1) from None
    return result


def _unclosed_quote(text: str, start: int, row: list[str]) -> bool:
    """Whether the last row ran to the end of the file inside quotes (csv reads that silently)."""
    if not start or not any("\n" in cell for cell in row):
        return False
    return text.split("\n", start - 1)[-1].count('"') % 2 == 1


def _read_json(source: SourceFile) -> ReadResult:
    data, line_of = load_json(source)
    if not isinstance(data, list):
        raise SourceError("a MiniConf papers.json must be a list of paper objects", 1)
    result = ReadResult()
    for position, item in enumerate(data, start=1):
        line = line_of(item)
        if not isinstance(item, dict):
            result.problems.append(error(source.path, line, f"item {position} is not an object; remove it"))
            continue
        row = {str(k).lower(): v for k, v in item.items()}
        if isinstance(row.get("content"), dict):
            row = {**{str(k).lower(): v for k, v in row["content"].items()}, **row}
        _add(result, row, source.path, line, f"item {position}")
    return result


FORMAT = Format(
    name="miniconf",
    empty="the file holds no papers",
    description="MiniConf conference site papers.csv (UID,title,authors,abstract,keywords,sessions) or papers.json",
    extensions=(".csv", ".json"),
    sniff=sniff,
    read=read,
    example="B1xSperKvH,U-Net: …,Olaf Ronneberger|Philipp Fischer,There is large consent that …,segmentation|medical,Mon Session 1",
)
