"""Half a character (a lone surrogate: ``"\\uD800"``) in any format: never a traceback, never a page
that cannot be written. It is replaced at the record by U+FFFD with a warning naming the file and
line (YAML and JSON escapes), or the file is refused at its line (bytes that are no UTF-8, XML
character references); a pair of escapes is the character it stands for."""
from __future__ import annotations

import pytest

from generator import sources
from generator.records import build_papers
from support.formats import FILE_NAMES, FORMATS, Row, entries, write

ROW = [Row("surrogate", "bad SURROGATE here", "bad \ufffd here")]
#: How each format writes a lone surrogate: an escape where it has one, else the bytes.
ESCAPED = {"yaml": "\\uD800", "zotero_json": "\\ud800", "semantic_scholar": "\\ud800", "hf_daily": "\\ud800",
           "crossref": "\\ud800", "miniconf": None, "listing": None, "bibtex": None, "arxiv_atom": "&#xD800;",
           "acl_xml": "&#xD800;"}


def written(fmt: str) -> bytes:
    (record,) = entries(fmt, ROW)
    text = write(fmt, [record])
    if fmt == "yaml":  # double-quoted scalars, where \u escapes mean something
        text = f'- title: "{record.title}"\n  abstract: "{record.abstract}"\n'
    if ESCAPED[fmt] is None:
        return text.replace("SURROGATE", "\ud800").encode("utf-8", "surrogatepass")
    return text.replace("SURROGATE", ESCAPED[fmt]).encode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_is_replaced_or_refused_at_its_file_and_line(fmt):
    name = f"data/sources/{FILE_NAMES[fmt]}"
    _, result = sources.read_source(name, written(fmt))
    papers, problems = build_papers(result.records)
    found = result.problems + problems
    assert all(p.path == name for p in found)
    if papers:  # replaced, with a warning at the record
        assert [p.title for p in papers] == [f"{fmt} 0: bad \ufffd here"]
        warned = [p for p in found if p.kind == "surrogate"]
        assert warned and all(p.line == papers[0].sources[0].line > 0 for p in warned), found
    else:  # refused: an error naming the line
        assert [p for p in found if p.is_error and p.line > 0], found


def test_a_pair_of_escapes_is_the_character():
    text = '- title: "A smile \\uD83D\\uDE00 and a half \\uDE00"\n  abstract: "x."\n'
    _, result = sources.read_source("a.yml", text.encode())
    papers, problems = build_papers(result.records)
    assert papers[0].title == "A smile 😀 and a half \ufffd"
    assert [(p.line, p.kind) for p in problems if p.kind == "surrogate"] == [(1, "surrogate")]
