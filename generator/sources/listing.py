"""Paper-listing text dumps, as scraped from a papers feed.

Header lines are dropped (``Get trending papers…``, ``Subscribe`` — also glued
to the next title —, ``byAK and the research community``, ``new``, a date line
such as ``Mar 17``). The rest is title-line + abstract-line pairs, with or
without blank lines between, papers as blocks separated by blank lines, or
abstracts alone, one a line. Titles and abstracts are told apart by the file's
rhythm (what comes after a title is its abstract), not by length alone: a short
abstract stays an abstract, and a line that could be either is warned about.
"""
from __future__ import annotations

import re

from generator.errors import warning
from generator.model.papers import Provenance, RawRecord
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text.latex import decode_commands

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


def _content_lines(text: str) -> list[tuple[int, str, bool]]:
    """(line number, text, whether a blank line comes before it) of every line that is not a header."""
    out = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        if _HEADER.match(line):
            continue
        out.append((number, _GLUED_SUBSCRIBE.sub("", line), blank))
        blank = False
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
    long = sum(1 for _, line, _ in lines if is_abstract_like(line))
    return 0.6 if long >= max(1, len(lines) // 3) else 0.2


# --- the file's rhythm --------------------------------------------------------------
#
# A line is an abstract (long, or sentences), a title (no full stop at its
# end), or a short sentence: a short abstract, or a title that ends with a full
# stop. Which one a short sentence is comes from where it stands: after a title
# it is that title's abstract; in a file of title/abstract pairs, before a
# longer abstract it is a title. Blocks separated by blank lines are papers:
# their first line the title, the rest the abstract.

ABSTRACT, TITLE, SHORT = "abstract", "title", "short"


def _shape(line: str) -> str:
    if is_abstract_like(line):
        return ABSTRACT
    return SHORT if line.endswith(".") else TITLE


def _blocks(lines: list[tuple[int, str, bool]]) -> list[list[tuple[int, str, bool]]]:
    blocks: list[list[tuple[int, str, bool]]] = []
    for item in lines:
        if item[2] or not blocks:
            blocks.append([])
        blocks[-1].append(item)
    return blocks


class _Reader:
    """Title/abstract pairs (or abstracts alone) read line by line, in the file's rhythm."""

    def __init__(self, source: SourceFile, result: ReadResult):
        self.source, self.result = source, result
        self.pending: tuple[int, str] | None = None  # a title waiting for its abstract

    def emit(self, line_no: int, title: str | None, abstract: str | None) -> None:
        prov = Provenance(self.source.path, line_no, FORMAT.name)
        # Not LaTeX: only unambiguous commands are decoded (latex.decode_commands): "92\%" reads "92%",
        # "(e^{-c m})" and "~75%" stay as written.
        self.result.records.append(RawRecord(prov, title=decode_commands(title), abstract=decode_commands(abstract)))

    def ambiguous(self, line_no: int, read_as: str) -> None:
        self.result.problems.append(warning(
            self.source.path, line_no, f"a short line ending in a full stop, read as {read_as} from the lines around "
            "it; put a blank line between papers (title, then abstract) to say which it is", "listing-ambiguous"))

    def title(self, number: int, line: str) -> None:
        if self.pending:
            self.emit(self.pending[0], self.pending[1], None)
        self.pending = (number, line)

    def abstract(self, number: int, line: str) -> None:
        if self.pending:
            self.emit(self.pending[0], self.pending[1], line)
        else:
            self.emit(number, None, line)
        self.pending = None

    def lines(self, lines: list[tuple[int, str, bool]], paired: bool) -> None:
        shapes = [_shape(line) for _, line, _ in lines]
        for i, ((number, line, _), shape) in enumerate(zip(lines, shapes)):
            before_longer = (i + 1 < len(lines) and shapes[i + 1] != TITLE
                             and len(lines[i + 1][1]) > 2 * len(line))
            if shape == TITLE:
                self.title(number, line)
            elif self.pending:  # after a title: its abstract, however short
                if shape == SHORT and before_longer:  # or the title, with a full stop, of the next line?
                    self.ambiguous(number, f"the abstract of the title at line {self.pending[0]}")
                self.abstract(number, line)
            elif paired and before_longer and len(line) < 300:  # a title with a full stop in it
                self.title(number, line)
            else:
                if shape == SHORT and paired:
                    self.ambiguous(number, "an abstract without a title")
                self.abstract(number, line)
        if self.pending:
            self.emit(self.pending[0], self.pending[1], None)
            self.pending = None


def read(source: SourceFile) -> ReadResult:
    result = ReadResult()
    reader = _Reader(source, result)
    lines = _content_lines(source.text)
    blocks = _blocks(lines)
    if len(blocks) >= 2 and sum(len(b) >= 2 for b in blocks) * 2 >= len(blocks):
        for block in blocks:  # papers separated by blank lines: title, then the abstract's lines
            if len(block) == 1:
                reader.lines(block, paired=False)
            else:
                reader.emit(block[0][0], block[0][1], " ".join(line for _, line, _ in block[1:]))
    else:
        shapes = [_shape(line) for _, line, _ in lines]
        reader.lines(lines, paired=shapes.count(TITLE) * 4 >= len(shapes))
    return result


FORMAT = Format(
    name="listing",
    empty="the listing holds no papers",
    description="Paper-listing text dump: a title line then an abstract line per paper, or abstracts alone",
    extensions=(".txt",),
    sniff=sniff,
    read=read,
    example="U-Net: Convolutional Networks for Biomedical Image Segmentation⏎There is large consent that …",
)
