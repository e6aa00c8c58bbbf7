"""Paper-listing text dumps, as scraped from a papers feed.

Header lines are dropped (``Get trending papers…``, ``Subscribe`` — also glued
to the next title —, ``byAK and the research community``, ``new``, a date line
such as ``Mar 17``). The rest is title-line + abstract-line pairs, with or
without blank lines between, or abstracts alone, one a line.
"""
from __future__ import annotations

import re

from ..errors import warning
from ..models import Provenance, RawRecord
from . import Format, ReadResult, SourceFile

_HEADER = re.compile(
    r"^(?:get trending papers in your email inbox.*|byak and the research community|new|subscribe"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, \d{4})?)$",
    re.IGNORECASE,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=\S)")
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


def is_abstract_like(line: str) -> bool:
    """An abstract is long or made of sentences; a title is neither."""
    if len(line) > 300:
        return True
    sentences = len(_SENTENCE_END.findall(line))
    return sentences >= 2 or (line.endswith(".") and len(line) > 120)


def _content_lines(text: str) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or _HEADER.match(line):
            continue
        line = _GLUED_SUBSCRIBE.sub("", line)
        out.append((number, line))
    return out


def sniff(source: SourceFile) -> float:
    head = source.head()
    if not head or head[0] in "{[<@%" or head.startswith(("---", "- ", "title:")):
        return 0.0
    lines = _content_lines(source.text[:65536])
    if not lines:
        return 0.0
    if any(_HEADER.match(line.strip()) for line in source.text[:2048].split("\n")):
        return 0.9
    long = sum(1 for _, line in lines if is_abstract_like(line))
    return 0.6 if long >= max(1, len(lines) // 3) else 0.2


def read(source: SourceFile) -> ReadResult:
    result = ReadResult()
    pending: tuple[int, str] | None = None

    def emit(line_no: int, title: str | None, abstract: str | None) -> None:
        prov = Provenance(source.path, line_no, FORMAT.name)
        result.records.append(RawRecord(prov, title=title, abstract=abstract))

    lines = _content_lines(source.text)
    kinds = [is_abstract_like(line) for _, line in lines]
    # A listing of title/abstract pairs: a short "abstract-like" line (a title
    # with a full stop in it) followed by a longer abstract is a title.
    paired = kinds.count(False) * 4 >= len(kinds)
    for i, ((number, line), abstract_like) in enumerate(zip(lines, kinds)):
        if (paired and abstract_like and not pending and len(line) < 300 and i + 1 < len(lines)
                and kinds[i + 1] and len(lines[i + 1][1]) > 2 * len(line)):
            abstract_like = False
        if abstract_like:
            if pending:
                emit(pending[0], pending[1], line)
            else:
                emit(number, None, line)
            pending = None
        else:
            if pending:
                emit(pending[0], pending[1], None)
            pending = (number, line)
    if pending:
        emit(pending[0], pending[1], None)
    if not result.records:
        result.problems.append(warning(source.path, 0, "the listing holds no papers", "empty"))
    return result


FORMAT = Format(
    name="listing",
    description="Paper-listing text dump: a title line then an abstract line per paper, or abstracts alone",
    extensions=(".txt",),
    sniff=sniff,
    read=read,
    example="U-Net: Convolutional Networks for Biomedical Image Segmentation⏎There is large consent that …",
)
